// Stream records in every format, read back through the tests' CEF and LEEF parsers: each table's columns under the
// keys of stream_mapping.h, the header, the envelope, an unknown table through the generic mapping, hostile values on
// one line without a forged key, and unparsed records. Every line and every list of fields is made twice, with the
// record's layout (stream_layout.h) and without, and must come out the same.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "cef_parser.h"
#include "format.h"
#include "json_line.h"
#include "json_value.h"
#include "leef_parser.h"
#include "stream/envelope_reader.h"
#include "stream_fields.h"
#include "stream_layout.h"

using namespace std::string_literals;
using defender::Format;
using defender::StreamRecord;
using defender::test::CefRecord;
using defender::test::KeyValues;
using defender::test::LeefRecord;

namespace {

StreamRecord record_of(const std::string &record_json) {
  const defender::StreamBody body = defender::read_stream_body(R"({"records":[)" + record_json + "]}");
  REQUIRE(body.records.size() == 1);
  return body.records.front();
}

std::string formatted(const StreamRecord &record, Format format, char delimiter = '^') {
  std::string out;
  defender::format_stream_record(record, {format, delimiter}, out);
  defender::StreamLayouts layouts;
  std::string laid_out;
  defender::format_stream_record(record, {format, delimiter}, laid_out, layouts.find(record));
  REQUIRE(laid_out == out);
  return out;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields fields_of(const StreamRecord &record) {
  Fields fields;
  defender::visit_stream_fields(
      record, [&](std::string_view name, std::string_view value, size_t) { fields.emplace_back(name, value); });
  defender::StreamLayouts layouts;
  Fields laid_out;
  defender::visit_stream_fields(
      record, [&](std::string_view name, std::string_view value, size_t) { laid_out.emplace_back(name, value); },
      layouts.find(record));
  REQUIRE(laid_out == fields);
  return fields;
}

CefRecord cef(const StreamRecord &record) {
  const std::string line = formatted(record, Format::cef);
  auto result = defender::test::parse_cef(line);
  REQUIRE_MESSAGE(result.record.has_value(), result.error, " in ", line);
  return *result.record;
}

LeefRecord leef(const StreamRecord &record, Format format = Format::leef, char delimiter = '^') {
  const std::string line = formatted(record, format, delimiter);
  auto result = defender::test::parse_leef(line);
  REQUIRE_MESSAGE(result.record.has_value(), result.error, " in ", line);
  return *result.record;
}

// One line: no CR, LF or NUL anywhere.
bool one_line(const std::string &line) { return line.find_first_of("\r\n"s + '\0') == std::string::npos; }

const std::string envelope_start =
    R"({"time":"2024-05-01T10:00:05.123Z","tenantId":"t-1","category":"AdvancedHunting-)";

const std::string process_event =
    envelope_start +
    R"(DeviceProcessEvents","properties":{"Timestamp":"2024-05-01T09:59:58.5Z","DeviceId":"d1",)"
    R"("DeviceName":"pc1.contoso.com","ActionType":"ProcessCreated","FileName":"cmd.exe",)"
    R"("FolderPath":"C:\\Windows\\System32\\cmd.exe","SHA1":"aa11","SHA256":"","MD5":null,"ProcessId":4242,)"
    R"("ProcessCommandLine":"cmd.exe /c whoami","AccountName":"svc","AccountDomain":"contoso",)"
    R"("InitiatingProcessFileName":"explorer.exe","InitiatingProcessId":100,)"
    R"("InitiatingProcessAccountName":"alice","InitiatingProcessCommandLine":"explorer.exe",)"
    R"("ReportId":77,"MachineGroup":"Servers","AdditionalFields":"{\"x\":1}","LogonId":999}})";

const KeyValues process_event_cef{
    {"rt", "1714557598500"},
    {"externalId", "77"},
    {"shost", "pc1.contoso.com"},
    {"deviceExternalId", "d1"},
    {"act", "ProcessCreated"},
    {"MicrosoftDefenderMachineGroup", "Servers"},
    {"fname", "cmd.exe"},
    {"filePath", "C:\\Windows\\System32\\cmd.exe"},
    {"fileHash", "aa11"},
    {"dpid", "4242"},
    {"MicrosoftDefenderProcessCommandLine", "cmd.exe /c whoami"},
    {"duser", "svc"},
    {"dntdom", "contoso"},
    {"sproc", "explorer.exe"},
    {"spid", "100"},
    {"suser", "alice"},
    {"MicrosoftDefenderInitiatingProcessCommandLine", "explorer.exe"},
    {"MicrosoftDefenderAdditionalFields", "{\"x\":1}"},
    {"MicrosoftDefenderLogonId", "999"},
    {"MicrosoftDefenderTenantId", "t-1"},
    {"deviceCustomDate1", "1714557605123"},
    {"deviceCustomDate1Label", "recordTime"},
};

