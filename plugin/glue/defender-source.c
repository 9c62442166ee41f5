/*
 * microsoft-defender(): a LogThreadedFetcherDriver that owns the C++ core (core.h) and turns what it hands out
 * into LogMessages, bookmarks, persist entries, stats and internal() log lines.
 */
#include "defender-source.h"
#include "defender-checkpoint.h"
#include "defender-fetch-result.h"
#include "defender-log.h"
#include "defender-names.h"
#include "defender-stats.h"
#include "defender-sng-compat.h"

#include "logthrsource/logthrfetcherdrv.h"
#include "ack-tracker/ack_tracker.h"
#include "ack-tracker/ack_tracker_factory.h"
#include "ack-tracker/consecutive_ack_tracker.h"
#include "ack-tracker/bookmark.h"
#include "messages.h"
#include "cfg.h"

#include <string.h>

typedef struct _DefenderSourceDriver
{
  LogThreadedFetcherDriver super;
  DefenderOptions *options;
  DefenderCore *core;
  DefenderCheckpointStore checkpoints;
  DefenderStats stats;
  NVHandle *field_handles;
  guint messages_since_stats;
  gsize payload_hint; /* how large defender_fetch_burst() makes the next message's name-value table */
  gchar persist_name[512];
} DefenderSourceDriver;

/* What a message's bookmark carries back when syslog-ng acknowledges it (at most 128 bytes). */
typedef struct _DefenderBookmark
{
  guint64 cursor_id;
  guint64 sequence;
  PersistEntryHandle acked_handle;
} DefenderBookmark;

G_STATIC_ASSERT(sizeof(DefenderBookmark) <= MAX_BOOKMARK_DATA_LENGTH);

/* Stats are refreshed on every idle call and every so many messages: often enough to watch, cheap per message. */
#define DEFENDER_STATS_EVERY_MESSAGES 64

static inline LogPipe *
_pipe(DefenderSourceDriver *self)
{
  return &self->super.super.super.super.super;
}

static gchar *
_cursor_key(DefenderSourceDriver *self)
{
  return g_strdup_printf("microsoft-defender.cursor(%s)", self->persist_name);
}

/* ---- logging ---- */

static void
_log(gpointer user_data, DefenderLogLevel level, const gchar *message, const DefenderLogTag *tags, gsize tag_count)
{
  defender_log_send(_pipe(user_data), "microsoft-defender", level, message, tags, tag_count);
}

/* ---- options (main thread, while parsing) ---- */

DefenderOptions *
defender_sd_options(LogDriver *d)
{
  return ((DefenderSourceDriver *) d)->options;
}

gboolean
defender_sd_validate(LogDriver *d, DefenderOption *culprit, gchar *err, gsize err_len)
{
  return defender_options_validate(((DefenderSourceDriver *) d)->options, culprit, _log, d, err, err_len);
}

/* ---- persist name and stats instance ---- */

static const gchar *
_format_persist_name(const LogPipe *s)
{
  DefenderSourceDriver *self = (DefenderSourceDriver *) s;
  return defender_persist_name(s, self->options, "microsoft-defender", self->persist_name, sizeof(self->persist_name));
}

/* ---- messages and bookmarks (fetcher thread; saves on the acknowledging thread) ---- */

static void
_set_field(gpointer user_data, gsize field, const gchar *value, gsize value_len)
{
  gpointer *context = user_data;
  DefenderSourceDriver *self = context[0];
  log_msg_set_value((LogMessage *) context[1], self->field_handles[field], value, value_len);
}

static void
_save_bookmark(Bookmark *bookmark)
{
  const DefenderBookmark *mark = (const DefenderBookmark *) &bookmark->container;
  guint64 delivered;
  if (defender_cursor_ack(mark->cursor_id, mark->sequence, &delivered))
    defender_checkpoint_store_acknowledge(bookmark->persist_state, mark->acked_handle, delivered);
}

