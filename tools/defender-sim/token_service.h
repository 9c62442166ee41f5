#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "timestamp.h"

namespace sim {

inline constexpr std::string_view kGraphAudience = "https://graph.microsoft.com";
inline constexpr std::string_view kSecurityCenterAudience = "https://api.securitycenter.microsoft.com";
inline constexpr std::string_view kAadGraphAudience = "https://graph.windows.net";

// The resources an access token can be asked for; "" when the name is not one of them. Accepts a trailing '/'.
std::string_view known_audience(std::string_view resource);

struct IssuedToken {
  std::string access_token;
  Ticks issued_at = 0;
  Ticks expires_at = 0;
};

enum class TokenCheck { Ok, Missing, Malformed, Unknown, Expired, WrongAudience };

// Issues JWT-shaped access tokens and remembers them, so the APIs can tell valid, expired and foreign tokens apart.
class TokenService {
 public:
  TokenService(std::string tenant_guid, Ticks lifetime);

  IssuedToken issue(std::string_view audience, std::string_view client_id, Ticks now);
  TokenCheck check(std::string_view token, std::string_view audience, Ticks now) const;
  Ticks lifetime() const { return lifetime_; }

 private:
  struct Grant {
    std::string audience;
    Ticks expires_at;
  };

  std::string tenant_guid_;
  Ticks lifetime_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Grant> grants_;
  std::size_t issued_since_sweep_ = 0;
};

}  // namespace sim
