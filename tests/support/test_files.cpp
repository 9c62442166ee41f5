#include "test_files.h"

#include <fstream>
#include <sstream>

namespace defender::test {

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace defender::test
