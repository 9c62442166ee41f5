/*
 * microsoft-defender-stream(): a LogThreadedFetcherDriver that owns the stream core (core.h, DefenderStream) and
 * turns each record it hands out into a LogMessage with a bookmark, stats and internal() log lines. The position is
 * the Kafka consumer group's, kept by Event Hubs; the persist file keeps, written on every acknowledgement, where
 * each partition this source held was acknowledged up to (stream/local_positions.h), which a restart prefers when it
 * is further than the group's last commit.
 */
#include "defender-stream-source.h"
#include "defender-checkpoint.h"
#include "defender-fetch-result.h"
#include "defender-log.h"
#include "defender-names.h"
#include "defender-stats.h"
#include "defender-sng-compat.h"

#include "logthrsource/logthrfetcherdrv.h"
#include "ack-tracker/ack_tracker.h"
#include "ack-tracker/ack_tracker_factory.h"
#include "ack-tracker/bookmark.h"
#include "messages.h"
#include "cfg.h"
#include "persist-state.h"

#include <string.h>

typedef struct _DefenderStreamSourceDriver
{
  LogThreadedFetcherDriver super;
  DefenderOptions *options;
  DefenderStream *stream;
  DefenderStats stats;
  DefenderPartitionStats partition_stats;
  PersistEntryHandle positions_handle;
  /* NVHandle of each name-value pair's name, by the core's name id; 0 until first seen. */
  NVHandle name_handles[DEFENDER_STREAM_MAX_NAMES];
  guint messages_since_stats;
  gsize payload_hint; /* how large defender_fetch_burst() makes the next message's name-value table */
  gchar persist_name[512];
} DefenderStreamSourceDriver;

/* What a message's bookmark carries back when syslog-ng acknowledges it. */
typedef struct _DefenderStreamBookmark
{
  DefenderStreamAck ack;
  PersistEntryHandle positions_handle;
} DefenderStreamBookmark;

G_STATIC_ASSERT(sizeof(DefenderStreamBookmark) <= MAX_BOOKMARK_DATA_LENGTH);

#define DEFENDER_STREAM_STATS_EVERY_MESSAGES 256
#define DEFENDER_STREAM_LOG_PREFIX "microsoft-defender-stream"

static inline LogPipe *
_pipe(DefenderStreamSourceDriver *self)
{
  return &self->super.super.super.super.super;
}

static void
_log(gpointer user_data, DefenderLogLevel level, const gchar *message, const DefenderLogTag *tags, gsize tag_count)
{
  defender_log_send(_pipe(user_data), DEFENDER_STREAM_LOG_PREFIX, level, message, tags, tag_count);
}

/* ---- options (main thread, while parsing) ---- */

DefenderOptions *
defender_stream_sd_options(LogDriver *d)
{
  return ((DefenderStreamSourceDriver *) d)->options;
}

gboolean
defender_stream_sd_validate(LogDriver *d, DefenderOption *culprit, gchar *err, gsize err_len)
{
  return defender_options_validate(((DefenderStreamSourceDriver *) d)->options, culprit, _log, d, err, err_len);
}

/* ---- persist name and stats instance ---- */

static const gchar *
_format_persist_name(const LogPipe *s)
{
  DefenderStreamSourceDriver *self = (DefenderStreamSourceDriver *) s;
  return defender_persist_name(s, self->options, DEFENDER_STREAM_LOG_PREFIX, self->persist_name,
                               sizeof(self->persist_name));
}

/* ---- messages and bookmarks (fetcher thread; acknowledgements on the acknowledging thread) ---- */

static void
_set_field(gpointer user_data, guint32 name_id, const gchar *name, gsize name_len, const gchar *value, gsize value_len)
{
  gpointer *context = user_data;
  DefenderStreamSourceDriver *self = context[0];
  if (!self->name_handles[name_id])
    {
      gchar *terminated = g_strndup(name, name_len);
      self->name_handles[name_id] = log_msg_get_value_handle(terminated);
      g_free(terminated);
    }
  log_msg_set_value((LogMessage *) context[1], self->name_handles[name_id], value, value_len);
}

