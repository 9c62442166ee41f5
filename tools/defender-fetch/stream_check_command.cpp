// stream-check: can a microsoft-defender-stream() configuration read its hubs? It joins a consumer group, waits for
// partitions and reads one message, from the earliest each partition holds, and never commits: it acknowledges
// nothing. Each step is said in plain words; the consumer's problems with the module's advice, and the first one a
// person must act on decides the exit status.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>

#include "commands.h"
#include "config/endpoints.h"
#include "credentials/client_credential.h"
#include "stream/envelope_reader.h"
#include "stream/kafka_consumer.h"
#include "stream/stream_settings.h"
#include "stream/stream_token.h"
#include "stream_problem.h"
#include "stream_report.h"
#include "terminal.h"
#include "token_step.h"
#include "transport/http_client.h"
#include "wall_clock.h"

namespace defender::fetch {
namespace {

using Clock = std::chrono::steady_clock;

// The authentication the driver would use, read as it reads it (boundary/stream_core.cpp). With Entra ID, a token
// is asked for first, as check does, so that a refused credential has its own exit status and Entra ID's words.
std::variant<KafkaAuthentication, ExitStatus> authenticate(const Options &options, const Logger &logger) {
  if (!options.stream.connection_string_file.empty()) {
    auto connection_string = load_connection_string(options, logger);
    if (const auto *error = std::get_if<CredentialError>(&connection_string)) {
      report(error->message);
      return ExitStatus::usage;
    }
    return KafkaAuthentication{ConnectionStringAuthentication{std::move(std::get<Secret>(connection_string))}};
  }
  auto credential = load_credential(options, logger, wall_clock());
  if (const auto *error = std::get_if<CredentialError>(&credential)) {
    report(error->message);
    return ExitStatus::usage;
  }
  const Endpoints endpoints = endpoints_for(options);
  HttpClient http(options.transport);
  TokenProvider token(endpoints, options.client_id, std::move(std::get<ClientCredential>(credential)),
                      options.assertion_algorithm);
  if (const auto status = request_token(token, http, wall_clock())) {
    say("token: FAILED (" + endpoints.token_url + ")");
    return *status;
  }
  say("token: OK, for " + endpoints.audience);
  // The consumer asks for its own tokens; the file is read again, its warnings already told.
  auto again = load_credential(options, Logger(nullptr, nullptr, {}), wall_clock());
  if (const auto *error = std::get_if<CredentialError>(&again)) {
    report(error->message);
    return ExitStatus::usage;
  }
  return KafkaAuthentication{
      OAuthBearerAuthentication{entra_token_source(options, std::move(std::get<ClientCredential>(again)), logger)}};
}

struct Outcome {
  bool message_read = false;
  size_t partitions = 0;              // the most assigned at once
  std::optional<ExitStatus> problem;  // the status of the last problem told
  bool ended_by_problem = false;
};

// Polls until a message, a problem of the configuration or a fatal one, or the deadline; tells each distinct
// problem once.
Outcome read_first_message(KafkaConsumer &consumer, const StreamOptions &stream, int64_t seconds) {
  Outcome outcome;
  std::set<std::string> told;
  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  while (Clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    const KafkaPoll polled = consumer.poll(static_cast<int>(std::clamp<int64_t>(left, 1, 100)));
    const size_t assigned = consumer.assigned_partitions();
    if (assigned > outcome.partitions) {
      outcome.partitions = assigned;
      say(partitions_line(assigned, stream.hubs, seconds));
    }
    if (const auto *message = std::get_if<KafkaMessage>(&polled)) {
      const StreamBody body = read_stream_body(message->payload);
      for (const auto &line : first_message_lines(stream.hubs.at(message->origin.hub), message->origin.partition,
                                                  message->origin.offset, message->payload.size(), body))
        say(line);
      outcome.message_read = true;
      return outcome;
    }
    if (const auto *problem = std::get_if<KafkaProblem>(&polled)) {
      const ExitStatus status = stream_problem_status(problem->message);
      if (told.insert(problem->message).second) report(problem->message);
      outcome.problem = status;
      if (problem->fatal || is_configuration_problem(status)) {
        outcome.ended_by_problem = true;
        return outcome;
      }
    }
  }
  return outcome;
}

ExitStatus conclude(const Outcome &outcome, const StreamOptions &stream, int64_t seconds) {
  if (outcome.message_read) {
    say("result: OK: a message was read; nothing was committed");
    return ExitStatus::ok;
  }
  if (outcome.ended_by_problem) {
    say("result: FAILED: the problem is told on standard error");
    return *outcome.problem;
  }
  if (outcome.partitions > 0) {
    say("result: OK: the hubs are empty: no message within " + std::to_string(seconds) + " s although " +
        std::to_string(outcome.partitions) +
        " partitions were assigned (Defender exports only while there is "
        "activity, and a hub keeps messages for its retention time only)");
    return ExitStatus::ok;
  }
  say(partitions_line(0, stream.hubs, seconds));
  say("result: FAILED: no partition of " + std::to_string(stream.hubs.size()) +
      (stream.hubs.size() == 1 ? " hub" : " hubs") + " was assigned to consumer group " + stream.consumer_group +
      " within " + std::to_string(seconds) + " s");
  return outcome.problem.value_or(ExitStatus::network);
}

}  // namespace

ExitStatus run_stream_check(const Arguments &arguments) {
  Options options = arguments.options;
  if (!arguments.consumer_group_given)
    options.stream.consumer_group = "defender-fetch-check-" + std::to_string(::getpid());
  options.stream.start_from = StartFrom::earliest;
  if (const auto problem = validate(options)) {
    report(problem->message);
    return ExitStatus::usage;
  }
  const Logger logger = terminal_logger(arguments.verbose);
  auto authentication = authenticate(options, logger);
  if (const auto *status = std::get_if<ExitStatus>(&authentication)) return *status;

  KafkaSettings settings =
      stream_kafka_settings(options, std::move(std::get<KafkaAuthentication>(authentication)), logger);
  const int64_t seconds = options.transport.timeout_seconds;
  say("connecting to " + settings.bootstrap_servers + " as " + authentication_words(options));
  say("consumer group: " + settings.group_id +
      (arguments.consumer_group_given
           ? " (given: the collectors of a running deployment in this group rebalance while the check is in it)"
           : " (the check's own; nothing is committed)"));
  auto opened = KafkaConsumer::open(std::move(settings));
  if (const auto *why = std::get_if<std::string>(&opened)) {
    report(*why);
    return ExitStatus::usage;
  }
  auto &consumer = *std::get<std::unique_ptr<KafkaConsumer>>(opened);
  const Outcome outcome = read_first_message(consumer, options.stream, seconds);
  const ExitStatus status = conclude(outcome, options.stream, seconds);
  // Leaves the group: nothing was acknowledged, so nothing is committed.
  consumer.close();
  return status;
}

}  // namespace defender::fetch
