// The columns of one row of each table, after its Timestamp (record_json.cpp writes that, the record's identity),
// in the order Advanced Hunting gives them, with values drawn from the estate. The rows_*.cpp files write one family
// of tables each; rows_common.cpp holds what several share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "columns.h"
#include "defender-sim/random.h"
#include "estate.h"
#include "tables.h"

namespace streamsim {

struct Row {
  sim::Rng &rng;
  const Estate &estate;
  sim::Ticks timestamp;
};

template <typename T>
const T &pick(sim::Rng &rng, const std::vector<T> &items) {
  return items[rng.below(items.size())];
}

// Writes the columns of `table` for one row.
void write_row(TableId table, Columns &columns, Row &row);

// -- shared by several tables (rows_common.cpp) ------------------------------------------------------------------
const Account &some_account(Row &row);  // a person mostly, a service account sometimes
const FileInfo &program_for(Row &row, const Device &device);
std::string command_line(Row &row, const FileInfo &program, const Account &account);
std::string private_ip(Row &row);
std::string public_ip(Row &row);
std::int64_t report_id(Row &row);
// An earlier moment than the row's: a process's creation time, a logon's start.
sim::Ticks earlier(Row &row, std::int64_t max_seconds);
void device_columns(Columns &columns, const Device &device);
void file_columns(Columns &columns, const FileInfo &file);
void account_columns(Columns &columns, const Account &account);
// The InitiatingProcess* columns: the program that acted on the device, its account and its parent.
void initiating_process_columns(Columns &columns, Row &row, const Device &device);
// ReportId, AppGuardContainerId and the Streaming API's MachineGroup, which end every device row.
void device_row_end(Columns &columns, Row &row, const Device &device);

// -- one writer per table ------------------------------------------------------------------------------------------
void device_process_events(Columns &columns, Row &row);
void device_network_events(Columns &columns, Row &row);
void device_file_events(Columns &columns, Row &row);
void device_registry_events(Columns &columns, Row &row);
void device_logon_events(Columns &columns, Row &row);
void device_image_load_events(Columns &columns, Row &row);
void device_events(Columns &columns, Row &row);
void device_file_certificate_info(Columns &columns, Row &row);
void device_info(Columns &columns, Row &row);
void device_network_info(Columns &columns, Row &row);
void alert_info(Columns &columns, Row &row);
void alert_evidence(Columns &columns, Row &row);
void email_events(Columns &columns, Row &row);
void email_attachment_info(Columns &columns, Row &row);
void email_url_info(Columns &columns, Row &row);
void email_post_delivery_events(Columns &columns, Row &row);
void url_click_events(Columns &columns, Row &row);
void identity_logon_events(Columns &columns, Row &row);
void identity_query_events(Columns &columns, Row &row);
void identity_directory_events(Columns &columns, Row &row);
void cloud_app_events(Columns &columns, Row &row);
void exposure_graph_nodes(Columns &columns, Row &row);

}  // namespace streamsim
