#include "apis/alert_api.h"
#include "apis/siem/siem_adapter.h"
#include "apis/siem/siem_window_reader.h"
#include "transport/http_client.h"

namespace defender {
namespace {

// The form of the API's own example (docs/microsoft-apis.md, "SIEM API"): "2016-09-12T00:00:00.000", UTC without "Z".
std::string siem_time(Instant t) { return format_instant(t).substr(0, 23); }

class SiemApi final : public AlertApi {
 public:
  // Eight times a typical record (about 2 KiB): an answer of the bound's worth of records always fits, and so does a
  // millisecond holding a few times the bound (ties), which is then read without a cut-off request first.
  static constexpr size_t record_bytes_allowance = 16 * 1024;
  // Less than the shortest record the adapter reads, {"AlertId":"1","LastProcessedTimeUtc":"2024-01-01T00:00:00"}
  // (60 bytes): an answer within max-response-size() holds no more records than its bytes allow at this size.
  static constexpr size_t min_record_bytes = 48;

  SiemApi(const Options &options, const Endpoints &endpoints)
      : alerts_url_(endpoints.alerts_url),
        machine_groups_(options.machine_groups),
        bound_(effective_page_size(options)),
        max_records_(static_cast<size_t>(options.max_response_bytes) / min_record_bytes) {}

  std::unique_ptr<WindowPlan> plan_window(Instant from, Instant until) override {
    return std::make_unique<SiemWindowReader>(from, until, bound_, span_ms_);
  }

  // Never `limit`: it keeps the newest records of the range and drops the rest.
  std::string page_url(const PageRequest &request, const HttpClient &http) const override {
    std::string url =
        alerts_url_ + "?sinceTimeUtc=" + siem_time(request.from) + "&untilTimeUtc=" + siem_time(request.until);
    for (const auto &group : machine_groups_) url += "&machinegroups=" + http.escape(group);
    return url;
  }

  std::vector<std::string> request_headers() const override { return {"Accept: application/json"}; }

  // The SIEM API does not page: an answer's size follows its window, not page-size(). One that outgrows the bound's
  // worth of records is abandoned and the window narrowed, except a single millisecond, which cannot be split.
  size_t max_answer_bytes(const PageRequest &request) const override {
    if (request.until.ticks - request.from.ticks <= Instant::ticks_per_millisecond) return 0;
    return static_cast<size_t>(bound_) * record_bytes_allowance;
  }
  size_t max_page_items() const override { return max_records_; }
  std::optional<Record> adapt(const rapidjson::Value &object) const override { return adapt_siem_record(object); }
  // Records never change once written: LastProcessedTimeUtc (Alert::updated) is the only time there is, and
  // emit-updates() changes nothing.
  PagingTime paging_time() const override { return PagingTime::updated; }

  std::string_view permission_advice() const override {
    return "the SIEM API serves the app that 'Enable SIEM integration' created (Microsoft Defender portal, Settings > "
           "Endpoints > APIs > SIEM) while that integration is enabled and the tenant is active; check both, and that "
           "the app has an admin consent";
  }

 private:
  std::string alerts_url_;
  std::vector<std::string> machine_groups_;
  int64_t bound_;
  size_t max_records_;
  int64_t span_ms_ = SiemWindowReader::initial_span_ms;
};

}  // namespace

std::unique_ptr<AlertApi> make_siem_api(const Options &options, const Endpoints &endpoints) {
  return std::make_unique<SiemApi>(options, endpoints);
}

}  // namespace defender
