// The answers' gzip decoder: a member or a few decode whole; a body that would decode beyond the limit, that is not
// gzip, that is cut short, whose trailer lies, or that has too many members gives nothing.
#include <doctest/doctest.h>

#include <string>

#include "gzip_bodies.h"
#include "transport/gzip_decoder.h"

using defender::GzipDecoder;
using defender::GzipOutcome;
using defender::test::gzip_of;

TEST_CASE("a gzip member decodes to its text") {
  GzipDecoder decoder;
  std::string out;
  CHECK(decoder.decode(gzip_of(R"({"value":[]})"), 100, out) == GzipOutcome::ok);
  CHECK(out == R"({"value":[]})");
}

TEST_CASE("a member that decodes to exactly the limit is whole") {
  GzipDecoder decoder;
  std::string out;
  CHECK(decoder.decode(gzip_of(std::string(4096, 'a')), 4096, out) == GzipOutcome::ok);
  CHECK(out.size() == 4096);
}

TEST_CASE("a member that decodes to one byte more than the limit is too large") {
  GzipDecoder decoder;
  std::string out = "left over";
  CHECK(decoder.decode(gzip_of(std::string(4097, 'a')), 4096, out) == GzipOutcome::too_large);
  CHECK(out.empty());
}

TEST_CASE("concatenated members decode to their texts in order") {
  GzipDecoder decoder;
  std::string out;
  CHECK(decoder.decode(gzip_of("first,") + gzip_of("second,") + gzip_of("third"), 100, out) == GzipOutcome::ok);
  CHECK(out == "first,second,third");
}

TEST_CASE("members that together outgrow the limit are too large though each fits") {
  GzipDecoder decoder;
  std::string out;
  const std::string half = gzip_of(std::string(600, 'b'));
  CHECK(decoder.decode(half + half, 1000, out) == GzipOutcome::too_large);
  CHECK(out.empty());
}

TEST_CASE("a member whose trailer understates its length is corrupt") {
  GzipDecoder decoder;
  std::string out;
  std::string lying = gzip_of(std::string(3000, 'c'));
  lying[lying.size() - 4] = 10;  // ISIZE's low byte: 3000 is 0x0bb8
  lying[lying.size() - 3] = 0;
  CHECK(decoder.decode(lying, 1 << 20, out) == GzipOutcome::corrupt);
  CHECK(out.empty());
}

TEST_CASE("a member cut short is corrupt") {
  GzipDecoder decoder;
  std::string out;
  const std::string whole = gzip_of(std::string(3000, 'd') + "end");
  CHECK(decoder.decode(whole.substr(0, whole.size() - 9), 1 << 20, out) == GzipOutcome::corrupt);
  CHECK(out.empty());
}

TEST_CASE("a small member whose trailer claims more than the limit is corrupt, not too large") {
  GzipDecoder decoder;
  std::string out;
  std::string lying = gzip_of("small");
  lying[lying.size() - 1] = '\x7f';  // ISIZE's high byte: about 2 GiB claimed
  CHECK(decoder.decode(lying, 1000, out) == GzipOutcome::corrupt);
  CHECK(out.empty());
}

TEST_CASE("bytes after the last member are corrupt") {
  GzipDecoder decoder;
  std::string out;
  CHECK(decoder.decode(gzip_of("whole") + "garbage", 100, out) == GzipOutcome::corrupt);
  CHECK(out.empty());
}

TEST_CASE("two bytes of gzip's magic number alone are corrupt") {
  GzipDecoder decoder;
  std::string out;
  CHECK(decoder.decode("\x1f\x8b", 100, out) == GzipOutcome::corrupt);
}

TEST_CASE("text that is not gzip is corrupt") {
  GzipDecoder decoder;
  std::string out;
  CHECK(decoder.decode(R"({"value":[]})", 100, out) == GzipOutcome::corrupt);
}

TEST_CASE("more members than max_gzip_members is corrupt") {
  GzipDecoder decoder;
  std::string many;
  for (size_t i = 0; i <= defender::max_gzip_members; ++i) many += gzip_of("x");
  std::string out;
  CHECK(decoder.decode(many, 1000, out) == GzipOutcome::corrupt);
  std::string enough;
  for (size_t i = 0; i < defender::max_gzip_members; ++i) enough += gzip_of("x");
  CHECK(decoder.decode(enough, 1000, out) == GzipOutcome::ok);
  CHECK(out == std::string(defender::max_gzip_members, 'x'));
}

TEST_CASE("an empty body is an empty text") {
  GzipDecoder decoder;
  std::string out = "left over";
  CHECK(decoder.decode("", 100, out) == GzipOutcome::ok);
  CHECK(out.empty());
}
