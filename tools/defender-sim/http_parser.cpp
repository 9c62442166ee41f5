#include "http_parser.h"

#include <charconv>

#include "url.h"

namespace sim {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_token_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool header_has_token(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (iequals(trim(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

const char *reason_phrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "Unknown";
  }
}

HeadParse parse_request_head(std::string_view head) {
  HeadParse out;
  const auto line_end = head.find('\n');
  const std::string_view line = trim(head.substr(0, line_end));
  head = line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + 1);

  const auto sp1 = line.find(' ');
  const auto sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return {400, {}, 0};
  HttpRequest &r = out.request;
  r.method = std::string(line.substr(0, sp1));
  r.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  const std::string_view version = line.substr(sp2 + 1);
  for (const char c : r.method)
    if (!is_token_char(c)) return {400, {}, 0};
  if (version == "HTTP/1.1") {
    r.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    r.minor_version = 0;
  } else {
    return {version.starts_with("HTTP/") ? 505 : 400, {}, 0};
  }
  if (r.target.empty() || r.target.front() != '/') return {400, {}, 0};
  const auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);

  while (!head.empty()) {
    const auto end = head.find('\n');
    const std::string_view raw = head.substr(0, end);
    head = end == std::string_view::npos ? std::string_view{} : head.substr(end + 1);
    const std::string_view h = trim(raw);
    if (h.empty()) continue;
    if (raw.front() == ' ' || raw.front() == '\t') return {400, {}, 0};  // obsolete line folding
    const auto colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return {400, {}, 0};
    for (const char c : h.substr(0, colon))
      if (!is_token_char(c)) return {400, {}, 0};
    if (r.headers.size() >= kMaxHeaders) return {431, {}, 0};
    r.headers.emplace_back(to_lower(h.substr(0, colon)), std::string(trim(h.substr(colon + 1))));
  }

  if (r.header("transfer-encoding")) return {411, {}, 0};  // clients of these APIs send Content-Length
  if (const auto cl = r.header("content-length")) {
    std::size_t n = 0;
    const auto [p, ec] = std::from_chars(cl->data(), cl->data() + cl->size(), n);
    if (ec != std::errc{} || p != cl->data() + cl->size()) return {400, {}, 0};
    if (n > kMaxBodyBytes) return {413, {}, 0};
    out.content_length = n;
  }
  return out;
}

bool wants_keep_alive(const HttpRequest &request) {
  const auto connection = request.header("connection");
  if (connection && header_has_token(*connection, "close")) return false;
  if (request.minor_version == 0) return connection && header_has_token(*connection, "keep-alive");
  return true;
}

}  // namespace sim
