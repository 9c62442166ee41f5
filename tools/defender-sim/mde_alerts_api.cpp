#include "mde_alerts_api.h"

#include <algorithm>

#include "bad_alert.h"
#include "mde_errors.h"
#include "mde_query.h"
#include "next_link.h"

namespace sim {
namespace {

constexpr std::string_view kContext = "https://api.securitycenter.microsoft.com/api/$metadata#Alerts";
constexpr std::string_view kContentType =
    "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

void append_alert(std::string &body, const AlertVersion &v, bool evidence) {
  body += v.mde->head;
  if (evidence) body += v.mde->evidence;
  body += '}';
}

}  // namespace

MdeAlertsApi::MdeAlertsApi(AlertStore &store, ServedCursor &cursor, std::size_t server_page_size,
                           const ForeignOrigin &foreign)
    : store_(store), cursor_(cursor), foreign_(foreign), server_page_size_(server_page_size) {}

ApiAnswer MdeAlertsApi::serve(const HttpRequest &request, const ServeContext &context) {
  const auto params = parse_params(request.query);
  if (!params) return {mde_error(400, "BadRequest", "The query string is not correctly percent-encoded.")};
  const MdeQueryParse parsed = parse_mde_query(*params);
  if (!parsed.query) return {mde_error(400, "ODataError", parsed.error)};
  const MdeQuery &q = *parsed.query;

  store_.publish_due(context.now);
  std::vector<VersionPtr> all = store_.select(Api::Alerts, q.filter ? &*q.filter : nullptr);
  std::sort(all.begin(), all.end(), [](const VersionPtr &a, const VersionPtr &b) {
    return a->order_key != b->order_key ? a->order_key < b->order_key : a->id < b->id;
  });
  const std::span<const VersionPtr> rest = std::span<const VersionPtr>(all).subspan(std::min(q.skip, all.size()));
  const std::span<const VersionPtr> page = rest.first(std::min(q.top.value_or(server_page_size_), rest.size()));
  const std::span<const VersionPtr> after = rest.subspan(page.size());
  cursor_.note(Api::Alerts, ids_of(page), ids_of(after.first(std::min(ServedCursor::kLookahead, after.size()))));

  ApiAnswer answer;
  const std::size_t broken = broken_index(context.broken, page.size());
  std::string body = "{\"@odata.context\":\"" + std::string(kContext) + "\",\"value\":[";
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (i) body += ',';
    if (i == broken) {
      std::string json;
      append_alert(json, *page[i], q.expand_evidence);
      body += break_alert(json, context.broken, "title");
      answer.broken_alert = page[i]->id;
    } else {
      append_alert(body, *page[i], q.expand_evidence);
    }
  }
  body += ']';
  if (!q.top && !after.empty()) {
    const std::string paging = "$skip=" + std::to_string(q.skip + page.size());
    body += ",\"@odata.nextLink\":\"" + next_link(request, q.carried, paging, foreign_.link_authority()) + '"';
  }
  body += '}';

  answer.response.set_header("Content-Type", std::string(kContentType));
  answer.response.body = std::move(body);
  answer.alerts_served = page.size();
  return answer;
}

}  // namespace sim
