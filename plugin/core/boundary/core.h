/*
 * The one boundary between the C glue (syslog-ng) and the C++ core.
 *
 * Plain C types only: opaque handles, enums, integers, byte strings and callbacks.
 * No exception crosses it: every function catches and reports through its return value.
 * Which thread calls what is part of the contract and is written next to each function.
 */
#ifndef DEFENDER_CORE_H
#define DEFENDER_CORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct DefenderOptions DefenderOptions;
typedef struct DefenderCore DefenderCore;
/* The delivery state (position, versions already sent, acknowledgements); outlives a reload. */
typedef struct DefenderCursor DefenderCursor;

/* ---- options: set while the configuration is parsed (main thread) ---- */

/* One enumerator per entry of option_list.h, in its order. */
typedef enum {
#define DEFENDER_OPTION(suffix, keyword, kind, drivers) DEFENDER_OPTION_##suffix,
#include "boundary/option_list.h"
  DEFENDER_OPTION_COUNT
} DefenderOption;

/* The option's name as written in the configuration, e.g. "tenant-id". */
const char *defender_option_name(DefenderOption option);

/* Which driver the options are for: each takes its own options and some of both (boundary/option_list.h). */
typedef enum {
  DEFENDER_DRIVER_POLL,   /* microsoft-defender() */
  DEFENDER_DRIVER_STREAM, /* microsoft-defender-stream() */
} DefenderDriver;

DefenderOptions *defender_options_new(DefenderDriver driver);
void defender_options_free(DefenderOptions *options);

/* Each setter returns 1 on success; on failure 0 and a message for the person writing the config in err. */
int defender_options_set_string(DefenderOptions *options, DefenderOption option, const char *value, char *err,
                                size_t err_len);
int defender_options_set_number(DefenderOptions *options, DefenderOption option, int64_t value, char *err,
                                size_t err_len);
int defender_options_set_bool(DefenderOptions *options, DefenderOption option, int value, char *err, size_t err_len);
/* kafka-option("name" "value") */
int defender_options_set_pair(DefenderOptions *options, DefenderOption option, const char *name, const char *value,
                              char *err, size_t err_len);

/* A stable default persist name derived from the identifying options, e.g. "contoso.onmicrosoft.com,graph". */
size_t defender_options_default_persist_name(const DefenderOptions *options, char *buf, size_t buf_len);

/* ---- logging: the core describes, the glue sends it to syslog-ng's internal() ---- */

typedef enum {
  DEFENDER_LOG_ERROR,
  DEFENDER_LOG_WARNING,
  DEFENDER_LOG_NOTICE,
  DEFENDER_LOG_INFO,
  DEFENDER_LOG_DEBUG,
} DefenderLogLevel;

typedef struct {
  const char *name;
  const char *value;
} DefenderLogTag;

/* Called on the thread that logs (the fetcher thread, or the main thread at start). */
typedef void (*DefenderLogFn)(void *user_data, DefenderLogLevel level, const char *message, const DefenderLogTag *tags,
                              size_t tag_count);

/*
 * Checks the options together (required ones, contradictions, the certificate and its key). 1 when usable.
 * On failure *culprit names the option at fault, or is DEFENDER_OPTION_COUNT when the block as a whole is.
 * What works but gives something away (a credential file other users can read, client-secret() written in the
 * configuration, peer-verify(no), an expired certificate) and what was stripped from a secret file are told
 * through log here and nowhere else: once each time the configuration is read, --syntax-only included.
 */
int defender_options_validate(const DefenderOptions *options, DefenderOption *culprit, DefenderLogFn log,
                              void *log_user_data, char *err, size_t err_len);

/* ---- the core: created in init (main thread), used by the fetcher thread ---- */

/*
 * checkpoint/checkpoint_len: the newest whole checkpoint persisted for this source (NULL/0 on the first start).
 * acked_sequence: the newest acknowledged sequence persisted since (see defender_cursor_ack).
 * inherited: the cursor of the same source from before a reload (NULL otherwise); the core takes it over.
 * Returns NULL with a message in err when the options cannot be used (e.g. an unreadable secret file).
 */
DefenderCore *defender_core_new(const DefenderOptions *options, const char *source_name, const void *checkpoint,
                                size_t checkpoint_len, uint64_t acked_sequence, DefenderCursor *inherited,
                                DefenderLogFn log, void *log_user_data, char *err, size_t err_len);

