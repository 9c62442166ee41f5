// fetch: a backfill or a dry run. The range is read as the source reads a window (backfill_reader.h), with nothing
// persisted; every version goes to standard output as one line in format(), and the cost to standard error.
#include <chrono>
#include <cstdio>

#include "commands.h"
#include "config/endpoints.h"
#include "configuration.h"
#include "failure_status.h"
#include "format.h"
#include "poller/backfill_reader.h"
#include "record_noun.h"
#include "terminal.h"
#include "token_step.h"
#include "wall_clock.h"

namespace defender::fetch {
namespace {

int64_t requests_made(const Stats &stats) {
  int64_t total = 0;
  for (const DefenderStat stat :
       {DEFENDER_STAT_REQUESTS_2XX, DEFENDER_STAT_REQUESTS_401, DEFENDER_STAT_REQUESTS_403, DEFENDER_STAT_REQUESTS_429,
        DEFENDER_STAT_REQUESTS_4XX_OTHER, DEFENDER_STAT_REQUESTS_5XX, DEFENDER_STAT_REQUESTS_NETWORK})
    total += stats.get(stat);
  return total;
}

// The poller's last warning still says when it would retry: this says that it will not.
std::string stopped_by(const Failure &failure) {
  if (failure.kind == FailureKind::configuration) return ", stopped by the error above";
  return ", stopped after " + std::to_string(BackfillReader::max_attempts) + " failed attempts in a row";
}

// What the range cost. The token request of credential_works() counts as one more request.
std::string summary(const Stats &stats, std::string_view noun, Instant from, Instant until,
                    std::chrono::steady_clock::duration took) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", std::chrono::duration<double>(took).count());
  return counted(stats.get(DEFENDER_STAT_ALERTS_EMITTED), noun) + " (" +
         std::to_string(stats.get(DEFENDER_STAT_DUPLICATES_SUPPRESSED)) + " duplicates suppressed) from " +
         format_instant(from) + " until " + format_instant(until) + ": " +
         counted(stats.get(DEFENDER_STAT_PAGES), "page") + ", " + counted(requests_made(stats) + 1, "request") + ", " +
         seconds + " s";
}

// Checked first, as check does: a refused credential is then told as such, not as a failed page.
std::optional<ExitStatus> credential_works(const Options &options, const ClientCredential &credential) {
  HttpClient http(options.transport);
  TokenProvider token(endpoints_for(options), options.client_id, credential, options.assertion_algorithm);
  return request_token(token, http, wall_clock());
}

}  // namespace

ExitStatus run_fetch(const Arguments &arguments) {
  const Options &options = arguments.options;
  const Logger logger = terminal_logger(arguments.verbose);
  const Instant started = wall_clock();
  const auto started_steady = std::chrono::steady_clock::now();
  const Instant from = *arguments.from;
  const Instant until = std::min(arguments.until.value_or(started), started);
  if (!(from < until)) {
    report("--from " + format_instant(from) + " is not in the past: there is nothing to read yet");
    return ExitStatus::usage;
  }
  auto configuration = load_configuration(options, logger, started);
  if (const auto *problem = std::get_if<std::string>(&configuration)) {
    report(*problem);
    return ExitStatus::usage;
  }
  const ClientCredential &credential = std::get<ClientCredential>(configuration);
  if (const auto status = credential_works(options, credential)) return *status;

  BackfillReader reader(options, credential, from, until, logger, wall_clock);
  std::string line;
  int64_t written = 0;
  const auto failure = reader.read([&](const Record &record) {
    format_record(record, options.format, line);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stdout);
    return !arguments.max_alerts || ++written < *arguments.max_alerts;
  });
  std::fflush(stdout);

  const bool capped = arguments.max_alerts && written == *arguments.max_alerts;
  report(summary(reader.stats(), record_noun(options.api), from, until,
                 std::chrono::steady_clock::now() - started_steady) +
         (failure ? stopped_by(*failure) : "") + (capped ? ", stopped at --max-alerts" : ""));
  return failure ? api_failure_status(*failure) : ExitStatus::ok;
}

}  // namespace defender::fetch
