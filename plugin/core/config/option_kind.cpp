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
}  // namespace listed

constexpr std::array<OptionKind, DEFENDER_OPTION_COUNT> kinds{
#define DEFENDER_OPTION(suffix, keyword, kind) listed::kind,
#include "boundary/option_list.h"
};

}  // namespace

OptionKind option_kind(DefenderOption option) {
  return option >= 0 && option < DEFENDER_OPTION_COUNT ? kinds[option] : OptionKind::text;
}

}  // namespace defender
