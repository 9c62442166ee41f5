// SeenNames: the set the stream formatters write each name through once.
#include <doctest/doctest.h>

#include <string>

#include "seen_names.h"

using defender::SeenNames;

TEST_CASE("seen names: a name is new once, then seen, whatever its neighbours") {
  SeenNames seen(4);
  CHECK(seen.insert("AccountName"));
  CHECK(seen.insert("AccountNam"));
  CHECK(seen.insert(""));
  CHECK_FALSE(seen.insert("AccountName"));
  CHECK_FALSE(seen.insert(""));
  CHECK(seen.insert("AccountName2"));
}

TEST_CASE("seen names: a full table still tells every name it holds from every other") {
  constexpr size_t count = 1000;
  SeenNames seen(count);
  for (size_t i = 0; i < count; i += 2) CHECK(seen.insert("column" + std::to_string(i)));
  size_t repeated = 0;
  for (size_t i = 0; i < count; ++i) repeated += seen.insert("column" + std::to_string(i)) ? 0 : 1;
  CHECK(repeated == count / 2);
}

TEST_CASE("seen names: contains tells a name inserted from one that is not, and remembers nothing") {
  SeenNames seen(2);
  CHECK(seen.insert("act"));
  CHECK(seen.contains("act"));
  CHECK_FALSE(seen.contains("ac"));
  CHECK_FALSE(seen.contains("ac"));
  CHECK(seen.insert("ac"));
  CHECK(seen.contains("ac"));
}
