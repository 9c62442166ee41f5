/* The source's counters (docs/options.md, "Statistics") as syslog-ng stats, visible with `syslog-ng-ctl stats`. */
#ifndef DEFENDER_STATS_H_INCLUDED
#define DEFENDER_STATS_H_INCLUDED

#include "syslog-ng.h"
#include "stats/stats-registry.h"
#include "boundary/core.h"

typedef struct _DefenderStats
{
  guint16 component;
  gchar *id;
  gchar *instance;
  StatsCounterItem *counters[DEFENDER_STAT_COUNT];
} DefenderStats;

void defender_stats_register(DefenderStats *self, guint16 component, const gchar *id, const gchar *instance);
void defender_stats_update(DefenderStats *self, const gint64 values[DEFENDER_STAT_COUNT]);
void defender_stats_unregister(DefenderStats *self);

#endif
