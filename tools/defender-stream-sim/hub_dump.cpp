#include "hub_dump.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace streamsim {
namespace {

using Clock = std::chrono::steady_clock;

struct Destroy {
  void operator()(rd_kafka_t *handle) const {
    rd_kafka_consumer_close(handle);
    rd_kafka_destroy(handle);
  }
  void operator()(rd_kafka_topic_partition_list_t *list) const { rd_kafka_topic_partition_list_destroy(list); }
  void operator()(const rd_kafka_metadata_t *metadata) const { rd_kafka_metadata_destroy(metadata); }
  void operator()(rd_kafka_message_t *message) const { rd_kafka_message_destroy(message); }
};

int fail(const std::string &message) {
  std::fprintf(stderr, "defender-stream-sim --dump: %s\n", message.c_str());
  return 2;
}

std::unique_ptr<rd_kafka_t, Destroy> consumer_for(const std::string &servers, std::string &error) {
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  char text[512];
  const std::pair<const char *, const char *> settings[] = {
      {"bootstrap.servers", servers.c_str()},
      // Partitions are assigned by hand; the group is never joined nor committed to.
      {"group.id", "defender-stream-sim-dump"},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      {"enable.partition.eof", "true"},
  };
  for (const auto &[name, value] : settings) {
    if (rd_kafka_conf_set(conf, name, value, text, sizeof text) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      error = std::string("cannot set ") + name + ": " + text;
      return nullptr;
    }
  }
  rd_kafka_t *consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, text, sizeof text);
  if (!consumer) {
    rd_kafka_conf_destroy(conf);
    error = std::string("cannot make a consumer: ") + text;
  }
  return std::unique_ptr<rd_kafka_t, Destroy>(consumer);
}

int milliseconds_left(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// The partition count of `hub`, or nullopt with the reason in `error`.
std::optional<int> partitions_of(rd_kafka_t *consumer, const std::string &hub, Clock::time_point deadline,
                                 std::string &error) {
  rd_kafka_topic_t *topic = rd_kafka_topic_new(consumer, hub.c_str(), nullptr);
  const rd_kafka_metadata_t *raw = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(consumer, 0, topic, &raw, milliseconds_left(deadline));
  rd_kafka_topic_destroy(topic);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    error = "cannot read the metadata of " + hub + ": " + rd_kafka_err2str(err);
    return std::nullopt;
  }
  const std::unique_ptr<const rd_kafka_metadata_t, Destroy> metadata(raw);
  if (metadata->topic_cnt != 1 || metadata->topics[0].err || metadata->topics[0].partition_cnt < 1) {
    error = "hub " + hub + " does not exist";
    return std::nullopt;
  }
  return metadata->topics[0].partition_cnt;
}

void print(const rd_kafka_message_t &message) {
  std::printf("%d\t%lld\t", static_cast<int>(message.partition), static_cast<long long>(message.offset));
  std::fwrite(message.payload, 1, message.len, stdout);
  std::fputc('\n', stdout);
}

}  // namespace

int dump_hub(const DumpRequest &request) {
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(request.timeout_seconds);
  std::string error;
  const auto consumer = consumer_for(request.bootstrap_servers, error);
  if (!consumer) return fail(error);
  const auto partitions = partitions_of(consumer.get(), request.hub, deadline, error);
  if (!partitions) return fail(error);

  // Each partition is read up to its end as the dump starts: messages added meanwhile are not waited for.
  std::vector<std::int64_t> ends(static_cast<std::size_t>(*partitions));
  std::vector<std::int64_t> next(ends.size());
  std::unique_ptr<rd_kafka_topic_partition_list_t, Destroy> assignment(rd_kafka_topic_partition_list_new(*partitions));
  for (int p = 0; p < *partitions; ++p) {
    std::int64_t low = 0;
    std::int64_t high = 0;
    const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(consumer.get(), request.hub.c_str(), p, &low,
                                                                     &high, milliseconds_left(deadline));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return fail("cannot read the offsets of " + request.hub + " partition " + std::to_string(p) + ": " +
                  rd_kafka_err2str(err));
    next[static_cast<std::size_t>(p)] = low;
    ends[static_cast<std::size_t>(p)] = high;
    rd_kafka_topic_partition_list_add(assignment.get(), request.hub.c_str(), p)->offset = low;
  }
  if (const rd_kafka_resp_err_t err = rd_kafka_assign(consumer.get(), assignment.get()))
    return fail(std::string("cannot assign the partitions: ") + rd_kafka_err2str(err));

  const auto unread = [&] {
    std::size_t count = 0;
    for (std::size_t p = 0; p < ends.size(); ++p) count += next[p] < ends[p];
    return count;
  };
  while (unread() > 0) {
    const int wait = milliseconds_left(deadline);
    if (wait == 0)
      return fail(std::to_string(unread()) + " partitions of " + request.hub + " not read to their end in " +
                  std::to_string(request.timeout_seconds) + " s");
    const std::unique_ptr<rd_kafka_message_t, Destroy> message(
        rd_kafka_consumer_poll(consumer.get(), wait < 200 ? wait : 200));
    if (!message || message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
    if (message->err)
      return fail(std::string("cannot read ") + request.hub + ": " + rd_kafka_message_errstr(message.get()));
    const auto p = static_cast<std::size_t>(message->partition);
    if (p >= next.size() || message->offset < next[p]) continue;  // not one of ours, or read twice
    if (message->offset > next[p])
      return fail("partition " + std::to_string(p) + " of " + request.hub + " skips from offset " +
                  std::to_string(next[p]) + " to " + std::to_string(message->offset));
    if (message->len > 0 && std::memchr(message->payload, '\n', message->len))
      return fail("the message at offset " + std::to_string(message->offset) + " of partition " + std::to_string(p) +
                  " holds a line feed: a line cannot show it");
    print(*message);
    next[p] = message->offset + 1;
  }
  return std::fflush(stdout) == 0 ? 0 : fail("cannot write to the standard output");
}

}  // namespace streamsim