const KeyValues process_event_leef{
    {"devTime", "1714557598500"},
    {"externalId", "77"},
    {"identHostName", "pc1.contoso.com"},
    {"deviceId", "d1"},
    {"actionType", "ProcessCreated"},
    {"machineGroup", "Servers"},
    {"fileName", "cmd.exe"},
    {"folderPath", "C:\\Windows\\System32\\cmd.exe"},
    {"sha1", "aa11"},
    {"processId", "4242"},
    {"processCommandLine", "cmd.exe /c whoami"},
    {"accountName", "svc"},
    {"accountDomain", "contoso"},
    {"initiatingProcessFileName", "explorer.exe"},
    {"initiatingProcessId", "100"},
    {"usrName", "alice"},
    {"initiatingProcessCommandLine", "explorer.exe"},
    {"additionalFields", "{\"x\":1}"},
    {"logonId", "999"},
    {"tenantId", "t-1"},
    {"recordTime", "1714557605123"},
};

}  // namespace

TEST_CASE("a DeviceProcessEvents row in CEF: the header and every column under its key, in order") {
  const CefRecord line = cef(record_of(process_event));
  CHECK(line.vendor == "Microsoft");
  CHECK(line.product == "Microsoft Defender XDR");
  CHECK(line.device_version == DEFENDER_VERSION);
  CHECK(line.signature_id == "DeviceProcessEvents");
  CHECK(line.name == "DeviceProcessEvents ProcessCreated");
  CHECK(line.severity == "0");
  CHECK(line.extension == process_event_cef);
}

TEST_CASE("a DeviceProcessEvents row in LEEF 1.0: the header and every column under its key, TAB-separated") {
  const LeefRecord line = leef(record_of(process_event));
  CHECK(line.version == "1.0");
  CHECK(line.product == "Microsoft Defender XDR");
  CHECK(line.event_id == "DeviceProcessEvents");
  CHECK(line.delimiter == "\t");
  CHECK(line.attributes == process_event_leef);
}

TEST_CASE("a DeviceProcessEvents row in LEEF 2.0 has the same attributes behind its delimiter") {
  const LeefRecord line = leef(record_of(process_event), Format::leef2, '|');  // invalid: the default is used
  CHECK(line.version == "2.0");
  CHECK(line.delimiter == "^");
  CHECK(line.attributes == process_event_leef);
}

TEST_CASE("a DeviceNetworkEvents row: local side is the source, remote side the destination") {
  const StreamRecord record = record_of(
      envelope_start + R"(DeviceNetworkEvents","properties":{"ActionType":"ConnectionSuccess","LocalIP":"10.0.0.5",)"
                       R"("LocalPort":50000,"RemoteIP":"203.0.113.9","RemotePort":443,"Protocol":"Tcp",)"
                       R"("RemoteUrl":"https://example.org/x"}})");
  const CefRecord line = cef(record);
  CHECK(line.name == "DeviceNetworkEvents ConnectionSuccess");
  CHECK(line.extension == KeyValues{{"rt", "1714557605123"},
                                    {"act", "ConnectionSuccess"},
                                    {"src", "10.0.0.5"},
                                    {"spt", "50000"},
                                    {"dst", "203.0.113.9"},
                                    {"dpt", "443"},
                                    {"proto", "Tcp"},
                                    {"request", "https://example.org/x"},
                                    {"MicrosoftDefenderTenantId", "t-1"},
                                    {"deviceCustomDate1", "1714557605123"},
                                    {"deviceCustomDate1Label", "recordTime"}});
  CHECK(leef(record).attributes == KeyValues{{"devTime", "1714557605123"},
                                             {"actionType", "ConnectionSuccess"},
                                             {"src", "10.0.0.5"},
                                             {"srcPort", "50000"},
                                             {"dst", "203.0.113.9"},
                                             {"dstPort", "443"},
                                             {"proto", "Tcp"},
                                             {"url", "https://example.org/x"},
                                             {"tenantId", "t-1"},
                                             {"recordTime", "1714557605123"}});
}

TEST_CASE("an AlertInfo row carries its severity on the alert scale, and its title and category") {
  const StreamRecord record = record_of(
      envelope_start + R"(AlertInfo","properties":{"AlertId":"da1","Title":"Suspicious","Category":"Execution",)"
                       R"("Severity":"Medium","DetectionSource":"EDR","AttackTechniques":"[\"T1059\"]"}})");
  const CefRecord line = cef(record);
  CHECK(line.name == "AlertInfo");
  CHECK(line.severity == "5");
  CHECK(line.extension == KeyValues{{"rt", "1714557605123"},
                                    {"externalId", "da1"},
                                    {"msg", "Suspicious"},
                                    {"cat", "Execution"},
                                    {"MicrosoftDefenderSeverity", "Medium"},
                                    {"sourceServiceName", "EDR"},
                                    {"MicrosoftDefenderAttackTechniques", "[\"T1059\"]"},
                                    {"MicrosoftDefenderTenantId", "t-1"},
                                    {"deviceCustomDate1", "1714557605123"},
                                    {"deviceCustomDate1Label", "recordTime"}});
  const LeefRecord leef_line = leef(record);
  CHECK(leef_line.value("sev") == "5");
  CHECK(leef_line.value("title") == "Suspicious");
  CHECK(leef_line.value("cat") == "Execution");
}

