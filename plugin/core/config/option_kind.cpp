#include "config/option_kind.h"

namespace defender {

// Most options are text: only the numbers and the yes/no switches are listed.
OptionKind option_kind(DefenderOption option) {
  switch (option) {
    case DEFENDER_OPTION_POLL_INTERVAL:
    case DEFENDER_OPTION_PAGE_SIZE:
    case DEFENDER_OPTION_INITIAL_LOOKBACK:
    case DEFENDER_OPTION_LATE_ARRIVAL:
    case DEFENDER_OPTION_TIMEOUT:
    case DEFENDER_OPTION_TOKEN_VERSION:
    case DEFENDER_OPTION_REQUESTS_PER_MINUTE:
    case DEFENDER_OPTION_REQUESTS_PER_HOUR:
    case DEFENDER_OPTION_MAX_RESPONSE_SIZE: return OptionKind::number;
    case DEFENDER_OPTION_PEER_VERIFY:
    case DEFENDER_OPTION_EMIT_UPDATES:
    case DEFENDER_OPTION_EXPAND_EVIDENCE:
    case DEFENDER_OPTION_ALLOW_INSECURE_HTTP: return OptionKind::yes_no;
    default: return OptionKind::text;
  }
}

}  // namespace defender
