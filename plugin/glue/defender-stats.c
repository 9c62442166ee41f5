#include "defender-stats.h"
#include "stats/stats-cluster-single.h"

static void
_key(DefenderStats *self, DefenderStat stat, StatsClusterKey *key)
{
  stats_cluster_single_key_set_with_name(key, self->component | SCS_SOURCE, self->id, self->instance,
                                         defender_stat_name(stat));
}

void
defender_stats_register(DefenderStats *self, guint16 component, const gchar *id, const gchar *instance)
{
  self->component = component;
  self->id = g_strdup(id ? id : "");
  self->instance = g_strdup(instance);
  stats_lock();
  for (gint stat = 0; stat < DEFENDER_STAT_COUNT; stat++)
    {
      StatsClusterKey key;
      _key(self, stat, &key);
      stats_register_counter(STATS_LEVEL0, &key, SC_TYPE_SINGLE_VALUE, &self->counters[stat]);
    }
  stats_unlock();
}

void
defender_stats_update(DefenderStats *self, const gint64 values[DEFENDER_STAT_COUNT])
{
  for (gint stat = 0; stat < DEFENDER_STAT_COUNT; stat++)
    stats_counter_set(self->counters[stat], values[stat] > 0 ? (gsize) values[stat] : 0);
}

void
defender_stats_unregister(DefenderStats *self)
{
  if (!self->instance)
    return;
  stats_lock();
  for (gint stat = 0; stat < DEFENDER_STAT_COUNT; stat++)
    {
      StatsClusterKey key;
      _key(self, stat, &key);
      stats_unregister_counter(&key, SC_TYPE_SINGLE_VALUE, &self->counters[stat]);
    }
  stats_unlock();
  g_free(self->id);
  g_free(self->instance);
  self->id = self->instance = NULL;
}
