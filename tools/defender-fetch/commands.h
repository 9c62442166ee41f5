// defender-fetch's commands; each prints its result and returns the exit status.
#pragma once

#include "arguments.h"
#include "exit_status.h"

namespace defender::fetch {

// A token, its claims and roles, then one small request to the API.
ExitStatus run_check(const Arguments &arguments);
// The alert (or incident) versions of a time range, one formatted line each, on standard output; a summary on
// standard error.
ExitStatus run_fetch(const Arguments &arguments);
// The URLs, settings and first request of a source with these options; no network access.
ExitStatus run_explain(const Arguments &arguments);
// microsoft-defender-stream(): the credential, the partitions assigned and the first message of the hubs, in a
// consumer group of the check's own unless one is given; nothing is committed.
ExitStatus run_stream_check(const Arguments &arguments);

}  // namespace defender::fetch
