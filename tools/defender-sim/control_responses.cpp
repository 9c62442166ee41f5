#include "control_responses.h"

#include <cstdint>

#include "json_writer.h"
#include "number_text.h"

namespace sim {

HttpResponse json_response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.set_header("Content-Type", "application/json; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  r.body = std::move(body);
  return r;
}

HttpResponse control_error(int status, std::string_view message) {
  JsonWriter w;
  w.begin_object();
  w.key("error").str(message);
  w.end_object();
  return json_response(status, w.take());
}

std::optional<Params> control_params(const HttpRequest &request) { return parse_params(request.query); }

std::optional<std::size_t> size_param(const Params &params, std::string_view name, std::size_t fallback,
                                      std::size_t max) {
  const std::string *v = find_param(params, name);
  if (!v) return fallback;
  return parse_number<std::size_t>(*v, 0, max);
}

std::vector<std::string> all_params(const Params &params, std::string_view name) {
  std::vector<std::string> out;
  for (const auto &[k, v] : params)
    if (iequals(k, name)) out.push_back(v);
  return out;
}

}  // namespace sim
