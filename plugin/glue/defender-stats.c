#include "defender-stats.h"
#include "stats/stats-cluster-single.h"
#include "defender-sng-compat.h"

#include <string.h>

/* A stats key and the storage it points into (4.x keys point at their name and labels until registered). */
typedef struct _DefenderStatsKey
{
  StatsClusterKey key;
#if DEFENDER_SNG_STATS_KEY_BUILDER
  StatsClusterLabel labels[2];
  gchar name[128];
#endif
} DefenderStatsKey;

static void
_key(DefenderStats *self, gint stat, DefenderStatsKey *k)
{
  StatsClusterKey *key = &k->key;
#if DEFENDER_SNG_STATS_KEY_BUILDER
  /* new-style: syslogng_defender_<stat>{id=..., persist_name=...} in `stats prometheus`; the legacy alias keeps the
     3.38 line "src.microsoft-defender;<id>;<instance>;a;<stat>;N" in `syslog-ng-ctl stats` */
  k->labels[0] = stats_cluster_label("id", self->id);
  k->labels[1] = stats_cluster_label("persist_name", self->instance);
  g_snprintf(k->name, sizeof(k->name), "defender_%s", self->name(stat));
  stats_cluster_single_key_set(key, k->name, k->labels, G_N_ELEMENTS(k->labels));
  stats_cluster_single_key_add_legacy_alias_with_name(key, self->component | SCS_SOURCE, self->id, self->instance,
                                                      self->name(stat));
#else
  stats_cluster_single_key_set_with_name(key, self->component | SCS_SOURCE, self->id, self->instance, self->name(stat));
#endif
}

G_STATIC_ASSERT(DEFENDER_STAT_COUNT <= DEFENDER_STATS_MAX && DEFENDER_STREAM_STAT_COUNT <= DEFENDER_STATS_MAX);

void
defender_stats_register(DefenderStats *self, guint16 component, const gchar *id, const gchar *instance,
                        DefenderStatNameFn name, gint count)
{
  g_assert(count <= DEFENDER_STATS_MAX);
  self->name = name;
  self->count = count;
  self->component = component;
  self->id = g_strdup(id ? id : "");
  self->instance = g_strdup(instance);
  stats_lock();
  for (gint stat = 0; stat < self->count; stat++)
    {
      DefenderStatsKey key;
      _key(self, stat, &key);
      stats_register_counter(STATS_LEVEL0, &key.key, SC_TYPE_SINGLE_VALUE, &self->counters[stat]);
    }
  stats_unlock();
}

void
defender_stats_update(DefenderStats *self, const gint64 *values)
{
  for (gint stat = 0; stat < self->count; stat++)
    stats_counter_set(self->counters[stat], values[stat] > 0 ? (gsize) values[stat] : 0);
}

void
defender_stats_unregister(DefenderStats *self)
{
  if (!self->instance)
    return;
  stats_lock();
  for (gint stat = 0; stat < self->count; stat++)
    {
      DefenderStatsKey key;
      _key(self, stat, &key);
      stats_unregister_counter(&key.key, SC_TYPE_SINGLE_VALUE, &self->counters[stat]);
    }
  stats_unlock();
  g_free(self->id);
  g_free(self->instance);
  self->id = self->instance = NULL;
}

/* ---- partition_lag: one counter for each partition a stream source holds ---- */

typedef struct _DefenderPartitionKey
{
  StatsClusterKey key;
#if DEFENDER_SNG_STATS_KEY_BUILDER
  StatsClusterLabel labels[4];
#endif
  gchar instance[640];
} DefenderPartitionKey;

