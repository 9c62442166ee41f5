#include "stream/kafka_consumer.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "stream/kafka_error_text.h"

namespace defender {

namespace {

// Event Hubs' limit on a Kafka consumer group's name.
constexpr size_t max_group_id_bytes = 256;

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t *list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

PartitionList new_partition_list(size_t size) {
  return PartitionList(rd_kafka_topic_partition_list_new(static_cast<int>(size)));
}

// librdkafka frees a partition's metadata with free(): it must come from malloc().
void set_metadata(rd_kafka_topic_partition_t &partition, const std::string &metadata) {
  if (metadata.empty()) return;
  partition.metadata = std::malloc(metadata.size());
  if (!partition.metadata) return;
  std::memcpy(partition.metadata, metadata.data(), metadata.size());
  partition.metadata_size = metadata.size();
}

}  // namespace

struct KafkaConsumer::Callbacks {
  static void rebalance(rd_kafka_t *kafka, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *partitions,
                        void *opaque) {
    auto &consumer = *static_cast<KafkaConsumer *>(opaque);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      consumer.assigned(partitions);
      return;
    }
    if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
      consumer.revoked(partitions);
      return;
    }
    consumer.tell(consumer.problem_text(err, rd_kafka_err2str(err), consumer.hub_list_));
    std::lock_guard lock(consumer.mutex_);
    consumer.partitions_.clear();
    rd_kafka_assign(kafka, nullptr);
  }

  static void error(rd_kafka_t *kafka, int err, const char *reason, void *opaque) {
    auto &consumer = *static_cast<KafkaConsumer *>(opaque);
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
      char text[512] = "";
      const auto cause = rd_kafka_fatal_error(kafka, text, sizeof text);
      consumer.tell(consumer.problem_text(cause, text, consumer.hub_list_), true);
      return;
    }
    consumer.tell(consumer.problem_text(err, reason, consumer.hub_list_));
  }

  static void log(const rd_kafka_t *kafka, int level, const char *facility, const char *text) {
    const auto *consumer = static_cast<const KafkaConsumer *>(rd_kafka_opaque(kafka));
    if (consumer && consumer->settings_.log) consumer->settings_.log(level, std::string(facility) + ": " + text);
  }

  static void token_refresh(rd_kafka_t *kafka, const char *, void *opaque) {
    auto &consumer = *static_cast<KafkaConsumer *>(opaque);
    const auto *oauth = std::get_if<OAuthBearerAuthentication>(&consumer.settings_.authentication);
    auto answer = oauth && oauth->token_source ? oauth->token_source()
                                               : std::variant<OAuthToken, std::string>("no token source configured");
    if (auto *token = std::get_if<OAuthToken>(&answer)) {
      char text[512] = "";
      const auto err = rd_kafka_oauthbearer_set_token(kafka, token->token.c_str(), token->expires_at_ms,
                                                      token->principal.c_str(), nullptr, 0, text, sizeof text);
      wipe(token->token);
      if (err)
        consumer.tell("the Entra ID token for Event Hubs namespace " + consumer.settings_.bootstrap_servers +
                      " was refused by librdkafka: " + text);
      return;
    }
    const auto &why = std::get<std::string>(answer);
    rd_kafka_oauthbearer_set_token_failure(kafka, why.c_str());
    consumer.tell("no Entra ID token for Event Hubs namespace " + consumer.settings_.bootstrap_servers +
                  " (asked again in about 10 s): " + why);
  }
};

void KafkaConsumer::KafkaDeleter::operator()(rd_kafka_s *kafka) const { rd_kafka_destroy(kafka); }

void KafkaConsumer::MessageDeleter::operator()(rd_kafka_message_s *message) const { rd_kafka_message_destroy(message); }

KafkaConsumer::KafkaConsumer(Token, KafkaSettings settings) : settings_(std::move(settings)) {
  for (const auto &hub : settings_.hubs) {
    hub_list_ += (hub_list_.empty() ? "" : ",") + hub;
    hub_hashes_.push_back(hub_hash(hub));
  }
}

std::variant<std::unique_ptr<KafkaConsumer>, std::string> KafkaConsumer::open(KafkaSettings settings) {
  if (settings.hubs.empty()) return std::string("no event hub to read: name at least one");
  if (settings.group_id.empty() || settings.group_id.size() > max_group_id_bytes)
    return "the Kafka consumer group's name must have 1 to " + std::to_string(max_group_id_bytes) + " bytes";
  auto consumer = std::make_unique<KafkaConsumer>(Token{}, std::move(settings));
  if (auto why = consumer->create(); !why.empty()) return why;
  return consumer;
}