static void
_attach_bookmark(DefenderSourceDriver *self, const DefenderMessage *message)
{
  AckTracker *tracker = defender_sng_ack_tracker(&self->super.super);
  Bookmark *bookmark = ack_tracker_request_bookmark(tracker);
  DefenderBookmark *mark = (DefenderBookmark *) &bookmark->container;
  *mark = (DefenderBookmark){
    .cursor_id = message->cursor_id,
    .sequence = message->sequence,
    .acked_handle = self->checkpoints.acked_handle,
  };
  bookmark->save = _save_bookmark;
}

static void
_persist_checkpoint(DefenderSourceDriver *self, gboolean force)
{
  gconstpointer data;
  gsize len;
  if (defender_core_checkpoint(self->core, force, &data, &len))
    defender_checkpoint_store_write(&self->checkpoints, data, len);
}

static void
_update_stats(DefenderSourceDriver *self)
{
  gint64 values[DEFENDER_STAT_COUNT];
  defender_core_stats(self->core, values);
  defender_stats_update(&self->stats, values);
  self->messages_since_stats = 0;
}

/* A burst being handed over: the messages made and what the core said of each. */
typedef struct _DefenderBurst
{
  DefenderSourceDriver *self;
  LogMessage *messages[DEFENDER_FETCH_BURST_MAX];
  DefenderMessage made[DEFENDER_FETCH_BURST_MAX];
} DefenderBurst;

static void
_attach_burst_bookmark(gpointer user_data, gsize index)
{
  DefenderBurst *burst = user_data;
  _attach_bookmark(burst->self, &burst->made[index]);
}

static gboolean
_make_message(gpointer user_data, LogMessage *msg, gsize index, DefenderFetchWait wait, guint32 *idle_ms)
{
  DefenderBurst *burst = user_data;
  gpointer context[] = { burst->self, msg };
  DefenderMessage *made = &burst->made[index];
  if (defender_core_fetch(burst->self->core, wait, made, _set_field, context, idle_ms) == DEFENDER_FETCH_IDLE)
    return FALSE;
  defender_fill_message(msg, made->text, made->text_len, "microsoft-defender", TRUE, made->timestamp_sec,
                        made->timestamp_usec);
  return TRUE;
}

static LogThreadedFetchResult
_fetch(LogThreadedFetcherDriver *s)
{
  DefenderSourceDriver *self = (DefenderSourceDriver *) s;
  DefenderBurst burst = { .self = self };
  guint32 idle_ms = 0;
  const gsize count = defender_fetch_burst(s, burst.messages, &self->payload_hint, _make_message, &burst, &idle_ms);

  /* Write-ahead: what the messages belong to is in the persist file before the first of them leaves. */
  _persist_checkpoint(self, FALSE);
  if (count == 0)
    {
      _update_stats(self);
      return defender_fetch_idle(s, idle_ms);
    }

  self->messages_since_stats += count;
  if (self->messages_since_stats >= DEFENDER_STATS_EVERY_MESSAGES)
    _update_stats(self);
  return defender_fetch_hand_over(s, burst.messages, count, _attach_burst_bookmark, &burst);
}

static void
_request_exit(LogThreadedFetcherDriver *s)
{
  DefenderSourceDriver *self = (DefenderSourceDriver *) s;
  if (self->core)
    defender_core_request_exit(self->core);
}

/* ---- life cycle (main thread) ---- */

static void
_resolve_field_handles(DefenderSourceDriver *self)
{
  gsize count = defender_field_count();
  self->field_handles = g_new0(NVHandle, count);
  for (gsize field = 0; field < count; field++)
    {
      gchar *name = g_strdup_printf(".defender.%s", defender_field_name(field));
      self->field_handles[field] = log_msg_get_value_handle(name);
      g_free(name);
    }
}

static const gchar *
_stat_name(gint stat)
{
  return defender_stat_name(stat);
}

