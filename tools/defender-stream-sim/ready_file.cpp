#include "ready_file.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace streamsim {

bool write_ready_file(const std::string &path, const std::string &line) {
  const std::string tmp = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << line << '\n';
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace streamsim
