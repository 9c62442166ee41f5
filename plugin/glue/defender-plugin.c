#include "cfg-parser.h"
#include "plugin.h"
#include "plugin-types.h"

extern CfgParser defender_parser;

static Plugin defender_plugins[] = {
  {
      .type = LL_CONTEXT_SOURCE,
      .name = "microsoft-defender",
      .parser = &defender_parser,
  },
  {
      .type = LL_CONTEXT_SOURCE,
      .name = "microsoft-defender-stream",
      .parser = &defender_parser,
  },
};

gboolean
defender_module_init(PluginContext *context, CfgArgs *args G_GNUC_UNUSED)
{
  plugin_register(context, defender_plugins, G_N_ELEMENTS(defender_plugins));
  return TRUE;
}

const ModuleInfo module_info = {
  .canonical_name = "defender",
  .version = SYSLOG_NG_VERSION,
  .description =
      "microsoft-defender(): Microsoft Defender alerts and incidents; microsoft-defender-stream(): "
      "Defender's Streaming API from Azure Event Hubs; as CEF, LEEF, JSON or OCSF",
  .core_revision = SYSLOG_NG_SOURCE_REVISION,
  .plugins = defender_plugins,
  .plugins_len = G_N_ELEMENTS(defender_plugins),
};
