/*
 * Every statistic of the source, once: define DEFENDER_STAT(suffix, name), then include this file (it undefines the
 * macro at its end). From it come the enum DefenderStat (core.h), defender_stat_name() and the counters the glue
 * registers with syslog-ng.
 *
 *   suffix  DEFENDER_STAT_<suffix>
 *   name    the counter's name in `syslog-ng-ctl stats`; docs/options.md, "Statistics", says what each counts (a
 *           unit test compares the two lists)
 */
#ifndef DEFENDER_STAT
#error "define DEFENDER_STAT(suffix, name) before including boundary/stat_list.h"
#endif

DEFENDER_STAT(ALERTS_EMITTED, "alerts_emitted")
DEFENDER_STAT(DUPLICATES_SUPPRESSED, "duplicates_suppressed")
DEFENDER_STAT(PAGES, "pages")
DEFENDER_STAT(REQUESTS_2XX, "requests_2xx")
DEFENDER_STAT(REQUESTS_401, "requests_401")
DEFENDER_STAT(REQUESTS_403, "requests_403")
DEFENDER_STAT(REQUESTS_429, "requests_429")
DEFENDER_STAT(REQUESTS_4XX_OTHER, "requests_4xx_other")
DEFENDER_STAT(REQUESTS_5XX, "requests_5xx")
DEFENDER_STAT(REQUESTS_NETWORK, "requests_network")
DEFENDER_STAT(TOKEN_REFRESHES, "token_refreshes")
DEFENDER_STAT(PARSE_ERRORS, "parse_errors")
DEFENDER_STAT(CURSOR_LAG_SECONDS, "cursor_lag_seconds")
DEFENDER_STAT(DEGRADED, "degraded")
DEFENDER_STAT(CONSECUTIVE_FAILURES, "consecutive_failures")
DEFENDER_STAT(BUDGET_WAITS, "budget_waits")
DEFENDER_STAT(ANSWERS_REJECTED, "answers_rejected")
DEFENDER_STAT(NEXT_LINKS_REFUSED, "next_links_refused")
DEFENDER_STAT(WINDOWS_WITHOUT_OPTIONAL_PART, "windows_without_optional_part")

#undef DEFENDER_STAT
