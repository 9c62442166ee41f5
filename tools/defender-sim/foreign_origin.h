#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http_message.h"
#include "settings.h"

namespace sim {

// A second origin: 127.0.0.1 on another port (--foreign-port), that @odata.nextLinks point at when
// next-link-origin=foreign. It answers like the main one, so that a client following such a link gets its page, and
// records every request and whether it carried an Authorization header: a client must not hand its token to an
// origin it was not configured with.
class ForeignOrigin {
 public:
  static constexpr std::size_t kLogLimit = 1000;  // requests kept in the log; all of them are counted

  void listening_on(std::uint16_t port);

  // next-link-origin=same|foreign; an error (and no change) for another value, or for foreign without a listener.
  std::optional<std::string> apply(const Settings &settings);

  // The authority next links are to name instead of the one the client addressed; nullopt: the client's.
  std::optional<std::string> link_authority() const;

  void record(const HttpRequest &request);

  struct Counts {
    std::uint64_t requests = 0;
    std::uint64_t with_authorization = 0;
  };
  Counts counts() const;

  // {"port", "next-link-origin", "requests", "withAuthorization", "log": [{"method", "target", "authorization":
  // null or {"scheme", "sha256"}}, ...]}: the header's value is only hashed (SHA-256 of all of it, in hex).
  std::string json() const;

 private:
  struct Seen {
    std::string method;
    std::string target;
    std::optional<std::string> scheme;
    std::string sha256;
  };

  mutable std::mutex mutex_;
  std::optional<std::uint16_t> port_;
  bool links_here_ = false;
  Counts counts_;
  std::vector<Seen> log_;
};

}  // namespace sim
