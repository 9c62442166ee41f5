#include "config/option_setters.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "config/text_match.h"

namespace defender {
namespace {

std::string quoted(DefenderOption option, std::string_view value) {
  return std::string(defender_option_name(option)) + "(\"" + std::string(value) + "\")";
}

OptionError readable_file(DefenderOption option, std::string_view path, std::string &field) {
  field = path;
  struct stat st;
  if (access(field.c_str(), R_OK) != 0 || stat(field.c_str(), &st) != 0)
    return quoted(option, path) + " cannot be read: " + std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return quoted(option, path) + " is not a file";
  return std::nullopt;
}

OptionError readable_directory(DefenderOption option, std::string_view path, std::string &field) {
  field = path;
  struct stat st;
  if (access(field.c_str(), R_OK | X_OK) != 0 || stat(field.c_str(), &st) != 0)
    return quoted(option, path) + " cannot be read: " + std::strerror(errno);
  if (!S_ISDIR(st.st_mode)) return quoted(option, path) + " is not a directory";
  return std::nullopt;
}

bool has_control_or_space(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

bool has_control(std::string_view value) {
  return std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < ' ' || c == 0x7f; });
}

// Text is std::string, or Secret for the client secret.
template <class Text>
OptionError non_empty(DefenderOption option, std::string_view value, Text &field) {
  field = Text(value);
  if (value.empty()) return std::string(defender_option_name(option)) + "() must not be empty";
  if (has_control(value)) return std::string(defender_option_name(option)) + "() must not contain control characters";
  return std::nullopt;
}

OptionError set_algorithm(Options &o, std::string_view value) {
  if (equals_ignoring_case(value, "ps256"))
    o.assertion_algorithm = AssertionAlgorithm::ps256;
  else if (equals_ignoring_case(value, "rs256"))
    o.assertion_algorithm = AssertionAlgorithm::rs256;
  else
    return "unknown client-assertion-algorithm(" + std::string(value) + "); use ps256 (Entra's current form) or rs256";
  return std::nullopt;
}

OptionError set_region(Options &o, std::string_view value) {
  std::string region(value);
  std::transform(region.begin(), region.end(), region.begin(), [](unsigned char c) { return std::tolower(c); });
  if (region.empty() || !std::all_of(region.begin(), region.end(), [](unsigned char c) { return std::isalpha(c); }))
    return "region(" + std::string(value) + ") must be a region code such as us, eu or uk";
  o.region = region;
  return std::nullopt;
}

OptionError set_proxy(Options &o, std::string_view value) {
  o.transport.proxy = value;
  for (const std::string_view scheme : {"http://", "https://", "socks5://", "socks5h://"}) {
    if (!starts_with_ignoring_case(value, scheme)) continue;
    if (value.size() == scheme.size() || has_control_or_space(value)) break;
    return std::nullopt;
  }
  // The value is not repeated: it may hold a password.
  return std::string(
      "proxy() must be a URL such as http://proxy.example.com:3128 or "
      "http://user:password@proxy.example.com:3128 (schemes http, https, socks5, socks5h)");
}

OptionError set_audience(Options &o, std::string_view value) {
  o.audience = value;
  while (!o.audience.empty() && o.audience.back() == '/') o.audience.pop_back();
  if (o.audience.empty() || has_control_or_space(o.audience))
    return quoted(DEFENDER_OPTION_AUDIENCE, value) +
           " must be the API's application ID URI, e.g. https://api.securitycenter.microsoft.com";
  return std::nullopt;
}

}  // namespace

