#include "graph_alerts.h"

#include "bad_alert.h"
#include "filter_schemas.h"
#include "graph_errors.h"
#include "gzip.h"
#include "next_link.h"
#include "odata_query.h"
#include "url.h"

namespace sim {
namespace {

constexpr std::string_view kContext = "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2";
constexpr std::string_view kContentType =
    "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

// The page: the cached JSON of each version joined by commas, or with gzip their cached deflate segments; the
// broken alert (if any) is the one exception, rendered and compressed live.
std::string page_body(const std::string &head, std::span<const VersionPtr> items, const std::string &tail, bool gzip,
                      std::size_t broken, const std::string &broken_json) {
  const auto json = [&](std::size_t i) -> const std::string & {
    return i == broken ? broken_json : items[i]->graph_json;
  };
  if (gzip) {
    GzipConcatenator packed;
    std::string text = head;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i == 0 || i == broken) {
        text += (i == 0 ? "" : ",") + json(i);
        packed.add(text);
        text.clear();
      } else {
        packed.add(items[i]->graph_json_after_comma);
      }
    }
    return packed.finish(text + tail);
  }
  std::size_t size = head.size() + tail.size() + broken_json.size();
  for (const auto &v : items) size += v->graph_json.size() + 1;
  std::string body;
  body.reserve(size);
  body += head;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) body += ',';
    body += json(i);
  }
  body += tail;
  return body;
}

}  // namespace

GraphAlertsApi::GraphAlertsApi(AlertStore &store, ServedCursor &cursor, std::size_t max_page_size,
                               const ForeignOrigin &foreign)
    : store_(store), cursor_(cursor), foreign_(foreign), max_page_size_(max_page_size) {}

ApiAnswer GraphAlertsApi::serve(const HttpRequest &request, const ServeContext &context) {
  const GraphRequestIds ids = graph_request_ids(request);
  const auto params = parse_params(request.query);
  if (!params) return {graph_error(400, "BadRequest", "The query string is not correctly percent-encoded.", ids)};
  GraphQueryParse parsed = parse_graph_query(*params, {graph_filter_schema()});
  if (!parsed.query) return {graph_error(400, "BadRequest", parsed.error, ids)};
  const GraphQuery &q = *parsed.query;

  store_.publish_due(context.now);
  const std::size_t limit = std::min(q.top.value_or(max_page_size_), max_page_size_);
  StoreQuery sq;
  sq.filter = q.filter ? &*q.filter : nullptr;
  sq.order_field = q.order_field;
  sq.descending = q.descending;
  sq.offset = q.offset;
  sq.limit = limit + ServedCursor::kLookahead;  // the alerts after the page, for mutation-target=unserved
  sq.want_total = q.count;
  const StoreResult result = store_.query(sq);
  const std::span<const VersionPtr> all(result.items);
  const std::span<const VersionPtr> page = all.first(std::min(limit, all.size()));
  cursor_.note(Api::Graph, ids_of(page), ids_of(all.subspan(page.size())));
  // $top=0 asks for no items; a next link would then never advance.
  const bool has_next = (result.more || all.size() > page.size()) && limit > 0;

  std::string head = "{\"@odata.context\":\"";
  head += kContext;
  head += "\",";
  if (q.count) head += "\"@odata.count\":" + std::to_string(result.total) + ',';
  head += "\"value\":[";
  std::string tail = "]";
  if (has_next) {
    tail += ",\"@odata.nextLink\":\"" +
            next_link(request, q.carried, "$skiptoken=" + encode_skiptoken(q.offset + page.size()),
                      foreign_.link_authority()) +
            '"';
  }
  tail += '}';

  ApiAnswer answer;
  const std::size_t broken = broken_index(context.broken, page.size());
  std::string broken_json;
  if (broken < page.size()) {
    broken_json = break_alert(page[broken]->graph_json, context.broken, "title");
    answer.broken_alert = page[broken]->id;
  }
  HttpResponse &r = answer.response;
  r.set_header("Content-Type", std::string(kContentType));
  add_graph_headers(r, ids);
  if (context.gzip) r.set_header("Content-Encoding", "gzip");
  r.body = page_body(head, page, tail, context.gzip, broken, broken_json);
  answer.alerts_served = page.size();
  return answer;
}

}  // namespace sim
