#include "terminal.h"

#include <cstdio>
#include <string>

namespace defender::fetch {
namespace {

std::string_view level_word(DefenderLogLevel level) {
  switch (level) {
    case DEFENDER_LOG_ERROR:
      return "error";
    case DEFENDER_LOG_WARNING:
      return "warning";
    case DEFENDER_LOG_NOTICE:
      return "notice";
    case DEFENDER_LOG_INFO:
      return "info";
    case DEFENDER_LOG_DEBUG:
      return "debug";
  }
  return "info";
}

// As syslog-ng writes an internal() message: "message; name='value', name='value'".
void print(DefenderLogLevel level, const char *message, const DefenderLogTag *tags, size_t tag_count) {
  std::string line = std::string(level_word(level)) + ": " + message;
  for (size_t i = 0; level != DEFENDER_LOG_ERROR && i < tag_count; ++i)
    line += std::string(i == 0 ? "; " : ", ") + tags[i].name + "='" + tags[i].value + "'";
  report(line);
}

void quiet(void *, DefenderLogLevel level, const char *message, const DefenderLogTag *tags, size_t tag_count) {
  if (level <= DEFENDER_LOG_NOTICE) print(level, message, tags, tag_count);
}

void verbose(void *, DefenderLogLevel level, const char *message, const DefenderLogTag *tags, size_t tag_count) {
  print(level, message, tags, tag_count);
}

}  // namespace

Logger terminal_logger(bool verbose_lines) { return Logger(verbose_lines ? verbose : quiet, nullptr, {}); }

void report(std::string_view text) {
  const std::string line = "defender-fetch: " + std::string(text) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

std::string counted(int64_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

void say(std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
}

}  // namespace defender::fetch
