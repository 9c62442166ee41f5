// The command line: a command, then the microsoft-defender() source's options (microsoft-defender-stream()'s for
// stream-check) as --<option-name> value, set through the module's own setters (option_setters.h), so a value means
// here what it means in syslog-ng.conf.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "config/options.h"
#include "instant.h"

namespace defender::fetch {

enum class Command { check, fetch, explain, stream_check, help, version };

struct Arguments {
  Command command = Command::help;
  Options options;
  // fetch: the range [from, until); until empty means now.
  std::optional<Instant> from;
  std::optional<Instant> until;
  std::optional<int64_t> max_alerts;
  bool verbose = false;  // the core's debug lines too (each request and its answer)
  // stream-check: --consumer-group was given; without it the check joins a group of its own.
  bool consumer_group_given = false;
};

// stream-check's --timeout: the longest it waits for partitions and a message.
inline constexpr int64_t max_stream_check_seconds = 600;

// The environment variable that may hold the client secret, which the command line must not (ps shows it).
inline constexpr const char *secret_variable = "DEFENDER_CLIENT_SECRET";

// args: argv without the program name. secret: the variable's value, or null; it is used only when no other
// credential is on the command line. Returns the arguments, or a message for the person at the terminal.
std::variant<Arguments, std::string> parse_arguments(std::span<const std::string_view> args, const char *secret);

}  // namespace defender::fetch
