#pragma once

#include <string>

#include "alert_model.h"

namespace sim {

// An alert as the Defender for Endpoint alerts API returns it (docs/microsoft-apis.md,
// "Defender for Endpoint alerts API" and "Documented examples"): camelCase keys, PascalCase enum values, a numeric
// incidentId. Rendered in two parts so that a page can leave the evidence out without re-rendering.
struct MdeAlertJson {
  std::string head;      // '{' up to and including "comments":[...], without the closing '}'
  std::string evidence;  // ,"evidence":[...] — flat objects with entityType; only with $expand=evidence
};

MdeAlertJson render_mde_alert(const Alert &alert);

}  // namespace sim
