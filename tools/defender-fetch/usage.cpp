#include "usage.h"

#include "arguments.h"
#include "config/option_kind.h"

namespace defender::fetch {
namespace {

std::string_view placeholder(OptionKind kind) {
  switch (kind) {
    case OptionKind::text:
      return "TEXT";
    case OptionKind::number:
      return "N";
    case OptionKind::yes_no:
      return "yes|no";
    case OptionKind::text_pair:
      return "NAME=VALUE";
  }
  return "TEXT";
}

// "  --tenant-id TEXT  --client-id TEXT ...", wrapped before 100 columns.
std::string source_options() {
  std::string text, line = " ";
  for (int i = 0; i < DEFENDER_OPTION_COUNT; ++i) {
    const auto option = static_cast<DefenderOption>(i);
    if (option == DEFENDER_OPTION_CLIENT_SECRET) continue;  // refused: see the environment variable
    if (option_refused_by(Driver::poll, option)) continue;  // microsoft-defender-stream()'s
    const std::string item =
        " --" + std::string(defender_option_name(option)) + " " + std::string(placeholder(option_kind(option)));
    if (line.size() + item.size() > 100) {
      text += line + "\n";
      line = " ";
    }
    line += item;
  }
  return text + line + "\n";
}

}  // namespace

std::string usage_text() {
  return "Usage: defender-fetch COMMAND [OPTIONS]\n"
         "\n"
         "Microsoft Defender alerts and incidents from the command line, with the core of syslog-ng's\n"
         "microsoft-defender() source.\n"
         "\n"
         "Commands:\n"
         "  check     request a token, show its claims and roles, and make one small request to the API\n"
         "  fetch     read the alerts (incidents with --api incidents) of a time range and print each version as one\n"
         "            line (a backfill, a dry run)\n"
         "  explain   show what a source with these options would do, without any network access\n"
         "  stream-check\n"
         "            microsoft-defender-stream(): connect to the Event Hubs namespace, wait for partitions and read\n"
         "            the first message of the hubs, from the earliest, committing nothing\n"
         "\n"
         "fetch:\n"
         "  --from TIME        start of the range (ISO 8601, e.g. 2024-05-01T00:00:00Z, or a date); required\n"
         "  --until TIME       end of the range, not included; default now\n"
         "  --max-alerts N     stop after N alerts (or incidents)\n"
         "\n"
         "stream-check: microsoft-defender-stream()'s options, written --name value:\n"
         "  --namespace NAME (or --bootstrap-servers HOST:PORT)  --event-hub HUB (repeats)\n"
         "  --connection-string-file FILE, or --tenant-id, --client-id and --client-secret-file FILE (or a "
         "certificate)\n"
         "  --kafka-option NAME=VALUE (repeats)  --ca-file FILE  --cloud, --login-url, --proxy ... as for check\n"
         "  --consumer-group G joins G instead of the check's own group defender-fetch-check-<pid>: the\n"
         "                     collectors of a running deployment in G rebalance while the check is in it\n"
         "  --timeout SECONDS  how long to wait for partitions and a message (and for a token), 1 to 600;\n"
         "                     default 30\n"
         "\n"
         "Any command:\n"
         "  --verbose          also the debug lines: each request and its answer\n"
         "  --help, --version\n"
         "\n"
         "Source options: the names, values and meanings of microsoft-defender()'s options, written --name value\n"
         "(--machine-groups repeats):\n" +
         source_options() +
         "\n"
         "The client secret is never an argument: use --client-secret-file FILE or the environment variable\n" +
         std::string(secret_variable) +
         ".\n"
         "\n"
         "Exit status: 0 ok, 1 internal error, 2 usage or options, 3 credential refused, 4 permission missing,\n"
         "5 network, 6 other service error. See defender-fetch(1).";
}

}  // namespace defender::fetch
