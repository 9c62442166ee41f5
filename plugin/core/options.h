// The source's configuration as the core sees it: typed, validated, with the URLs it implies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "format.h"

namespace defender {

enum class Api { graph, alerts, siem };
enum class Cloud { global, gcc, gcc_high, dod };

std::string_view api_name(Api api);
std::string_view cloud_name(Cloud cloud);

struct Options {
  std::string tenant_id;
  std::string client_id;
  std::string client_secret;
  std::string client_secret_file;
  Api api = Api::graph;
  Cloud cloud = Cloud::global;
  std::string login_url;  // empty: the cloud's login host
  std::string api_url;    // empty: the API's host in the cloud
  std::string ca_file;
  bool peer_verify = true;
  FormatOptions format;
  int64_t poll_interval_seconds = 60;
  int64_t page_size = 1000;
  int64_t initial_lookback_seconds = 86400;
  int64_t late_arrival_seconds = 300;
};

// Each returns an error for the person writing the configuration, or nothing when the value was taken.
using OptionError = std::optional<std::string>;

OptionError set_tenant(Options &options, std::string_view value);
OptionError set_api(Options &options, std::string_view value);
OptionError set_cloud(Options &options, std::string_view value);
OptionError set_format(Options &options, std::string_view value);
std::string_view format_name(Format format);
OptionError set_url(std::string &field, std::string_view option, std::string_view value);

// The checks that need all options at once: what is required, what contradicts.
OptionError validate(const Options &options);

// The largest page each API serves.
int64_t max_page_size(Api api);
int64_t effective_page_size(const Options &options);

// Stable across restarts and reloads, and different for each tenant and API.
std::string default_persist_name(const Options &options);

}  // namespace defender
