// The extern "C" boundary of microsoft-defender-stream(): plain C in, plain C out, and no exception ever leaves.
#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "boundary/core.h"
#include "boundary/handles.h"
#include "config/options.h"
#include "credentials/client_credential.h"
#include "format.h"
#include "reporting/logger.h"
#include "stream/stream_source.h"
#include "stream/stream_token.h"
#include "stream_fields.h"
#include "stream_layout.h"

using namespace defender;

namespace {

// Lets name_ids be searched with a string_view: no string is made for a name already numbered.
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
};

}  // namespace

static_assert(DEFENDER_STREAM_POSITIONS_BYTES == 2 * local_slot_bytes, "core.h's entry size is two slots");

struct DefenderStream {
  DefenderStream(Options o, Logger l) : options(std::move(o)), logger(std::move(l)) {}

  uint64_t id = 0;
  Options options;
  Logger logger;
  std::shared_ptr<StreamSource> source;
  std::string text;
  // Each name-value pair's name, numbered in the order first seen, at most DEFENDER_STREAM_MAX_NAMES: a row's
  // column names come from outside, and each name the glue resolves stays in syslog-ng's registry for good.
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> name_ids;
  uint64_t fields_not_set = 0;
  StreamLayouts layouts;
  // The numbers of a layout's fields by slot (stream_fields.h), learnt as its rows come: no name is looked up twice.
  std::unordered_map<const StreamLayout *, std::vector<uint32_t>> layout_name_ids;

  static constexpr uint32_t not_numbered = UINT32_MAX;

  // The name's number; not_numbered once DEFENDER_STREAM_MAX_NAMES names have one.
  uint32_t number_of(std::string_view name) {
    auto found = name_ids.find(name);
    if (found != name_ids.end()) return found->second;
    if (name_ids.size() >= DEFENDER_STREAM_MAX_NAMES) return not_numbered;
    return name_ids.emplace(std::string(name), static_cast<uint32_t>(name_ids.size())).first->second;
  }
};

namespace {

// The streams alive, by id, for acknowledgements that come from syslog-ng's threads, also after a stream was freed.
std::mutex registry_mutex;
std::unordered_map<uint64_t, std::weak_ptr<StreamSource>> registry;
uint64_t last_stream_id = 0;

uint64_t register_source(const std::shared_ptr<StreamSource> &source) {
  std::lock_guard lock(registry_mutex);
  registry.emplace(++last_stream_id, source);
  return last_stream_id;
}

void unregister_source(uint64_t id) {
  std::lock_guard lock(registry_mutex);
  registry.erase(id);
}

std::shared_ptr<StreamSource> find_source(uint64_t id) {
  std::lock_guard lock(registry_mutex);
  const auto found = registry.find(id);
  return found == registry.end() ? nullptr : found->second.lock();
}

constexpr std::array<const char *, DEFENDER_STREAM_STAT_COUNT> stat_names{
#define DEFENDER_STREAM_STAT(suffix, name) name,
#include "boundary/stream_stat_list.h"
};

std::string hub_list(const Options &options) {
  std::string hubs;
  for (const auto &hub : options.stream.hubs) hubs += (hubs.empty() ? "" : ",") + hub;
  return hubs;
}

}  // namespace

