// defender-stream-sim: Microsoft Defender's Streaming API for the tests. librdkafka's mock Kafka cluster on
// 127.0.0.1 stands in for Event Hubs' Kafka endpoint; its hubs are filled with Advanced Hunting records before the
// ready file appears, and a ledger says where each went. --dump reads a hub back.
#include <csignal>
#include <cstdio>
#include <exception>

#include "event_plan.h"
#include "hub_dump.h"
#include "ledger_writer.h"
#include "mock_hubs.h"
#include "options.h"
#include "ready_file.h"

namespace streamsim {
namespace {

// How long the last deliveries may take once every event is queued.
constexpr int kFlushTimeoutMs = 120'000;

int fail(const std::string &message) {
  std::fprintf(stderr, "defender-stream-sim: %s\n", message.c_str());
  return 2;
}

bool stop_requested(const sigset_t &stop_signals) {
  sigset_t pending;
  sigpending(&pending);
  for (const int signal : {SIGTERM, SIGINT})
    if (sigismember(&stop_signals, signal) && sigismember(&pending, signal)) return true;
  return false;
}

struct Totals {
  std::uint64_t events = 0;
  std::uint64_t malformed = 0;
};

int serve(const Options &o, const sigset_t &stop_signals) {
  auto started = MockHubs::start(o.brokers, o.compression);
  if (auto *error = std::get_if<std::string>(&started)) return fail(*error);
  MockHubs &mock = *std::get<std::unique_ptr<MockHubs>>(started);
  const std::vector<std::string> hubs = event_hubs(o.plan);
  for (const auto &hub : hubs)
    if (auto error = mock.create_hub(hub, o.plan.partitions)) return fail(*error);
  for (const auto &hub : o.missing_hubs) mock.make_missing(hub);

  std::string error;
  auto ledger = LedgerWriter::open(o.ledger_file, error);
  if (!ledger) return fail(error);
  Totals totals;
  bool stopped = false;
  plan_events(o.plan, [&](const Event &event) {
    if (stop_requested(stop_signals)) {
      stopped = true;
      return false;
    }
    if (auto sent = mock.send(hubs[event.hub], event.partition, event.body, event.sequence)) {
      error = *sent;
      return false;
    }
    ledger->add(event, hubs);
    ++totals.events;
    totals.malformed += !event.malformed.empty();
    return true;
  });
  if (stopped) return 0;
  if (!error.empty()) return fail(error);
  if (auto failed = mock.finish(kFlushTimeoutMs)) return fail(*failed);
  if (auto failed = ledger->close()) return fail(*failed);

  const std::string servers = mock.bootstrap_servers();
  if (!write_ready_file(o.ready_file, servers)) return fail("cannot write the ready file " + o.ready_file);
  std::printf(
      "defender-stream-sim: %llu records in %llu events (%llu malformed) on %zu hub(s) of %d partitions at %s\n",
      static_cast<unsigned long long>(o.plan.records), static_cast<unsigned long long>(totals.events),
      static_cast<unsigned long long>(totals.malformed), hubs.size(), o.plan.partitions, servers.c_str());
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stop_signals, &signal);
  return 0;
}

}  // namespace
}  // namespace streamsim

int main(int argc, char **argv) {
  const streamsim::ParsedOptions parsed = streamsim::parse_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  const streamsim::Options &options = *parsed.options;
  if (options.dump) return streamsim::dump_hub({options.bootstrap_servers, options.hub, options.timeout_seconds});

  // Blocked in every thread (librdkafka's inherit the mask): the main thread takes them with sigwait, and looks for
  // them between events while it fills the hubs.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  try {
    return streamsim::serve(options, stop_signals);
  } catch (const std::exception &e) {
    std::fprintf(stderr, "defender-stream-sim: %s\n", e.what());
    return 2;
  }
}
