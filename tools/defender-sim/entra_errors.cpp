#include "entra_errors.h"

#include "json_writer.h"
#include "random.h"

namespace sim {

void add_entra_headers(HttpResponse &r, std::string_view trace_id) {
  r.set_header("Cache-Control", "no-store, no-cache");
  r.set_header("Pragma", "no-cache");
  r.set_header("Content-Type", "application/json; charset=utf-8");
  r.set_header("Expires", "-1");
  r.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("x-ms-request-id", std::string(trace_id));
  r.set_header("x-ms-ests-server", "2.1.17846.6 - NEULR1 ProdSlices");
}

HttpResponse entra_error_response(const EntraError &e, const HttpRequest &request) {
  const std::string trace_id = entropy_rng().guid();
  const auto client_request_id = request.header("client-request-id");
  const std::string correlation_id = client_request_id ? std::string(*client_request_id) : entropy_rng().guid();
  const std::string timestamp = format_entra_timestamp(now_ticks());
  const std::string code = std::to_string(e.code);

  JsonWriter w;
  w.begin_object();
  w.key("error").str(e.error);
  w.key("error_description")
      .str("AADSTS" + code + ": " + e.message + "\r\nTrace ID: " + trace_id + "\r\nCorrelation ID: " + correlation_id +
           "\r\nTimestamp: " + timestamp);
  w.key("error_codes").begin_array();
  w.integer(e.code);
  w.end_array();
  w.key("timestamp").str(timestamp);
  w.key("trace_id").str(trace_id);
  w.key("correlation_id").str(correlation_id);
  w.key("error_uri").str("https://login.microsoftonline.com/error?code=" + code);
  w.end_object();

  HttpResponse r;
  r.status = e.status;
  add_entra_headers(r, trace_id);
  r.body = w.take();
  return r;
}

}  // namespace sim
