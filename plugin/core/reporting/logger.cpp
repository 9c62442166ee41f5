#include "reporting/logger.h"

namespace defender {

void Logger::log(DefenderLogLevel level, const std::string &message, const Tags &tags) const {
  if (!fn_) return;
  std::vector<DefenderLogTag> all;
  all.reserve(context_.size() + tags.size());
  for (const auto &[name, value] : context_) all.push_back({name.c_str(), value.c_str()});
  for (const auto &[name, value] : tags) all.push_back({name.c_str(), value.c_str()});
  fn_(user_data_, level, message.c_str(), all.data(), all.size());
}

}  // namespace defender
