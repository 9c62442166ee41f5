#include "ledger_file.h"

#include <cerrno>
#include <cstring>

#include "json_writer.h"

namespace sim {
namespace {

template <typename Version>
void write_version(JsonWriter &w, const Version &v) {
  w.key("id").str(v.id);
  w.key("lastUpdateDateTime").str(v.last_update_text);
  w.key("ticks").integer(v.fields.last_update);
}

template <typename Entry>
std::string superseded_json(const Entry &entry) {
  JsonWriter w;
  w.begin_object();
  w.key("seq").integer(static_cast<std::int64_t>(entry.seq));
  w.key("supersededAt").integer(*entry.superseded_at);
  w.end_object();
  return w.take();
}

void write_incident(JsonWriter &w, const IncidentVersion &v, Ticks visible_at) {
  write_version(w, v);
  w.key("visibleAt").integer(visible_at);
  w.key("status").str(v.fields.status);
  w.key("redirectIncidentId").opt(v.redirect_incident_id);
  w.key("alertIds").strings(v.alert_ids);
}

}  // namespace

std::unique_ptr<LedgerFile> LedgerFile::open(const std::string &path, std::string &error) {
  std::FILE *f = std::fopen(path.c_str(), "ae");
  if (!f) {
    error = "cannot open ledger " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::make_unique<LedgerFile>(Private{}, f);
}

void LedgerFile::append(const LedgerEntry &entry, LedgerEvent event) {
  write(event == LedgerEvent::Visible ? ledger_entry_json(entry) : superseded_json(entry));
}

void LedgerFile::append(const IncidentLedgerEntry &entry, LedgerEvent event) {
  write(event == LedgerEvent::Visible ? incident_entry_json(entry) : superseded_json(entry));
}

void LedgerFile::write(std::string line) {
  line += '\n';
  const std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_.get());
  std::fflush(file_.get());
}

std::string ledger_entry_json(const LedgerEntry &e) {
  const AlertVersion &v = *e.version;
  JsonWriter w;
  w.begin_object();
  w.key("seq").integer(static_cast<std::int64_t>(e.seq));
  write_version(w, v);
  w.key("visibleAt").integer(e.visible_at);
  w.key("apis").begin_array();
  for (const Api api : kAlertApis)
    if (e.apis & api_bit(api)) w.str(api_name(api));
  w.end_array();
  if (e.apis & api_bit(Api::Siem)) {
    w.key("siem").begin_object();
    w.key("lastProcessedTimeUtc").time(v.siem->last_processed);
    w.key("ticks").integer(v.siem->last_processed);
    w.key("fullIds").begin_array();
    for (const auto &r : v.siem->records) w.str(r.full_id);
    w.end_array();
    w.end_object();
  }
  w.key("supersededAt");
  e.superseded_at ? w.integer(*e.superseded_at) : w.null();
  w.end_object();
  return w.take();
}

std::string scheduled_json(const Scheduled &s) {
  JsonWriter w;
  w.begin_object();
  write_version(w, *s.version);
  w.key("visibleAt").integer(s.visible_at);
  w.end_object();
  return w.take();
}

std::string incident_entry_json(const IncidentLedgerEntry &e) {
  JsonWriter w;
  w.begin_object();
  w.key("seq").integer(static_cast<std::int64_t>(e.seq));
  write_incident(w, *e.version, e.visible_at);
  w.key("supersededAt");
  e.superseded_at ? w.integer(*e.superseded_at) : w.null();
  w.end_object();
  return w.take();
}

std::string scheduled_json(const ScheduledIncident &s) {
  JsonWriter w;
  w.begin_object();
  write_incident(w, *s.version, s.visible_at);
  w.end_object();
  return w.take();
}

}  // namespace sim
