// The extern "C" boundary: plain C in, plain C out, and no exception ever leaves.
#include "boundary/core.h"
#include "boundary/handles.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <memory>
#include <string>

#include "config/config_warnings.h"
#include "config/endpoints.h"
#include "config/option_setters.h"
#include "config/options.h"
#include "credentials/client_credential.h"
#include "cursor/checkpoint_codec.h"
#include "cursor/checkpoint_identity.h"
#include "cursor/checkpoint_restore.h"
#include "cursor/checkpoint_writer.h"
#include "cursor/cursor_registry.h"
#include "fields.h"
#include "format.h"
#include "poller/poller.h"
#include "reporting/logger.h"

using namespace defender;

struct DefenderCursor {
  KeptCursor kept;
};

struct DefenderCore {
  DefenderCore(Options o, std::string name, Logger l)
      : options(std::move(o)), source_name(std::move(name)), logger(std::move(l)) {}

  Options options;
  std::string source_name;
  Logger logger;
  std::unique_ptr<Poller> poller;
  std::optional<CheckpointWriter> checkpoints;
  std::string restored_from;
  std::string text;
};

namespace {

// A keyword of option_list.h as docs/options.md writes it: tenant_id is tenant-id.
template <size_t N>
struct DashedKeyword {
  std::array<char, N> text{};
  constexpr explicit DashedKeyword(const char (&keyword)[N]) {
    for (size_t i = 0; i < N; ++i) text[i] = keyword[i] == '_' ? '-' : keyword[i];
  }
};

#define DEFENDER_OPTION(suffix, keyword, kind, drivers) constexpr DashedKeyword option_name_##suffix{keyword};
#include "boundary/option_list.h"

constexpr std::array<const char *, DEFENDER_OPTION_COUNT> option_names{
#define DEFENDER_OPTION(suffix, keyword, kind, drivers) option_name_##suffix.text.data(),
#include "boundary/option_list.h"
};

constexpr std::array<const char *, DEFENDER_STAT_COUNT> stat_names{
#define DEFENDER_STAT(suffix, name) name,
#include "boundary/stat_list.h"
};

Instant now() { return system_clock_now(); }

size_t copy_out(const std::string &text, char *buf, size_t buf_len) {
  copy_message(text, buf, buf_len);
  return text.size();
}

// Runs body; turns anything thrown into the C boundary's failure value and a message.
template <class Body, class Result>
Result guarded(Body &&body, Result on_failure, char *err, size_t err_len) {
  try {
    return body();
  } catch (const std::exception &e) {
    copy_message(std::string("internal error: ") + e.what(), err, err_len);
  } catch (...) {
    copy_message("internal error", err, err_len);
  }
  return on_failure;
}

// What says which source a log line is about, before the source has a name.
Logger::Tags context_tags(const Options &options) {
  if (options.driver == Driver::stream) {
    std::string hubs;
    for (const auto &hub : options.stream.hubs) hubs += (hubs.empty() ? "" : ",") + hub;
    return {{"bootstrap_servers", stream_bootstrap_servers(options)}, {"event_hubs", hubs}};
  }
  return {{"tenant", options.tenant_id}, {"api", std::string(api_name(options.api))}};
}

// Runs a setter; its error, if any, goes to err.
template <class Setter>
int set_option(Setter &&setter, char *err, size_t err_len) {
  return guarded(
      [&]() -> int {
        const OptionError error = setter();
        if (error) copy_message(*error, err, err_len);
        return error ? 0 : 1;
      },
      0, err, err_len);
}

}  // namespace

