// What the C boundary's option handle holds, and how the boundary hands text back to C: shared by core.cpp
// (microsoft-defender()) and stream_core.cpp (microsoft-defender-stream()).
#pragma once

#include <algorithm>
#include <cstring>
#include <string>

#include "boundary/core.h"
#include "config/options.h"

struct DefenderOptions {
  defender::Options options;
};

namespace defender {

// Copies message into err, cut to fit and terminated; nothing when there is no room at all.
inline void copy_message(const std::string &message, char *err, size_t err_len) {
  if (!err || err_len == 0) return;
  const size_t n = std::min(message.size(), err_len - 1);
  std::memcpy(err, message.data(), n);
  err[n] = '\0';
}

}  // namespace defender
