// What differs between the alert APIs: how a window is read and a page asked for, how an alert is read, which
// time it is paged on, what to tell a person. The poller is one for all of them.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "apis/optional_expansion.h"
#include "apis/window_plan.h"
#include "config/endpoints.h"
#include "config/options.h"
#include "record.h"

namespace defender {

class HttpClient;

// The time an API filters and pages on. With the alert's id (or SIEM record id) it names what is sent once: the
// update time sends every version (emit-updates(yes)), the creation time only the first one seen (emit-updates(no)).
enum class PagingTime { updated, created };

std::optional<Instant> paging_time_of(const Record &record, PagingTime paging);

class AlertApi {
 public:
  virtual ~AlertApi() = default;
  virtual std::unique_ptr<WindowPlan> plan_window(Instant from, Instant until) = 0;
  virtual std::string page_url(const PageRequest &request, const HttpClient &http) const = 0;
  virtual std::vector<std::string> request_headers() const = 0;
  virtual std::optional<Record> adapt(const rapidjson::Value &object) const = 0;
  virtual PagingTime paging_time() const = 0;
  // For a 403: which permission the app registration needs.
  virtual std::string_view permission_advice() const = 0;
  // After repeated server errors: leave out an optional part of the request (and say which) until the next window.
  // Nothing when there is none to leave out.
  virtual std::optional<OptionalPart> drop_optional_part() { return std::nullopt; }
  // An answer longer than this (as received or decoded) is abandoned and the window narrowed, so that memory follows
  // the page size and not the backlog. 0: no limit, because $top already bounds the answer.
  virtual size_t max_answer_bytes(const PageRequest &) const { return 0; }
  // The most alerts a page can hold; a page with more is malformed and only as many are read (scan_page).
  virtual size_t max_page_items() const = 0;
  virtual void restore_optional_parts() {}
};

std::unique_ptr<AlertApi> make_alert_api(const Options &options, const Endpoints &endpoints);

// Microsoft Graph security alerts_v2: filtered and ordered on the paging time, nextLink followed inside an instant.
std::unique_ptr<AlertApi> make_graph_alerts_api(const Options &options, const Endpoints &endpoints);
// Defender for Endpoint /api/alerts: filtered on the paging time, no order and no nextLink relied on.
std::unique_ptr<AlertApi> make_mde_alerts_api(const Options &options, const Endpoints &endpoints);
// The legacy SIEM API: sinceTimeUtc/untilTimeUtc on LastProcessedTimeUtc, a bare array, sub-windows sized to answers.
std::unique_ptr<AlertApi> make_siem_api(const Options &options, const Endpoints &endpoints);
// Microsoft Graph security incidents: as Graph alerts, in pages of at most 50, optionally with $expand=alerts.
std::unique_ptr<AlertApi> make_incidents_api(const Options &options, const Endpoints &endpoints);

// What the OData APIs (Graph, alerts) take from the options.
struct ODataSettings {
  std::string alerts_url;
  std::string filter;  // filter(): ANDed in front of the time filter
  PagingTime paging;
  int64_t page_size;
};

ODataSettings odata_settings(const Options &options, const Endpoints &endpoints);

// An OData page holds at most $top (the page size) alerts; twice as many and a margin spare a service that serves a
// few more than asked.
size_t odata_max_page_items(const ODataSettings &odata);

// Microsoft Graph's page URL (alerts_v2 and incidents alike): filtered and ordered on the paging time, or the
// server's own nextLink inside an instant; `expand` appended when not empty.
std::string graph_page_url(const ODataSettings &odata, const PageRequest &request, const HttpClient &http,
                           std::string_view expand = {});
// What every Graph request sends: without the Prefer header Graph hides enum values added after v1.0 (newer
// serviceSource values, the incident status awaitingAction).
std::vector<std::string> graph_request_headers();

// "$filter=...&$top=N[&$skip=M]" for a page of an OData API, the filter being time_filter()'s.
std::string odata_page_query(std::string_view property, const PageRequest &request, std::string_view extra,
                             const HttpClient &http);

// The OData filter for a page: "<property> ge X and <property> lt Y", or "<property> eq X" for a single instant,
// after "(<extra>) and " when the configuration adds a clause of its own.
std::string time_filter(std::string_view property, const PageRequest &request, std::string_view extra = {});

}  // namespace defender