static void
_save_bookmark(Bookmark *bookmark)
{
  DefenderStreamBookmark mark;
  memcpy(&mark, &bookmark->container, sizeof(mark));
  DefenderStreamPositions keep;
  defender_stream_ack(&mark.ack, &keep);
  if (keep.len == 0 || !mark.positions_handle)
    return;
  guint8 *entry = persist_state_map_entry(bookmark->persist_state, mark.positions_handle);
  memcpy(entry + keep.offset, keep.bytes, keep.len);
  persist_state_unmap_entry(bookmark->persist_state, mark.positions_handle);
}

static void
_attach_bookmark(DefenderStreamSourceDriver *self, const DefenderStreamMessage *message)
{
  Bookmark *bookmark = ack_tracker_request_bookmark(defender_sng_ack_tracker(&self->super.super));
  DefenderStreamBookmark mark = { .ack = message->ack, .positions_handle = self->positions_handle };
  memcpy(&bookmark->container, &mark, sizeof(mark));
  bookmark->save = _save_bookmark;
}

static void
_update_stats(DefenderStreamSourceDriver *self)
{
  gint64 values[DEFENDER_STREAM_STAT_COUNT];
  gsize partitions = 0;
  defender_stream_stats(self->stream, values, self->partition_stats.lags, DEFENDER_PARTITION_STATS_MAX, &partitions);
  defender_stats_update(&self->stats, values);
  defender_partition_stats_update(&self->partition_stats, partitions);
  self->messages_since_stats = 0;
}

/* A burst being handed over: the messages made and what the core said of each. */
typedef struct _DefenderStreamBurst
{
  DefenderStreamSourceDriver *self;
  LogMessage *messages[DEFENDER_FETCH_BURST_MAX];
  DefenderStreamMessage made[DEFENDER_FETCH_BURST_MAX];
} DefenderStreamBurst;

static void
_attach_burst_bookmark(gpointer user_data, gsize index)
{
  DefenderStreamBurst *burst = user_data;
  _attach_bookmark(burst->self, &burst->made[index]);
}

static gboolean
_make_message(gpointer user_data, LogMessage *msg, gsize index, DefenderFetchWait wait, guint32 *idle_ms)
{
  DefenderStreamBurst *burst = user_data;
  gpointer context[] = { burst->self, msg };
  DefenderStreamMessage *made = &burst->made[index];
  if (defender_stream_fetch(burst->self->stream, wait, made, _set_field, context, idle_ms) == DEFENDER_FETCH_IDLE)
    return FALSE;
  defender_fill_message(msg, made->text, made->text_len, DEFENDER_STREAM_LOG_PREFIX, made->has_timestamp,
                        made->timestamp_sec, made->timestamp_usec);
  if (made->parse_error)
    log_msg_set_tag_by_name(msg, ".defender.parse_error");
  return TRUE;
}

static LogThreadedFetchResult
_fetch(LogThreadedFetcherDriver *s)
{
  DefenderStreamSourceDriver *self = (DefenderStreamSourceDriver *) s;
  DefenderStreamBurst burst = { .self = self };
  guint32 idle_ms = 0;
  const gsize count = defender_fetch_burst(s, burst.messages, &self->payload_hint, _make_message, &burst, &idle_ms);
  if (count == 0)
    {
      _update_stats(self);
      return defender_fetch_idle(s, idle_ms);
    }

  self->messages_since_stats += count;
  if (self->messages_since_stats >= DEFENDER_STREAM_STATS_EVERY_MESSAGES)
    _update_stats(self);
  return defender_fetch_hand_over(s, burst.messages, count, _attach_burst_bookmark, &burst);
}

static void
_request_exit(LogThreadedFetcherDriver *s)
{
  DefenderStreamSourceDriver *self = (DefenderStreamSourceDriver *) s;
  if (self->stream)
    defender_stream_request_exit(self->stream);
}

/* ---- life cycle (main thread) ---- */

static const gchar *
_stat_name(gint stat)
{
  return defender_stream_stat_name(stat);
}

/* Finds or makes the persist entry of the acknowledged positions; a copy of its bytes (g_free it), or NULL when it
 * is new or of another size. */
