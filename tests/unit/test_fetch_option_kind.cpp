// option_kind() agrees with the setters for every option: the setter of its kind takes it, the others answer that it
// does not take their kind of value. A new option that is a number or a switch fails here until it is listed.
#include <doctest/doctest.h>

#include <string>

#include "config/option_kind.h"
#include "config/option_setters.h"

using namespace defender;

TEST_CASE("each option is refused, in these words, by the setters of the other kinds") {
  for (int i = 0; i < DEFENDER_OPTION_COUNT; ++i) {
    const auto option = static_cast<DefenderOption>(i);
    const std::string name = defender_option_name(option);
    CAPTURE(name);
    Options scratch;
    const OptionKind kind = option_kind(option);
    const auto as_text = set_string_option(scratch, option, "x");
    const auto as_number = set_number_option(scratch, option, 1);
    const auto as_switch = set_bool_option(scratch, option, true);
    if (kind != OptionKind::text)
      CHECK(as_text == name + "() does not take a string");
    else
      CHECK(as_text != name + "() does not take a string");
    if (kind != OptionKind::number)
      CHECK(as_number == name + "() does not take a number");
    else
      CHECK(as_number != name + "() does not take a number");
    if (kind != OptionKind::yes_no)
      CHECK(as_switch == name + "() does not take yes or no");
    else
      CHECK(as_switch != name + "() does not take yes or no");
  }
}
