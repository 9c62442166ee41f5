#include "ledger_writer.h"

#include <cerrno>
#include <cstring>

#include "record_identity.h"

namespace streamsim {
namespace {

// Every value written is of a known alphabet (table and hub names, timestamps, markers, kinds: ASCII letters,
// digits and . _ - : |), so no string needs escaping.
void field(std::string &line, const char *name, std::string_view value) {
  line.append(line.size() > 1 ? ",\"" : "\"").append(name).append("\":\"").append(value).append(1, '"');
}

void field(std::string &line, const char *name, std::uint64_t value) {
  line.append(line.size() > 1 ? ",\"" : "\"").append(name).append("\":").append(std::to_string(value));
}

}  // namespace

std::unique_ptr<LedgerWriter> LedgerWriter::open(const std::string &path, std::string &error) {
  std::FILE *f = std::fopen(path.c_str(), "we");
  if (!f) {
    error = "cannot open ledger " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::make_unique<LedgerWriter>(Private{}, f, path);
}

void LedgerWriter::add(const Event &event, const std::vector<std::string> &hubs) {
  const std::string &hub = hubs[event.hub];
  const auto partition = static_cast<std::uint64_t>(event.partition);
  if (!event.malformed.empty()) {
    line_ = "{";
    field(line_, "malformed", event.malformed);
    field(line_, "kind", event.malformed_kind);
    field(line_, "hub", hub);
    field(line_, "partition", partition);
    field(line_, "event", event.sequence);
    line_ += "}\n";
    std::fwrite(line_.data(), 1, line_.size(), file_.get());
    return;
  }
  for (std::size_t i = 0; i < event.records.size(); ++i) {
    const EventRecord &record = event.records[i];
    line_ = "{";
    field(line_, "key", record_key(table_category(record.table), record_timestamp_text(record.index)));
    field(line_, "table", table_name(record.table));
    field(line_, "hub", hub);
    field(line_, "partition", partition);
    field(line_, "event", event.sequence);
    field(line_, "index", i);
    line_ += "}\n";
    std::fwrite(line_.data(), 1, line_.size(), file_.get());
  }
}

std::optional<std::string> LedgerWriter::close() {
  const bool written = std::ferror(file_.get()) == 0 && std::fflush(file_.get()) == 0;
  const bool closed = std::fclose(file_.release()) == 0;
  if (!written || !closed) return "cannot write ledger " + path_ + ": " + std::strerror(errno);
  return std::nullopt;
}

}  // namespace streamsim
