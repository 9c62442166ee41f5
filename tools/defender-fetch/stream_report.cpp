#include "stream_report.h"

#include <algorithm>

#include "credentials/client_credential.h"

namespace defender::fetch {
namespace {

std::string listed(const std::vector<std::string> &items) {
  std::string text;
  for (const auto &item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

std::string authentication_words(const Options &options) {
  if (!options.stream.connection_string_file.empty())
    return "the connection string of " + options.stream.connection_string_file + " (SASL PLAIN)";
  return "Entra ID app " + options.client_id + " of tenant " + options.tenant_id + " with its " +
         std::string(credential_kind(options)) + " (SASL OAUTHBEARER)";
}

std::string partitions_line(size_t partitions, const std::vector<std::string> &hubs, int64_t seconds) {
  if (partitions == 0) return "partitions assigned: none within " + std::to_string(seconds) + " s";
  return "partitions assigned: " + std::to_string(partitions) + (hubs.size() == 1 ? " of hub " : " of hubs ") +
         listed(hubs);
}

std::vector<std::string> first_message_lines(std::string_view hub, int32_t partition, int64_t offset, size_t bytes,
                                             const StreamBody &body) {
  std::vector<std::string> lines{"first message: hub " + std::string(hub) + ", partition " + std::to_string(partition) +
                                 ", offset " + std::to_string(offset) + ", " + std::to_string(bytes) + " bytes"};
  const size_t read = body.records.size() - body.unparsed;
  const auto first_read = std::find_if(body.records.begin(), body.records.end(),
                                       [](const StreamRecord &record) { return !is_unparsed(record); });
  const auto first_unread = std::find_if(body.records.begin(), body.records.end(), is_unparsed);
  // The reader tells a record it could not read as "record <n> ..."; anything else is about the body itself.
  if (read == 0 && body.records.size() == 1 && !first_unread->parse_error.starts_with("record ")) {
    lines.push_back("records in it: none: the body is not a records envelope (" + first_unread->parse_error + ")");
    return lines;
  }
  std::string count = "records in it: " + std::to_string(read);
  if (first_unread != body.records.end())
    count += " (and " + std::to_string(body.unparsed) + " that could not be read: " + first_unread->parse_error + ")";
  lines.push_back(std::move(count));
  if (first_read != body.records.end())
    lines.push_back("first record: table " + (first_read->table.empty() ? std::string("(none)") : first_read->table));
  return lines;
}

}  // namespace defender::fetch
