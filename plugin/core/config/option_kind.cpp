#include "config/option_kind.h"

#include <array>

namespace defender {
namespace {

// The kinds of option_list.h; text_list takes its texts one at a time, as text.
namespace listed {
constexpr OptionKind text = OptionKind::text;
constexpr OptionKind number = OptionKind::number;
constexpr OptionKind yes_no = OptionKind::yes_no;
constexpr OptionKind text_list = OptionKind::text;
constexpr OptionKind text_pair = OptionKind::text_pair;
}  // namespace listed

constexpr std::array<OptionKind, DEFENDER_OPTION_COUNT> kinds{
#define DEFENDER_OPTION(suffix, keyword, kind, drivers) listed::kind,
#include "boundary/option_list.h"
};

enum class Takers { poll, stream, both };
namespace takers {
constexpr Takers poll = Takers::poll;
constexpr Takers stream = Takers::stream;
constexpr Takers both = Takers::both;
}  // namespace takers

constexpr std::array<Takers, DEFENDER_OPTION_COUNT> takers_of{
#define DEFENDER_OPTION(suffix, keyword, kind, drivers) takers::drivers,
#include "boundary/option_list.h"
};

}  // namespace

OptionKind option_kind(DefenderOption option) {
  return option >= 0 && option < DEFENDER_OPTION_COUNT ? kinds[option] : OptionKind::text;
}

const char *driver_name(Driver driver) {
  return driver == Driver::stream ? "microsoft-defender-stream" : "microsoft-defender";
}

std::optional<std::string> option_refused_by(Driver driver, DefenderOption option) {
  if (option < 0 || option >= DEFENDER_OPTION_COUNT) return "unknown option";
  const Takers takers = takers_of[option];
  if (takers == Takers::both || (takers == Takers::poll) == (driver == Driver::poll)) return std::nullopt;
  const Driver other = driver == Driver::poll ? Driver::stream : Driver::poll;
  return std::string(defender_option_name(option)) + "() is an option of " + driver_name(other) + "(), not of " +
         driver_name(driver) + "()";
}

}  // namespace defender