std::optional<NumberRange> number_range(DefenderOption option) {
  switch (option) {
    case DEFENDER_OPTION_POLL_INTERVAL:
      return NumberRange{1, 86'400, "1", "86400", "seconds"};
    // The largest any API serves; graph's smaller maximum is applied with a notice (page_size_notice).
    case DEFENDER_OPTION_PAGE_SIZE:
      return NumberRange{1, 10'000, "1", "10000", "alerts"};
    case DEFENDER_OPTION_INITIAL_LOOKBACK:
      return NumberRange{0, 15'552'000, "0", "15552000 (180 days)", "seconds"};
    case DEFENDER_OPTION_LATE_ARRIVAL:
      return NumberRange{0, 86'400, "0", "86400", "seconds"};
    case DEFENDER_OPTION_TIMEOUT:
      return NumberRange{1, 3600, "1", "3600", "seconds"};
    case DEFENDER_OPTION_REQUESTS_PER_MINUTE:
      return NumberRange{0, 10'000, "0 (no limit)", "10000", "requests"};
    case DEFENDER_OPTION_REQUESTS_PER_HOUR:
      return NumberRange{0, 600'000, "0 (no limit)", "600000", "requests"};
    case DEFENDER_OPTION_MAX_RESPONSE_SIZE:
      return NumberRange{65'536, 1'073'741'824, "65536 (64 KiB)", "1073741824 (1 GiB)", "bytes"};
    default:
      return std::nullopt;
  }
}

namespace {

// The setter of another kind, or an option of the other driver: why not.
OptionError refused(const Options &o, DefenderOption option, OptionKind kind, const char *what) {
  if (option_kind(option) != kind) return std::string(defender_option_name(option)) + "() does not take " + what;
  return option_refused_by(o.driver, option);
}

}  // namespace

OptionError set_string_option(Options &o, DefenderOption option, std::string_view v) {
  if (auto error = refused(o, option, OptionKind::text, "a string")) return error;
  switch (option) {
    case DEFENDER_OPTION_TENANT_ID:
      return set_tenant(o, v);
    case DEFENDER_OPTION_CLIENT_ID:
      return non_empty(option, v, o.client_id);
    case DEFENDER_OPTION_CLIENT_SECRET:
      return non_empty(option, v, o.client_secret);
    case DEFENDER_OPTION_CLIENT_SECRET_FILE:
      return readable_file(option, v, o.client_secret_file);
    case DEFENDER_OPTION_CLIENT_CERTIFICATE:
      return readable_file(option, v, o.client_certificate);
    case DEFENDER_OPTION_CLIENT_PRIVATE_KEY:
      return readable_file(option, v, o.client_private_key);
    case DEFENDER_OPTION_CLIENT_ASSERTION_ALGORITHM:
      return set_algorithm(o, v);
    case DEFENDER_OPTION_API:
      return set_api(o, v);
    case DEFENDER_OPTION_CLOUD:
      return set_cloud(o, v);
    case DEFENDER_OPTION_REGION:
      return set_region(o, v);
    case DEFENDER_OPTION_FORMAT:
      return set_format(o, v);
    case DEFENDER_OPTION_LEEF_DELIMITER:
      return set_leef_delimiter(o, v);
    case DEFENDER_OPTION_LOGIN_URL:
      return set_url(o.login_url, "login-url", v);
    case DEFENDER_OPTION_API_URL:
      return set_url(o.api_url, "api-url", v);
    case DEFENDER_OPTION_AUDIENCE:
      return set_audience(o, v);
    case DEFENDER_OPTION_FILTER:
      return non_empty(option, v, o.filter);
    case DEFENDER_OPTION_MACHINE_GROUPS: {
      std::string group;
      if (auto error = non_empty(option, v, group)) return error;
      o.machine_groups.push_back(std::move(group));
      return std::nullopt;
    }
    case DEFENDER_OPTION_PROXY:
      return set_proxy(o, v);
    case DEFENDER_OPTION_NO_PROXY:
      return non_empty(option, v, o.transport.no_proxy);
    case DEFENDER_OPTION_CA_FILE:
      return readable_file(option, v, o.transport.ca_file);
    case DEFENDER_OPTION_CA_DIR:
      return readable_directory(option, v, o.transport.ca_dir);
    case DEFENDER_OPTION_USER_AGENT:
      return non_empty(option, v, o.transport.user_agent);
    case DEFENDER_OPTION_CONNECTION_STRING_FILE:
      if (auto error = readable_file(option, v, o.stream.connection_string_file)) return error;
      return set_stream_option(o.stream, option, v);
    case DEFENDER_OPTION_NAMESPACE:
    case DEFENDER_OPTION_BOOTSTRAP_SERVERS:
    case DEFENDER_OPTION_EVENT_HUB:
    case DEFENDER_OPTION_CONSUMER_GROUP:
    case DEFENDER_OPTION_START_FROM:
    case DEFENDER_OPTION_TABLES:
      return set_stream_option(o.stream, option, v);
    default:
      return std::string(defender_option_name(option)) + "() does not take a string";
  }
}

OptionError set_number_option(Options &o, DefenderOption option, int64_t value) {
  if (auto error = refused(o, option, OptionKind::number, "a number")) return error;
  const auto in_range = [&](int64_t &field) -> OptionError {
    const NumberRange range = *number_range(option);
    if (value < range.min || value > range.max)
      return std::string(defender_option_name(option)) + "(" + std::to_string(value) + ") must be between " +
             range.min_text + " and " + range.max_text + " " + range.unit;
    field = value;
    return std::nullopt;
  };
  switch (option) {
    case DEFENDER_OPTION_POLL_INTERVAL:
      return in_range(o.poll_interval_seconds);
    case DEFENDER_OPTION_PAGE_SIZE:
      return in_range(o.page_size);
    case DEFENDER_OPTION_INITIAL_LOOKBACK:
      return in_range(o.initial_lookback_seconds);
    case DEFENDER_OPTION_LATE_ARRIVAL:
      return in_range(o.late_arrival_seconds);
    case DEFENDER_OPTION_TIMEOUT:
      return in_range(o.transport.timeout_seconds);
    case DEFENDER_OPTION_REQUESTS_PER_MINUTE:
      return in_range(o.requests_per_minute.emplace());
    case DEFENDER_OPTION_REQUESTS_PER_HOUR:
      return in_range(o.requests_per_hour.emplace());
    case DEFENDER_OPTION_MAX_RESPONSE_SIZE:
      return in_range(o.max_response_bytes);
    case DEFENDER_OPTION_TOKEN_VERSION:
      if (value == 1 || value == 2) {
        o.token_version = value == 1 ? TokenVersion::v1 : TokenVersion::v2;
        return std::nullopt;
      }
      return "token-version(" + std::to_string(value) + ") must be 1 (resource=) or 2 (scope=<audience>/.default)";
    default:
      return std::string(defender_option_name(option)) + "() does not take a number";
  }
}

OptionError set_bool_option(Options &o, DefenderOption option, bool value) {
  if (auto error = refused(o, option, OptionKind::yes_no, "yes or no")) return error;
  switch (option) {
    case DEFENDER_OPTION_PEER_VERIFY:
      o.transport.peer_verify = value;
      return std::nullopt;
    case DEFENDER_OPTION_EMIT_UPDATES:
      o.emit_updates = value;
      return std::nullopt;
    case DEFENDER_OPTION_EXPAND_EVIDENCE:
      o.expand_evidence = value;
      return std::nullopt;
    case DEFENDER_OPTION_EXPAND_ALERTS:
      o.expand_alerts = value;
      return std::nullopt;
    case DEFENDER_OPTION_ALLOW_INSECURE_HTTP:
      o.transport.allow_insecure_http = value;
      return std::nullopt;
    default:
      return std::string(defender_option_name(option)) + "() does not take yes or no";
  }
}

OptionError set_pair_option(Options &o, DefenderOption option, std::string_view name, std::string_view value) {
  if (auto error = refused(o, option, OptionKind::text_pair, "a name and a value")) return error;
  if (option == DEFENDER_OPTION_KAFKA_OPTION) return set_kafka_option(o.stream, name, value);
  return std::string(defender_option_name(option)) + "() does not take a name and a value";
}

}  // namespace defender
