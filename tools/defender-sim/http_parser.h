#pragma once

#include <cstddef>
#include <string_view>

#include "http_message.h"

namespace sim {

struct HeadParse {
  int error_status = 0;  // 0 on success, else the status to answer with before closing
  HttpRequest request;   // without body
  std::size_t content_length = 0;
};

inline constexpr std::size_t kMaxHeadBytes = 32 * 1024;
inline constexpr std::size_t kMaxHeaders = 100;
inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

// Parses a request line and headers (everything before the blank line, CRLF or LF line ends).
HeadParse parse_request_head(std::string_view head);

// The request asks to keep the connection open (HTTP/1.1 default, or HTTP/1.0 with keep-alive).
bool wants_keep_alive(const HttpRequest &request);

}  // namespace sim
