#include "options.h"

#include <algorithm>
#include <array>

namespace defender {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_ignoring_case(text.substr(0, prefix.size()), prefix);
}

}  // namespace

std::string_view api_name(Api api) {
  switch (api) {
    case Api::graph: return "graph";
    case Api::alerts: return "alerts";
    case Api::siem: return "siem";
  }
  return "graph";
}

OptionError set_api(Options &options, std::string_view value) {
  if (equals_ignoring_case(value, "graph")) {
    options.api = Api::graph;
    return std::nullopt;
  }
  if (equals_ignoring_case(value, "alerts") || equals_ignoring_case(value, "siem"))
    return "api(" + std::string(value) + ") is not available in this version; use api(graph)";
  return "unknown api(" + std::string(value) + "); use graph";
}

std::string_view cloud_name(Cloud cloud) {
  switch (cloud) {
    case Cloud::global: return "global";
    case Cloud::gcc: return "gcc";
    case Cloud::gcc_high: return "gcc-high";
    case Cloud::dod: return "dod";
  }
  return "global";
}

OptionError set_cloud(Options &options, std::string_view value) {
  for (const Cloud cloud : {Cloud::global, Cloud::gcc, Cloud::gcc_high, Cloud::dod}) {
    // syslog-ng's lexer hands identifiers over as written; gcc_high and gcc-high mean the same.
    std::string spelled(value);
    std::replace(spelled.begin(), spelled.end(), '_', '-');
    if (equals_ignoring_case(spelled, cloud_name(cloud))) {
      options.cloud = cloud;
      return std::nullopt;
    }
  }
  return "unknown cloud(" + std::string(value) + "); use global, gcc, gcc-high or dod";
}

OptionError set_format(Options &options, std::string_view value) {
  if (equals_ignoring_case(value, "cef")) {
    options.format.format = Format::cef;
    return std::nullopt;
  }
  if (equals_ignoring_case(value, "json")) {
    options.format.format = Format::json;
    return std::nullopt;
  }
  return "unknown format(" + std::string(value) + "); use cef or json";
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::cef: return "cef";
    case Format::leef: return "leef";
    case Format::leef2: return "leef2";
    case Format::json: return "json";
  }
  return "cef";
}

OptionError set_url(std::string &field, std::string_view option, std::string_view value) {
  std::string_view url = value;
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (!starts_with_ignoring_case(url, "https://") || url.size() == std::string_view("https://").size())
    return std::string(option) + "(\"" + std::string(value) +
           "\") must be an https:// URL of scheme and host, e.g. https://login.microsoftonline.com";
  if (url.find_first_of("?# ") != std::string_view::npos)
    return std::string(option) + "(\"" + std::string(value) + "\") must not contain a query, a fragment or spaces";
  field = url;
  return std::nullopt;
}

OptionError set_tenant(Options &options, std::string_view value) {
  const bool plain = !value.empty() && std::all_of(value.begin(), value.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_';
  });
  if (!plain)
    return "tenant-id(\"" + std::string(value) +
           "\") must be the tenant's GUID or its domain, e.g. contoso.onmicrosoft.com";
  options.tenant_id = value;
  return std::nullopt;
}

OptionError validate(const Options &options) {
  if (options.tenant_id.empty())
    return std::string("tenant-id() is required: the tenant's GUID or domain, e.g. tenant-id(\"contoso.onmicrosoft.com\")");
  if (options.client_id.empty())
    return std::string("client-id() is required: the application (client) ID of the Entra ID app registration");
  const bool has_secret = !options.client_secret.empty();
  const bool has_secret_file = !options.client_secret_file.empty();
  if (has_secret && has_secret_file)
    return std::string("client-secret() and client-secret-file() are both set; keep one (client-secret-file() keeps the "
                       "secret out of the configuration)");
  if (!has_secret && !has_secret_file)
    return std::string("a credential is required: client-secret-file(\"/etc/syslog-ng/defender.secret\") or client-secret()");
  return std::nullopt;
}

int64_t max_page_size(Api api) {
  switch (api) {
    case Api::graph: return 1000;
    case Api::alerts: return 10000;
    case Api::siem: return 10000;
  }
  return 1000;
}

int64_t effective_page_size(const Options &options) {
  return std::clamp<int64_t>(options.page_size, 1, max_page_size(options.api));
}

std::string default_persist_name(const Options &options) {
  std::string name = options.tenant_id;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name + "," + std::string(api_name(options.api));
}

}  // namespace defender
