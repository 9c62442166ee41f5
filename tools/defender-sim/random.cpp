#include "random.h"

#include <openssl/rand.h>

#include <chrono>
#include <thread>

namespace sim {

Rng &entropy_rng() {
  thread_local Rng rng = [] {
    std::uint64_t seed = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char *>(&seed), sizeof seed) != 1)
      seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
             std::hash<std::thread::id>{}(std::this_thread::get_id());
    return Rng(seed);
  }();
  return rng;
}

}  // namespace sim
