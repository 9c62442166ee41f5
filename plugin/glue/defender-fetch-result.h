/* What both drivers' fetch() hands syslog-ng's fetcher: the wait when the core has nothing, and a message's
 * MESSAGE, PROGRAM, time and priority. */
#ifndef DEFENDER_FETCH_RESULT_H_INCLUDED
#define DEFENDER_FETCH_RESULT_H_INCLUDED

#include "logthrsource/logthrfetcherdrv.h"

/* Nothing now: ask again at once (idle_ms 0), or after idle_ms. */
LogThreadedFetchResult defender_fetch_idle(LogThreadedFetcherDriver *driver, guint32 idle_ms);

/* program: the driver's name. has_time: 0 keeps the time the message was received. */
void defender_fill_message(LogMessage *msg, const gchar *text, gsize text_len, const gchar *program, gboolean has_time,
                           gint64 sec, gint32 usec);

#endif
