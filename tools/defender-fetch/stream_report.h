// What stream-check says, line by line, of the connection, the partitions and the first message it read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/options.h"
#include "stream/envelope_reader.h"

namespace defender::fetch {

// "the connection string of /etc/eventhubs.secret (SASL PLAIN)", or the Entra ID app, its tenant and credential.
std::string authentication_words(const Options &options);

// "partitions assigned: 4 of hub insights-logs-advancedhunting"; none: that none were within `seconds`.
std::string partitions_line(size_t partitions, const std::vector<std::string> &hubs, int64_t seconds);

// The message's hub, partition, offset and size; how many records it holds (and how many could not be read); the
// first record's table, or why the body is not a records envelope.
std::vector<std::string> first_message_lines(std::string_view hub, int32_t partition, int64_t offset, size_t bytes,
                                             const StreamBody &body);

}  // namespace defender::fetch
