/* The core's log lines (core.h, DefenderLogFn) as syslog-ng internal() messages, for both drivers. */
#ifndef DEFENDER_LOG_H_INCLUDED
#define DEFENDER_LOG_H_INCLUDED

#include "logpipe.h"
#include "boundary/core.h"

/* prefix: the driver's name, which starts the message ("microsoft-defender: ..."). */
void defender_log_send(LogPipe *pipe, const gchar *prefix, DefenderLogLevel level, const gchar *message,
                       const DefenderLogTag *tags, gsize tag_count);

#endif
