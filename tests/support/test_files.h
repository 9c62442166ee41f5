// Reading the tests' data files.
#pragma once

#include <string>

namespace defender::test {

// The whole file, bytes as they are; empty when it cannot be read.
std::string read_file(const std::string &path);

}  // namespace defender::test
