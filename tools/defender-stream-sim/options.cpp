#include "options.h"

#include <getopt.h>

#include <cstdio>
#include <string_view>

#include "defender-sim/number_text.h"
#include "record_identity.h"

namespace streamsim {
namespace {

using sim::parse_number;

constexpr const char *kUsage = R"(Usage: defender-stream-sim --ready-file FILE --ledger FILE [OPTIONS]
       defender-stream-sim --dump --bootstrap-servers SERVERS --hub HUB [--timeout SECONDS]
Microsoft Defender's Streaming API for the tests: librdkafka's mock Kafka cluster on 127.0.0.1 (plaintext, no
authentication), its hubs (topics) filled with Advanced Hunting records as Defender exports them to Event Hubs, and a
ledger of every record. Nothing leaves 127.0.0.1.

Serving:
  --ready-file FILE        written atomically, once every message is delivered and the ledger written, with one
                           line: the bootstrap servers (127.0.0.1:PORT,...). Then serves until SIGTERM or SIGINT
  --ledger FILE            JSON lines, one per record: {"key", "table", "hub", "partition", "event", "index"}
                           (event: the event's number in its partition from 0, which is its offset; index: the
                           record's place in its event), and one per malformed body: {"malformed", "kind", "hub",
                           "partition", "event"}
  --brokers N              mock brokers (1-8; default 1)
  --hubs A,B               the hubs every table goes to (default insights-logs-advancedhunting)
  --hub-per-table          each table to a hub of its own, insights-logs-advancedhunting-<table in lower case>, as
                           Defender can export them (--hubs is then ignored)
  --missing-hubs A,B       hubs the namespace does not have: the broker answers "Unknown topic or partition" for
                           them (the mock cluster would otherwise create any hub a consumer subscribes to)
  --partitions P           partitions of each hub (1-64; default 8)
  --compression C          none | gzip | snappy | lz4 | zstd (default zstd): how the messages are stored; consumers
                           read them as sent. The mock broker keeps at most 5 MiB of messages per partition and
                           forgets the oldest beyond that, which this tool reports as a failure: zstd fits about
                           30,000 records in a partition, gzip about 17,000, none about 4,000

Records:
  --records N              records in all (0-5000000; default 1000)
  --seed S                 the generator's seed (default 1): the same options give the same bytes and ledger
  --tables T,T             only these tables (default all): DeviceProcessEvents, DeviceNetworkEvents,
                           DeviceFileEvents, DeviceRegistryEvents, DeviceLogonEvents, DeviceImageLoadEvents,
                           DeviceEvents, DeviceFileCertificateInfo, DeviceInfo, DeviceNetworkInfo, AlertInfo,
                           AlertEvidence, EmailEvents, EmailAttachmentInfo, EmailUrlInfo, EmailPostDeliveryEvents,
                           UrlClickEvents, IdentityLogonEvents, IdentityQueryEvents, IdentityDirectoryEvents,
                           CloudAppEvents, and ExposureGraphNodes, a table the module's mapping does not list
  --max-records-per-event M  an event holds 1 to M records, drawn from the seed (1-5000; default 500), and its body
                           stays under 1,000,000 bytes
  --hostile-rate P         percent of records whose free text carries CEF/LEEF metacharacters, CR/LF/TAB, quotes,
                           control characters, forged records, non-ASCII text or text up to 4 KiB (0-100; default 2)
  --malformed-every K      every K-th event is a malformed body instead (0 = none, or 2-1000000; default 0): by
                           turns not JSON, JSON without "records", "records" not an array, cut short, not UTF-8; each
                           holds its marker "malformed-<n>" followed by a non-digit
  --tenant-id GUID         the records' tenantId (default b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c)

Every record is told apart by "<category>|<properties.Timestamp>": record i (from 0, over the whole run) has the
Timestamp %s plus i times %lld ticks of 100 ns, with seven fraction digits.

Reading back:
  --dump                   read every partition of --hub from its first offset to its end and print each message as
                           PARTITION<TAB>OFFSET<TAB>BODY<LF>, each partition in offset order (a body with a LF byte
                           fails: the simulator never writes one)
  --bootstrap-servers S    where (as the ready file says)
  --hub HUB
  --timeout SECONDS        give up after this long (1-600; default 60)

