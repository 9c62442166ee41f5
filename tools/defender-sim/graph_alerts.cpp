#include "graph_alerts.h"

#include <cctype>

#include "graph_errors.h"
#include "gzip.h"
#include "odata_query.h"
#include "url.h"

namespace sim {
namespace {

constexpr std::string_view kContext = "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2";
constexpr std::string_view kContentType =
    "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

std::string_view bearer_token(const HttpRequest& request) {
  const auto auth = request.header("authorization");
  if (!auth || auth->size() < 7 || !iequals(auth->substr(0, 7), "Bearer ")) return {};
  std::string_view token = auth->substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  return token;
}

const char* token_failure_message(TokenCheck check) {
  switch (check) {
    case TokenCheck::Missing: return "Access token is empty.";
    case TokenCheck::Malformed: return "CompactToken parsing failed with error code: 80049217";
    case TokenCheck::Unknown: return "Access token validation failure. Invalid signature.";
    case TokenCheck::Expired: return "Lifetime validation failed, the token is expired.";
    case TokenCheck::WrongAudience: return "Access token validation failure. Invalid audience.";
    case TokenCheck::Ok: break;
  }
  return "";
}

// The authority the client addressed, for the next link; anything odd falls back to the loopback address.
std::string authority(const HttpRequest& request) {
  const auto host = request.header("host");
  if (!host || host->empty()) return "127.0.0.1";
  for (const char c : *host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != ':' && c != '-' && c != '[' && c != ']')
      return "127.0.0.1";
  return std::string(*host);
}

std::string next_link(const HttpRequest& request, const std::string& path, const Params& carried,
                      std::size_t next_offset) {
  std::string link = "https://" + authority(request) + path + '?';
  for (const auto& [name, value] : carried) link += percent_encode(name, "$") + '=' + percent_encode(value) + '&';
  link += "$skiptoken=" + encode_skiptoken(next_offset);
  return link;
}

}  // namespace

GraphAlertsApi::GraphAlertsApi(AlertStore& store, const TokenService& tokens, SimStats& stats,
                               std::size_t max_page_size)
    : store_(store), tokens_(tokens), stats_(stats), max_page_size_(max_page_size) {}

HttpResponse GraphAlertsApi::handle(const HttpRequest& request) {
  std::size_t served = 0;
  const auto accept_encoding = request.header("accept-encoding");
  const bool gzip = accept_encoding && accepts_gzip(*accept_encoding);
  HttpResponse r = respond(request, gzip, served);
  stats_.record_api_request(r.status, served);
  if (gzip && r.status != 200) r.body = gzip_compress(r.body);  // a page is already compressed
  if (gzip) r.set_header("Content-Encoding", "gzip");
  return r;
}

HttpResponse GraphAlertsApi::respond(const HttpRequest& request, bool gzip, std::size_t& alerts_served) {
  const GraphRequestIds ids = graph_request_ids(request);
  if (request.method != "GET") {
    HttpResponse r = graph_error(405, "MethodNotAllowed",
                                 "The requested resource does not support http method '" + request.method + "'.", ids);
    r.set_header("Allow", "GET");
    return r;
  }
  const Ticks now = now_ticks();
  const TokenCheck check = tokens_.check(bearer_token(request), kGraphAudience, now);
  if (check != TokenCheck::Ok) {
    HttpResponse r = graph_error(401, "InvalidAuthenticationToken", token_failure_message(check), ids);
    r.set_header("WWW-Authenticate",
                 "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                 "client_id=\"00000003-0000-0000-c000-000000000000\"");
    return r;
  }

  const auto params = parse_params(request.query);
  if (!params) return graph_error(400, "BadRequest", "The query string is not correctly percent-encoded.", ids);
  GraphQueryParse parsed = parse_graph_query(*params);
  if (!parsed.query) return graph_error(400, "BadRequest", parsed.error, ids);
  const GraphQuery& q = *parsed.query;

  store_.publish_due(now);
  StoreQuery sq;
  sq.filter = q.filter ? &*q.filter : nullptr;
  sq.order_field = q.order_field;
  sq.descending = q.descending;
  sq.offset = q.offset;
  sq.limit = std::min(q.top.value_or(max_page_size_), max_page_size_);
  sq.want_total = q.count;
  const StoreResult result = store_.query(sq);
  // $top=0 asks for no items; a next link would then never advance.
  const bool has_next = result.more && sq.limit > 0;

  std::string head = "{\"@odata.context\":\"";
  head += kContext;
  head += "\",";
  if (q.count) head += "\"@odata.count\":" + std::to_string(result.total) + ',';
  head += "\"value\":[";
  std::string tail = "]";
  if (has_next) {
    const std::size_t path_end = request.target.find('?');
    tail += ",\"@odata.nextLink\":\"" +
            next_link(request, request.target.substr(0, path_end), q.carried, q.offset + result.items.size()) + '"';
  }
  tail += '}';

  // The page is the cached JSON of each version joined by commas; with gzip, their cached deflate segments.
  std::string body;
  if (gzip) {
    GzipConcatenator packed;
    if (!result.items.empty()) {
      packed.add(head + result.items.front()->graph_json);
      for (std::size_t i = 1; i < result.items.size(); ++i) packed.add(result.items[i]->graph_json_after_comma);
      head.clear();
    }
    body = packed.finish(head + tail);
  } else {
    std::size_t size = head.size() + tail.size();
    for (const auto& v : result.items) size += v->graph_json.size() + 1;
    body.reserve(size);
    body += head;
    for (std::size_t i = 0; i < result.items.size(); ++i) {
      if (i) body += ',';
      body += result.items[i]->graph_json;
    }
    body += tail;
  }

  HttpResponse r;
  r.set_header("Content-Type", std::string(kContentType));
  add_graph_headers(r, ids);
  r.body = std::move(body);
  alerts_served = result.items.size();
  return r;
}

}  // namespace sim