std::string KafkaConsumer::create() {
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  char text[512] = "";
  auto configuration = kafka_configuration(settings_, rd_kafka_version());
  std::string refused;
  for (auto &[name, value] : configuration) {
    if (refused.empty() && rd_kafka_conf_set(conf, name.c_str(), value.c_str(), text, sizeof text) != RD_KAFKA_CONF_OK)
      refused = "librdkafka refused the setting " + name + " for Event Hubs namespace " + settings_.bootstrap_servers +
                ": " + text;
    wipe(value);
  }
  if (!refused.empty()) {
    rd_kafka_conf_destroy(conf);
    return refused;
  }
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_rebalance_cb(conf, Callbacks::rebalance);
  rd_kafka_conf_set_error_cb(conf, Callbacks::error);
  rd_kafka_conf_set_log_cb(conf, Callbacks::log);
  if (std::holds_alternative<OAuthBearerAuthentication>(settings_.authentication))
    rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf, Callbacks::token_refresh);
  kafka_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf, text, sizeof text));
  if (!kafka_) {
    rd_kafka_conf_destroy(conf);
    return "cannot create a Kafka consumer for Event Hubs namespace " + settings_.bootstrap_servers + ": " + text;
  }
  // Rebalances, errors and token requests are served by rd_kafka_consumer_poll on the polling thread.
  rd_kafka_poll_set_consumer(kafka_.get());
  auto topics = new_partition_list(settings_.hubs.size());
  for (const auto &hub : settings_.hubs) rd_kafka_topic_partition_list_add(topics.get(), hub.c_str(), -1);
  if (const auto err = rd_kafka_subscribe(kafka_.get(), topics.get()))
    return problem_text(err, rd_kafka_err2str(err), hub_list_);
  return {};
}

KafkaConsumer::~KafkaConsumer() { close(); }

KafkaPoll KafkaConsumer::poll(int timeout_ms) {
  if (closed_) return KafkaIdle{};
  current_.reset();
  const int64_t now = now_ms();
  if (was_paused_ && last_poll_ms_ > 0) counters_.paused_ms += now - last_poll_ms_;
  last_poll_ms_ = now;
  if (held_ && now - held_since_ms_ >= settings_.rebalance_hold_limit_ms) release_hold();
  resume_partitions_with_room();
  {
    std::lock_guard lock(mutex_);
    was_paused_ = reading_stopped() && !partitions_.empty();
    for (const auto &[key, partition] : partitions_) was_paused_ = was_paused_ || partition.paused_full;
  }
  if (now_ms() - last_commit_ms_ >= commit_interval_ms) {
    commit_positions(nullptr);
    last_commit_ms_ = now_ms();
  }
  if (problems_.empty()) {
    if (auto *message = rd_kafka_consumer_poll(kafka_.get(), timeout_ms)) {
      auto result = message_or_problem(message);
      if (!std::holds_alternative<KafkaIdle>(result) || problems_.empty()) return result;
    }
  }
  if (problems_.empty()) return KafkaIdle{};
  auto problem = std::move(problems_.front());
  problems_.pop_front();
  return problem;
}

KafkaPoll KafkaConsumer::message_or_problem(rd_kafka_message_s *message) {
  std::unique_ptr<rd_kafka_message_s, MessageDeleter> owned(message);
  const std::string_view topic = message->rkt ? rd_kafka_topic_name(message->rkt) : std::string_view();
  if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return KafkaIdle{};
  if (message->err)
    return KafkaProblem{problem_text(message->err, rd_kafka_message_errstr(message), topic.empty() ? hub_list_ : topic),
                        message->err == RD_KAFKA_RESP_ERR__FATAL};
  const auto hub = hub_index(topic);
  if (!hub) return KafkaIdle{};
  KafkaMessage handed_out;
  {
    std::lock_guard lock(mutex_);
    const auto found = partitions_.find(PartitionKey{*hub, message->partition});
    // A message of a partition taken away in a rebalance is not ours to hand out.
    if (found == partitions_.end()) return KafkaIdle{};
    auto &partition = found->second;
    handed_out.origin = MessageOrigin{*hub, message->partition, message->offset, partition.assignment};
    if (partition.resume_at && partition.resume_at->offset == message->offset)
      handed_out.records_to_skip = partition.resume_at->acknowledged_records;
    partition.resume_at.reset();
  }
  handed_out.payload = std::string_view(static_cast<const char *>(message->payload), message->len);
  current_ = std::move(owned);
  return handed_out;
}

