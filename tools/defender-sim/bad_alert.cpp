#include "bad_alert.h"

namespace sim {

std::string break_alert(std::string_view json, FaultMode mode, std::string_view title_key) {
  std::string out(json);
  if (mode == FaultMode::InvalidUtf8) {
    const std::string key = "\"" + std::string(title_key) + "\":\"";
    const auto at = out.find(key);
    if (at != std::string::npos) out.insert(at + key.size(), "\xC3\x28\xFF\xFE");
  } else {
    const auto comma = out.find(',');
    if (comma != std::string::npos) out.insert(comma + 1, "oops");
  }
  return out;
}

}  // namespace sim
