// The ledger (--ledger): JSON lines saying where every record and every malformed body went, written as the events
// are sent and flushed before the ready file appears.
//   {"key":"AdvancedHunting-AlertInfo|2025-06-02T08:00:00.0001237Z","table":"AlertInfo","hub":"...","partition":0,
//    "event":0,"index":0}
//   {"malformed":"malformed-1","kind":"not-json","hub":"...","partition":3,"event":7}
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event_plan.h"

namespace streamsim {

class LedgerWriter {
  struct Private {};  // only open() constructs

 public:
  // The ledger at `path`, emptied; nullptr, with the reason in `error`, when it cannot be opened.
  static std::unique_ptr<LedgerWriter> open(const std::string &path, std::string &error);
  LedgerWriter(Private, std::FILE *file, std::string path) : file_(file), path_(std::move(path)) {}

  // The lines of one event; `hubs` names the hubs event.hub counts in.
  void add(const Event &event, const std::vector<std::string> &hubs);

  // Flushes and closes the file; the reason when anything could not be written.
  std::optional<std::string> close();

 private:
  struct Closer {
    void operator()(std::FILE *f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file_;
  std::string path_;
  std::string line_;
};

}  // namespace streamsim
