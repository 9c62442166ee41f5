// What a source with this api() reads, in the words defender-fetch's results use: every API but one reads alerts.
#pragma once

#include <string_view>

#include "config/options.h"

namespace defender::fetch {

// "incident" for api(incidents), "alert" for the others.
std::string_view record_noun(Api api);

}  // namespace defender::fetch
