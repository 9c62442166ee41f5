// Defender for Identity's tables: sign-ins, queries and directory changes seen by the domain controllers.
#include <array>
#include <string>
#include <string_view>

#include "rows.h"

namespace streamsim {
namespace {

using namespace std::string_view_literals;

constexpr std::array kLocations{"US"sv, "DE"sv, "JP"sv, "BR"sv, "NL"sv};
constexpr std::array kIsps{"Contoso Networks"sv, "Example Telecom"sv, "Fabrikam Broadband"sv};
constexpr std::array kQueries{
    std::array{"LDAP query"sv, "AllDomainAdmins"sv, "Ldap"sv,
               "(&(objectCategory=group)(|(name=Domain Admins)(name=Enterprise Admins)))"sv},
    std::array{"DNS query"sv, "AXFR"sv, "Dns"sv, "contoso.com"sv},
    std::array{"SAMR query"sv, "QueryUser"sv, "Samr"sv, "CONTOSO\\svc-sql"sv},
    std::array{"LDAP query"sv, "AllUsers"sv, "Ldap"sv, "(&(objectClass=user)(servicePrincipalName=*))"sv},
};
constexpr std::array kDirectoryChanges{"Account Password changed"sv, "Group Membership changed"sv, "Account Disabled"sv,
                                       "Directory Services replication"sv,
                                       "Account Constrained Delegation SPNs changed"sv};

// Who acted, from which device and address: the columns every identity row has.
void actor_columns(Columns &columns, Row &row) {
  const Account &account = pick(row.rng, row.estate.people);
  const Device &device = pick(row.rng, row.estate.devices);
  columns.text("AccountName", account.name);
  columns.id("AccountDomain", row.estate.tenant_domain);
  columns.text("AccountUpn", account.upn);
  columns.id("AccountSid", account.sid);
  columns.id("AccountObjectId", account.object_id);
  columns.text("AccountDisplayName", account.display_name);
  columns.id("DeviceName", device.name);
  columns.id("IPAddress", device.local_ip);
  columns.number("Port", row.rng.between(49'152, 65'535));
}

void destination_columns(Columns &columns, Row &row, int port) {
  const Device &controller = row.estate.devices[row.rng.below(4)];
  columns.id("DestinationDeviceName", controller.name);
  columns.id("DestinationIPAddress", controller.local_ip);
  columns.number("DestinationPort", port);
}

template <typename T, std::size_t N>
const T &one_of(Row &row, const std::array<T, N> &items) {
  return items[row.rng.below(N)];
}

}  // namespace

void identity_logon_events(Columns &columns, Row &row) {
  const bool failed = row.rng.chance(25);
  const bool kerberos = row.rng.chance(60);
  columns.id("ActionType", failed ? "LogonFailed" : "LogonSuccess");
  columns.id("Application", row.rng.chance(80) ? "Active Directory" : "Microsoft 365");
  columns.id("LogonType", row.rng.chance(50) ? "Resource access" : "Credentials validation");
  columns.id("Protocol", kerberos ? "Kerberos" : "Ntlm");
  columns.text_or_null("FailureReason", failed ? "WrongPassword" : "");
  actor_columns(columns, row);
  columns.id("DeviceType", "Desktop");
  columns.id("OSPlatform", "Windows 11");
  destination_columns(columns, row, kerberos ? 88 : 445);
  columns.text_or_null("TargetDeviceName", "");
  columns.text_or_null("TargetAccountDisplayName", "");
  columns.id("Location", one_of(row, kLocations));
  columns.text("ISP", one_of(row, kIsps));
  columns.id("ReportId", row.rng.guid());
  columns.json_string("AdditionalFields", R"({"Count":"1","Category":"Initial Access","AttackTechniques":""})");
}

void identity_query_events(Columns &columns, Row &row) {
  const auto &query = one_of(row, kQueries);
  columns.id("ActionType", query[0]);
  columns.id("Application", "Active Directory");
  columns.id("QueryType", query[1]);
  columns.text("QueryTarget", query[3]);
  columns.text("Query", query[3]);
  columns.id("Protocol", query[2]);
  actor_columns(columns, row);
  destination_columns(columns, row, query[2] == "Dns" ? 53 : 389);
  columns.text_or_null("TargetDeviceName", "");
  columns.text_or_null("TargetAccountUpn", "");
  columns.text_or_null("TargetAccountDisplayName", "");
  columns.id("Location", one_of(row, kLocations));
  columns.id("ReportId", row.rng.guid());
  columns.json_string("AdditionalFields", R"({"SourceComputerOperatingSystemType":"windows"})");
}

void identity_directory_events(Columns &columns, Row &row) {
  const Account &target = pick(row.rng, row.estate.people);
  const std::string_view change = one_of(row, kDirectoryChanges);
  columns.id("ActionType", change);
  columns.id("Application", "Active Directory");
  columns.text("TargetAccountUpn", target.upn);
  columns.text("TargetAccountDisplayName", target.display_name);
  columns.text_or_null("TargetDeviceName", "");
  destination_columns(columns, row, 389);
  columns.id("Protocol", "Ldap");
  actor_columns(columns, row);
  columns.id("Location", one_of(row, kLocations));
  columns.text("ISP", one_of(row, kIsps));
  columns.id("ReportId", row.rng.guid());
  columns.json_string("AdditionalFields", change == "Group Membership changed"
                                              ? R"({"TO.GROUP":"Domain Admins","FROM.GROUP":""})"
                                              : R"({"TARGET_OBJECT.USER":")" + target.name + R"("})");
}

}  // namespace streamsim