extern "C" {

const char *defender_option_name(DefenderOption option) {
  return option >= 0 && option < DEFENDER_OPTION_COUNT ? option_names[option] : "unknown";
}

DefenderOptions *defender_options_new(DefenderDriver driver) {
  try {
    auto *options = new DefenderOptions();
    options->options.driver = driver == DEFENDER_DRIVER_STREAM ? Driver::stream : Driver::poll;
    return options;
  } catch (...) {
    return nullptr;
  }
}

void defender_options_free(DefenderOptions *options) { delete options; }

int defender_options_set_string(DefenderOptions *o, DefenderOption option, const char *value, char *err,
                                size_t err_len) {
  return set_option([&] { return set_string_option(o->options, option, value ? value : ""); }, err, err_len);
}

int defender_options_set_number(DefenderOptions *o, DefenderOption option, int64_t value, char *err, size_t err_len) {
  return set_option([&] { return set_number_option(o->options, option, value); }, err, err_len);
}

int defender_options_set_bool(DefenderOptions *o, DefenderOption option, int value, char *err, size_t err_len) {
  return set_option([&] { return set_bool_option(o->options, option, value != 0); }, err, err_len);
}

int defender_options_set_pair(DefenderOptions *o, DefenderOption option, const char *name, const char *value, char *err,
                              size_t err_len) {
  return set_option([&] { return set_pair_option(o->options, option, name ? name : "", value ? value : ""); }, err,
                    err_len);
}

int defender_options_validate(const DefenderOptions *o, DefenderOption *culprit, DefenderLogFn log, void *log_user_data,
                              char *err, size_t err_len) {
  *culprit = DEFENDER_OPTION_COUNT;
  return guarded(
      [&]() -> int {
        if (const auto problem = validate(o->options)) {
          *culprit = problem->option;
          copy_message(problem->message, err, err_len);
          return 0;
        }
        const Logger logger(log, log_user_data, context_tags(o->options));
        warn_about_options(o->options, logger);
        if (o->options.driver == Driver::stream && !o->options.stream.connection_string_file.empty()) {
          const auto connection_string = load_connection_string(o->options, logger);
          if (const auto *error = std::get_if<CredentialError>(&connection_string)) {
            *culprit = error->option;
            copy_message(error->message, err, err_len);
            return 0;
          }
          return 1;
        }
        // The files themselves: an empty secret file or a key that does not fit its certificate fails here, at
        // --syntax-only, not at the first token request.
        const auto credential = load_credential(o->options, logger, now());
        if (const auto *error = std::get_if<CredentialError>(&credential)) {
          *culprit = error->option;
          copy_message(error->message, err, err_len);
          return 0;
        }
        return 1;
      },
      0, err, err_len);
}

size_t defender_options_default_persist_name(const DefenderOptions *o, char *buf, size_t buf_len) {
  return guarded([&] { return copy_out(default_persist_name(o->options), buf, buf_len); }, size_t{0}, buf, buf_len);
}

DefenderCore *defender_core_new(const DefenderOptions *o, const char *source_name, const void *checkpoint,
                                size_t checkpoint_len, uint64_t acked_sequence, DefenderCursor *inherited,
                                DefenderLogFn log, void *log_user_data, char *err, size_t err_len) {
  return guarded(
      [&]() -> DefenderCore * {
        const Options &options = o->options;
        const std::string name = source_name ? source_name : "";
        auto core = std::make_unique<DefenderCore>(
            options, name,
            Logger(log, log_user_data,
                   {{"source", name}, {"tenant", options.tenant_id}, {"api", std::string(api_name(options.api))}}));
        const Instant start = now();
        // Read again, as the file may have changed since; its warnings were told when the configuration was read.
        auto credential = load_credential(options, Logger(nullptr, nullptr, {}), start);
        if (const auto *error = std::get_if<CredentialError>(&credential)) {
          copy_message(error->message, err, err_len);
          return nullptr;
        }
        const std::string_view persisted =
            checkpoint ? std::string_view(static_cast<const char *>(checkpoint), checkpoint_len) : std::string_view();
        RestoredCursor restored = restore_cursor(options, persisted, acked_sequence,
                                                 inherited ? &inherited->kept : nullptr, core->logger, start);
        register_cursor(restored.cursor);
        core->restored_from = std::move(restored.restored_from);
        core->checkpoints.emplace(checkpoint_identity(options), restored.generation);
        core->poller = std::make_unique<Poller>(options, std::move(std::get<ClientCredential>(credential)),
                                                std::move(restored.cursor), core->logger, restored.floor,
                                                FloorKind::lookback, now);
        return core.release();
      },
      static_cast<DefenderCore *>(nullptr), err, err_len);
}

int64_t defender_checkpoint_generation(const void *data, size_t len) {
  if (!data || len == 0) return -1;
  try {
    const auto checkpoint = decode_checkpoint(std::string_view(static_cast<const char *>(data), len));
    return checkpoint ? static_cast<int64_t>(checkpoint->generation) : -1;
  } catch (...) {
    return -1;
  }
}

void defender_core_free(DefenderCore *core) { delete core; }

size_t defender_core_describe(const DefenderCore *core, char *buf, size_t buf_len) {
  return guarded(
      [&] {
        const Options &o = core->options;
        const std::string text =
            "tenant=" + o.tenant_id + " api=" + std::string(api_name(o.api)) +
            " cloud=" + std::string(cloud_name(o.cloud)) + " format=" + std::string(format_name(o.format.format)) +
            " credential=" + std::string(credential_kind(o)) + " endpoint=" + endpoints_for(o).alerts_url +
            " position=" + format_instant(core->poller->cursor().delivered_position()) + " (" + core->restored_from +
            ")";
        return copy_out(text, buf, buf_len);
      },
      size_t{0}, buf, buf_len);
}

size_t defender_field_count(void) { return field_count(); }

// Field names are string literals, so the view's data is terminated.
const char *defender_field_name(size_t field) { return field < field_count() ? field_name(field).data() : "unknown"; }

DefenderFetchStatus defender_core_fetch(DefenderCore *core, DefenderFetchWait wait, DefenderMessage *message,
                                        DefenderFieldFn each_field, void *user_data, uint32_t *idle_ms) {
  try {
    std::variant<const PendingRecord *, Idle> next = Idle{0};
    if (wait == DEFENDER_FETCH_MAY_WAIT)
      next = core->poller->next();
    else if (const PendingRecord *ready = core->poller->ready())
      next = ready;
    if (const auto *idle = std::get_if<Idle>(&next)) {
      *idle_ms = static_cast<uint32_t>(idle->milliseconds);
      return DEFENDER_FETCH_IDLE;
    }
    const PendingRecord &pending = *std::get<const PendingRecord *>(next);
    format_record(pending.record, core->options.format, core->text);
    visit_fields(pending.record, [&](size_t field, std::string_view value) {
      each_field(user_data, field, value.data(), value.size());
    });
    const Instant updated = updated_of(pending.record);
    message->text = core->text.data();
    message->text_len = core->text.size();
    message->timestamp_sec = updated.epoch_seconds();
    message->timestamp_usec = static_cast<int32_t>(updated.microseconds_of_second());
    message->cursor_id = core->poller->cursor().id();
    message->sequence = pending.sequence;
    return DEFENDER_FETCH_MESSAGE;
  } catch (const std::exception &e) {
    core->logger.error(std::string("internal error while fetching; retrying: ") + e.what());
  } catch (...) {
    core->logger.error("internal error while fetching; retrying");
  }
  *idle_ms = 1000;
  return DEFENDER_FETCH_IDLE;
}

void defender_core_request_exit(DefenderCore *core) { core->poller->request_exit(); }

int defender_cursor_ack(uint64_t cursor_id, uint64_t sequence, uint64_t *delivered) {
  try {
    const auto acked = acknowledge_cursor(cursor_id, sequence);
    if (acked) *delivered = *acked;
    return acked ? 1 : 0;
  } catch (...) {
    // An acknowledgement that cannot be recorded only means a possible duplicate after a crash.
    return 0;
  }
}

int defender_core_checkpoint(DefenderCore *core, int force, const void **data, size_t *len) {
  try {
    const auto bytes = core->checkpoints->due(*core->poller->shared_cursor(), now(), force != 0);
    if (!bytes) return 0;
    *data = bytes->data();
    *len = bytes->size();
    return 1;
  } catch (const std::exception &e) {
    core->logger.error(std::string("internal error while saving the checkpoint: ") + e.what());
  } catch (...) {
    core->logger.error("internal error while saving the checkpoint");
  }
  return 0;
}

DefenderCursor *defender_core_release_cursor(DefenderCore *core) {
  try {
    core->poller->release();
    return new DefenderCursor{KeptCursor{core->poller->shared_cursor(), checkpoint_identity(core->options)}};
  } catch (...) {
    return nullptr;
  }
}

void defender_cursor_free(DefenderCursor *cursor) { delete cursor; }

const char *defender_stat_name(DefenderStat stat) {
  return stat >= 0 && stat < DEFENDER_STAT_COUNT ? stat_names[stat] : "unknown";
}

void defender_core_stats(const DefenderCore *core, int64_t values[DEFENDER_STAT_COUNT]) {
  const Stats &stats = core->poller->stats();
  for (int i = 0; i < DEFENDER_STAT_COUNT; ++i) values[i] = stats.get(static_cast<DefenderStat>(i));
  const Instant delivered = core->poller->cursor().delivered_position();
  // On the service's clock: a host clock running ahead would otherwise show lag that is not there (or hide it).
  values[DEFENDER_STAT_CURSOR_LAG_SECONDS] =
      std::max<int64_t>(0, (core->poller->service_now().ticks - delivered.ticks) / Instant::ticks_per_second);
}

}  // extern "C"
