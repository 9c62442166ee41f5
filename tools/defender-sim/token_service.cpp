#include "token_service.h"

#include <algorithm>

#include "base64.h"
#include "json_writer.h"
#include "random.h"
#include "url.h"

namespace sim {
namespace {

constexpr std::string_view kGraphAudiences[] = {kGraphAudience};
constexpr std::string_view kAlertsAudiences[] = {kSecurityCenterAudience, kSecurityAudience, kWindowsAtpAudience};
constexpr std::string_view kSiemAudiences[] = {kAadGraphAudience, kAlertExportAudience};
constexpr std::string_view kAlertRoles[] = {"SecurityAlert.Read.All", "SecurityAlert.ReadWrite.All"};
constexpr std::string_view kIncidentRoles[] = {"SecurityIncident.Read.All", "SecurityIncident.ReadWrite.All"};

bool contains(std::span<const std::string_view> audiences, std::string_view audience) {
  return std::find(audiences.begin(), audiences.end(), audience) != audiences.end();
}

bool role_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
}

std::string random_bytes(Rng &rng, std::size_t n) {
  std::string out(n, '\0');
  for (auto &c : out) c = static_cast<char>(rng.below(256));
  return out;
}

}  // namespace

std::span<const std::string_view> audiences_of(Api api) {
  switch (api) {
    case Api::Graph:
    case Api::Incidents:
      return kGraphAudiences;
    case Api::Alerts:
      return kAlertsAudiences;
    case Api::Siem:
      return kSiemAudiences;
  }
  return {};
}

std::span<const std::string_view> required_roles(Api api) {
  switch (api) {
    case Api::Graph:
      return kAlertRoles;
    case Api::Incidents:
      return kIncidentRoles;
    case Api::Alerts:
    case Api::Siem:
      break;
  }
  return {};
}

std::optional<std::vector<std::string>> parse_roles(std::string_view text) {
  std::vector<std::string> roles;
  if (text == "none") return roles;
  while (true) {
    const auto plus = text.find('+');
    const std::string_view role = text.substr(0, plus);
    if (role.empty() || role.size() > 100 || !std::all_of(role.begin(), role.end(), role_char)) return std::nullopt;
    roles.emplace_back(role);
    if (plus == std::string_view::npos) return roles;
    text.remove_prefix(plus + 1);
  }
}

std::string roles_text(const std::vector<std::string> &roles) {
  if (roles.empty()) return "none";
  std::string out;
  for (const auto &r : roles) out += (out.empty() ? "" : "+") + r;
  return out;
}

std::string_view known_audience(std::string_view resource) {
  if (resource.ends_with('/')) resource.remove_suffix(1);
  for (const Api api : kApis)
    for (const auto a : audiences_of(api))
      if (iequals(resource, a)) return a;
  return {};
}

TokenService::TokenService(std::string tenant_guid, Ticks lifetime)
    : tenant_guid_(std::move(tenant_guid)), lifetime_(lifetime), graph_roles_(*parse_roles(kDefaultGraphRoles)) {}

std::vector<std::string> TokenService::roles_for(std::string_view audience) const {
  if (audience == kGraphAudience) {
    const std::lock_guard lock(mutex_);
    return graph_roles_;
  }
  if (contains(kAlertsAudiences, audience)) return {"Alert.Read.All"};
  return {};
}

IssuedToken TokenService::issue(std::string_view audience, std::string_view client_id, Ticks now) {
  Rng &rng = entropy_rng();
  const std::int64_t iat = now / kTicksPerSecond;
  const std::int64_t exp = (now + lifetime_) / kTicksPerSecond;
  const std::string kid = base64url_encode(random_bytes(rng, 20));

  JsonWriter header;
  header.begin_object();
  header.key("typ").str("JWT");
  header.key("alg").str("RS256");
  header.key("x5t").str(kid);
  header.key("kid").str(kid);
  header.end_object();

  JsonWriter claims;
  claims.begin_object();
  claims.key("aud").str(audience);
  claims.key("iss").str("https://sts.windows.net/" + tenant_guid_ + "/");
  claims.key("iat").integer(iat);
  claims.key("nbf").integer(iat);
  claims.key("exp").integer(exp);
  claims.key("aio").str(base64url_encode(random_bytes(rng, 48)));
  claims.key("app_displayname").str("syslog-ng SIEM connector");
  claims.key("appid").str(client_id);
  claims.key("appidacr").str("1");
  claims.key("idp").str("https://sts.windows.net/" + tenant_guid_ + "/");
  claims.key("idtyp").str("app");
  claims.key("oid").str(rng.guid());
  claims.key("rh").str("0." + base64url_encode(random_bytes(rng, 40)) + ".");
  std::vector<std::string> roles = roles_for(audience);
  if (!roles.empty()) claims.key("roles").strings(roles);
  claims.key("sub").str(rng.guid());
  claims.key("tid").str(tenant_guid_);
  claims.key("uti").str(base64url_encode(random_bytes(rng, 16)));
  claims.key("ver").str("1.0");
  claims.end_object();

  IssuedToken token;
  token.access_token = base64url_encode(header.take()) + '.' + base64url_encode(claims.take()) + '.' +
                       base64url_encode(random_bytes(rng, 256));
  token.issued_at = now;
  token.expires_at = now + lifetime_;

  const std::lock_guard lock(mutex_);
  if (++issued_since_sweep_ >= 1000) {
    issued_since_sweep_ = 0;
    std::erase_if(grants_, [&](const auto &g) { return g.second.expires_at <= now; });
  }
  grants_.emplace(token.access_token, Grant{std::string(audience), now, token.expires_at, std::move(roles)});
  return token;
}

TokenCheck TokenService::check(std::string_view token, std::span<const std::string_view> audiences, Ticks now) const {
  if (token.empty()) return TokenCheck::Missing;
  if (std::count(token.begin(), token.end(), '.') != 2) return TokenCheck::Malformed;
  const std::lock_guard lock(mutex_);
  const auto it = grants_.find(std::string(token));
  if (it == grants_.end()) return TokenCheck::Unknown;
  const Grant &g = it->second;
  if (g.expires_at <= now || (max_age_ && g.issued_at + *max_age_ <= now)) return TokenCheck::Expired;
  if (!contains(audiences, g.audience)) return TokenCheck::WrongAudience;
  return TokenCheck::Ok;
}

std::optional<std::string> TokenService::audience_of(std::string_view token) const {
  const std::lock_guard lock(mutex_);
  const auto it = grants_.find(std::string(token));
  if (it == grants_.end()) return std::nullopt;
  return it->second.audience;
}

std::vector<std::string> TokenService::roles_of(std::string_view token) const {
  const std::lock_guard lock(mutex_);
  const auto it = grants_.find(std::string(token));
  if (it == grants_.end()) return {};
  return it->second.roles;
}

void TokenService::revoke_all(Ticks now) {
  const std::lock_guard lock(mutex_);
  for (auto &[token, grant] : grants_) grant.expires_at = std::min(grant.expires_at, now);
}

void TokenService::set_max_age(std::optional<Ticks> max_age) {
  const std::lock_guard lock(mutex_);
  max_age_ = max_age;
}

std::optional<Ticks> TokenService::max_age() const {
  const std::lock_guard lock(mutex_);
  return max_age_;
}

void TokenService::set_graph_roles(std::vector<std::string> roles) {
  const std::lock_guard lock(mutex_);
  graph_roles_ = std::move(roles);
}

std::vector<std::string> TokenService::graph_roles() const {
  const std::lock_guard lock(mutex_);
  return graph_roles_;
}

}  // namespace sim
