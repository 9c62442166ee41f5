// Defender for Office 365's tables: messages, their attachments and links, what happened to them after delivery, and
// the clicks on their links.
#include <array>
#include <string>
#include <string_view>

#include "rows.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

constexpr std::array kSubjects{"Q3 forecast review"sv,
                               "Invoice #88121 overdue – action required"sv,
                               "Your password expires today"sv,
                               "Team offsite agenda"sv,
                               "Shared with you: roadmap 2026.pptx"sv,
                               "DocuSign: please review and sign"sv,
                               "RE: RE: FW: contract draft v7"sv,
                               "Voicemail from +1 (425) 555-0100"sv};
constexpr std::array kSenderNames{"Accounts Payable"sv, "IT Service Desk"sv,  "Microsoft 365"sv,
                                  "Ana Souza"sv,        "DocuSign Service"sv, "Jonas Weber"sv};
constexpr std::array kThreats{""sv, ""sv, ""sv, "Phish"sv, "Malware"sv, "Spam"sv, "Phish, Spam"sv};

template <typename T, std::size_t N>
const T &one_of(Row &row, const std::array<T, N> &items) {
  return items[row.rng.below(N)];
}

// The parties of one message.
struct Mail {
  std::string network_message_id;
  std::string internet_message_id;
  std::string sender;
  std::string sender_name;
  std::string sender_domain;
  std::string sender_ip;
  const Account &recipient;
  std::string_view subject;
  std::string_view threats;
};

Mail some_mail(Row &row) {
  const bool inbound = row.rng.chance(80);
  const Account &internal_sender = pick(row.rng, row.estate.people);
  const std::string domain = inbound ? pick(row.rng, row.estate.mail_domains) : row.estate.tenant_domain;
  const std::string_view name = one_of(row, kSenderNames);
  std::string local;
  for (const char c : name)
    if (c != ' ') local += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return Mail{row.rng.guid(),
              "<" + row.rng.hex(24) + "@" + (inbound ? domain : "CO1PR11MB5089.namprd11.prod.outlook.com") + ">",
              inbound ? local + "@" + domain : internal_sender.upn,
              inbound ? std::string(name) : internal_sender.display_name,
              domain,
              public_ip(row),
              pick(row.rng, row.estate.people),
              one_of(row, kSubjects),
              one_of(row, kThreats)};
}

void mail_head(Columns &columns, const Mail &mail) {
  columns.id("NetworkMessageId", mail.network_message_id);
  columns.text("InternetMessageId", mail.internet_message_id);
  columns.text("SenderMailFromAddress", mail.sender);
  columns.text("SenderFromAddress", mail.sender);
  columns.text("SenderDisplayName", mail.sender_name);
}

std::string email_report_id(Row &row, const Mail &mail) {
  return mail.network_message_id + "-" + std::to_string(row.rng.between(1'000'000'000, 9'999'999'999));
}

}  // namespace

void email_events(Columns &columns, Row &row) {
  const Mail mail = some_mail(row);
  const bool blocked = mail.threats.find("Malware") != std::string_view::npos;
  mail_head(columns, mail);
  columns.null("SenderObjectId");
  columns.id("SenderMailFromDomain", mail.sender_domain);
  columns.id("SenderFromDomain", mail.sender_domain);
  columns.id_or_null("SenderIPv4",
                     mail.sender_ip.find(':') == std::string::npos ? std::optional(mail.sender_ip) : std::nullopt);
  columns.id_or_null("SenderIPv6",
                     mail.sender_ip.find(':') != std::string::npos ? std::optional(mail.sender_ip) : std::nullopt);
  columns.text("RecipientEmailAddress", mail.recipient.upn);
  columns.id("RecipientObjectId", mail.recipient.object_id);
  columns.text("Subject", mail.subject);
  columns.number("EmailClusterId", row.rng.between(1'000'000'000, 999'999'999'999));
  columns.id("EmailDirection", mail.sender_domain == row.estate.tenant_domain ? "Intra-org" : "Inbound");
  columns.id("DeliveryAction", blocked ? "Blocked" : mail.threats.empty() ? "Delivered" : "Junked");
  columns.id("DeliveryLocation", blocked ? "Quarantine" : mail.threats.empty() ? "Inbox/folder" : "Junk folder");
  columns.id("ThreatTypes", mail.threats);
  columns.id("ThreatNames", blocked ? "Trojan:HTML/Phish.PHDS!MTB" : "");
  columns.json_string("DetectionMethods", mail.threats.empty() ? "" : R"({"Phish":["URL detonation reputation"]})");
  columns.json_string("ConfidenceLevel", mail.threats.empty() ? "" : R"({"Phish":"High","Spam":"Normal"})");
  columns.number("BulkComplaintLevel", row.rng.between(0, 9));
  columns.id("EmailAction", mail.threats.empty() ? "" : "Move message to junk mail folder");
  columns.json_string("AuthenticationDetails", R"({"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"})");
  columns.number("AttachmentCount", row.rng.between(0, 3));
  columns.number("UrlCount", row.rng.between(0, 12));
  columns.id("EmailLanguage", "en");
  columns.id("OrgLevelAction", "");
  columns.id("UserLevelAction", "");
  columns.id("Connectors", "");
  columns.id("ReportId", email_report_id(row, mail));
  columns.json_string("AdditionalFields", "");
  columns.id("LatestDeliveryLocation", blocked ? "Quarantine" : "Inbox/folder");
  columns.id("LatestDeliveryAction", blocked ? "Blocked" : "Delivered");
}

