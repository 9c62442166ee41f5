// The word check's answer and fetch's summary count in: what the API reads.
#include <doctest/doctest.h>

#include "record_noun.h"

using namespace defender;
using namespace defender::fetch;

TEST_CASE("api(incidents) reads incidents; every other API reads alerts") {
  CHECK(record_noun(Api::incidents) == "incident");
  CHECK(record_noun(Api::graph) == "alert");
  CHECK(record_noun(Api::alerts) == "alert");
  CHECK(record_noun(Api::siem) == "alert");
}
