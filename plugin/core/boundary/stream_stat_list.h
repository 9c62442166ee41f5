/*
 * Every statistic of microsoft-defender-stream(), once: define DEFENDER_STREAM_STAT(suffix, name), then include this
 * file (it undefines the macro at its end). From it come the enum DefenderStreamStat (core.h),
 * defender_stream_stat_name() and the counters the glue registers with syslog-ng.
 *
 *   suffix  DEFENDER_STREAM_STAT_<suffix>
 *   name    the counter's name in `syslog-ng-ctl stats`; docs/options.md, "Statistics of microsoft-defender-stream()",
 *           says what each counts (a unit test compares the two lists)
 */
#ifndef DEFENDER_STREAM_STAT
#error "define DEFENDER_STREAM_STAT(suffix, name) before including boundary/stream_stat_list.h"
#endif

DEFENDER_STREAM_STAT(RECORDS, "records")
DEFENDER_STREAM_STAT(RECORDS_SKIPPED, "records_skipped")
DEFENDER_STREAM_STAT(KAFKA_MESSAGES, "kafka_messages")
DEFENDER_STREAM_STAT(PARSE_ERRORS, "parse_errors")
DEFENDER_STREAM_STAT(BYTES, "bytes")
DEFENDER_STREAM_STAT(COMMITS, "commits")
DEFENDER_STREAM_STAT(REBALANCES, "rebalances")
DEFENDER_STREAM_STAT(PARTITIONS, "partitions")
DEFENDER_STREAM_STAT(CONSUMER_LAG, "consumer_lag")
DEFENDER_STREAM_STAT(PAUSED_SECONDS, "paused_seconds")
DEFENDER_STREAM_STAT(CONSUMER_RESTARTS, "consumer_restarts")
DEFENDER_STREAM_STAT(FIELDS_NOT_SET, "fields_not_set")

#undef DEFENDER_STREAM_STAT