/*
 * The generation of a persisted checkpoint, or -1 when the bytes are not a whole checkpoint. The glue keeps two
 * copies and overwrites the older, so a write torn by a crash leaves the other intact.
 */
int64_t defender_checkpoint_generation(const void *data, size_t len);
void defender_core_free(DefenderCore *core);

/* One-line summary for the start-up log: tenant, api, cloud, format and the restored position. */
size_t defender_core_describe(const DefenderCore *core, char *buf, size_t buf_len);

typedef enum {
  DEFENDER_FETCH_MESSAGE, /* *message is filled */
  DEFENDER_FETCH_IDLE,    /* nothing now: call again after *idle_ms */
} DefenderFetchStatus;

/* What a fetch may do to find a message. The glue asks for one that may wait, then takes what is ready behind it,
 * to post several messages at once. */
typedef enum {
  DEFENDER_FETCH_MAY_WAIT,   /* sends the requests or waits for the Kafka message a message needs */
  DEFENDER_FETCH_READY_ONLY, /* only a message of what was read already; IDLE with *idle_ms 0 when there is none */
} DefenderFetchWait;

typedef struct {
  const char *text; /* MESSAGE: the formatted alert, one line */
  size_t text_len;
  int64_t timestamp_sec; /* the version's update time */
  int32_t timestamp_usec;
  uint64_t cursor_id; /* both go into the message's bookmark and come back through defender_cursor_ack() */
  uint64_t sequence;
} DefenderMessage;

/* Name-value pairs of the message; field is an index into defender_field_name(). */
typedef void (*DefenderFieldFn)(void *user_data, size_t field, const char *value, size_t value_len);

size_t defender_field_count(void);
const char *defender_field_name(size_t field); /* without the ".defender." prefix */

/*
 * Fetcher thread. Returns one message at a time; performs the HTTP requests when a poll is due and wait allows.
 * Pointers in *message and passed to each_field stay valid until the next call.
 */
DefenderFetchStatus defender_core_fetch(DefenderCore *core, DefenderFetchWait wait, DefenderMessage *message,
                                        DefenderFieldFn each_field, void *user_data, uint32_t *idle_ms);

/* Any thread: abort the request in flight and make fetch return promptly (shutdown, reload). */
void defender_core_request_exit(DefenderCore *core);

/*
 * Any thread (syslog-ng calls bookmark saves on the acknowledging thread): every message up to and
 * including (cursor_id, sequence) that the same source instance posted has been delivered. Returns 1 and sets
 * *delivered to the sequence up to which every message of the cursor is delivered, the one to persist as
 * acknowledged (a reload's two instances acknowledge out of each other's order; 0 while nothing is); returns 0
 * for an unknown cursor id, which changes nothing. A cursor stays known while messages of it are unacknowledged,
 * also after its source stopped.
 */
int defender_cursor_ack(uint64_t cursor_id, uint64_t sequence, uint64_t *delivered);

/*
 * Fetcher thread or deinit. When the acknowledged state changed since the last call (or force is set),
 * returns 1 and points *data at its serialized form, valid until the next call; the glue persists it.
 */
int defender_core_checkpoint(DefenderCore *core, int force, const void **data, size_t *len);

/* deinit (main thread): hand the cursor over to the next configuration on reload. */
DefenderCursor *defender_core_release_cursor(DefenderCore *core);
void defender_cursor_free(DefenderCursor *cursor);

/* ---- statistics (docs/options.md, "Statistics") ---- */

/* One enumerator per entry of stat_list.h, in its order. */
typedef enum {
#define DEFENDER_STAT(suffix, name) DEFENDER_STAT_##suffix,
#include "boundary/stat_list.h"
  DEFENDER_STAT_COUNT
} DefenderStat;

const char *defender_stat_name(DefenderStat stat);

/* Fetcher thread: current values of every statistic, indexed by DefenderStat. */
void defender_core_stats(const DefenderCore *core, int64_t values[DEFENDER_STAT_COUNT]);

/* ---- microsoft-defender-stream(): created in init (main thread), used by the fetcher thread ---- */

typedef struct DefenderStream DefenderStream;

