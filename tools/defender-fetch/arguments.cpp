#include "arguments.h"

#include <algorithm>
#include <charconv>

#include "config/option_kind.h"
#include "config/option_setters.h"

namespace defender::fetch {
namespace {

constexpr std::pair<std::string_view, Command> commands[] = {{"check", Command::check},
                                                             {"fetch", Command::fetch},
                                                             {"explain", Command::explain},
                                                             {"stream-check", Command::stream_check}};

std::string quoted(std::string_view value) { return "\"" + std::string(value) + "\""; }

std::optional<int64_t> whole_number(std::string_view text) {
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// The option whose name in syslog-ng.conf is `name`: core.h's names are the one list.
std::optional<DefenderOption> source_option(std::string_view name) {
  for (int i = 0; i < DEFENDER_OPTION_COUNT; ++i) {
    const auto option = static_cast<DefenderOption>(i);
    if (name == defender_option_name(option)) return option;
  }
  return std::nullopt;
}

OptionError set_source_option(Options &options, DefenderOption option, std::string_view value) {
  const std::string flag = "--" + std::string(defender_option_name(option));
  switch (option_kind(option)) {
    case OptionKind::text:
      return set_string_option(options, option, value);
    case OptionKind::number:
      if (const auto n = whole_number(value)) return set_number_option(options, option, *n);
      return flag + " takes a whole number, not " + quoted(value);
    case OptionKind::yes_no:
      if (value == "yes" || value == "no") return set_bool_option(options, option, value == "yes");
      return flag + " takes yes or no, not " + quoted(value);
    case OptionKind::text_pair: {
      const size_t equals = value.find('=');
      if (equals == std::string_view::npos) return flag + " takes NAME=VALUE, not " + quoted(value);
      return set_pair_option(options, option, value.substr(0, equals), value.substr(equals + 1));
    }
  }
  return flag + " cannot be set";
}

// ISO 8601 as the APIs write it; a date alone is its midnight, UTC, so --from 2024-05-01 --until 2024-05-02 is a day.
OptionError set_time(std::optional<Instant> &field, std::string_view flag, std::string_view value) {
  field = value.size() == 10 ? parse_instant(std::string(value) + "T00:00:00Z") : parse_instant(value);
  if (field) return std::nullopt;
  return std::string(flag) + " takes an ISO 8601 time such as 2024-05-01T00:00:00Z (UTC unless a zone is given) or a " +
         "date such as 2024-05-01, not " + quoted(value);
}

OptionError set_argument(Arguments &parsed, const std::string &name, std::string_view value) {
  if (name == "from") return set_time(parsed.from, "--from", value);
  if (name == "until") return set_time(parsed.until, "--until", value);
  if (name == "max-alerts") {
    parsed.max_alerts = whole_number(value);
    if (parsed.max_alerts && *parsed.max_alerts >= 1) return std::nullopt;
    return "--max-alerts takes a number of alerts, 1 or more, not " + quoted(value);
  }
  if (parsed.command == Command::stream_check && name == "start-from")
    return std::string("stream-check reads each partition from its earliest message; --start-from does not apply");
  if (name == "consumer-group") parsed.consumer_group_given = true;
  if (const auto option = source_option(name)) return set_source_option(parsed.options, *option, value);
  return "unknown option --" + name + "; the options are those of the " + driver_name(parsed.options.driver) +
         "() source, e.g. --tenant-id";
}

OptionError check_combination(const Arguments &parsed) {
  if (parsed.command == Command::stream_check && parsed.options.transport.timeout_seconds > max_stream_check_seconds)
    return "stream-check's --timeout is at most " + std::to_string(max_stream_check_seconds) + " seconds, not " +
           std::to_string(parsed.options.transport.timeout_seconds);
  const bool range = parsed.from || parsed.until || parsed.max_alerts;
  if (parsed.command != Command::fetch && range)
    return std::string("--from, --until and --max-alerts apply to fetch only");
  if (parsed.command != Command::fetch) return std::nullopt;
  if (!parsed.from) return std::string("fetch needs --from, the start of the range, e.g. --from 2024-05-01T00:00:00Z");
  if (parsed.until && *parsed.until <= *parsed.from) return std::string("--until must be later than --from");
  return std::nullopt;
}

// The environment's secret counts only where the command line names no credential of its own.
OptionError take_secret(Options &options, const char *secret) {
  if (!secret || !*secret || !options.client_secret_file.empty() || !options.client_certificate.empty() ||
      !options.stream.connection_string_file.empty())
    return std::nullopt;
  if (auto error = set_string_option(options, DEFENDER_OPTION_CLIENT_SECRET, secret))
    return std::string(secret_variable) + ": " + *error;
  return std::nullopt;
}

}  // namespace

std::variant<Arguments, std::string> parse_arguments(std::span<const std::string_view> args, const char *secret) {
  Arguments parsed;
  if (args.empty()) return std::string("no command: use check, fetch, explain or stream-check");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") return parsed;
  if (args[0] == "--version") {
    parsed.command = Command::version;
    return parsed;
  }
  const auto *command =
      std::find_if(std::begin(commands), std::end(commands), [&](const auto &c) { return c.first == args[0]; });
  if (command == std::end(commands))
    return "unknown command " + quoted(args[0]) + "; use check, fetch, explain or stream-check";
  parsed.command = command->second;
  // Set before any option: the driver decides which options are taken.
  if (parsed.command == Command::stream_check) parsed.options.driver = Driver::stream;

  for (size_t i = 1; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg.size() <= 2 || !arg.starts_with("--"))
      return quoted(arg) + " is not an option; write options as --name value";
    std::string name(arg.substr(2));
    std::optional<std::string_view> value;
    if (const size_t equals = name.find('='); equals != std::string::npos) {
      value = arg.substr(2 + equals + 1);
      name.resize(equals);
    }
    // syslog-ng reads tenant_id as tenant-id; so does this.
    std::replace(name.begin(), name.end(), '_', '-');
    if (name == "help") {
      parsed.command = Command::help;
      return parsed;
    }
    if (name == "client-secret")
      return "--client-secret is refused: the command line shows in ps and in the shell's history. Put the secret in "
             "a file only you can read and pass --client-secret-file FILE, or set " +
             std::string(secret_variable);
    if (name == "verbose") {
      if (value) return std::string("--verbose takes no value");
      parsed.verbose = true;
      continue;
    }
    if (!value) {
      if (i + 1 == args.size()) return "--" + name + " needs a value";
      value = args[++i];
    }
    if (auto error = set_argument(parsed, name, *value)) return *error;
  }
  if (auto error = take_secret(parsed.options, secret)) return *error;
  if (auto error = check_combination(parsed)) return *error;
  return parsed;
}

}  // namespace defender::fetch