static gboolean
_init(LogPipe *s)
{
  DefenderSourceDriver *self = (DefenderSourceDriver *) s;
  GlobalConfig *cfg = log_pipe_get_config(s);
  const gchar *persist_name = _format_persist_name(s);

  gpointer checkpoint;
  gsize checkpoint_len;
  guint64 acked_sequence;
  if (!defender_checkpoint_store_open(&self->checkpoints, cfg->state, persist_name, &checkpoint, &checkpoint_len,
                                      &acked_sequence))
    {
      msg_error("microsoft-defender: cannot allocate the checkpoint in the persist file",
                evt_tag_str("persist_name", persist_name), log_pipe_location_tag(s));
      g_free(checkpoint);
      return FALSE;
    }

  gchar *cursor_key = _cursor_key(self);
  DefenderCursor *inherited = cfg_persist_config_fetch(cfg, cursor_key);
  g_free(cursor_key);

  gchar err[1024] = "";
  self->core = defender_core_new(self->options, persist_name, checkpoint, checkpoint_len, acked_sequence, inherited,
                                 _log, self, err, sizeof(err));
  g_free(checkpoint);
  defender_cursor_free(inherited);
  if (!self->core)
    {
      msg_error("microsoft-defender: cannot start the source", evt_tag_str("error", err),
                evt_tag_str("persist_name", persist_name), log_pipe_location_tag(s));
      defender_checkpoint_store_close(&self->checkpoints);
      return FALSE;
    }

  gchar description[1024];
  defender_core_describe(self->core, description, sizeof(description));
  msg_notice("microsoft-defender: source starting", evt_tag_str("persist_name", persist_name),
             evt_tag_str("settings", description), log_pipe_location_tag(s));

  defender_stats_register(&self->stats, self->super.super.worker_options.super.stats_source, ((LogDriver *) s)->id,
                          persist_name, _stat_name, DEFENDER_STAT_COUNT);
  return log_threaded_fetcher_driver_init_method(s);
}

static gboolean
_deinit(LogPipe *s)
{
  DefenderSourceDriver *self = (DefenderSourceDriver *) s;
  gboolean result = log_threaded_fetcher_driver_deinit_method(s);

  if (self->core)
    {
      /* Released first: the versions fetched but never posted are forgotten before the last checkpoint is written,
       * so no checkpoint a restart may read counts them as sent once the acknowledgements pass their numbers. */
      DefenderCursor *cursor = defender_core_release_cursor(self->core);
      _persist_checkpoint(self, TRUE);
      gchar *cursor_key = _cursor_key(self);
      defender_sng_persist_config_add(log_pipe_get_config(s), cursor_key, cursor,
                                      (GDestroyNotify) defender_cursor_free);
      g_free(cursor_key);
      defender_stats_unregister(&self->stats);
      defender_core_free(self->core);
      self->core = NULL;
    }
  defender_checkpoint_store_close(&self->checkpoints);
  return result;
}

static void
_free(LogPipe *s)
{
  DefenderSourceDriver *self = (DefenderSourceDriver *) s;
  defender_core_free(self->core);
  defender_options_free(self->options);
  g_free(self->field_handles);
  log_threaded_fetcher_driver_free_method(s);
}

LogDriver *
defender_sd_new(GlobalConfig *cfg)
{
  DefenderSourceDriver *self = g_new0(DefenderSourceDriver, 1);
  log_threaded_fetcher_driver_init_instance(&self->super, cfg);
  self->options = defender_options_new(DEFENDER_DRIVER_POLL);
  _resolve_field_handles(self);

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
  self->super.super.worker_options.super.stats_source = stats_register_type("microsoft-defender");
  /* Acknowledge in order, so a bookmark save means "this message and every earlier one was delivered". */
  self->super.super.worker_options.ack_tracker_factory = consecutive_ack_tracker_factory_new();

  self->super.fetch = _fetch;
  self->super.request_exit = _request_exit;
  /* The core decides when to poll; this is only the first wait before it is asked. */
  log_threaded_fetcher_driver_set_fetch_no_data_delay(&self->super.super.super.super, 1.0);
  return &self->super.super.super.super;
}
