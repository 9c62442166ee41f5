/* What both drivers' fetch() hands syslog-ng's fetcher: the wait when the core has nothing, a message's MESSAGE,
 * PROGRAM, time and priority, and a burst of messages. */
#ifndef DEFENDER_FETCH_RESULT_H_INCLUDED
#define DEFENDER_FETCH_RESULT_H_INCLUDED

#include "logthrsource/logthrfetcherdrv.h"
#include "boundary/core.h"

/* The most messages one fetch() makes before it posts them. Each post to a destination that waits for messages
 * wakes the destination's thread (a system call and a context switch, the largest part of what syslog-ng spends per
 * message); messages posted back to back wake it about once. */
#define DEFENDER_FETCH_BURST_MAX 128

/* Nothing now: ask again at once (idle_ms 0), or after idle_ms. */
LogThreadedFetchResult defender_fetch_idle(LogThreadedFetcherDriver *driver, guint32 idle_ms);

/* program: the driver's name. has_time: 0 keeps the time the message was received. */
void defender_fill_message(LogMessage *msg, const gchar *text, gsize text_len, const gchar *program, gboolean has_time,
                           gint64 sec, gint32 usec);

/* Fills msg as message `index` of a burst: TRUE, or FALSE when the core has nothing (then *idle_ms is its wait). */
typedef gboolean (*DefenderMakeMessage)(gpointer user_data, LogMessage *msg, gsize index, DefenderFetchWait wait,
                                        guint32 *idle_ms);

/* Makes a burst into messages[] and returns how many it made: the first may wait (DEFENDER_FETCH_MAY_WAIT), the rest
 * are what is ready (DEFENDER_FETCH_READY_ONLY), as many as the source's window has room for and at most
 * DEFENDER_FETCH_BURST_MAX. payload_hint is the driver's: each message's name-value table starts as large as the
 * last one needed, so it does not grow (reallocated and copied) several times as its pairs are set. */
gsize defender_fetch_burst(LogThreadedFetcherDriver *driver, LogMessage **messages, gsize *payload_hint,
                           DefenderMakeMessage make, gpointer user_data, guint32 *idle_ms);

/* Hands over count (at least 1) messages in order: posts all but the last, each right after attach(user_data, i) gave
 * it its bookmark, and returns the last, its bookmark attached, for the fetcher to post. */
LogThreadedFetchResult defender_fetch_hand_over(LogThreadedFetcherDriver *driver, LogMessage **messages, gsize count,
                                                void (*attach)(gpointer user_data, gsize index), gpointer user_data);

#endif
