#include "graph_errors.h"

#include "json_writer.h"
#include "random.h"

namespace sim {

GraphRequestIds graph_request_ids(const HttpRequest &request) {
  GraphRequestIds ids{entropy_rng().guid(), {}};
  const auto client = request.header("client-request-id");
  ids.client_request_id = client ? std::string(*client) : ids.request_id;
  return ids;
}

void add_graph_headers(HttpResponse &r, const GraphRequestIds &ids) {
  r.set_header("Cache-Control", "no-cache");
  r.set_header("Vary", "Accept-Encoding");
  r.set_header("Strict-Transport-Security", "max-age=31536000");
  r.set_header("request-id", ids.request_id);
  r.set_header("client-request-id", ids.client_request_id);
  r.set_header(
      "x-ms-ags-diagnostic",
      R"({"ServerInfo":{"DataCenter":"North Europe","Slice":"E","Ring":"4","ScaleUnit":"001","RoleInstance":"DB1PEPF00005B2C"}})");
  r.set_header("OData-Version", "4.0");
}

HttpResponse graph_error(int status, std::string_view code, std::string_view message, const GraphRequestIds &ids) {
  JsonWriter w;
  w.begin_object();
  w.key("error").begin_object();
  w.key("code").str(code);
  w.key("message").str(message);
  w.key("innerError").begin_object();
  w.key("date").str(format_graph_error_date(now_ticks()));
  w.key("request-id").str(ids.request_id);
  w.key("client-request-id").str(ids.client_request_id);
  w.end_object();
  w.end_object();
  w.end_object();
  HttpResponse r;
  r.status = status;
  r.set_header("Content-Type", "application/json");
  add_graph_headers(r, ids);
  r.body = w.take();
  return r;
}

}  // namespace sim
