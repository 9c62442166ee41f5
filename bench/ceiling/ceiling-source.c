/*
 * ceiling(): the least a LogThreadedFetcherDriver can do per message, to measure what syslog-ng itself costs. It
 * posts messages(N) ready-made messages, each a MESSAGE of message-size() bytes and pairs() name-value pairs of
 * pair-size() bytes, with a bookmark on a consecutive ack tracker as the module's sources have, then stays idle.
 * Every byte is made once in init: a fetch only copies them into a new LogMessage. burst(B) makes up to B messages
 * (as many as the window has room for) in one fetch and posts them back to back, as the module's sources do.
 */
#include "ceiling-source.h"

#include "ack-tracker/ack_tracker.h"
#include "ack-tracker/ack_tracker_factory.h"
#include "ack-tracker/bookmark.h"
#include "logmsg/logmsg.h"
#include "logthrsource/logthrfetcherdrv.h"
#include "messages.h"
#include "syslog-names.h"
#include "versioning.h"
#include "window-size-counter.h"

#include <string.h>

/* As VERSION_VALUE_CURRENT counts; 3.38's versioning.h does not name the 4.x versions. */
#define CEILING_SNG_WORKERS (VERSION_VALUE_CURRENT >= 0x0406)           /* LogThreadedSourceDriver.workers[] */
#define CEILING_SNG_STATS_KEY_BUILDER (VERSION_VALUE_CURRENT >= 0x0402) /* format_stats_key(kb) */

#define CEILING_MAX_PAIRS 256
#define CEILING_MAX_BURST 1024
#define CEILING_PROGRAM "ceiling"

typedef struct _CeilingSourceDriver
{
  LogThreadedFetcherDriver super;
  gint64 messages;
  gint64 message_size;
  gint64 pairs;
  gint64 pair_size;
  gint64 burst;

  gint64 posted;
  gchar *message;
  gchar *pair_value;
  NVHandle pair_handles[CEILING_MAX_PAIRS];
} CeilingSourceDriver;

static inline LogPipe *
_pipe(CeilingSourceDriver *self)
{
  return &self->super.super.super.super.super;
}

void
ceiling_sd_set_messages(LogDriver *d, gint64 messages)
{
  ((CeilingSourceDriver *) d)->messages = messages;
}

void
ceiling_sd_set_message_size(LogDriver *d, gint64 size)
{
  ((CeilingSourceDriver *) d)->message_size = size;
}

void
ceiling_sd_set_pairs(LogDriver *d, gint64 pairs)
{
  ((CeilingSourceDriver *) d)->pairs = MIN(pairs, CEILING_MAX_PAIRS);
}

void
ceiling_sd_set_pair_size(LogDriver *d, gint64 size)
{
  ((CeilingSourceDriver *) d)->pair_size = size;
}

void
ceiling_sd_set_burst(LogDriver *d, gint64 burst)
{
  ((CeilingSourceDriver *) d)->burst = MIN(burst, CEILING_MAX_BURST);
}

/* The module's sources save their acknowledged position here; the ceiling only has the tracker's own work. */
static void
_save_bookmark(Bookmark *bookmark G_GNUC_UNUSED)
{
}

static LogSource *
_worker(CeilingSourceDriver *self)
{
#if CEILING_SNG_WORKERS
  return &self->super.super.workers[0]->super;
#else
  return &self->super.super.worker->super;
#endif
}

static LogMessage *
_make_message(CeilingSourceDriver *self)
{
  LogMessage *msg = log_msg_new_empty();
  log_msg_set_value(msg, LM_V_MESSAGE, self->message, self->message_size);
  log_msg_set_value(msg, LM_V_PROGRAM, CEILING_PROGRAM, -1);
  msg->pri = LOG_LOCAL4 | LOG_NOTICE;
  for (gint64 pair = 0; pair < self->pairs; pair++)
    log_msg_set_value(msg, self->pair_handles[pair], self->pair_value, self->pair_size);
  return msg;
}

/* Right before the message is posted: a consecutive tracker holds one requested bookmark at a time. */
static void
_attach_bookmark(CeilingSourceDriver *self)
{
  Bookmark *bookmark = ack_tracker_request_bookmark(_worker(self)->ack_tracker);
  memcpy(&bookmark->container, &self->posted, sizeof(self->posted));
  bookmark->save = _save_bookmark;
  self->posted++;
}

static void
_post(CeilingSourceDriver *self, LogMessage *msg)
{
#if CEILING_SNG_WORKERS
  log_threaded_source_worker_post(self->super.super.workers[0], msg);
#else
  log_threaded_source_post(&self->super.super, msg);
#endif
}

