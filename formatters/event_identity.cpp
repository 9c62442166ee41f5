#include "event_identity.h"

#include <algorithm>
#include <array>

namespace defender {
namespace {

struct Product {
  std::string_view service_source;
  std::string_view name;
};

// Microsoft's current product names. App governance is a feature of Defender for Cloud Apps with its own
// serviceSource, so it gets its own name under that product rather than being folded into it.
constexpr std::array<Product, 9> products{{
    {"microsoftDefenderForEndpoint", "Microsoft Defender for Endpoint"},
    {"microsoftDefenderForIdentity", "Microsoft Defender for Identity"},
    {"microsoftDefenderForOffice365", "Microsoft Defender for Office 365"},
    {"microsoftDefenderForCloudApps", "Microsoft Defender for Cloud Apps"},
    {"microsoftDefenderForCloud", "Microsoft Defender for Cloud"},
    {"microsoft365Defender", "Microsoft Defender XDR"},
    {"azureAdIdentityProtection", "Microsoft Entra ID Protection"},
    {"dataLossPrevention", "Microsoft Purview DLP"},
    {"microsoftAppGovernance", "Microsoft Defender for Cloud Apps App Governance"},
}};

constexpr std::string_view default_product = "Microsoft Defender XDR";

constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace

std::string_view product_name(std::string_view service_source) {
  for (const Product &product : products)
    if (equal_ignoring_case(product.service_source, service_source)) return product.name;
  return default_product;
}

std::string_view product_of(const Alert &alert) { return product_name(alert.service_source); }

std::string_view product_of(const Incident &) { return default_product; }

std::string_view product_of(const StreamRecord &) { return default_product; }

HeaderChoices event_class_id_choices(const StreamRecord &record) {
  if (is_unparsed(record))
    return {unparsed_stream_event_class_id, unparsed_stream_event_class_id, unparsed_stream_event_class_id};
  return {record.table, fallback_stream_event_class_id, fallback_stream_event_class_id};
}

HeaderChoices event_name_choices(const StreamRecord &record, std::string &name) {
  if (is_unparsed(record)) return {unparsed_stream_event_name, unparsed_stream_event_name, unparsed_stream_event_name};
  name = record.table;
  for (const StreamProperty &property : record.properties) {
    if (property.name != "ActionType" || property.kind != PropertyKind::string || property.value.empty()) continue;
    name += ' ';
    name += property.value;
    break;
  }
  return {name, record.table, fallback_stream_event_class_id};
}

HeaderChoices event_class_id_choices(const Incident &) {
  return {incident_event_class_id, incident_event_class_id, incident_event_class_id};
}

HeaderChoices event_name_choices(const Incident &incident) {
  return {incident.display_name, fallback_incident_name, fallback_incident_name};
}

HeaderChoices event_class_id_choices(const Alert &alert) {
  return {alert.detector_id, alert.category, fallback_event_class_id};
}

HeaderChoices event_name_choices(const Alert &alert) { return {alert.title, alert.category, fallback_event_name}; }

char severity_digit(Severity severity) {
  switch (severity) {
    case Severity::informational:
      return '1';
    case Severity::low:
      return '3';
    case Severity::medium:
      return '5';
    case Severity::high:
      return '8';
    case Severity::unknown:
      break;
  }
  return '0';
}

}  // namespace defender