static void
_partition_key(DefenderPartitionStats *self, const DefenderPartitionStat *stat, DefenderPartitionKey *k)
{
  /* 3.38 and the legacy alias: "src.microsoft-defender-stream;<id>;<persist name>,<hub>,<partition>;a;partition_lag" */
  g_snprintf(k->instance, sizeof(k->instance), "%s,%s,%s", self->instance, stat->hub, stat->partition);
#if DEFENDER_SNG_STATS_KEY_BUILDER
  k->labels[0] = stats_cluster_label("id", self->id);
  k->labels[1] = stats_cluster_label("persist_name", self->instance);
  k->labels[2] = stats_cluster_label("hub", stat->hub);
  k->labels[3] = stats_cluster_label("partition", stat->partition);
  stats_cluster_single_key_set(&k->key, "defender_partition_lag", k->labels, G_N_ELEMENTS(k->labels));
  stats_cluster_single_key_add_legacy_alias_with_name(&k->key, self->component | SCS_SOURCE, self->id, k->instance,
                                                      "partition_lag");
#else
  stats_cluster_single_key_set_with_name(&k->key, self->component | SCS_SOURCE, self->id, k->instance, "partition_lag");
#endif
}

static void
_partition_register(DefenderPartitionStats *self, DefenderPartitionStat *stat)
{
  DefenderPartitionKey key;
  _partition_key(self, stat, &key);
  stats_register_counter(STATS_LEVEL0, &key.key, SC_TYPE_SINGLE_VALUE, &stat->counter);
}

/* syslog-ng 3.38 goes on listing a counter once registered: a partition no longer held shows no lag. */
static void
_partition_unregister(DefenderPartitionStats *self, DefenderPartitionStat *stat)
{
  DefenderPartitionKey key;
  _partition_key(self, stat, &key);
  stats_counter_set(stat->counter, 0);
  stats_unregister_counter(&key.key, SC_TYPE_SINGLE_VALUE, &stat->counter);
}

void
defender_partition_stats_init(DefenderPartitionStats *self, guint16 component, const gchar *id, const gchar *instance)
{
  self->component = component;
  self->id = g_strdup(id ? id : "");
  self->instance = g_strdup(instance);
  self->count = 0;
  self->held = g_new0(DefenderPartitionStat, DEFENDER_PARTITION_STATS_MAX);
  self->lags = g_new0(DefenderPartitionLag, DEFENDER_PARTITION_STATS_MAX);
}

static gboolean
_same_partition(const DefenderPartitionStat *stat, const DefenderPartitionLag *lag)
{
  gchar partition[sizeof(stat->partition)];
  g_snprintf(partition, sizeof(partition), "%d", lag->partition);
  return strcmp(stat->hub, lag->hub) == 0 && strcmp(stat->partition, partition) == 0;
}

void
defender_partition_stats_update(DefenderPartitionStats *self, gsize count)
{
  count = MIN(count, DEFENDER_PARTITION_STATS_MAX);
  /* Both lists are in hub and partition order, and change only at a rebalance: most updates only set values. */
  gboolean same = count == self->count;
  for (gsize i = 0; same && i < count; i++)
    same = _same_partition(&self->held[i], &self->lags[i]);
  if (!same)
    {
      stats_lock();
      for (gsize i = 0; i < self->count; i++)
        _partition_unregister(self, &self->held[i]);
      for (gsize i = 0; i < count; i++)
        {
          DefenderPartitionStat *stat = &self->held[i];
          g_strlcpy(stat->hub, self->lags[i].hub, sizeof(stat->hub));
          g_snprintf(stat->partition, sizeof(stat->partition), "%d", self->lags[i].partition);
          _partition_register(self, stat);
        }
      self->count = count;
      stats_unlock();
    }
  for (gsize i = 0; i < count; i++)
    stats_counter_set(self->held[i].counter, self->lags[i].lag > 0 ? (gsize) self->lags[i].lag : 0);
}

void
defender_partition_stats_clear(DefenderPartitionStats *self)
{
  if (!self->held)
    return;
  stats_lock();
  for (gsize i = 0; i < self->count; i++)
    _partition_unregister(self, &self->held[i]);
  stats_unlock();
  g_free(self->held);
  g_free(self->lags);
  g_free(self->id);
  g_free(self->instance);
  memset(self, 0, sizeof(*self));
}
