// explain: what a source with these options would do, computed by the same code the module runs, with no request
// sent. The options are checked as syslog-ng checks them (the credential's file is read, nothing more).
#include "apis/alert_api.h"
#include "commands.h"
#include "config/endpoints.h"
#include "configuration.h"
#include "terminal.h"
#include "transport/http_client.h"
#include "wall_clock.h"

namespace defender::fetch {
namespace {

std::string per(int64_t limit, std::string_view span) {
  return (limit == 0 ? std::string("no limit ") : std::to_string(limit) + " requests ") + std::string(span);
}

std::string page_size_line(const Options &options) {
  const int64_t effective = effective_page_size(options);
  if (effective == options.page_size) return std::to_string(effective);
  return std::to_string(effective) + " (page-size(" + std::to_string(options.page_size) + ") clamped to what api(" +
         std::string(api_name(options.api)) + ") serves)";
}

std::string tls_line(const TransportOptions &t) {
  std::string line = std::string("peer-verify(") + (t.peer_verify ? "yes" : "no") + ")";
  if (!t.ca_file.empty()) line += ", ca-file(\"" + t.ca_file + "\")";
  if (!t.ca_dir.empty()) line += ", ca-dir(\"" + t.ca_dir + "\")";
  if (t.ca_file.empty() && t.ca_dir.empty()) line += ", the system's CA certificates";
  return line;
}

// A first start reads initial-lookback() back from now: its first request, as the source would send it now.
void show_first_page(const Options &options, const Endpoints &endpoints) {
  const HttpClient http(options.transport);  // for percent-encoding the query only
  const auto api = make_alert_api(options, endpoints);
  const Instant now = wall_clock();
  const Instant from = now.minus_seconds(options.initial_lookback_seconds);
  const auto plan = api->plan_window(from, now);
  if (plan->done()) {
    say("first page: none at the first start: initial-lookback(0) starts at the present");
    return;
  }
  say("first page: GET " + api->page_url(plan->request(), http));
  say("first window: " + format_instant(from) + " until " + format_instant(now) + " (initial-lookback(" +
      std::to_string(options.initial_lookback_seconds) + ") on a first start)");
}

}  // namespace

ExitStatus run_explain(const Arguments &arguments) {
  const Options &options = arguments.options;
  const auto configuration = load_configuration(options, terminal_logger(arguments.verbose), wall_clock());
  if (const auto *problem = std::get_if<std::string>(&configuration)) {
    report(*problem);
    return ExitStatus::usage;
  }
  const Endpoints endpoints = endpoints_for(options);
  const TransportOptions &transport = options.transport;
  const Budget budget = effective_budget(options);
  say("tenant: " + options.tenant_id);
  say("api: " + std::string(api_name(options.api)) + ", cloud: " + std::string(cloud_name(options.cloud)) +
      (options.region.empty() ? "" : ", region: " + options.region));
  say("credential: " + std::string(credential_kind(options)) + " of client " + options.client_id);
  say("token url: " + endpoints.token_url);
  if (endpoints.token_version == TokenVersion::v2) {
    say("token version: v2");
    say("scope: " + endpoints.audience + "/.default");
  } else {
    say("token version: v1");
    say("resource: " + endpoints.audience);
  }
  say("api url: " + endpoints.alerts_url);
  show_first_page(options, endpoints);
  say("page size: " + page_size_line(options));
  say("budget: " + per(budget.per_minute, "a minute") + ", " + per(budget.per_hour, "an hour"));
  say("polling: every " + std::to_string(options.poll_interval_seconds) + " seconds, reading again " +
      std::to_string(options.late_arrival_seconds) + " seconds back for late arrivals");
  say("format: " + std::string(format_name(options.format.format)));
  say("proxy: " + (transport.proxy.empty() ? std::string("none set (libcurl follows https_proxy and no_proxy)")
                                           : without_credentials(transport.proxy)));
  if (!transport.no_proxy.empty()) say("no-proxy: " + transport.no_proxy);
  say("tls: " + tls_line(transport));
  say("timeout: " + std::to_string(transport.timeout_seconds) + " seconds");
  say("user agent: " + transport.user_agent);
  say("persist name: " + default_persist_name(options) + " (the default; persist-name() sets another)");
  return ExitStatus::ok;
}

}  // namespace defender::fetch
