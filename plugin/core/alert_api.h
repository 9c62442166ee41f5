// What differs between the alert APIs: how a page is asked for, how an alert is read, what to tell a person.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alert.h"
#include "window_reader.h"

namespace defender {

class HttpClient;

class AlertApi {
 public:
  virtual ~AlertApi() = default;
  virtual std::string page_url(const PageRequest &request, const HttpClient &http) const = 0;
  virtual std::vector<std::string> request_headers() const = 0;
  virtual std::optional<Alert> adapt(const rapidjson::Value &object) const = 0;
  // For a 403: which permission the app registration needs.
  virtual std::string_view permission_advice() const = 0;
};

// Microsoft Graph security alerts_v2, filtered and ordered on lastUpdateDateTime.
class GraphAlertsApi final : public AlertApi {
 public:
  explicit GraphAlertsApi(std::string alerts_url) : alerts_url_(std::move(alerts_url)) {}
  std::string page_url(const PageRequest &request, const HttpClient &http) const override;
  std::vector<std::string> request_headers() const override;
  std::optional<Alert> adapt(const rapidjson::Value &object) const override;
  std::string_view permission_advice() const override;

 private:
  std::string alerts_url_;
};

// The OData filter for a page: "lastUpdateDateTime ge X and lastUpdateDateTime lt Y" or "... eq X".
std::string time_filter(std::string_view property, const PageRequest &request);

}  // namespace defender