void KafkaConsumer::track(const KafkaMessage &message, uint32_t records) {
  const auto &origin = message.origin;
  std::set<PartitionKey> full;
  {
    std::lock_guard lock(mutex_);
    const auto found = partitions_.find(PartitionKey{origin.hub, origin.partition});
    if (found == partitions_.end() || found->second.assignment != origin.assignment) return;
    auto &partition = found->second;
    // Pausing as soon as the window is full means a message is never refused for want of room: the messages
    // librdkafka fetched beyond it are dropped and fetched again on resume.
    partition.progress.hand_out(origin.offset, records, message.records_to_skip);
    if (partition.progress.full() && !partition.paused_full) {
      partition.paused_full = true;
      full.insert(found->first);
    }
  }
  if (!full.empty() && !reading_stopped()) set_paused(full, true);
}

void KafkaConsumer::acknowledge(const MessageOrigin &origin, uint32_t records) {
  std::lock_guard lock(mutex_);
  const auto found = partitions_.find(PartitionKey{origin.hub, origin.partition});
  if (found == partitions_.end() || found->second.assignment != origin.assignment) return;
  found->second.progress.acknowledge(origin.offset, records);
}

size_t KafkaConsumer::assigned_partitions() {
  std::lock_guard lock(mutex_);
  return partitions_.size();
}

std::vector<PartitionLag> KafkaConsumer::partition_lags() {
  std::vector<PartitionLag> lags;
  if (closed_) return lags;
  std::lock_guard lock(mutex_);
  for (const auto &[key, partition] : partitions_) {
    int64_t low = 0, high = 0;
    const auto position = partition.progress.position();
    if (!position) continue;
    if (rd_kafka_get_watermark_offsets(kafka_.get(), hub_name(key.hub).data(), key.partition, &low, &high) || high < 0)
      continue;
    lags.push_back({std::string(hub_name(key.hub)), key.partition, std::max<int64_t>(0, high - position->offset)});
  }
  return lags;
}

void KafkaConsumer::pause() {
  if (paused_ || closed_) return;
  paused_ = true;
  set_paused(partitions_not_full(), true);
}

void KafkaConsumer::resume() {
  if (!paused_ || closed_) return;
  paused_ = false;
  if (held_) return;
  set_paused(partitions_not_full(), false);
}

std::set<KafkaConsumer::PartitionKey> KafkaConsumer::partitions_not_full() {
  std::set<PartitionKey> keys;
  std::lock_guard lock(mutex_);
  for (const auto &[key, partition] : partitions_)
    if (!partition.paused_full) keys.insert(key);
  return keys;
}

void KafkaConsumer::resume_partitions_with_room() {
  std::set<PartitionKey> keys;
  {
    std::lock_guard lock(mutex_);
    for (auto &[key, partition] : partitions_) {
      if (!partition.paused_full || partition.progress.full()) continue;
      partition.paused_full = false;
      keys.insert(key);
    }
  }
  if (!keys.empty() && !reading_stopped()) set_paused(keys, false);
}

void KafkaConsumer::hold_for_rebalance() {
  if (held_ || closed_) return;
  held_ = true;
  held_since_ms_ = now_ms();
  if (paused_) return;
  set_paused(partitions_not_full(), true);
}

void KafkaConsumer::release_hold() {
  if (!held_) return;
  held_ = false;
  if (paused_ || closed_) return;
  set_paused(partitions_not_full(), false);
}

void KafkaConsumer::set_paused(const std::set<PartitionKey> &keys, bool paused) {
  if (keys.empty()) return;
  auto list = new_partition_list(keys.size());
  for (const auto &key : keys) rd_kafka_topic_partition_list_add(list.get(), hub_name(key.hub).data(), key.partition);
  const auto err = paused ? rd_kafka_pause_partitions(kafka_.get(), list.get())
                          : rd_kafka_resume_partitions(kafka_.get(), list.get());
  if (err) tell(problem_text(err, rd_kafka_err2str(err), hub_list_));
}

