#include "defender-names.h"

const gchar *
defender_persist_name(const LogPipe *pipe, const DefenderOptions *options, const gchar *driver, gchar *buf, gsize len)
{
  gchar name[256];
  if (pipe->persist_name)
    g_strlcpy(name, pipe->persist_name, sizeof(name));
  else
    defender_options_default_persist_name(options, name, sizeof(name));
  g_snprintf(buf, len, "%s.%s", driver, name);
  return buf;
}

#if DEFENDER_SNG_STATS_KEY_BUILDER
void
defender_format_stats_key(LogThreadedSourceDriver *s, StatsClusterKeyBuilder *kb)
{
  /* The legacy label keeps the instance "<driver>.<name>" in `syslog-ng-ctl stats`, as on 3.38. */
  LogPipe *pipe = &s->super.super.super;
  stats_cluster_key_builder_add_legacy_label(kb,
                                             stats_cluster_label("persist_name", pipe->generate_persist_name(pipe)));
}
#else
const gchar *
defender_format_stats_instance(LogThreadedSourceDriver *s)
{
  LogPipe *pipe = &s->super.super.super;
  return pipe->generate_persist_name(pipe);
}
#endif