static LogThreadedFetchResult
_fetch(LogThreadedFetcherDriver *s)
{
  CeilingSourceDriver *self = (CeilingSourceDriver *) s;
  if (self->posted >= self->messages)
    return (LogThreadedFetchResult){ THREADED_FETCH_NO_DATA, NULL };

  gboolean suspended;
  const gint64 room = window_size_counter_get(&_worker(self)->window_size, &suspended);
  const gint64 count = MAX(1, MIN(MIN(self->burst, room), self->messages - self->posted));
  LogMessage *burst[CEILING_MAX_BURST];
  for (gint64 i = 0; i < count; i++)
    burst[i] = _make_message(self);
  for (gint64 i = 0; i + 1 < count; i++)
    {
      _attach_bookmark(self);
      _post(self, burst[i]);
    }
  _attach_bookmark(self);
  return (LogThreadedFetchResult){ THREADED_FETCH_SUCCESS, burst[count - 1] };
}

/* Printable text of `size` bytes: a CEF-like line, repeated. */
static gchar *
_make_text(gint64 size)
{
  static const gchar pattern[] = "CEF:0|Vendor|Product|1.0|ceiling|A ready-made message|5|act=none cs1Label=x cs1=y ";
  gchar *text = g_malloc(size + 1);
  for (gint64 i = 0; i < size; i++)
    text[i] = pattern[i % (sizeof(pattern) - 1)];
  text[size] = '\0';
  return text;
}

static const gchar *
_persist_name(const LogPipe *s G_GNUC_UNUSED)
{
  return CEILING_PROGRAM;
}

#if CEILING_SNG_STATS_KEY_BUILDER
static void
_format_stats_key(LogThreadedSourceDriver *s G_GNUC_UNUSED, StatsClusterKeyBuilder *kb)
{
  stats_cluster_key_builder_add_legacy_label(kb, stats_cluster_label("persist_name", CEILING_PROGRAM));
}
#else
static const gchar *
_format_stats_instance(LogThreadedSourceDriver *s G_GNUC_UNUSED)
{
  return CEILING_PROGRAM;
}
#endif

static gboolean
_init(LogPipe *s)
{
  CeilingSourceDriver *self = (CeilingSourceDriver *) s;
  g_free(self->message);
  g_free(self->pair_value);
  self->message = _make_text(self->message_size);
  self->pair_value = _make_text(self->pair_size);
  for (gint64 pair = 0; pair < self->pairs; pair++)
    {
      gchar name[32];
      g_snprintf(name, sizeof(name), ".ceiling.pair%" G_GINT64_FORMAT, pair);
      self->pair_handles[pair] = log_msg_get_value_handle(name);
    }
  self->posted = 0;
  msg_notice("ceiling: source starting", evt_tag_long("messages", self->messages),
             evt_tag_long("message_size", self->message_size), evt_tag_long("pairs", self->pairs),
             evt_tag_long("pair_size", self->pair_size), evt_tag_long("burst", self->burst));
  return log_threaded_fetcher_driver_init_method(s);
}

static void
_free(LogPipe *s)
{
  CeilingSourceDriver *self = (CeilingSourceDriver *) s;
  g_free(self->message);
  g_free(self->pair_value);
  log_threaded_fetcher_driver_free_method(s);
}

LogDriver *
ceiling_sd_new(GlobalConfig *cfg)
{
  CeilingSourceDriver *self = g_new0(CeilingSourceDriver, 1);
  log_threaded_fetcher_driver_init_instance(&self->super, cfg);
  self->messages = 100000;
  self->message_size = 2000;
  self->pairs = 20;
  self->pair_size = 32;
  self->burst = 1;

  LogPipe *pipe = _pipe(self);
  pipe->init = _init;
  pipe->free_fn = _free;
  pipe->generate_persist_name = _persist_name;
#if CEILING_SNG_STATS_KEY_BUILDER
  self->super.super.format_stats_key = _format_stats_key;
#else
  self->super.super.format_stats_instance = _format_stats_instance;
#endif
  self->super.super.worker_options.super.stats_level = STATS_LEVEL0;
  self->super.super.worker_options.super.stats_source = stats_register_type(CEILING_PROGRAM);
  self->super.super.worker_options.ack_tracker_factory = consecutive_ack_tracker_factory_new();

  self->super.fetch = _fetch;
  /* Idle once the N messages are out: wake rarely. */
  log_threaded_fetcher_driver_set_fetch_no_data_delay(&self->super.super.super.super, 1.0);
  return &self->super.super.super.super;
}
