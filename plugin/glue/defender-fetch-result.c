#include "defender-fetch-result.h"
#include "syslog-names.h"

LogThreadedFetchResult
defender_fetch_idle(LogThreadedFetcherDriver *driver, guint32 idle_ms)
{
  if (idle_ms == 0)
    return (LogThreadedFetchResult){ THREADED_FETCH_TRY_AGAIN, NULL };
  log_threaded_fetcher_driver_set_fetch_no_data_delay(&driver->super.super.super, idle_ms / 1000.0);
  return (LogThreadedFetchResult){ THREADED_FETCH_NO_DATA, NULL };
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