static gpointer
_open_positions(DefenderStreamSourceDriver *self, PersistState *state, const gchar *persist_name)
{
  gchar *name = g_strdup_printf("%s.acknowledged", persist_name);
  gsize size;
  guint8 version;
  gpointer copy = NULL;
  defender_persist_lock();
  self->positions_handle = persist_state_lookup_entry(state, name, &size, &version);
  if (self->positions_handle && size >= DEFENDER_STREAM_POSITIONS_BYTES)
    {
      copy = g_memdup2(persist_state_map_entry(state, self->positions_handle), DEFENDER_STREAM_POSITIONS_BYTES);
      persist_state_unmap_entry(state, self->positions_handle);
    }
  else
    {
      self->positions_handle = persist_state_alloc_entry(state, name, DEFENDER_STREAM_POSITIONS_BYTES);
      if (self->positions_handle)
        {
          memset(persist_state_map_entry(state, self->positions_handle), 0, DEFENDER_STREAM_POSITIONS_BYTES);
          persist_state_unmap_entry(state, self->positions_handle);
        }
    }
  defender_persist_unlock();
  g_free(name);
  return copy;
}

static gboolean
_init(LogPipe *s)
{
  DefenderStreamSourceDriver *self = (DefenderStreamSourceDriver *) s;
  const gchar *persist_name = _format_persist_name(s);

  gpointer positions = _open_positions(self, log_pipe_get_config(s)->state, persist_name);
  gchar err[1024] = "";
  self->stream = defender_stream_new(self->options, persist_name, positions,
                                     positions ? DEFENDER_STREAM_POSITIONS_BYTES : 0, _log, self, err, sizeof(err));
  g_free(positions);
  if (!self->stream)
    {
      msg_error(DEFENDER_STREAM_LOG_PREFIX ": cannot start the source", evt_tag_str("error", err),
                evt_tag_str("persist_name", persist_name), log_pipe_location_tag(s));
      return FALSE;
    }

  gchar description[1024];
  defender_stream_describe(self->stream, description, sizeof(description));
  msg_notice(DEFENDER_STREAM_LOG_PREFIX ": source starting", evt_tag_str("persist_name", persist_name),
             evt_tag_str("settings", description), log_pipe_location_tag(s));

  defender_stats_register(&self->stats, self->super.super.worker_options.super.stats_source, ((LogDriver *) s)->id,
                          persist_name, _stat_name, DEFENDER_STREAM_STAT_COUNT);
  defender_partition_stats_init(&self->partition_stats, self->super.super.worker_options.super.stats_source,
                                ((LogDriver *) s)->id, persist_name);
  return log_threaded_fetcher_driver_init_method(s);
}

static gboolean
_deinit(LogPipe *s)
{
  DefenderStreamSourceDriver *self = (DefenderStreamSourceDriver *) s;
  gboolean result = log_threaded_fetcher_driver_deinit_method(s);

  if (self->stream)
    {
      defender_stats_unregister(&self->stats);
      defender_partition_stats_clear(&self->partition_stats);
      /* Commits what was acknowledged and leaves the group: the partitions go to the other members now. */
      defender_stream_free(self->stream);
      self->stream = NULL;
    }
  return result;
}

static void
_free(LogPipe *s)
{
  DefenderStreamSourceDriver *self = (DefenderStreamSourceDriver *) s;
  defender_stream_free(self->stream);
  defender_options_free(self->options);
  log_threaded_fetcher_driver_free_method(s);
}

LogDriver *
defender_stream_sd_new(GlobalConfig *cfg)
{
  DefenderStreamSourceDriver *self = g_new0(DefenderStreamSourceDriver, 1);
  log_threaded_fetcher_driver_init_instance(&self->super, cfg);
  self->options = defender_options_new(DEFENDER_DRIVER_STREAM);

  LogPipe *pipe = _pipe(self);
  pipe->init = _init;
  pipe->deinit = _deinit;
  pipe->free_fn = _free;
  pipe->generate_persist_name = _format_persist_name;

#if DEFENDER_SNG_STATS_KEY_BUILDER
  self->super.super.format_stats_key = defender_format_stats_key;
#else
  self->super.super.format_stats_instance = defender_format_stats_instance;
#endif
  self->super.super.worker_options.super.stats_level = STATS_LEVEL0;
  self->super.super.worker_options.super.stats_source = stats_register_type(DEFENDER_STREAM_LOG_PREFIX);
  /* Acknowledged in order: a bookmark save means this record and every one posted before it were delivered. */
  self->super.super.worker_options.ack_tracker_factory = consecutive_ack_tracker_factory_new();

  self->super.fetch = _fetch;
  self->super.request_exit = _request_exit;
  log_threaded_fetcher_driver_set_fetch_no_data_delay(&self->super.super.super.super, 0.1);
  return &self->super.super.super.super;
}
