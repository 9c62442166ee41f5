// The core's voice in syslog-ng's internal() log: a message plus name-value tags, with the source's context
// (which source, which tenant, which API) on every line so a person can tell sources apart.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "boundary/core.h"

namespace defender {

class Logger {
 public:
  using Tags = std::vector<std::pair<std::string, std::string>>;

  Logger(DefenderLogFn fn, void *user_data, Tags context)
      : fn_(fn), user_data_(user_data), context_(std::move(context)) {}

  void log(DefenderLogLevel level, const std::string &message, const Tags &tags = {}) const;
  void error(const std::string &message, const Tags &tags = {}) const { log(DEFENDER_LOG_ERROR, message, tags); }
  void warning(const std::string &message, const Tags &tags = {}) const { log(DEFENDER_LOG_WARNING, message, tags); }
  void notice(const std::string &message, const Tags &tags = {}) const { log(DEFENDER_LOG_NOTICE, message, tags); }
  void debug(const std::string &message, const Tags &tags = {}) const { log(DEFENDER_LOG_DEBUG, message, tags); }

 private:
  DefenderLogFn fn_;
  void *user_data_;
  Tags context_;
};

}  // namespace defender
