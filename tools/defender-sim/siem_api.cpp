#include "siem_api.h"

#include <algorithm>

#include "bad_alert.h"
#include "mde_errors.h"
#include "siem_query.h"

namespace sim {
namespace {

bool has_tag(const std::vector<std::string> &tags, const std::optional<std::string> &wanted) {
  return !wanted || std::any_of(tags.begin(), tags.end(), [&](const std::string &t) { return iequals(t, *wanted); });
}

bool selected(const SiemRecord &r, const SiemQuery &q) {
  const bool group =
      q.machine_groups.empty() || std::any_of(q.machine_groups.begin(), q.machine_groups.end(),
                                              [&](const std::string &g) { return iequals(g, r.machine_group); });
  return group && has_tag(r.device_tags, q.device_tag) && has_tag(r.cloud_tags, q.cloud_tag);
}

}  // namespace

SiemApi::SiemApi(AlertStore &store) : store_(store) {}

ApiAnswer SiemApi::serve(const HttpRequest &request, const ServeContext &context) {
  const auto params = parse_params(request.query);
  if (!params) return {mde_error(400, "BadRequest", "The query string is not correctly percent-encoded.")};
  const SiemQueryParse parsed = parse_siem_query(*params, context.now);
  if (!parsed.query) return {mde_error(400, "BadRequest", parsed.error)};
  const SiemQuery &q = *parsed.query;

  store_.publish_due(context.now);
  std::vector<SiemRef> records = store_.siem_records(q.since, q.until);
  std::erase_if(records, [&](const SiemRef &r) { return !selected(r.get(), q); });
  if (q.limit && records.size() > *q.limit)
    records.erase(records.begin(), records.end() - static_cast<std::ptrdiff_t>(*q.limit));

  ApiAnswer answer;
  const std::size_t broken = broken_index(context.broken, records.size());
  std::string body = "[";
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i) body += ',';
    if (i == broken) {
      body += break_alert(records[i].get().json, context.broken, "AlertTitle");
      answer.broken_alert = records[i].get().full_id;
    } else {
      body += records[i].get().json;
    }
  }
  body += ']';
  answer.response.set_header("Content-Type", "application/json; charset=utf-8");
  answer.response.body = std::move(body);
  answer.alerts_served = records.size();
  return answer;
}

}  // namespace sim
