// Defender for Endpoint's inventory tables: what a device is, its network adapters, the certificates of its files.
#include <string>

#include "rows.h"

namespace streamsim {

void device_file_certificate_info(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const FileInfo &file = row.rng.chance(50) ? pick(row.rng, row.estate.programs) : pick(row.rng, row.estate.libraries);
  const bool signed_by_microsoft = file.company == "Microsoft Corporation";
  device_columns(columns, device);
  columns.id("SHA1", file.sha1);
  columns.boolean("IsSigned", !file.company.empty());
  columns.id("SignatureType", "Embedded");
  columns.text("Signer", signed_by_microsoft ? "Microsoft Windows" : file.company.empty() ? "Unknown" : file.company);
  columns.id("SignerHash", row.rng.hex(40));
  columns.text("Issuer", signed_by_microsoft ? "Microsoft Windows Production PCA 2011" : "DigiCert Global G2 TLS RSA");
  columns.id("IssuerHash", row.rng.hex(40));
  columns.id("CertificateSerialNumber", row.rng.hex(32));
  columns.json_string("CrlDistributionPointUrls",
                      R"(["http://www.microsoft.com/pkiops/crl/MicWinProPCA2011_2011-10-19.crl"])");
  columns.time("CertificateCreationTime", row.timestamp - 400LL * 86'400 * sim::kTicksPerSecond);
  columns.time("CertificateExpirationTime", row.timestamp + 300LL * 86'400 * sim::kTicksPerSecond);
  columns.id("CertificateCountersignatureTime", sim::format_iso8601_fixed(earlier(row, 86'400 * 90), 7));
  columns.boolean("IsTrusted", row.rng.chance(95));
  columns.boolean("IsRootSignerMicrosoft", signed_by_microsoft);
  columns.number("ReportId", report_id(row));
  columns.id_or_null("MachineGroup", device.machine_group);
}

void device_info(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  const Account &user = pick(row.rng, row.estate.people);
  device_columns(columns, device);
  columns.id("ClientVersion", device.windows ? "10.8760.22621.1105" : "30.124082.0000");
  columns.id("PublicIP", device.public_ip);
  columns.id("OSArchitecture", device.os_architecture);
  columns.id("OSPlatform", device.os_platform);
  if (device.os_build)
    columns.number("OSBuild", device.os_build);
  else
    columns.null("OSBuild");
  columns.boolean("IsAzureADJoined", device.windows);
  columns.id("JoinType", device.windows ? "Hybrid Azure AD Join" : "");
  columns.id("AadDeviceId", device.aad_id);
  columns.json_string("LoggedOnUsers",
                      R"([{"UserName":")" + user.name + R"(","DomainName":"CONTOSO","Sid":")" + user.sid + R"("}])");
  columns.text_or_null("RegistryDeviceTag", row.rng.chance(20) ? "Pilot ring" : "");
  columns.id("OSVersion", device.windows ? "10.0" : "");
  columns.id_or_null("MachineGroup", device.machine_group);
  columns.number("ReportId", report_id(row));
  columns.id("OnboardingStatus", "Onboarded");
  columns.json_string("AdditionalFields", R"({"AutoPilotDeviceId":null,"DeviceManualTags":["VIP"]})");
  columns.id("DeviceCategory", "Endpoint");
  columns.id("DeviceType", device.name.starts_with("srv") ? "Server" : "Workstation");
  columns.id("OSDistribution", device.windows ? "" : "Ubuntu");
  columns.id("SensorHealthState", row.rng.chance(90) ? "Active" : "Inactive");
  columns.boolean("IsExcluded", false);
  columns.id("ExposureLevel", row.rng.chance(70) ? "Medium" : "High");
  columns.id("AssetValue", "Normal");
  columns.boolean("IsInternetFacing", row.rng.chance(5));
}

void device_network_info(Columns &columns, Row &row) {
  const Device &device = pick(row.rng, row.estate.devices);
  device_columns(columns, device);
  columns.number("ReportId", report_id(row));
  columns.text("NetworkAdapterName", device.windows ? "Ethernet 2" : "eth0");
  columns.id("MacAddress", device.mac);
  columns.id("NetworkAdapterType", "Ethernet");
  columns.id("NetworkAdapterStatus", "Up");
  columns.id("TunnelType", "None");
  columns.json_string(
      "ConnectedNetworks",
      R"([{"Name":"contoso.com","Description":"contoso.com","IsConnectedToInternet":true,"Category":"Domain"}])");
  columns.json_string("DnsAddresses", R"(["10.1.0.4","10.1.0.5"])");
  columns.json_string("IPv4Dhcp", "10.1.0.1");
  columns.null("IPv6Dhcp");
  columns.json_string("DefaultGateways", R"(["10.1.0.1"])");
  // A nested array, not JSON inside a string: the envelope reader and the formatters must take both.
  columns.nested("IPAddresses", R"([{"IPAddress":")" + device.local_ip +
                                    R"(","SubnetPrefix":24,"AddressType":"Private"},{"IPAddress":"fe80::)" +
                                    row.rng.hex(4) + R"(","SubnetPrefix":64,"AddressType":"LinkLocal"}])");
  columns.id_or_null("MachineGroup", device.machine_group);
  columns.text("NetworkAdapterVendor", "Microsoft Corporation");
}

}  // namespace streamsim
