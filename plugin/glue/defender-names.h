/* How a source of either driver is named: its persist name, which is its stats instance too. */
#ifndef DEFENDER_NAMES_H_INCLUDED
#define DEFENDER_NAMES_H_INCLUDED

#include "logthrsource/logthrsourcedrv.h"
#include "boundary/core.h"
#include "defender-sng-compat.h"

/* "<driver>.<persist-name() or the options' default>" into buf (at most len bytes), which it returns. */
const gchar *defender_persist_name(const LogPipe *pipe, const DefenderOptions *options, const gchar *driver, gchar *buf,
                                   gsize len);

/* The stats key or instance of a source: its persist name (the pipe's generate_persist_name). */
#if DEFENDER_SNG_STATS_KEY_BUILDER
void defender_format_stats_key(LogThreadedSourceDriver *s, StatsClusterKeyBuilder *kb);
#else
const gchar *defender_format_stats_instance(LogThreadedSourceDriver *s);
#endif

#endif
