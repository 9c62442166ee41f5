#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sim {

// Deterministic generator (SplitMix64): the same seed gives the same alerts on every machine and compiler,
// which std:: distributions do not promise.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); the tiny modulo bias does not matter for test data.
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }

  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }

  bool chance(unsigned percent) { return below(100) < percent; }

  template <typename T>
  const T &pick(std::span<const T> items) {
    return items[below(items.size())];
  }

  std::string hex(std::size_t digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(digits, '0');
    for (auto &c : out) c = kHex[below(16)];
    return out;
  }

  // A version-4 shaped GUID in lower case, as Microsoft services print them.
  std::string guid() {
    std::string g = hex(8) + '-' + hex(4) + "-4" + hex(3) + '-' + "89ab"[below(4)] + hex(3) + '-' + hex(12);
    return g;
  }

 private:
  std::uint64_t state_;
};

// FNV-1a: stable across compilers and runs, unlike std::hash; for values that must repeat (ids, devices, files).
inline std::uint64_t stable_hash(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// Mixes a seed with an index so that alert i is the same whatever the count.
inline std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index) {
  Rng r(seed * 0x2545F4914F6CDD1DULL + index);
  r.next();
  return r.next();
}

// Per-thread generator from real entropy, for request ids, token signatures and trace ids.
Rng &entropy_rng();

}  // namespace sim
