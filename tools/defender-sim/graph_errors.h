#pragma once

#include <string>
#include <string_view>

#include "http_message.h"

namespace sim {

// request-id / client-request-id of one Graph call (client-request-id echoes the client's when it sent one).
struct GraphRequestIds {
  std::string request_id;
  std::string client_request_id;
};

GraphRequestIds graph_request_ids(const HttpRequest &request);

// Headers every Graph answer carries.
void add_graph_headers(HttpResponse &response, const GraphRequestIds &ids);

// {"error":{"code":...,"message":...,"innerError":{"date","request-id","client-request-id"}}}
HttpResponse graph_error(int status, std::string_view code, std::string_view message, const GraphRequestIds &ids);

}  // namespace sim
