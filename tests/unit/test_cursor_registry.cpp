// Acknowledgements find their cursor by number, also after its source stopped, until nothing of it is outstanding.
#include <doctest/doctest.h>

#include "cursor/cursor_registry.h"

using namespace defender;

namespace {

const Instant t0 = Instant::from_seconds(1'800'000'000);

}  // namespace

TEST_CASE("a stopped source's cursor takes its late acknowledgements, then is let go") {
  auto cursor = std::make_shared<Cursor>(fresh_cursor_state(t0), 300, 0);
  const uint64_t id = cursor->id();
  register_cursor(cursor);
  cursor->begin_run();
  cursor->emit(version_key("a", t0));
  cursor->emit(version_key("b", t0));
  cursor.reset();

  CHECK(acknowledge_cursor(id, 1) == std::optional<uint64_t>(1));
  CHECK(acknowledge_cursor(id, 2) == std::optional<uint64_t>(2));
  CHECK_FALSE(acknowledge_cursor(id, 2).has_value());
}

TEST_CASE("a cursor a source still holds stays known when all is acknowledged") {
  auto cursor = std::make_shared<Cursor>(fresh_cursor_state(t0), 300, 0);
  register_cursor(cursor);
  cursor->begin_run();
  cursor->emit(version_key("a", t0));
  CHECK(acknowledge_cursor(cursor->id(), 1) == std::optional<uint64_t>(1));
  CHECK(acknowledge_cursor(cursor->id(), 1) == std::optional<uint64_t>(1));
}
