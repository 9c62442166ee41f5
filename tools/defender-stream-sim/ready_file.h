#pragma once

#include <string>

namespace streamsim {

// Writes `line` and a newline to `path` through a temporary file and a rename, so that a reader sees the whole line
// or no file. False when it cannot.
bool write_ready_file(const std::string &path, const std::string &line);

}  // namespace streamsim
