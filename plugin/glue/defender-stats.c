#include "defender-stats.h"
#include "stats/stats-cluster-single.h"
#include "defender-sng-compat.h"

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
