#pragma once

#include <chrono>
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
  Headers headers;  // names in lower case
  std::string body;

  std::optional<std::string_view> header(std::string_view lower_name) const {
    for (const auto &[k, v] : headers)
      if (k == lower_name) return std::string_view(v);
    return std::nullopt;
  }
};

// How the server sends an answer: at once and whole, or with the transport faults a test asked for.
struct Delivery {
  enum class Cut { None, Reset, Close };
  std::chrono::milliseconds first_byte_delay{0};
  std::chrono::milliseconds trickle{0};  // the head at once, the body in small pieces spread over this long
  Cut cut = Cut::None;                   // after `cut_after` body bytes: reset the connection (RST) or close it
  std::size_t cut_after = 0;
};

// The rest of a body too large to hold: `block` `repeat` times, then `tail`, written as it goes.
struct BodyFiller {
  std::string block;
  std::size_t repeat = 0;
  std::string tail;

  std::size_t size() const { return block.size() * repeat + tail.size(); }
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
  BodyFiller filler;              // after `body`; empty for every answer but the hostile ones
  bool close_connection = false;  // send "Connection: close" and close after writing
  Delivery delivery;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
  // A header this program set (names as set, so compared exactly).
  std::optional<std::string_view> header_value(std::string_view name) const {
    for (const auto &[k, v] : headers)
      if (k == name) return std::string_view(v);
    return std::nullopt;
  }
};

const char *reason_phrase(int status);

}  // namespace sim
