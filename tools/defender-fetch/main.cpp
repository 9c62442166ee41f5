// defender-fetch: the microsoft-defender() source's core on the command line (defender-fetch(1)).
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "arguments.h"
#include "commands.h"
#include "terminal.h"
#include "usage.h"

using namespace defender::fetch;

namespace {

ExitStatus run(const Arguments &arguments) {
  switch (arguments.command) {
    case Command::check:
      return run_check(arguments);
    case Command::fetch:
      return run_fetch(arguments);
    case Command::explain:
      return run_explain(arguments);
    case Command::stream_check:
      return run_stream_check(arguments);
    case Command::version:
      say("defender-fetch " DEFENDER_VERSION);
      return ExitStatus::ok;
    case Command::help:
      break;
  }
  say(usage_text());
  return ExitStatus::ok;
}

}  // namespace

int main(int argc, char **argv) {
  try {
    const std::vector<std::string_view> args(argv + 1, argv + argc);
    auto parsed = parse_arguments(args, std::getenv(secret_variable));
    if (const auto *problem = std::get_if<std::string>(&parsed)) {
      report(*problem + " (defender-fetch --help)");
      return exit_code(ExitStatus::usage);
    }
    return exit_code(run(std::get<Arguments>(parsed)));
  } catch (const std::exception &e) {
    report(std::string("internal error: ") + e.what());
  } catch (...) {
    report("internal error");
  }
  return exit_code(ExitStatus::internal);
}
