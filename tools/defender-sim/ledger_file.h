#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "alert_store.h"
#include "incident_store.h"

namespace sim {

// Appends a ledger to a file as JSON lines (--ledger for the alerts, --incident-ledger for the incidents), flushed at
// once so tests can read it live: one line per version as it becomes visible, and one {"seq":N,"supersededAt":T}
// line when that version is replaced.
class LedgerFile {
  struct Private {};  // only open() constructs

 public:
  static std::unique_ptr<LedgerFile> open(const std::string &path, std::string &error);
  LedgerFile(Private, std::FILE *f) : file_(f) {}
  void append(const LedgerEntry &entry, LedgerEvent event);
  void append(const IncidentLedgerEntry &entry, LedgerEvent event);

 private:
  void write(std::string line);

  struct Closer {
    void operator()(std::FILE *f) const { std::fclose(f); }
  };
  std::mutex mutex_;
  std::unique_ptr<std::FILE, Closer> file_;
};

// {"seq", "id", "lastUpdateDateTime", "ticks", "visibleAt", "apis": ["graph", "alerts", "siem"],
//  "siem": {"lastProcessedTimeUtc", "ticks", "fullIds": [...]} (versions that made SIEM records),
//  "supersededAt": ticks or null}
std::string ledger_entry_json(const LedgerEntry &entry);

// {"id", "lastUpdateDateTime", "ticks", "visibleAt"}: a version just made, before it is (necessarily) visible.
std::string scheduled_json(const Scheduled &scheduled);

// {"seq", "id", "lastUpdateDateTime", "ticks", "visibleAt", "status", "redirectIncidentId", "alertIds": [...],
//  "supersededAt": ticks or null}
std::string incident_entry_json(const IncidentLedgerEntry &entry);

// {"id", "lastUpdateDateTime", "ticks", "visibleAt", "status", "redirectIncidentId", "alertIds"}: an incident
// version just made.
std::string scheduled_json(const ScheduledIncident &scheduled);

}  // namespace sim