TEST_CASE("an EmailEvents row goes from sender to recipient") {
  const StreamRecord record = record_of(
      envelope_start + R"(EmailEvents","properties":{"NetworkMessageId":"n1","SenderFromAddress":"a@x.org",)"
                       R"("SenderIPv4":"198.51.100.7","RecipientEmailAddress":"b@contoso.com","Subject":"Invoice"}})");
  const CefRecord line = cef(record);
  CHECK(line.value("MicrosoftDefenderNetworkMessageId") == "n1");
  CHECK(line.value("suser") == "a@x.org");
  CHECK(line.value("src") == "198.51.100.7");
  CHECK(line.value("duser") == "b@contoso.com");
  CHECK(line.value("msg") == "Invoice");
  const LeefRecord leef_line = leef(record);
  CHECK(leef_line.value("senderFromAddress") == "a@x.org");
  CHECK(leef_line.value("recipientEmailAddress") == "b@contoso.com");
  CHECK(leef_line.value("subject") == "Invoice");
}

TEST_CASE("an IdentityLogonEvents row: the account and its device are the source, the destination device the target") {
  const StreamRecord record =
      record_of(envelope_start + R"(IdentityLogonEvents","properties":{"ActionType":"LogonFailed","AccountName":"bob",)"
                                 R"("AccountDomain":"contoso","DeviceName":"ws1","IPAddress":"10.1.1.1",)"
                                 R"("DestinationDeviceName":"dc1","DestinationIPAddress":"10.0.0.2"}})");
  const CefRecord line = cef(record);
  CHECK(line.value("suser") == "bob");
  CHECK(line.value("sntdom") == "contoso");
  CHECK(line.value("shost") == "ws1");
  CHECK(line.value("src") == "10.1.1.1");
  CHECK(line.value("dhost") == "dc1");
  CHECK(line.value("dst") == "10.0.0.2");
  CHECK(leef(record).value("usrName") == "bob");
}

TEST_CASE("UrlClickEvents and CloudAppEvents rows map their url, account and address") {
  const CefRecord click = cef(record_of(envelope_start + R"(UrlClickEvents","properties":{"Url":"https://e.org",)"
                                                         R"("AccountUpn":"c@contoso.com","IPAddress":"10.2.2.2"}})"));
  CHECK(click.value("request") == "https://e.org");
  CHECK(click.value("suser") == "c@contoso.com");
  CHECK(click.value("src") == "10.2.2.2");
  const CefRecord app = cef(record_of(envelope_start + R"(CloudAppEvents","properties":{"ActionType":"FileDownloaded",)"
                                                       R"("AccountDisplayName":"Dee","UserAgent":"curl/8"}})"));
  CHECK(app.value("act") == "FileDownloaded");
  CHECK(app.value("suser") == "Dee");
  CHECK(app.value("requestClientApplication") == "curl/8");
}

TEST_CASE("DeviceInfo and DeviceNetworkInfo rows name the device and its addresses") {
  const CefRecord info = cef(record_of(envelope_start + R"(DeviceInfo","properties":{"DeviceName":"pc2",)"
                                                        R"("PublicIP":"192.0.2.1","OSPlatform":"Windows11"}})"));
  CHECK(info.value("shost") == "pc2");
  CHECK(info.value("src") == "192.0.2.1");
  CHECK(info.value("MicrosoftDefenderOSPlatform") == "Windows11");
  const StreamRecord network = record_of(envelope_start + R"(DeviceNetworkInfo","properties":{"MacAddress":"00-11",)"
                                                          R"("IPAddresses":[{"IPAddress":"10.0.0.9"}]}})");
  CHECK(cef(network).value("smac") == "00-11");
  CHECK(cef(network).value("MicrosoftDefenderIPAddresses") == R"([{"IPAddress":"10.0.0.9"}])");
  CHECK(leef(network).value("srcMAC") == "00-11");
  CHECK(leef(network).value("ipAddresses") == R"([{"IPAddress":"10.0.0.9"}])");
}

