#include "record_noun.h"

namespace defender::fetch {

std::string_view record_noun(Api api) { return api == Api::incidents ? "incident" : "alert"; }

}  // namespace defender::fetch