/* The persist entry of a stream source's acknowledged positions: two slots of half this size each. */
#define DEFENDER_STREAM_POSITIONS_BYTES 7720

/* Reads the connection string or the app credential; NULL with a message in err when they cannot be used. The
 * consumer joins its group at the first fetch. positions/positions_len: the persist entry's bytes (NULL/0 on the
 * first start): a partition resumes where this source acknowledged it when that is further than the group's
 * commit. */
DefenderStream *defender_stream_new(const DefenderOptions *options, const char *source_name, const void *positions,
                                    size_t positions_len, DefenderLogFn log, void *log_user_data, char *err,
                                    size_t err_len);
/* Main thread, after the fetcher thread stopped: commits what was acknowledged, leaves the group, frees. */
void defender_stream_free(DefenderStream *stream);

/* One-line summary for the start-up log: bootstrap servers, hubs, group, authentication, start, format, tables. */
size_t defender_stream_describe(const DefenderStream *stream, char *buf, size_t buf_len);

/* What a message's bookmark carries back when syslog-ng acknowledges it. */
typedef struct {
  uint64_t stream_id;
  uint64_t sequence; /* this record and every one the stream handed out before it were delivered */
} DefenderStreamAck;

typedef struct {
  const char *text; /* MESSAGE: the formatted record, one line */
  size_t text_len;
  int has_timestamp; /* the record's event time, else its time; 0: neither was given */
  int64_t timestamp_sec;
  int32_t timestamp_usec;
  int parse_error; /* the record (or the whole body) could not be read: MESSAGE carries the text as sent */
  DefenderStreamAck ack;
} DefenderStreamMessage;

/* A name-value pair of the message. name_id is stable for the source's life and less than
 * DEFENDER_STREAM_MAX_NAMES, so the glue can keep what the name resolves to; name has the ".defender." prefix. */
#define DEFENDER_STREAM_MAX_NAMES 2048
typedef void (*DefenderStreamFieldFn)(void *user_data, uint32_t name_id, const char *name, size_t name_len,
                                      const char *value, size_t value_len);

/* Fetcher thread. Waits at most a fraction of a second for a Kafka message when wait allows; *idle_ms is how long to
 * wait before the next call (0: at once). Pointers stay valid until the next call. */
DefenderFetchStatus defender_stream_fetch(DefenderStream *stream, DefenderFetchWait wait,
                                          DefenderStreamMessage *message, DefenderStreamFieldFn each_field,
                                          void *user_data, uint32_t *idle_ms);

/* Any thread: make fetch return promptly (shutdown, reload). */
void defender_stream_request_exit(DefenderStream *stream);

/* What to write into the acknowledged positions' persist entry: len bytes at offset (len 0: nothing). */
typedef struct {
  unsigned char bytes[DEFENDER_STREAM_POSITIONS_BYTES / 2];
  size_t len;
  size_t offset;
} DefenderStreamPositions;

/* Any thread (bookmark saves, in the order the records were posted): the records up to *ack reached their
 * destination. *keep says what to write into the persist entry, at once. A stream freed since is ignored. */
void defender_stream_ack(const DefenderStreamAck *ack, DefenderStreamPositions *keep);

typedef enum {
#define DEFENDER_STREAM_STAT(suffix, name) DEFENDER_STREAM_STAT_##suffix,
#include "boundary/stream_stat_list.h"
  DEFENDER_STREAM_STAT_COUNT
} DefenderStreamStat;

const char *defender_stream_stat_name(DefenderStreamStat stat);

/* How far one partition the stream reads is behind the newest message, in Kafka messages. */
#define DEFENDER_STREAM_HUB_NAME_BYTES 257
typedef struct {
  char hub[DEFENDER_STREAM_HUB_NAME_BYTES];
  int32_t partition;
  int64_t lag;
} DefenderPartitionLag;

/* Fetcher thread: current values of every statistic, indexed by DefenderStreamStat, and the lag of each partition
 * held now, in hub and partition order: at most lags_capacity of them, *lags_count says how many. */
void defender_stream_stats(DefenderStream *stream, int64_t values[DEFENDER_STREAM_STAT_COUNT],
                           DefenderPartitionLag *lags, size_t lags_capacity, size_t *lags_count);

#ifdef __cplusplus
}
#endif

#endif
