#include "ledger_file.h"

#include <cerrno>
#include <cstring>

#include "json_writer.h"

namespace sim {

std::unique_ptr<LedgerFile> LedgerFile::open(const std::string& path, std::string& error) {
  std::FILE* f = std::fopen(path.c_str(), "ae");
  if (!f) {
    error = "cannot open ledger " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::make_unique<LedgerFile>(Private{}, f);
}

void LedgerFile::append(const LedgerEntry& entry) {
  const std::string line = ledger_entry_json(entry) + '\n';
  const std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_.get());
  std::fflush(file_.get());
}

std::string ledger_entry_json(const LedgerEntry& e) {
  JsonWriter w;
  w.begin_object();
  w.key("id").str(e.id);
  w.key("lastUpdateDateTime").str(e.last_update_text);
  w.key("ticks").integer(e.ticks);
  w.end_object();
  return w.take();
}

}  // namespace sim
