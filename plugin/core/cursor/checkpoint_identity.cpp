#include "cursor/checkpoint_identity.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "cursor/version_key.h"

namespace defender {

CheckpointIdentity checkpoint_identity(const Options &options) {
  std::string tenant = options.tenant_id;
  std::transform(tenant.begin(), tenant.end(), tenant.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::vector<std::string> groups = options.machine_groups;
  std::sort(groups.begin(), groups.end());
  // A NUL cannot occur in a configured value, so it separates the parts unambiguously.
  std::string selection = options.filter;
  for (const auto &group : groups) selection.append(1, '\0').append(group);
  return CheckpointIdentity{
      hash_alert_id(tenant),
      hash_alert_id(api_name(options.api)),
      hash_alert_id(options.emit_updates ? "updated" : "created"),
      hash_alert_id(selection),
  };
}

std::string identity_difference(const CheckpointIdentity &stored, const CheckpointIdentity &configured) {
  std::string differs;
  const auto add = [&](bool same, const char *option) {
    if (same) return;
    if (!differs.empty()) differs += ", ";
    differs += option;
  };
  add(stored.tenant == configured.tenant, "tenant-id()");
  add(stored.api == configured.api, "api()");
  add(stored.paging == configured.paging, "emit-updates()");
  add(stored.selection == configured.selection, "filter() or machine-groups()");
  return differs;
}

}  // namespace defender
