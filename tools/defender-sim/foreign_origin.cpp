#include "foreign_origin.h"

#include <openssl/evp.h>

#include "json_writer.h"

namespace sim {
namespace {

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &n, EVP_sha256(), nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace

void ForeignOrigin::listening_on(std::uint16_t port) {
  const std::lock_guard lock(mutex_);
  port_ = port;
}

std::optional<std::string> ForeignOrigin::apply(const Settings &settings) {
  const std::lock_guard lock(mutex_);
  bool links_here = links_here_;
  for (const auto &[name, value] : settings) {
    if (name != "next-link-origin") return "unknown foreign origin setting '" + name + "' (next-link-origin)";
    if (value != "same" && value != "foreign")
      return "invalid value '" + value + "' for next-link-origin: expected same or foreign";
    links_here = value == "foreign";
    if (links_here && !port_) return "next-link-origin=foreign needs the foreign origin: start with --foreign-port";
  }
  links_here_ = links_here;
  return std::nullopt;
}

std::optional<std::string> ForeignOrigin::link_authority() const {
  const std::lock_guard lock(mutex_);
  if (!links_here_ || !port_) return std::nullopt;
  return "127.0.0.1:" + std::to_string(*port_);
}

void ForeignOrigin::record(const HttpRequest &request) {
  const auto auth = request.header("authorization");
  const std::lock_guard lock(mutex_);
  ++counts_.requests;
  if (auth) ++counts_.with_authorization;
  if (log_.size() >= kLogLimit) return;
  Seen seen{request.method, request.target, std::nullopt, {}};
  if (auth) {
    seen.scheme = std::string(auth->substr(0, auth->find(' ')));
    seen.sha256 = sha256_hex(*auth);
  }
  log_.push_back(std::move(seen));
}

ForeignOrigin::Counts ForeignOrigin::counts() const {
  const std::lock_guard lock(mutex_);
  return counts_;
}

std::string ForeignOrigin::json() const {
  const std::lock_guard lock(mutex_);
  JsonWriter w;
  w.begin_object();
  w.key("port");
  port_ ? w.integer(*port_) : w.null();
  w.key("next-link-origin").str(links_here_ ? "foreign" : "same");
  w.key("requests").integer(static_cast<std::int64_t>(counts_.requests));
  w.key("withAuthorization").integer(static_cast<std::int64_t>(counts_.with_authorization));
  w.key("log").begin_array();
  for (const auto &s : log_) {
    w.begin_object();
    w.key("method").str(s.method);
    w.key("target").str(s.target);
    w.key("authorization");
    if (s.scheme) {
      w.begin_object();
      w.key("scheme").str(*s.scheme);
      w.key("sha256").str(s.sha256);
      w.end_object();
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace sim