extern "C" {

DefenderStream *defender_stream_new(const DefenderOptions *o, const char *source_name, const void *positions,
                                    size_t positions_len, DefenderLogFn log, void *log_user_data, char *err,
                                    size_t err_len) {
  try {
    const Options &options = o->options;
    auto stream = std::make_unique<DefenderStream>(
        options,
        Logger(log, log_user_data, {{"source", source_name ? source_name : ""}, {"event_hubs", hub_list(options)}}));
    // Read again, as the files may have changed since; their warnings were told when the configuration was read.
    const Logger quiet(nullptr, nullptr, {});
    KafkaAuthentication authentication;
    if (!options.stream.connection_string_file.empty()) {
      auto connection_string = load_connection_string(options, quiet);
      if (const auto *error = std::get_if<CredentialError>(&connection_string)) {
        copy_message(error->message, err, err_len);
        return nullptr;
      }
      authentication = ConnectionStringAuthentication{std::move(std::get<Secret>(connection_string))};
    } else {
      auto credential = load_credential(options, quiet, system_clock_now());
      if (const auto *error = std::get_if<CredentialError>(&credential)) {
        copy_message(error->message, err, err_len);
        return nullptr;
      }
      authentication = OAuthBearerAuthentication{
          entra_token_source(options, std::move(std::get<ClientCredential>(credential)), stream->logger)};
    }
    const auto restored =
        positions ? decode_local_positions(std::string_view(static_cast<const char *>(positions), positions_len))
                  : std::nullopt;
    stream->source = std::make_shared<StreamSource>(options, std::move(authentication), stream->logger, restored);
    stream->id = register_source(stream->source);
    return stream.release();
  } catch (const std::exception &e) {
    copy_message(std::string("internal error: ") + e.what(), err, err_len);
  } catch (...) {
    copy_message("internal error", err, err_len);
  }
  return nullptr;
}

void defender_stream_free(DefenderStream *stream) {
  if (!stream) return;
  try {
    unregister_source(stream->id);
    stream->source->close();
  } catch (...) {
    // Leaving without a last commit only means records acknowledged since the last one are sent again.
  }
  delete stream;
}

size_t defender_stream_describe(const DefenderStream *stream, char *buf, size_t buf_len) {
  try {
    const std::string text = stream->source->describe();
    copy_message(text, buf, buf_len);
    return text.size();
  } catch (...) {
    copy_message("", buf, buf_len);
    return 0;
  }
}

DefenderFetchStatus defender_stream_fetch(DefenderStream *stream, DefenderFetchWait wait,
                                          DefenderStreamMessage *message, DefenderStreamFieldFn each_field,
                                          void *user_data, uint32_t *idle_ms) {
  try {
    StreamNext next = StreamIdle{0};
    if (wait == DEFENDER_FETCH_MAY_WAIT)
      next = stream->source->next();
    else if (auto ready = stream->source->ready())
      next = *ready;
    if (const auto *idle = std::get_if<StreamIdle>(&next)) {
      *idle_ms = static_cast<uint32_t>(idle->milliseconds);
      return DEFENDER_FETCH_IDLE;
    }
    const StreamHandOut &out = std::get<StreamHandOut>(next);
    const StreamRecord &record = *out.record;
    const StreamLayout *layout = stream->layouts.find(record);
    format_stream_record(record, stream->options.format, stream->text, layout);
    std::vector<uint32_t> *slot_ids = layout ? &stream->layout_name_ids[layout] : nullptr;
    visit_stream_fields(
        record,
        [&](std::string_view name, std::string_view value, size_t slot) {
          uint32_t id = DefenderStream::not_numbered;
          if (slot_ids && slot != no_stream_field_slot) {
            if (slot >= slot_ids->size()) slot_ids->resize(slot + 1, DefenderStream::not_numbered);
            if ((*slot_ids)[slot] == DefenderStream::not_numbered) (*slot_ids)[slot] = stream->number_of(name);
            id = (*slot_ids)[slot];
          } else {
            id = stream->number_of(name);
          }
          if (id == DefenderStream::not_numbered) {
            ++stream->fields_not_set;
            return;
          }
          each_field(user_data, id, name.data(), name.size(), value.data(), value.size());
        },
        layout);
    *message = DefenderStreamMessage{};
    message->text = stream->text.data();
    message->text_len = stream->text.size();
    if (const auto time = message_time(record)) {
      message->has_timestamp = 1;
      message->timestamp_sec = time->epoch_seconds();
      message->timestamp_usec = static_cast<int32_t>(time->microseconds_of_second());
    }
    message->parse_error = is_unparsed(record) ? 1 : 0;
    message->ack = DefenderStreamAck{stream->id, out.sequence};
    return DEFENDER_FETCH_MESSAGE;
  } catch (const std::exception &e) {
    stream->logger.error(std::string("internal error while fetching; retrying: ") + e.what());
  } catch (...) {
    stream->logger.error("internal error while fetching; retrying");
  }
  *idle_ms = 1000;
  return DEFENDER_FETCH_IDLE;
}

void defender_stream_request_exit(DefenderStream *stream) { stream->source->request_exit(); }

void defender_stream_ack(const DefenderStreamAck *ack, DefenderStreamPositions *keep) {
  keep->len = 0;
  try {
    const auto source = find_source(ack->stream_id);
    if (!source) return;
    const auto positions = source->acknowledge_through(ack->sequence);
    if (!positions || positions->bytes.size() > sizeof keep->bytes) return;
    std::memcpy(keep->bytes, positions->bytes.data(), positions->bytes.size());
    keep->len = positions->bytes.size();
    keep->offset = positions->slot * sizeof keep->bytes;
  } catch (...) {
    // An acknowledgement that cannot be recorded only means those records are sent again after a restart.
  }
}

const char *defender_stream_stat_name(DefenderStreamStat stat) {
  return stat >= 0 && stat < DEFENDER_STREAM_STAT_COUNT ? stat_names[stat] : "unknown";
}

void defender_stream_stats(DefenderStream *stream, int64_t values[DEFENDER_STREAM_STAT_COUNT],
                           DefenderPartitionLag *lags, size_t lags_capacity, size_t *lags_count) {
  *lags_count = 0;
  try {
    const StreamCounters c = stream->source->counters();
    const auto as_value = [](uint64_t n) { return static_cast<int64_t>(std::min<uint64_t>(n, INT64_MAX)); };
    values[DEFENDER_STREAM_STAT_RECORDS] = as_value(c.records);
    values[DEFENDER_STREAM_STAT_RECORDS_SKIPPED] = as_value(c.records_skipped);
    values[DEFENDER_STREAM_STAT_KAFKA_MESSAGES] = as_value(c.kafka_messages);
    values[DEFENDER_STREAM_STAT_PARSE_ERRORS] = as_value(c.parse_errors);
    values[DEFENDER_STREAM_STAT_BYTES] = as_value(c.bytes);
    values[DEFENDER_STREAM_STAT_COMMITS] = as_value(c.commits);
    values[DEFENDER_STREAM_STAT_REBALANCES] = as_value(c.rebalances);
    values[DEFENDER_STREAM_STAT_PARTITIONS] = as_value(c.partitions);
    values[DEFENDER_STREAM_STAT_CONSUMER_LAG] = c.lag;
    values[DEFENDER_STREAM_STAT_PAUSED_SECONDS] = c.paused_ms / 1000;
    values[DEFENDER_STREAM_STAT_CONSUMER_RESTARTS] = as_value(c.consumer_restarts);
    values[DEFENDER_STREAM_STAT_FIELDS_NOT_SET] = as_value(stream->fields_not_set);
    for (const PartitionLag &partition : c.partition_lags) {
      if (*lags_count >= lags_capacity) break;
      DefenderPartitionLag &out = lags[(*lags_count)++];
      copy_message(partition.hub, out.hub, sizeof out.hub);
      out.partition = partition.partition;
      out.lag = partition.lag;
    }
  } catch (...) {
    for (int i = 0; i < DEFENDER_STREAM_STAT_COUNT; ++i) values[i] = 0;
  }
}

}  // extern "C"