bool KafkaConsumer::commit() {
  if (closed_) return false;
  last_commit_ms_ = now_ms();
  return commit_positions(nullptr);
}

bool KafkaConsumer::commit_positions(const std::set<PartitionKey> *only) {
  struct Committing {
    PartitionKey key;
    uint64_t assignment;
    PartitionPosition position;
  };
  std::vector<Committing> committing;
  {
    std::lock_guard lock(mutex_);
    for (const auto &[key, partition] : partitions_) {
      if ((only && !only->contains(key)) || !partition.progress.has_uncommitted()) continue;
      committing.push_back({key, partition.assignment, *partition.progress.position()});
    }
  }
  if (committing.empty()) return true;
  auto list = new_partition_list(committing.size());
  for (const auto &c : committing) {
    auto *added = rd_kafka_topic_partition_list_add(list.get(), hub_name(c.key.hub).data(), c.key.partition);
    added->offset = c.position.offset;
    set_metadata(*added, encode_commit_metadata(c.position));
  }
  // Waits for the answer, so that a revoked partition's progress is committed before another member reads it.
  if (const auto err = rd_kafka_commit(kafka_.get(), list.get(), 0)) {
    bool rebalancing = err == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS;
    for (int i = 0; i < list->cnt; ++i)
      rebalancing = rebalancing || list->elems[i].err == RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS;
    if (rebalancing) {
      hold_for_rebalance();
      tell("consumer group " + settings_.group_id + " of Event Hubs namespace " + settings_.bootstrap_servers +
           " is rebalancing and refused a commit: reading holds until its partitions are assigned again (records "
           "acknowledged since the last commit may be sent again by the member that reads their partition next)");
      return false;
    }
    tell("could not commit the progress of hub " + hub_list_ + " to Event Hubs namespace " +
         settings_.bootstrap_servers +
         " (records sent since may be sent again after a restart): " + rd_kafka_err2str(err));
    return false;
  }
  ++counters_.commits;
  std::lock_guard lock(mutex_);
  for (const auto &c : committing) {
    const auto found = partitions_.find(c.key);
    if (found != partitions_.end() && found->second.assignment == c.assignment)
      found->second.progress.committed(c.position);
  }
  return true;
}

void KafkaConsumer::assigned(rd_kafka_topic_partition_list_s *partitions) {
  ++counters_.rebalances;
  const auto err = rd_kafka_committed(kafka_.get(), partitions, offsets_timeout_ms);
  if (err)
    tell("could not read the committed offsets of hub " + hub_list_ + " in consumer group " + settings_.group_id +
         " from Event Hubs namespace " + settings_.bootstrap_servers +
         ": reading resumes at the committed offsets, but records of a message partly acknowledged before may be "
         "sent again (" +
         rd_kafka_err2str(err) + ")");
  std::set<PartitionKey> keys;
  {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < partitions->cnt; ++i) {
      auto &element = partitions->elems[i];
      const auto hub = hub_index(element.topic);
      std::optional<PartitionPosition> resume_at;
      std::optional<PartitionPosition> committed;
      if (!err && element.offset >= 0) {
        const std::string_view metadata(static_cast<const char *>(element.metadata), element.metadata_size);
        committed = PartitionPosition{element.offset, records_to_skip(element.offset, metadata)};
      }
      resume_at = committed;
      // This collector's own record of what it acknowledged, when it is further than the group's last commit.
      if (const auto local = local_position(element.topic, element.partition);
          local && (!committed || *local > *committed))
        resume_at = local;
      // Neither: the group's start (auto.offset.reset) decides.
      element.offset = resume_at ? resume_at->offset : RD_KAFKA_OFFSET_INVALID;
      if (!hub) continue;
      const PartitionKey key{*hub, element.partition};
      Partition partition{PartitionProgress{}, ++assignments_, resume_at};
      if (committed) partition.progress.committed(*committed);
      partitions_.insert_or_assign(key, std::move(partition));
      keys.insert(key);
    }
  }
  // Reading starts at the offsets just read, so the records to skip belong to the message read first.
  if (const auto assign_err = rd_kafka_assign(kafka_.get(), partitions))
    tell(problem_text(assign_err, rd_kafka_err2str(assign_err), hub_list_));
  release_hold();
  if (paused_) set_paused(keys, true);
}

