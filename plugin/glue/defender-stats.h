/* A source's counters (docs/options.md, "Statistics", one list for each driver) as syslog-ng stats, visible with
 * `syslog-ng-ctl stats`. */
#ifndef DEFENDER_STATS_H_INCLUDED
#define DEFENDER_STATS_H_INCLUDED

#include "syslog-ng.h"
#include "stats/stats-registry.h"
#include "boundary/core.h"

#define DEFENDER_STATS_MAX 32

/* The counter's name in `syslog-ng-ctl stats` */
typedef const gchar *(*DefenderStatNameFn)(gint stat);

typedef struct _DefenderStats
{
  guint16 component;
  gchar *id;
  gchar *instance;
  DefenderStatNameFn name;
  gint count;
  StatsCounterItem *counters[DEFENDER_STATS_MAX];
} DefenderStats;

/* count counters, named by name(0) ... name(count - 1); count is at most DEFENDER_STATS_MAX. */
void defender_stats_register(DefenderStats *self, guint16 component, const gchar *id, const gchar *instance,
                             DefenderStatNameFn name, gint count);
/* values: one for each counter registered */
void defender_stats_update(DefenderStats *self, const gint64 *values);
void defender_stats_unregister(DefenderStats *self);

/* A stream source's partition_lag counters, one for each partition it holds now (at most DEFENDER_PARTITION_STATS_MAX):
 * registered as a partition is assigned, set to 0 and unregistered as it goes to another member. */
#define DEFENDER_PARTITION_STATS_MAX 256

typedef struct _DefenderPartitionStat
{
  gchar hub[DEFENDER_STREAM_HUB_NAME_BYTES];
  gchar partition[16];
  StatsCounterItem *counter;
} DefenderPartitionStat;

typedef struct _DefenderPartitionStats
{
  guint16 component;
  gchar *id;
  gchar *instance;
  gsize count;
  DefenderPartitionStat *held; /* DEFENDER_PARTITION_STATS_MAX of them, the first count in use */
  DefenderPartitionLag *lags;  /* DEFENDER_PARTITION_STATS_MAX, for defender_stream_stats to fill */
} DefenderPartitionStats;

void defender_partition_stats_init(DefenderPartitionStats *self, guint16 component, const gchar *id,
                                   const gchar *instance);
/* lags: the partitions held now, count of them (from self->lags) */
void defender_partition_stats_update(DefenderPartitionStats *self, gsize count);
/* Unregisters every counter and frees. */
void defender_partition_stats_clear(DefenderPartitionStats *self);

#endif
