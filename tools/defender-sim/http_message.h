#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sim {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;
  std::string target;  // as sent: path and query, still encoded
  std::string path;    // encoded path, without the query
  std::string query;   // encoded query, without '?'
  int minor_version = 1;
  Headers headers;     // names in lower case
  std::string body;

  std::optional<std::string_view> header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers)
      if (k == lower_name) return std::string_view(v);
    return std::nullopt;
  }
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  bool close_connection = false;  // send "Connection: close" and close after writing

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

const char* reason_phrase(int status);

}  // namespace sim
