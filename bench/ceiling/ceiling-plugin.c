/* The module libceiling.so: registers the ceiling() source. */
#include "ceiling-parser.h"
#include "plugin-types.h"
#include "plugin.h"

static Plugin ceiling_plugins[] = {
  {
      .type = LL_CONTEXT_SOURCE,
      .name = "ceiling",
      .parser = &ceiling_parser,
  },
};

gboolean
ceiling_module_init(PluginContext *context, CfgArgs *args G_GNUC_UNUSED)
{
  plugin_register(context, ceiling_plugins, G_N_ELEMENTS(ceiling_plugins));
  return TRUE;
}

const ModuleInfo module_info = {
  .canonical_name = "ceiling",
  .version = SYSLOG_NG_VERSION,
  .description = "ceiling(): a benchmark source posting N ready-made messages (bench/ceiling, never installed)",
  .core_revision = SYSLOG_NG_SOURCE_REVISION,
  .plugins = ceiling_plugins,
  .plugins_len = G_N_ELEMENTS(ceiling_plugins),
};