TEST_CASE("an unknown table takes the generic mapping: its name in the header, every column a custom key") {
  const StreamRecord record = record_of(
      R"({"time":"2024-05-01T10:00:05.123Z","category":"AdvancedHunting-ExposureGraphNodes","properties":)"
      R"({"NodeId":"n1","NodeLabel":"device","Domain":"x","TenantId":"other","Count":3,"Flag":false,"Empty":""}})");
  const CefRecord line = cef(record);
  CHECK(line.signature_id == "ExposureGraphNodes");
  CHECK(line.name == "ExposureGraphNodes");
  CHECK(line.extension == KeyValues{{"rt", "1714557605123"},
                                    {"MicrosoftDefenderNodeId", "n1"},
                                    {"MicrosoftDefenderNodeLabel", "device"},
                                    {"MicrosoftDefenderDomain", "x"},
                                    {"MicrosoftDefenderColumnTenantId", "other"},
                                    {"MicrosoftDefenderCount", "3"},
                                    {"MicrosoftDefenderFlag", "false"},
                                    {"deviceCustomDate1", "1714557605123"},
                                    {"deviceCustomDate1Label", "recordTime"}});
  CHECK(leef(record).attributes == KeyValues{{"devTime", "1714557605123"},
                                             {"nodeId", "n1"},
                                             {"nodeLabel", "device"},
                                             {"columnDomain", "x"},
                                             {"columnTenantId", "other"},
                                             {"count", "3"},
                                             {"flag", "false"},
                                             {"recordTime", "1714557605123"}});
}

TEST_CASE("a record without a category or times is still written, under the fallback event id") {
  const StreamRecord record = record_of(R"({"properties":{"A":"1"}})");
  const CefRecord line = cef(record);
  CHECK(line.signature_id == "AdvancedHunting");
  CHECK(line.name == "AdvancedHunting");
  CHECK(line.extension == KeyValues{{"MicrosoftDefenderA", "1"}});
  CHECK(leef(record).event_id == "AdvancedHunting");
}

TEST_CASE("hostile command lines and file names stay one line with no forged key, in every format") {
  const std::string hostile = R"(a\r\nb\u0000c|d=e\\f^g\tCEF:0|x|y",)";
  const StreamRecord record = record_of(envelope_start +
                                        R"(DeviceProcessEvents","properties":{"ActionType":"x|y\\z\n",)"
                                        R"("ProcessCommandLine":")" +
                                        hostile + R"("FileName":")" + hostile +
                                        R"("odd name=1":"v","FolderPath":"\u00ff)"
                                        "\xFF\xFE"
                                        R"("}})");
  const std::string cef_line = formatted(record, Format::cef);
  CHECK(one_line(cef_line));
  const CefRecord c = cef(record);
  CHECK(c.name == "DeviceProcessEvents x|y\\z ");
  CHECK(c.value("MicrosoftDefenderProcessCommandLine") == "a\r\nb c|d=e\\f^g CEF:0|x|y");
  CHECK(c.value("fname") == "a\r\nb c|d=e\\f^g CEF:0|x|y");
  CHECK(c.value("filePath") == "\xC3\xBF\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(c.value("MicrosoftDefenderoddname1") == "v");
  CHECK(c.extension.size() == 9);

  for (const Format format : {Format::leef, Format::leef2}) {
    CAPTURE(static_cast<int>(format));
    const std::string leef_line = formatted(record, format);
    CHECK(one_line(leef_line));
    const LeefRecord l = leef(record, format);
    CHECK(l.value("processCommandLine") ==
          (format == Format::leef ? "a  b c|d=e\\f^g CEF:0|x|y" : "a  b c|d=e\\f g CEF:0|x|y"));
    CHECK(l.value("fileName") == l.value("processCommandLine"));
    CHECK(l.value("oddname1") == "v");
    CHECK(l.attributes.size() == 8);
  }

  const std::string json = formatted(record, Format::json);
  CHECK(one_line(json));
  CHECK(defender::is_plain_json_line(json));
}

TEST_CASE("the LEEF delimiter inside a value becomes a space, so it cannot split an attribute") {
  const StreamRecord record =
      record_of(envelope_start + R"(DeviceFileEvents","properties":{"FileName":"a^usrName=root"}})");
  const LeefRecord line = leef(record, Format::leef2, '^');
  CHECK(line.value("fileName") == "a usrName=root");
  CHECK_FALSE(line.value("usrName").has_value());
}

