#include "stream/stream_source.h"

#include <algorithm>
#include <chrono>

#include "credentials/client_credential.h"
#include "stream/stream_settings.h"

namespace defender {
namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string joined(const std::vector<std::string> &items) {
  std::string text;
  for (const auto &item : items) text += (text.empty() ? "" : ",") + item;
  return text;
}

}  // namespace

StreamSource::StreamSource(const Options &options, KafkaAuthentication authentication, Logger logger,
                           std::optional<LocalSnapshot> restored)
    : options_(options),
      settings_(stream_kafka_settings(options, std::move(authentication), logger)),
      logger_(std::move(logger)) {
  if (restored) {
    settings_.local_positions = std::move(restored->positions);
    positions_generation_ = restored->generation;
  }
}

StreamSource::~StreamSource() { close(); }

bool StreamSource::open_consumer() {
  auto opened = KafkaConsumer::open(settings_);
  if (auto *why = std::get_if<std::string>(&opened)) {
    tell(KafkaProblem{*why, true});
    reopen_at_ms_ = now_ms() + reopen_delay_ms;
    return false;
  }
  std::lock_guard lock(consumer_mutex_);
  consumer_ = std::move(std::get<std::unique_ptr<KafkaConsumer>>(opened));
  return true;
}

StreamNext StreamSource::next() {
  if (exit_requested_) return StreamIdle{poll_timeout_ms};
  if (auto out = hand_out_next()) return *out;
  if (!consumer_) {
    const int64_t wait = reopen_at_ms_ - now_ms();
    if (wait > 0) return StreamIdle{static_cast<int>(std::min<int64_t>(wait, 1000))};
    if (!open_consumer()) return StreamIdle{1000};
  }
  auto polled = consumer_->poll(poll_timeout_ms);
  if (const auto *message = std::get_if<KafkaMessage>(&polled)) {
    take(*message);
    if (auto out = hand_out_next()) return *out;
  } else if (const auto *problem = std::get_if<KafkaProblem>(&polled)) {
    tell(*problem);
    if (problem->fatal) {
      // What it acknowledged is committed as it leaves; what it handed out unacknowledged is read again.
      const KafkaCounters done = consumer_->counters();
      closed_consumers_.commits += done.commits;
      closed_consumers_.rebalances += done.rebalances;
      closed_consumers_.paused_ms += done.paused_ms;
      close();
      body_ = StreamBody{};
      next_record_ = 0;
      ++counters_.consumer_restarts;
      reopen_at_ms_ = now_ms() + reopen_delay_ms;
    }
  }
  return StreamIdle{0};
}

std::optional<StreamHandOut> StreamSource::ready() {
  if (exit_requested_) return std::nullopt;
  return hand_out_next();
}

void StreamSource::take(const KafkaMessage &message) {
  ++counters_.kafka_messages;
  counters_.bytes += message.payload.size();
  body_ = read_stream_body(message.payload);
  origin_ = message.origin;
  const auto records = static_cast<uint32_t>(body_.records.size());
  consumer_->track(message, records);
  next_record_ = std::min(message.records_to_skip, records);
  uint32_t left_out = 0;
  while (next_record_ < body_.records.size() && !keeps_table(options_.stream, body_.records[next_record_].table)) {
    ++next_record_;
    ++left_out;
  }
  counters_.records_skipped += left_out;
  if (left_out > 0) consumer_->acknowledge(origin_, left_out);
}

std::optional<StreamHandOut> StreamSource::hand_out_next() {
  if (next_record_ >= body_.records.size()) return std::nullopt;
  const StreamRecord &record = body_.records[next_record_++];
  uint32_t acknowledges = 1;
  while (next_record_ < body_.records.size() && !keeps_table(options_.stream, body_.records[next_record_].table)) {
    ++next_record_;
    ++acknowledges;
    ++counters_.records_skipped;
  }
  ++counters_.records;
  if (is_unparsed(record)) ++counters_.parse_errors;
  std::lock_guard lock(consumer_mutex_);
  in_flight_.push_back(InFlight{++last_sequence_, origin_, acknowledges});
  return StreamHandOut{&record, last_sequence_};
}

std::optional<PositionsToKeep> StreamSource::acknowledge_through(uint64_t sequence) {
  std::lock_guard lock(consumer_mutex_);
  while (!in_flight_.empty() && in_flight_.front().sequence <= sequence) {
    // The records of one message come one after another: one call for each run of them.
    InFlight run = in_flight_.front();
    in_flight_.pop_front();
    while (!in_flight_.empty() && in_flight_.front().sequence <= sequence && in_flight_.front().origin == run.origin) {
      run.records += in_flight_.front().records;
      in_flight_.pop_front();
    }
    if (consumer_) consumer_->acknowledge(run.origin, run.records);
  }
  if (!consumer_) return std::nullopt;
  ++positions_generation_;
  return PositionsToKeep{encode_local_positions(consumer_->local_positions(), positions_generation_),
                         static_cast<size_t>(positions_generation_ % 2)};
}

void StreamSource::tell(const KafkaProblem &problem) {
  const int64_t now = now_ms();
  auto [told, fresh] = told_at_ms_.try_emplace(problem.message, now);
  const bool repeated = !fresh && now - told->second < repeat_quiet_ms;
  if (!repeated) told->second = now;
  if (told_at_ms_.size() > 64) told_at_ms_.clear();
  const DefenderLogLevel level = repeated        ? DEFENDER_LOG_DEBUG
                                 : problem.fatal ? DEFENDER_LOG_ERROR
                                                 : DEFENDER_LOG_WARNING;
  logger_.log(level, problem.fatal ? problem.message + "; the consumer is opened again in " +
                                         std::to_string(reopen_delay_ms / 1000) + " s"
                                   : problem.message);
}

void StreamSource::close() {
  std::lock_guard lock(consumer_mutex_);
  // Acknowledgements still to come are not needed: what the consumer did not commit is read again by whoever reads
  // the partition next, and the numbers of the next consumer's assignments start anew.
  in_flight_.clear();
  if (!consumer_) return;
  consumer_->close();
  consumer_.reset();
}

StreamCounters StreamSource::counters() {
  StreamCounters counters = counters_;
  counters.commits = closed_consumers_.commits;
  counters.rebalances = closed_consumers_.rebalances;
  counters.paused_ms = closed_consumers_.paused_ms;
  if (consumer_) {
    const KafkaCounters &now = consumer_->counters();
    counters.commits += now.commits;
    counters.rebalances += now.rebalances;
    counters.paused_ms += now.paused_ms;
    counters.partitions = consumer_->assigned_partitions();
    counters.partition_lags = consumer_->partition_lags();
    for (const PartitionLag &partition : counters.partition_lags) counters.lag += partition.lag;
  }
  return counters;
}

std::string StreamSource::describe() const {
  const bool connection_string = std::holds_alternative<ConnectionStringAuthentication>(settings_.authentication);
  return "bootstrap-servers=" + settings_.bootstrap_servers + " event-hubs=" + joined(settings_.hubs) +
         " consumer-group=" + settings_.group_id + " auth=" +
         (connection_string
              ? std::string("connection-string")
              : "entra-id(tenant=" + options_.tenant_id + " " + std::string(credential_kind(options_)) + ")") +
         " start-from=" + std::string(start_from_name(settings_.start_from)) +
         " format=" + std::string(format_name(options_.format.format)) +
         " tables=" + (options_.stream.tables.empty() ? std::string("all") : joined(options_.stream.tables));
}

}  // namespace defender