void KafkaConsumer::revoked(rd_kafka_topic_partition_list_s *partitions) {
  std::set<PartitionKey> keys;
  for (int i = 0; i < partitions->cnt; ++i)
    if (const auto hub = hub_index(partitions->elems[i].topic))
      keys.insert(PartitionKey{*hub, partitions->elems[i].partition});
  // A lost assignment belongs to another member already: committing would be refused.
  if (!rd_kafka_assignment_lost(kafka_.get())) commit_positions(&keys);
  {
    std::lock_guard lock(mutex_);
    for (const auto &key : keys) {
      const auto found = partitions_.find(key);
      if (found == partitions_.end()) continue;
      if (const auto position = found->second.progress.position()) revoked_at_.insert_or_assign(key, *position);
      partitions_.erase(found);
    }
  }
  rd_kafka_assign(kafka_.get(), nullptr);
}

void KafkaConsumer::close() {
  if (closed_ || !kafka_) return;
  current_.reset();
  commit_positions(nullptr);
  leave_group();
  if (const auto err = rd_kafka_consumer_close(kafka_.get())) tell(problem_text(err, rd_kafka_err2str(err), hub_list_));
  closed_ = true;
  std::lock_guard lock(mutex_);
  partitions_.clear();
}

// rd_kafka_consumer_close() would revoke the assignment itself, but a rebalance callback it serves can hang for good
// in rd_kafka_assign() (seen here with librdkafka 2.8 when a rebalance was under way; librdkafka issues 4041 and
// 4884). Revoked before, while the group is still served, the close has nothing left to revoke.
void KafkaConsumer::leave_group() {
  if (const auto err = rd_kafka_unsubscribe(kafka_.get())) {
    tell(problem_text(err, rd_kafka_err2str(err), hub_list_));
    return;
  }
  const int64_t end = now_ms() + leave_wait_ms;
  do {
    // Serves the revocation (revoked() commits what moved since and unassigns); messages fetched before are dropped
    // unsent, for the next member to read.
    if (auto *message = rd_kafka_consumer_poll(kafka_.get(), 50)) rd_kafka_message_destroy(message);
  } while (librdkafka_assignment_size() > 0 && now_ms() < end);
}

size_t KafkaConsumer::librdkafka_assignment_size() {
  rd_kafka_topic_partition_list_t *assignment = nullptr;
  if (rd_kafka_assignment(kafka_.get(), &assignment) || !assignment) return 0;
  const PartitionList owned(assignment);
  return static_cast<size_t>(assignment->cnt);
}

std::optional<PartitionPosition> KafkaConsumer::local_position(std::string_view hub, int32_t partition) const {
  std::optional<PartitionPosition> found;
  const auto further = [&found](const PartitionPosition &position) {
    if (!found || position > *found) found = position;
  };
  if (const auto index = hub_index(hub))
    if (const auto revoked = revoked_at_.find(PartitionKey{*index, partition}); revoked != revoked_at_.end())
      further(revoked->second);
  const uint32_t hash = hub_hash(hub);
  for (const auto &local : settings_.local_positions)
    if (local.hub_hash == hash && local.partition == partition) further(local.position);
  return found;
}

std::vector<LocalPosition> KafkaConsumer::local_positions() {
  std::vector<LocalPosition> positions;
  std::lock_guard lock(mutex_);
  for (const auto &[key, partition] : partitions_) {
    // Before its first message a partition resumes where it was assigned to: that is kept too.
    const auto position = partition.progress.position() ? partition.progress.position() : partition.resume_at;
    if (position) positions.push_back(LocalPosition{hub_hashes_[key.hub], key.partition, *position});
  }
  return positions;
}

std::optional<uint32_t> KafkaConsumer::hub_index(std::string_view topic) const {
  for (size_t i = 0; i < settings_.hubs.size(); ++i)
    if (settings_.hubs[i] == topic) return static_cast<uint32_t>(i);
  return std::nullopt;
}

std::string KafkaConsumer::problem_text(int err, std::string_view detail, std::string_view hub) const {
  return kafka_error_text(static_cast<rd_kafka_resp_err_t>(err), detail,
                          KafkaErrorContext{settings_.bootstrap_servers, hub, settings_.group_id});
}

void KafkaConsumer::tell(std::string message, bool fatal) {
  if (!problems_.empty() && problems_.back().message == message) return;
  if (problems_.size() >= max_problems) problems_.pop_front();
  problems_.push_back(KafkaProblem{std::move(message), fatal});
}

}  // namespace defender
