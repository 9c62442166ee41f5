#pragma once

#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api_kind.h"
#include "timestamp.h"

namespace sim {

inline constexpr std::string_view kGraphAudience = "https://graph.microsoft.com";
// The Defender for Endpoint alerts API (docs/microsoft-apis.md, "Token endpoints and audiences"): the documented
// audience, the newer host's, and the curl sample's.
inline constexpr std::string_view kSecurityCenterAudience = "https://api.securitycenter.microsoft.com";
inline constexpr std::string_view kSecurityAudience = "https://api.security.microsoft.com";
inline constexpr std::string_view kWindowsAtpAudience = "https://securitycenter.onmicrosoft.com/windowsatpservice";
// The SIEM API (docs/microsoft-apis.md, "Token endpoints and audiences"): the portal-created app's resource, and the
// older one.
inline constexpr std::string_view kAadGraphAudience = "https://graph.windows.net";
inline constexpr std::string_view kAlertExportAudience = "https://WDATPAlertExport.Seville.onmicrosoft.com";

// The audiences each API accepts a token for.
std::span<const std::string_view> audiences_of(Api api);

// The application permissions (app roles) of which a token for `api` must carry one; empty: none is checked (the
// Defender for Endpoint and SIEM APIs, whose permissions the simulator always grants).
std::span<const std::string_view> required_roles(Api api);

// The Graph permissions an application is granted unless told otherwise: the alerts', which every Graph source needs;
// incidents need SecurityIncident.Read.All granted too, as at Microsoft.
inline constexpr std::string_view kDefaultGraphRoles = "SecurityAlert.Read.All";

// "Role.Name[+Role.Name...]" or "none"; nullopt when a name is not a permission's shape.
std::optional<std::vector<std::string>> parse_roles(std::string_view text);
std::string roles_text(const std::vector<std::string> &roles);

// The resource an access token can be asked for, in its canonical spelling; "" when it is not one of them.
// Accepts a trailing '/' and any letter case.
std::string_view known_audience(std::string_view resource);

struct IssuedToken {
  std::string access_token;
  Ticks issued_at = 0;
  Ticks expires_at = 0;
};

enum class TokenCheck { Ok, Missing, Malformed, Unknown, Expired, WrongAudience };

// Issues JWT-shaped access tokens and remembers them, so the APIs can tell valid, expired and foreign tokens apart.
// Tokens can be made to die before their expires_in says (token-max-age, revoke_all) to test refresh-on-401, and
// carry the Graph permissions granted when they were issued (graph-roles), to test 403.
class TokenService {
 public:
  TokenService(std::string tenant_guid, Ticks lifetime);

  IssuedToken issue(std::string_view audience, std::string_view client_id, Ticks now);
  TokenCheck check(std::string_view token, std::span<const std::string_view> audiences, Ticks now) const;
  // The audience a token we issued was for; nullopt for anything else.
  std::optional<std::string> audience_of(std::string_view token) const;
  // The app roles (the "roles" claim) of a token we issued; empty for anything else.
  std::vector<std::string> roles_of(std::string_view token) const;
  Ticks lifetime() const { return lifetime_; }

  // Every token issued so far expires now.
  void revoke_all(Ticks now);
  // Tokens older than this are expired, whatever their expires_in said; nullopt: they live their lifetime.
  void set_max_age(std::optional<Ticks> max_age);
  std::optional<Ticks> max_age() const;
  // The Graph permissions granted to the application: tokens issued from now on carry them (graph-roles).
  void set_graph_roles(std::vector<std::string> roles);
  std::vector<std::string> graph_roles() const;

 private:
  std::vector<std::string> roles_for(std::string_view audience) const;

  struct Grant {
    std::string audience;
    Ticks issued_at;
    Ticks expires_at;
    std::vector<std::string> roles;
  };

  std::string tenant_guid_;
  Ticks lifetime_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Grant> grants_;
  std::optional<Ticks> max_age_;
  std::vector<std::string> graph_roles_;
  std::size_t issued_since_sweep_ = 0;
};

}  // namespace sim