void email_attachment_info(Columns &columns, Row &row) {
  const Mail mail = some_mail(row);
  const FileInfo &file = pick(row.rng, row.estate.documents);
  columns.id("NetworkMessageId", mail.network_message_id);
  columns.text("SenderFromAddress", mail.sender);
  columns.text("SenderDisplayName", mail.sender_name);
  columns.null("SenderObjectId");
  columns.text("RecipientEmailAddress", mail.recipient.upn);
  columns.id("RecipientObjectId", mail.recipient.object_id);
  columns.text("FileName", file.name);
  const auto dot = file.name.rfind('.');
  columns.id("FileType", dot == std::string::npos ? "" : file.name.substr(dot + 1));
  columns.id("SHA256", file.sha256);
  columns.number("FileSize", file.size);
  columns.id("ThreatTypes", mail.threats);
  columns.id("ThreatNames", mail.threats.empty() ? "" : "Trojan:Win32/Wacatac.B!ml");
  columns.json_string("DetectionMethods", mail.threats.empty() ? "" : R"({"Malware":["File detonation"]})");
  columns.id("ReportId", email_report_id(row, mail));
}

void email_url_info(Columns &columns, Row &row) {
  const Mail mail = some_mail(row);
  const Site &site = pick(row.rng, row.estate.sites);
  columns.id("NetworkMessageId", mail.network_message_id);
  columns.text("Url", site.url);
  columns.id("UrlDomain", site.domain);
  columns.id("UrlLocation", row.rng.chance(80) ? "Body" : "Attachment");
  columns.id("ReportId", email_report_id(row, mail));
}

void email_post_delivery_events(Columns &columns, Row &row) {
  const Mail mail = some_mail(row);
  const bool zap = row.rng.chance(60);
  columns.id("NetworkMessageId", mail.network_message_id);
  columns.text("InternetMessageId", mail.internet_message_id);
  columns.id("Action", zap ? "Moved to quarantine" : "Soft delete");
  columns.id("ActionType", zap ? "Phish ZAP" : "Manual Remediation");
  columns.id("ActionTrigger", zap ? "SpecialAction" : "AdminAction");
  columns.id("ActionResult", row.rng.chance(95) ? "Success" : "Error");
  columns.text("RecipientEmailAddress", mail.recipient.upn);
  columns.id("DeliveryLocation", zap ? "Quarantine" : "Deleted items");
  columns.id("ThreatTypes", zap ? "Phish" : "");
  columns.json_string("DetectionMethods", zap ? R"({"Phish":["URL detonation"]})" : "");
  columns.id("ReportId", email_report_id(row, mail));
}

void url_click_events(Columns &columns, Row &row) {
  const Site &site = pick(row.rng, row.estate.sites);
  const Account &account = pick(row.rng, row.estate.people);
  const bool blocked = row.rng.chance(25);
  columns.text("Url", site.url);
  columns.id("ActionType", blocked ? "ClickBlocked" : "ClickAllowed");
  columns.text("AccountUpn", account.upn);
  columns.id("Workload", row.rng.chance(70) ? "Email" : "Teams");
  columns.id("NetworkMessageId", row.rng.guid());
  columns.id("ThreatTypes", blocked ? "Phish" : "");
  columns.json_string("DetectionMethods", blocked ? R"(["URL detonation reputation"])" : "");
  columns.id("IPAddress", public_ip(row));
  columns.boolean("IsClickedThrough", !blocked && row.rng.chance(10));
  columns.json_string("UrlChain", "[\"" + site.url + "\"]");
  columns.id("ReportId", row.rng.hex(32));
}

}  // namespace streamsim
