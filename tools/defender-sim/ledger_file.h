#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "alert_store.h"

namespace sim {

// Appends each visible version to a file as one JSON line (--ledger), flushed at once so tests can read it live.
class LedgerFile {
  struct Private {};  // only open() constructs

 public:
  static std::unique_ptr<LedgerFile> open(const std::string& path, std::string& error);
  LedgerFile(Private, std::FILE* f) : file_(f) {}
  void append(const LedgerEntry& entry);

 private:
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::mutex mutex_;
  std::unique_ptr<std::FILE, Closer> file_;
};

std::string ledger_entry_json(const LedgerEntry& entry);

}  // namespace sim
