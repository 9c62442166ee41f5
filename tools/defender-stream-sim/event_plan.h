// Which records go into which event, and each event to which hub and partition: the whole run, deterministic per
// seed. Records are numbered from 0 in the order they are made; their tables take turns in a shuffled order, so that
// every table of the run appears once in each stretch of as many records as there are tables. Events hold 1 to
// max_records_per_event records (drawn from the seed), their body under kMaxBodyBytes, and go round-robin over the
// partitions of their hub.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tables.h"

namespace streamsim {

// Event Hubs refuses a message above 1 MB; a body stays below this many bytes.
inline constexpr std::size_t kMaxBodyBytes = 1'000'000;

struct PlanSettings {
  std::uint64_t records = 1000;
  std::uint64_t seed = 1;
  std::vector<TableId> tables;    // the tables the records are of; not empty
  std::vector<std::string> hubs;  // the hubs every table shares; ignored with hub_per_table
  bool hub_per_table = false;     // each table in a hub of its own (table_hub), as Defender can export them
  int partitions = 8;             // of every hub
  std::size_t max_records_per_event = 500;
  std::uint64_t malformed_every = 0;  // every K-th event is a malformed body instead (0: none)
  unsigned hostile_percent = 2;
  std::string tenant_id;
};

struct EventRecord {
  TableId table;
  std::uint64_t index;  // the record's number in the run: its Timestamp (record_identity.h)
};

struct Event {
  std::size_t hub = 0;  // into event_hubs(settings)
  int partition = 0;
  std::uint64_t sequence = 0;  // the event's number in its partition, from 0: its offset in a hub that was empty
  std::string body;
  std::vector<EventRecord> records;  // in body order; none for a malformed body
  std::string malformed;             // a malformed body's marker, "malformed-<n>"
  std::string_view malformed_kind;
};

// The hubs of the run: settings.hubs, or with hub_per_table one per table of settings.tables, in that order.
std::vector<std::string> event_hubs(const PlanSettings &settings);

// Makes every event of the run in order, handing each to `sink` (which may keep what it needs of it), until the
// sink answers false.
void plan_events(const PlanSettings &settings, const std::function<bool(const Event &)> &sink);

}  // namespace streamsim
