#include "token_claims.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <array>

#include "json/bounded_json.h"

namespace defender::fetch {
namespace {

// base64url without padding (RFC 7515 §2); nothing when a character is outside the alphabet.
std::optional<std::string> base64url_decode(std::string_view text) {
  static constexpr auto values = [] {
    std::array<int, 256> v{};
    v.fill(-1);
    const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (size_t i = 0; i < alphabet.size(); ++i) v[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
    return v;
  }();
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const int value = values[static_cast<unsigned char>(c)];
    if (value < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xff));
    }
  }
  return out;
}

std::string text_claim(const rapidjson::Value &claims, const char *name) {
  const auto it = claims.FindMember(name);
  return it != claims.MemberEnd() && it->value.IsString()
             ? std::string(it->value.GetString(), it->value.GetStringLength())
             : std::string();
}

}  // namespace

std::optional<TokenClaims> decode_token(std::string_view token) {
  const size_t first = token.find('.');
  const size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
  if (!payload) return std::nullopt;
  rapidjson::Document claims;
  if (!parse_bounded(claims, *payload, small_body_json_caps).empty() || !claims.IsObject()) return std::nullopt;

  TokenClaims decoded{text_claim(claims, "aud"),
                      text_claim(claims, "iss"),
                      text_claim(claims, "tid"),
                      text_claim(claims, "appid"),
                      {},
                      std::nullopt};
  if (decoded.app_id.empty()) decoded.app_id = text_claim(claims, "azp");
  if (const auto roles = claims.FindMember("roles"); roles != claims.MemberEnd() && roles->value.IsArray())
    for (const auto &role : roles->value.GetArray())
      if (role.IsString()) decoded.roles.emplace_back(role.GetString(), role.GetStringLength());
  if (const auto exp = claims.FindMember("exp"); exp != claims.MemberEnd() && exp->value.IsInt64())
    decoded.expires = Instant::from_seconds(exp->value.GetInt64());
  return decoded;
}

std::string_view required_role(Api api) {
  switch (api) {
    case Api::graph:
      return "SecurityAlert.Read.All";
    case Api::incidents:
      return "SecurityIncident.Read.All";
    case Api::alerts:
      return "Alert.Read.All";
    case Api::siem:
      return "";
  }
  return "";
}

bool grants(const std::vector<std::string> &roles, Api api) {
  const std::string read(required_role(api));
  if (read.empty()) return false;
  const std::string read_write = read.substr(0, read.find(".Read.")) + ".ReadWrite.All";
  return std::any_of(roles.begin(), roles.end(),
                     [&](const std::string &role) { return role == read || role == read_write; });
}

}  // namespace defender::fetch
