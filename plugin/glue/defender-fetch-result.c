#include "defender-fetch-result.h"
#include "defender-sng-compat.h"
#include "syslog-names.h"
#include "window-size-counter.h"

LogThreadedFetchResult
defender_fetch_idle(LogThreadedFetcherDriver *driver, guint32 idle_ms)
{
  if (idle_ms == 0)
    return (LogThreadedFetchResult){ THREADED_FETCH_TRY_AGAIN, NULL };
  log_threaded_fetcher_driver_set_fetch_no_data_delay(&driver->super.super.super, idle_ms / 1000.0);
  return (LogThreadedFetchResult){ THREADED_FETCH_NO_DATA, NULL };
}

/* The most a message's name-value table starts with: one huge alert does not make every later message huge. */
#define DEFENDER_PAYLOAD_HINT_MAX (64 * 1024)

static LogMessage *
_new_message(gsize payload_hint)
{
  return payload_hint ? log_msg_sized_new(payload_hint) : log_msg_new_empty();
}

/* What msg's table needed, an eighth more. */
static gsize
_payload_hint(const LogMessage *msg)
{
  const gsize need = msg->payload->used + msg->payload->index_size * sizeof(NVIndexEntry);
  return MIN(need + need / 8, DEFENDER_PAYLOAD_HINT_MAX);
}

void
defender_fill_message(LogMessage *msg, const gchar *text, gsize text_len, const gchar *program, gboolean has_time,
                      gint64 sec, gint32 usec)
{
  log_msg_set_value(msg, LM_V_MESSAGE, text, text_len);
  log_msg_set_value(msg, LM_V_PROGRAM, program, -1);
  if (has_time)
    {
      msg->timestamps[LM_TS_STAMP].ut_sec = sec;
      msg->timestamps[LM_TS_STAMP].ut_usec = usec;
      msg->timestamps[LM_TS_STAMP].ut_gmtoff = 0;
    }
  msg->pri = LOG_LOCAL4 | LOG_NOTICE;
}

/* What the source's window has room for: only this thread takes room from it (acknowledgements give it back), so
 * what it reads stays free. syslog-ng's fetcher calls fetch() only while there is room. */
static gsize
_room(LogThreadedFetcherDriver *driver)
{
  gboolean suspended;
  const gsize room = window_size_counter_get(&defender_sng_worker_source(&driver->super)->window_size, &suspended);
  return CLAMP(room, 1, DEFENDER_FETCH_BURST_MAX);
}

gsize
defender_fetch_burst(LogThreadedFetcherDriver *driver, LogMessage **messages, gsize *payload_hint,
                     DefenderMakeMessage make, gpointer user_data, guint32 *idle_ms)
{
  const gsize room = _room(driver);
  gsize count = 0;
  while (count < room)
    {
      LogMessage *msg = _new_message(*payload_hint);
      const DefenderFetchWait wait = count == 0 ? DEFENDER_FETCH_MAY_WAIT : DEFENDER_FETCH_READY_ONLY;
      if (!make(user_data, msg, count, wait, idle_ms))
        {
          log_msg_unref(msg);
          break;
        }
      *payload_hint = _payload_hint(msg);
      messages[count++] = msg;
    }
  return count;
}

LogThreadedFetchResult
defender_fetch_hand_over(LogThreadedFetcherDriver *driver, LogMessage **messages, gsize count,
                         void (*attach)(gpointer user_data, gsize index), gpointer user_data)
{
  for (gsize i = 0; i + 1 < count; i++)
    {
      attach(user_data, i);
      defender_sng_post(&driver->super, messages[i]);
    }
  attach(user_data, count - 1);
  return (LogThreadedFetchResult){ THREADED_FETCH_SUCCESS, messages[count - 1] };
}
