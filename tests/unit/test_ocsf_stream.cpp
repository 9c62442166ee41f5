// format(ocsf) of stream records: each mapped Advanced Hunting table as its OCSF class, the activity from the row's
// ActionType, registry keys and values apart, hashes as fingerprints, values OCSF cannot hold left unmapped, and the
// base event for other tables and unparsed bodies; no column of a row is lost.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "ocsf_format.h"
#include "stream/envelope_reader.h"
#include "test_files.h"
#include "test_helpers.h"

using defender::StreamRecord;

namespace {

constexpr std::string_view envelope = R"({"time":"2026-01-02T03:04:05Z","tenantId":"t1","category":"AdvancedHunting-)";

StreamRecord record_of(std::string_view table, std::string_view properties = "{}") {
  const auto body = defender::read_stream_body(R"({"records":[)" + std::string(envelope) + std::string(table) +
                                               R"(","properties":)" + std::string(properties) + "}]}");
  REQUIRE(body.records.size() == 1);
  return body.records.front();
}

rapidjson::Document event_of(const StreamRecord &record) {
  std::string line;
  defender::append_ocsf(record, line);
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string text(const rapidjson::Value &value) { return {value.GetString(), value.GetStringLength()}; }

// Every string and integer the event holds outside `unmapped`, as text.
void collect_leaves(const rapidjson::Value &value, std::vector<std::string> &out) {
  if (value.IsString()) {
    out.push_back(text(value));
  } else if (value.IsInt64()) {
    out.push_back(std::to_string(value.GetInt64()));
  } else if (value.IsArray()) {
    for (const auto &item : value.GetArray()) collect_leaves(item, out);
  } else if (value.IsObject()) {
    for (const auto &member : value.GetObject())
      if (text(member.name) != "unmapped") collect_leaves(member.value, out);
  }
}

bool same_text_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

TEST_CASE("each mapped table's row is an event of its OCSF class and category") {
  struct Expected {
    std::string_view table;
    int class_uid;
    int category_uid;
    std::string_view class_name;
  };
  const std::array<Expected, 11> tables{{
      {"DeviceProcessEvents", 1007, 1, "Process Activity"},
      {"DeviceFileEvents", 1001, 1, "File System Activity"},
      {"DeviceNetworkEvents", 4001, 4, "Network Activity"},
      {"DeviceLogonEvents", 3002, 3, "Authentication"},
      {"IdentityLogonEvents", 3002, 3, "Authentication"},
      {"DeviceRegistryEvents", 201001, 1, "Registry Key Activity"},
      {"DeviceImageLoadEvents", 1005, 1, "Module Activity"},
      {"EmailEvents", 4009, 4, "Email Activity"},
      {"DeviceInfo", 5001, 5, "Device Inventory Info"},
      {"AlertInfo", 2004, 2, "Detection Finding"},
      {"AlertEvidence", 2004, 2, "Detection Finding"},
  }};
  for (const Expected &expected : tables) {
    CAPTURE(expected.table);
    const auto doc = event_of(record_of(expected.table));
    CHECK(doc["class_uid"].GetInt() == expected.class_uid);
    CHECK(doc["category_uid"].GetInt() == expected.category_uid);
    CHECK(text(doc["class_name"]) == expected.class_name);
    CHECK(doc["type_uid"].GetInt64() == int64_t{expected.class_uid} * 100 + doc["activity_id"].GetInt());
  }
}

TEST_CASE("the activity is the one the class's table gives the row's ActionType, which metadata.event_code keeps") {
  const auto doc = event_of(record_of("DeviceFileEvents", R"({"ActionType":"FileDeleted","FileName":"a.txt"})"));
  CHECK(doc["activity_id"].GetInt() == 4);
  CHECK(text(doc["activity_name"]) == "Delete");
  CHECK(doc["type_uid"].GetInt() == 100104);
  CHECK(text(doc["type_name"]) == "File System Activity: Delete");
  CHECK(text(doc["metadata"]["event_code"]) == "FileDeleted");
}

TEST_CASE("a logon's ActionType gives the Logon activity and its outcome as the status") {
  const auto failed = event_of(record_of("DeviceLogonEvents", R"({"ActionType":"LogonFailed"})"));
  CHECK(failed["activity_id"].GetInt() == 1);
  CHECK(failed["status_id"].GetInt() == 2);
  CHECK(text(failed["status"]) == "Failure");
  const auto succeeded = event_of(record_of("IdentityLogonEvents", R"({"ActionType":"LogonSuccess"})"));
  CHECK(succeeded["activity_id"].GetInt() == 1);
  CHECK(succeeded["status_id"].GetInt() == 1);
}

TEST_CASE("an ActionType the class's table does not list is activity 99 Other, named by the ActionType") {
  const auto doc = event_of(record_of("DeviceProcessEvents", R"({"ActionType":"ProcessHollowed"})"));
  CHECK(doc["activity_id"].GetInt() == 99);
  CHECK(text(doc["activity_name"]) == "ProcessHollowed");
  CHECK(doc["type_uid"].GetInt() == 100799);
  CHECK(text(doc["type_name"]) == "Process Activity: Other");
}

TEST_CASE("a row without an ActionType is activity 0 Unknown") {
  const auto doc = event_of(record_of("DeviceImageLoadEvents"));
  CHECK(doc["activity_id"].GetInt() == 0);
  CHECK(text(doc["activity_name"]) == "Unknown");
  CHECK(doc["type_uid"].GetInt() == 100500);
}

TEST_CASE("a registry row about a value is a Registry Value Activity with the value's key, name, type and data") {
  const auto doc =
      event_of(record_of("DeviceRegistryEvents", R"({"ActionType":"RegistryValueSet",)"
                                                 R"("RegistryKey":"HKLM\\Run","RegistryValueName":"u",)"
                                                 R"("RegistryValueType":"Dword","RegistryValueData":"1"})"));
  CHECK(doc["class_uid"].GetInt() == 201002);
  CHECK(doc["activity_id"].GetInt() == 2);
  CHECK(text(doc["reg_value"]["path"]) == "HKLM\\Run");
  CHECK(text(doc["reg_value"]["name"]) == "u");
  CHECK(doc["reg_value"]["type_id"].GetInt() == 2);
  CHECK(text(doc["reg_value"]["data"]) == "1");
  CHECK_FALSE(doc.HasMember("reg_key"));
}

TEST_CASE("a registry row about a key is a Registry Key Activity with the key's path") {
  const auto doc = event_of(record_of("DeviceRegistryEvents", R"({"ActionType":"RegistryKeyDeleted",)"
                                                              R"("RegistryKey":"HKLM\\Software\\x"})"));
  CHECK(doc["class_uid"].GetInt() == 201001);
  CHECK(doc["activity_id"].GetInt() == 4);
  CHECK(text(doc["reg_key"]["path"]) == "HKLM\\Software\\x");
  CHECK_FALSE(doc.HasMember("reg_value"));
}

TEST_CASE("a registry row whose ActionType names neither keys nor values is about a value when it names one") {
  const auto value = event_of(record_of("DeviceRegistryEvents", R"({"ActionType":"RegistryQuirk",)"
                                                                R"("RegistryKey":"HKLM\\A","RegistryValueName":"v"})"));
  CHECK(value["class_uid"].GetInt() == 201002);
  CHECK(value["activity_id"].GetInt() == 99);
  const auto key = event_of(record_of("DeviceRegistryEvents", R"({"ActionType":"RegistryQuirk",)"
                                                              R"("RegistryKey":"HKLM\\A"})"));
  CHECK(key["class_uid"].GetInt() == 201001);
}

TEST_CASE("hashes are fingerprints of the file, SHA-1, SHA-256 and MD5, each an observable") {
  const auto doc = event_of(record_of("DeviceFileEvents", R"({"FileName":"a.exe","SHA1":"s1","SHA256":"s256",)"
                                                          R"("MD5":"m5"})"));
  const auto &hashes = doc["file"]["hashes"];
  REQUIRE(hashes.Size() == 3);
  CHECK(hashes[0]["algorithm_id"].GetInt() == 2);
  CHECK(text(hashes[0]["algorithm"]) == "SHA-1");
  CHECK(text(hashes[0]["value"]) == "s1");
  CHECK(hashes[1]["algorithm_id"].GetInt() == 3);
  CHECK(text(hashes[1]["value"]) == "s256");
  CHECK(hashes[2]["algorithm_id"].GetInt() == 1);
  CHECK(text(hashes[2]["value"]) == "m5");
  int hash_observables = 0;
  for (const auto &observable : doc["observables"].GetArray())
    if (observable["type_id"].GetInt() == 8 && text(observable["name"]) == "file.hashes.value") ++hash_observables;
  CHECK(hash_observables == 3);
}

TEST_CASE("the device is the source of a connection it opens and the destination of one it accepts") {
  const auto out = event_of(record_of("DeviceNetworkEvents", R"({"ActionType":"ConnectionSuccess",)"
                                                             R"("LocalIP":"10.0.0.2","RemoteIP":"192.0.2.1"})"));
  CHECK(text(out["src_endpoint"]["ip"]) == "10.0.0.2");
  CHECK(text(out["dst_endpoint"]["ip"]) == "192.0.2.1");
  const auto in = event_of(record_of("DeviceNetworkEvents", R"({"ActionType":"InboundConnectionAccepted",)"
                                                            R"("LocalIP":"10.0.0.2","RemoteIP":"192.0.2.1"})"));
  CHECK(text(in["src_endpoint"]["ip"]) == "192.0.2.1");
  CHECK(text(in["dst_endpoint"]["ip"]) == "10.0.0.2");
}

TEST_CASE("a value OCSF's type cannot hold stays unmapped: an address that is none, a port or pid out of range") {
  const auto doc = event_of(record_of("DeviceNetworkEvents", R"({"RemoteIP":"999.1.2.3","RemotePort":70000,)"
                                                             R"("InitiatingProcessId":"99999999999999999999"})"));
  const auto &unmapped = doc["unmapped"]["properties"];
  CHECK(text(unmapped["RemoteIP"]) == "999.1.2.3");
  CHECK(text(unmapped["RemotePort"]) == "70000");
  CHECK(text(unmapped["InitiatingProcessId"]) == "99999999999999999999");
  CHECK_FALSE(doc.HasMember("dst_endpoint"));
  CHECK_FALSE(doc["actor"]["process"].HasMember("pid"));
}

TEST_CASE("a row with only its table and time still has what its class requires, named Unknown") {
  const auto doc = event_of(record_of("DeviceProcessEvents"));
  CHECK(text(doc["actor"]["process"]["uid"]) == "Unknown");
  CHECK(text(doc["process"]["uid"]) == "Unknown");
  CHECK(doc["device"]["type_id"].GetInt() == 0);
  const auto email = event_of(record_of("EmailEvents"));
  CHECK(text(email["email"]["from"]) == "unknown@unknown.invalid");
  CHECK(email["direction_id"].GetInt() == 0);
}

TEST_CASE("metadata.uid is the row's ReportId, or an AlertInfo row's AlertId") {
  CHECK(text(event_of(record_of("DeviceFileEvents", R"({"ReportId":77})"))["metadata"]["uid"]) == "77");
  const auto alert = event_of(record_of("AlertInfo", R"({"AlertId":"da1","Title":"T","Severity":"High"})"));
  CHECK(text(alert["metadata"]["uid"]) == "da1");
  CHECK(text(alert["finding_info"]["uid"]) == "da1");
  CHECK(text(alert["finding_info"]["title"]) == "T");
  CHECK(alert["severity_id"].GetInt() == 4);
}

TEST_CASE("a table without an OCSF class is the base event whose activity is its ActionType, the row unmapped") {
  const auto doc = event_of(record_of("CloudAppEvents", R"({"ActionType":"FileDownloaded","ApplicationId":20892})"));
  CHECK(doc["class_uid"].GetInt() == 0);
  CHECK(doc["category_uid"].GetInt() == 0);
  CHECK(doc["activity_id"].GetInt() == 99);
  CHECK(text(doc["activity_name"]) == "FileDownloaded");
  CHECK(doc["type_uid"].GetInt() == 99);
  CHECK(doc["time"].GetInt64() == 1767323045000);
  CHECK(text(doc["metadata"]["log_name"]) == "AdvancedHunting-CloudAppEvents");
  CHECK(text(doc["unmapped"]["table"]) == "CloudAppEvents");
  CHECK(text(doc["unmapped"]["properties"]["ApplicationId"]) == "20892");
}

TEST_CASE("a body that is not a records envelope is a base event carrying the raw text and the reason") {
  const auto body = defender::read_stream_body("not json");
  REQUIRE(body.records.size() == 1);
  const auto doc = event_of(body.records[0]);
  CHECK(doc["class_uid"].GetInt() == 0);
  CHECK(text(doc["raw_data"]) == "not json");
  CHECK(doc["unmapped"].HasMember("parse_error"));
}

TEST_CASE("no column of a golden row is lost: each is mapped to an attribute or kept under unmapped") {
  // Enumerations whose OCSF caption differs from Defender's word for the same thing.
  const std::array<std::pair<std::string_view, std::string_view>, 2> translated{
      {{"String", "REG_SZ"}, {"Workstation", "Desktop"}}};
  for (std::string_view table :
       {"DeviceProcessEvents", "DeviceFileEvents", "DeviceNetworkEvents", "DeviceLogonEvents", "IdentityLogonEvents",
        "DeviceRegistryEvents", "DeviceImageLoadEvents", "EmailEvents", "DeviceInfo", "AlertInfo", "AlertEvidence"}) {
    const auto body = defender::read_stream_body(
        defender::test::read_file(defender::test::data_path("stream/" + std::string(table) + ".json")));
    REQUIRE(body.records.size() >= 3);
    for (const StreamRecord &record : body.records) {
      const auto doc = event_of(record);
      std::vector<std::string> leaves;
      collect_leaves(doc, leaves);
      const rapidjson::Value *unmapped = doc.HasMember("unmapped") ? &doc["unmapped"]["properties"] : nullptr;
      for (const defender::StreamProperty &column : record.properties) {
        if (column.value.empty()) continue;
        CAPTURE(table);
        CAPTURE(column.name);
        const std::string name(column.name);
        const bool kept =
            unmapped && unmapped->HasMember(name.c_str()) && text((*unmapped)[name.c_str()]) == column.value;
        const auto time = defender::parse_instant(column.value);
        const bool mapped = std::any_of(leaves.begin(), leaves.end(), [&](const std::string &leaf) {
          if (same_text_ignoring_case(leaf, column.value)) return true;
          if (time && leaf == std::to_string(time->epoch_milliseconds())) return true;
          return std::any_of(translated.begin(), translated.end(),
                             [&](const auto &t) { return column.value == t.first && leaf == t.second; });
        });
        CHECK((kept || mapped));
      }
    }
  }
}