TEST_CASE("a value over its limit is cut and ends in the truncation marker") {
  const StreamRecord record =
      record_of(envelope_start + R"(DeviceProcessEvents","properties":{"ProcessCommandLine":")" +
                std::string(5000, 'x') + R"("}})");
  const std::string value = *cef(record).value("MicrosoftDefenderProcessCommandLine");
  CHECK(value == std::string(3997, 'x') + "\xE2\x80\xA6");
}

TEST_CASE("a column the row repeats is written once, the first") {
  const CefRecord line =
      cef(record_of(envelope_start + R"(Unknown","properties":{"A":"1","A":"2","FileName":"f","FileName":"g"}})"));
  CHECK(line.extension == KeyValues{{"rt", "1714557605123"},
                                    {"MicrosoftDefenderA", "1"},
                                    {"MicrosoftDefenderFileName", "f"},
                                    {"MicrosoftDefenderTenantId", "t-1"},
                                    {"deviceCustomDate1", "1714557605123"},
                                    {"deviceCustomDate1Label", "recordTime"}});
}

TEST_CASE("format(json) writes the record as sent") {
  const StreamRecord record = record_of(process_event);
  CHECK(formatted(record, Format::json) == process_event);
}

TEST_CASE("an unparsed record is written with its reason and text in every format") {
  const defender::StreamBody body = defender::read_stream_body("not json\n\"|=");
  REQUIRE(body.records.size() == 1);
  const StreamRecord &record = body.records.front();
  const CefRecord c = cef(record);
  CHECK(c.signature_id == "unparsed");
  CHECK(c.name == "Unparsed Microsoft Defender stream record");
  CHECK(c.severity == "0");
  CHECK(c.extension ==
        KeyValues{{"reason", "the body is not a JSON object"}, {"MicrosoftDefenderUnparsedText", "not json \"|="}});
  const LeefRecord l = leef(record);
  CHECK(l.event_id == "unparsed");
  CHECK(l.attributes == KeyValues{{"reason", "the body is not a JSON object"}, {"unparsedText", "not json \"|="}});
  CHECK(defender::test::same_json_value(
      formatted(record, Format::json),
      R"({"parseError":"the body is not a JSON object","unparsedText":"not json \"|="})"));
}

TEST_CASE("a stream record's fields: envelope, every non-null column, then the JSON") {
  const StreamRecord record = record_of(
      envelope_start + R"(AlertInfo","properties":{"Timestamp":"2024-05-01T09:59:58.5Z","AlertId":"da1",)"
                       R"("Severity":"High","MachineGroup":"G","Nothing":null,"Odd.name":"v","Oddname":"w"}})");
  const Fields expected{
      {".defender.table", "AlertInfo"},
      {".defender.category", "AdvancedHunting-AlertInfo"},
      {".defender.time", "2024-05-01T10:00:05.1230000Z"},
      {".defender.event_time", "2024-05-01T09:59:58.5000000Z"},
      {".defender.tenant_id", "t-1"},
      {".defender.machine_group", "G"},
      {".defender.severity", "high"},
      {".defender.properties.Timestamp", "2024-05-01T09:59:58.5Z"},
      {".defender.properties.AlertId", "da1"},
      {".defender.properties.Severity", "High"},
      {".defender.properties.MachineGroup", "G"},
      {".defender.properties.Oddname", "v"},
      {".defender.json", record.raw_json},
  };
  CHECK(fields_of(record) == expected);
}

TEST_CASE("an unparsed record's fields are its reason and text") {
  const defender::StreamBody body = defender::read_stream_body("oops");
  CHECK(fields_of(body.records.front()) ==
        Fields{{".defender.parse_error", "the body is not a JSON object"}, {".defender.unparsed_text", "oops"}});
}

TEST_CASE("a column name longer than the key limit gives a key of its first 100 letters and digits") {
  const std::string name = std::string(150, 'a') + "-b";
  const StreamRecord record = record_of(R"({"category":"AdvancedHunting-X","properties":{")" + name + R"(":"v"}})");
  CHECK(cef(record).value("MicrosoftDefender" + std::string(100, 'a')) == "v");
  CHECK(leef(record).value(std::string(100, 'a')) == "v");
  CHECK(fields_of(record) == Fields{{".defender.table", "X"},
                                    {".defender.category", "AdvancedHunting-X"},
                                    {".defender.properties." + std::string(100, 'a'), "v"},
                                    {".defender.json", record.raw_json}});
}