  --help                   this text

Exit status: 0 after SIGTERM or SIGINT (serving) or once everything is printed (--dump); 2 on a wrong option, a
message not delivered or no longer all kept by the mock broker, or a hub not read to its end in time.
)";

enum Opt : int {
  kReadyFile = 1000,
  kLedger,
  kBrokers,
  kHubs,
  kHubPerTable,
  kMissingHubs,
  kPartitions,
  kCompression,
  kRecords,
  kSeed,
  kTables,
  kMaxPerEvent,
  kHostileRate,
  kMalformedEvery,
  kTenantId,
  kDump,
  kBootstrapServers,
  kHub,
  kTimeout,
  kHelp
};

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    parts.emplace_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

// A Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-'.
bool valid_hub(std::string_view name) {
  if (name.empty() || name.size() > 249) return false;
  for (const char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

template <typename T>
bool contains(const std::vector<T> &items, const T &item) {
  for (const auto &i : items)
    if (i == item) return true;
  return false;
}

template <typename T>
bool assign(T &out, const std::optional<T> &parsed) {
  if (parsed) out = *parsed;
  return parsed.has_value();
}

ParsedOptions fail(const std::string &message) {
  std::fprintf(stderr, "defender-stream-sim: %s (see --help)\n", message.c_str());
  return ParsedOptions{std::nullopt, 2};
}

ParsedOptions invalid(const char *option, const char *value, const char *expected) {
  return fail("invalid value for --" + std::string(option) + ": '" + std::string(value ? value : "") + "'; expected " +
              expected);
}

std::optional<std::string> parse_tables(std::string_view text, std::vector<TableId> &tables) {
  tables.clear();
  for (const auto &name : split(text)) {
    const auto table = table_named(name);
    if (!table) return "unknown table '" + name + "' in --tables (the names are listed in --help)";
    if (contains(tables, *table)) return "table '" + name + "' is named twice in --tables";
    tables.push_back(*table);
  }
  return std::nullopt;
}

std::optional<std::string> parse_hubs(std::string_view text, std::vector<std::string> &hubs,
                                      const std::string &flag = "--hubs") {
  hubs.clear();
  for (auto &name : split(text)) {
    if (!valid_hub(name))
      return "hub name '" + name + "' in " + flag + " is not a Kafka topic name (1-249 letters, digits, '.', '_', '-')";
    if (contains(hubs, name)) return "hub '" + name + "' is named twice in " + flag;
    hubs.push_back(std::move(name));
  }
  return std::nullopt;
}

// What a run needs, and what --dump needs, once every option is read.
std::optional<std::string> check_complete(const Options &o) {
  if (o.dump) {
    if (o.bootstrap_servers.empty() || o.hub.empty()) return "--dump needs --bootstrap-servers and --hub";
    return std::nullopt;
  }
  if (o.ready_file.empty() || o.ledger_file.empty()) return "--ready-file and --ledger are required";
  return std::nullopt;
}

}  // namespace

ParsedOptions parse_options(int argc, char **argv) {
  static const option kLong[] = {
      {"ready-file", required_argument, nullptr, kReadyFile},
      {"ledger", required_argument, nullptr, kLedger},
      {"brokers", required_argument, nullptr, kBrokers},
      {"hubs", required_argument, nullptr, kHubs},
      {"hub-per-table", no_argument, nullptr, kHubPerTable},
      {"missing-hubs", required_argument, nullptr, kMissingHubs},
      {"partitions", required_argument, nullptr, kPartitions},
      {"compression", required_argument, nullptr, kCompression},
      {"records", required_argument, nullptr, kRecords},
      {"seed", required_argument, nullptr, kSeed},
      {"tables", required_argument, nullptr, kTables},
      {"max-records-per-event", required_argument, nullptr, kMaxPerEvent},
      {"hostile-rate", required_argument, nullptr, kHostileRate},
      {"malformed-every", required_argument, nullptr, kMalformedEvery},
      {"tenant-id", required_argument, nullptr, kTenantId},
      {"dump", no_argument, nullptr, kDump},
      {"bootstrap-servers", required_argument, nullptr, kBootstrapServers},
      {"hub", required_argument, nullptr, kHub},
      {"timeout", required_argument, nullptr, kTimeout},
      {"help", no_argument, nullptr, kHelp},
      {nullptr, 0, nullptr, 0},
  };
  Options o;
  o.plan.hubs = {"insights-logs-advancedhunting"};
  o.plan.tables.assign(all_tables().begin(), all_tables().end());
  o.plan.tenant_id = "b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c";
  int c;
  int index = 0;
  opterr = 1;
  while ((c = getopt_long(argc, argv, "", kLong, &index)) != -1) {
    const char *arg = optarg;
    switch (c) {
      case kReadyFile:
        o.ready_file = arg;
        break;
      case kLedger:
        o.ledger_file = arg;
        break;
      case kBrokers:
        if (!assign(o.brokers, parse_number(arg, 1, 8))) return invalid("brokers", arg, "1 to 8");
        break;
      case kHubs:
        if (const auto error = parse_hubs(arg, o.plan.hubs)) return fail(*error);
        break;
      case kHubPerTable:
        o.plan.hub_per_table = true;
        break;
      case kMissingHubs:
        if (const auto error = parse_hubs(arg, o.missing_hubs, "--missing-hubs")) return fail(*error);
        break;
      case kPartitions:
        if (!assign(o.plan.partitions, parse_number(arg, 1, kMostPartitions)))
          return invalid("partitions", arg, "1 to 64 partitions");
        break;
      case kCompression: {
        const std::string_view codec = arg;
        if (codec != "none" && codec != "gzip" && codec != "snappy" && codec != "lz4" && codec != "zstd")
          return invalid("compression", arg, "none, gzip, snappy, lz4 or zstd");
        o.compression = codec;
        break;
      }
      case kRecords:
        if (!assign(o.plan.records, parse_number<std::uint64_t>(arg, 0, kMostRecords)))
          return invalid("records", arg, "0 to 5000000 records");
        break;
      case kSeed:
        if (!assign(o.plan.seed, parse_number<std::uint64_t>(arg, 0, UINT64_MAX)))
          return invalid("seed", arg, "a whole number");
        break;
      case kTables:
        if (const auto error = parse_tables(arg, o.plan.tables)) return fail(*error);
        break;
      case kMaxPerEvent:
        if (!assign(o.plan.max_records_per_event, parse_number<std::size_t>(arg, 1, kMostRecordsPerEvent)))
          return invalid("max-records-per-event", arg, "1 to 5000 records");
        break;
      case kHostileRate:
        if (!assign(o.plan.hostile_percent, parse_number(arg, 0u, 100u)))
          return invalid("hostile-rate", arg, "a percentage from 0 to 100");
        break;
      case kMalformedEvery:
        if (!assign(o.plan.malformed_every, parse_number<std::uint64_t>(arg, 0, 1'000'000)) ||
            o.plan.malformed_every == 1)
          return invalid("malformed-every", arg, "0 (none) or 2 to 1000000");
        break;
      case kTenantId:
        o.plan.tenant_id = arg;
        break;
      case kDump:
        o.dump = true;
        break;
      case kBootstrapServers:
        o.bootstrap_servers = arg;
        break;
      case kHub:
        if (!valid_hub(arg)) return invalid("hub", arg, "a Kafka topic name");
        o.hub = arg;
        break;
      case kTimeout:
        if (!assign(o.timeout_seconds, parse_number(arg, 1, 600))) return invalid("timeout", arg, "1 to 600 seconds");
        break;
      case kHelp:
        std::printf(kUsage, sim::format_iso8601_fixed(kFirstTimestamp, 7).c_str(),
                    static_cast<long long>(kTicksBetweenRecords));
        return ParsedOptions{std::nullopt, 0};
      default:
        return ParsedOptions{std::nullopt, 2};  // getopt_long has said what is wrong
    }
  }
  if (optind < argc) return fail("unexpected argument '" + std::string(argv[optind]) + "'");
  if (const auto error = check_complete(o)) return fail(*error);
  return ParsedOptions{std::move(o), 0};
}

}  // namespace streamsim
