#include "cursor/checkpoint_codec.h"

#include <zlib.h>

#include <cstring>

namespace defender {
namespace {

constexpr char magic[4] = {'D', 'F', 'C', 'P'};

class Writer {
 public:
  explicit Writer(std::string &out) : out_(out) {}
  void u32(uint32_t v) { put(v, 4); }
  void u64(uint64_t v) { put(v, 8); }
  void i64(int64_t v) { put(static_cast<uint64_t>(v), 8); }

 private:
  void put(uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  std::string &out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool u32(uint32_t &v) { return get(v, 4); }
  bool u64(uint64_t &v) { return get(v, 8); }
  bool i64(int64_t &v) {
    uint64_t u;
    if (!get(u, 8)) return false;
    v = static_cast<int64_t>(u);
    return true;
  }
  size_t remaining() const { return in_.size() - pos_; }

 private:
  template <class T>
  bool get(T &v, int bytes) {
    if (remaining() < static_cast<size_t>(bytes)) return false;
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i)
      value |= static_cast<uint64_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
    pos_ += bytes;
    v = static_cast<T>(value);
    return true;
  }
  std::string_view in_;
  size_t pos_ = 0;
};

uint32_t checksum(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef *>(bytes.data()), static_cast<uInt>(bytes.size())));
}

constexpr size_t mark_size = 16;
constexpr size_t entry_size = 24;

}  // namespace

void encode_checkpoint(const Checkpoint &checkpoint, std::string &out) {
  const CursorState &s = checkpoint.state;
  out.assign(magic, sizeof magic);
  Writer w(out);
  w.u32(checkpoint_format_version);
  w.u64(checkpoint.generation);
  const CheckpointIdentity identity = checkpoint.identity.value_or(CheckpointIdentity{});
  w.u64(identity.tenant);
  w.u64(identity.api);
  w.u64(identity.paging);
  w.u64(identity.selection);
  w.i64(s.delivered_position.ticks);
  w.u64(s.acked_sequence);
  w.u64(s.next_sequence);
  w.u32(static_cast<uint32_t>(s.marks.size()));
  for (const auto &mark : s.marks) {
    w.u64(mark.sequence);
    w.i64(mark.complete_below.ticks);
  }
  w.u32(static_cast<uint32_t>(s.entries.size()));
  for (const auto &entry : s.entries) {
    w.i64(entry.key.ticks);
    w.u64(entry.key.id_hash);
    w.u64(entry.sequence);
  }
  w.u32(checksum(out));
}

std::optional<Checkpoint> decode_checkpoint(std::string_view bytes) {
  if (bytes.size() < sizeof magic + 4 || std::memcmp(bytes.data(), magic, sizeof magic) != 0) return std::nullopt;
  // Trailing bytes beyond the checksum are the unused rest of a persist entry that once held a bigger checkpoint.
  Reader r(bytes.substr(sizeof magic));
  uint32_t version;
  Checkpoint c;
  CursorState &s = c.state;
  uint32_t marks, entries;
  if (!r.u32(version) || version < 1 || version > checkpoint_format_version) return std::nullopt;
  if (!r.u64(c.generation)) return std::nullopt;
  if (version >= 2) {
    CheckpointIdentity &identity = c.identity.emplace();
    if (!r.u64(identity.tenant) || !r.u64(identity.api) || !r.u64(identity.paging) || !r.u64(identity.selection))
      return std::nullopt;
  }
  if (!r.i64(s.delivered_position.ticks) || !r.u64(s.acked_sequence) || !r.u64(s.next_sequence) || !r.u32(marks) ||
      r.remaining() < static_cast<size_t>(marks) * mark_size)
    return std::nullopt;
  s.marks.resize(marks);
  for (auto &mark : s.marks) r.u64(mark.sequence), r.i64(mark.complete_below.ticks);
  if (!r.u32(entries) || r.remaining() < static_cast<size_t>(entries) * entry_size + 4) return std::nullopt;
  s.entries.resize(entries);
  for (auto &entry : s.entries) r.i64(entry.key.ticks), r.u64(entry.key.id_hash), r.u64(entry.sequence);
  const size_t body_length = bytes.size() - r.remaining();
  uint32_t stored;
  r.u32(stored);
  if (stored != checksum(bytes.substr(0, body_length))) return std::nullopt;
  return c;
}

}  // namespace defender
