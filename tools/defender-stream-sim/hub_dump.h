// --dump: reads every partition of a hub from its first offset to its end, as it was when the dump started, and
// prints each message as PARTITION<TAB>OFFSET<TAB>BODY<LF>, so that a test proves what the ledger says without a
// Kafka client of its own. Bounded by a timeout.
#pragma once

#include <string>

namespace streamsim {

struct DumpRequest {
  std::string bootstrap_servers;
  std::string hub;
  int timeout_seconds = 60;
};

// 0 when every message was printed; 2, with the reason on stderr, otherwise.
int dump_hub(const DumpRequest &request);

}  // namespace streamsim
