// Reads the alerts of one scanned page, each on its own: parsed in place within the caps on nesting and values
// (bounded_json.h), or from its JSON as one line (one_line_json) when only that copy parses (raw control characters
// inside strings), adapted by the API's adapter, its JSON kept as one line. An alert that cannot be read is counted
// and skipped, so a hostile or broken alert costs that alert only and the rest of the page is delivered.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "apis/page_scanner.h"
#include "record.h"

namespace defender {

// An API's adapter: the alert (or incident), or nothing when the object is not one it can read.
using AdaptAlert = std::function<std::optional<Record>(const rapidjson::Value &)>;
// Takes a readable item; returns why it is unusable after all (e.g. no paging time), or nothing when it took it.
using TakeAlert = std::function<std::optional<std::string>(Record &&)>;

struct UnreadableAlerts {
  size_t count = 0;
  std::string first_problem;  // "alert 3 cannot be parsed (...)"
};

class AlertReader {
 public:
  AlertReader();
  ~AlertReader();
  AlertReader(const AlertReader &) = delete;
  AlertReader &operator=(const AlertReader &) = delete;

  // `page` holds spans of `body`, which is parsed in place and so spoilt; std::string's NUL must follow it.
  UnreadableAlerts read(const ScannedPage &page, std::string &body, const AdaptAlert &adapt, const TakeAlert &take);

 private:
  struct Memory;
  std::unique_ptr<Memory> memory_;
};

}  // namespace defender
