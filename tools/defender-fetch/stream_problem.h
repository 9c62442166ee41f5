// Which exit status (exit_status.h) a problem the Streaming API's Kafka consumer hands out means. The consumer hands
// out text only (KafkaProblem): its causes are told apart by the words kafka_error_text and the consumer begin them
// with.
#pragma once

#include <string_view>

#include "exit_status.h"

namespace defender::fetch {

// credential: the namespace refused the connection string or the token, or no token could be had; permission: not
// allowed to read the hub or use the group; usage: the hub does not exist; network: the namespace cannot be reached
// or TLS failed; service: any other Kafka error.
ExitStatus stream_problem_status(std::string_view problem);

// A problem of the configuration: waiting does not mend it, so stream-check ends at it.
bool is_configuration_problem(ExitStatus status);

}  // namespace defender::fetch
