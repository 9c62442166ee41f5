// Which checkpoint a starting source trusts, through the C boundary the glue uses.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "boundary/core.h"
#include "cursor/checkpoint_codec.h"
#include "log_records.h"

using namespace defender;

namespace {

struct Source {
  explicit Source(const char *tenant) {
    char err[256];
    defender_options_set_string(options, DEFENDER_OPTION_TENANT_ID, tenant, err, sizeof err);
    defender_options_set_string(options, DEFENDER_OPTION_CLIENT_ID, "00000000-0000-0000-0000-000000000001", err,
                                sizeof err);
    defender_options_set_string(options, DEFENDER_OPTION_CLIENT_SECRET, "s3cret", err, sizeof err);
  }
  ~Source() {
    if (core) defender_core_free(core);
    defender_options_free(options);
  }

  void start(const std::string &checkpoint, uint64_t acked, DefenderCursor *inherited = nullptr) {
    char err[256] = {0};
    core = defender_core_new(options, "s_test", checkpoint.data(), checkpoint.size(), acked, inherited,
                             test::record_log, &log, err, sizeof err);
    REQUIRE_MESSAGE(core, err);
  }

  std::string describe() const {
    char buf[1024];
    defender_core_describe(core, buf, sizeof buf);
    return buf;
  }

  Checkpoint saved() const {
    const void *data = nullptr;
    size_t len = 0;
    REQUIRE(defender_core_checkpoint(core, 1, &data, &len) == 1);
    auto decoded = decode_checkpoint(std::string_view(static_cast<const char *>(data), len));
    REQUIRE(decoded);
    return *decoded;
  }

  size_t warnings_containing(const std::string &text) const {
    size_t n = 0;
    for (const auto &line : log)
      if (line.level == DEFENDER_LOG_WARNING && line.message.find(text) != std::string::npos) ++n;
    return n;
  }

  DefenderOptions *options = defender_options_new(DEFENDER_DRIVER_POLL);
  DefenderCore *core = nullptr;
  test::LogRecords log;
};

const Instant written_at = Instant::from_seconds(1'800'000'000);

std::string checkpoint_for(const char *tenant, std::optional<CheckpointIdentity> identity = {}) {
  Options options;
  options.tenant_id = tenant;
  Checkpoint c;
  c.generation = 9;
  c.identity = identity ? identity : checkpoint_identity(options);
  c.state.delivered_position = written_at;
  c.state.acked_sequence = 7;
  c.state.next_sequence = 500;
  std::string bytes;
  encode_checkpoint(c, bytes);
  return bytes;
}

}  // namespace

TEST_CASE("a checkpoint of the same tenant, API and selection is restored") {
  Source source("contoso.onmicrosoft.com");
  source.start(checkpoint_for("contoso.onmicrosoft.com"), 7);
  CHECK(source.describe().find("position=" + format_instant(written_at) + " (restored checkpoint)") !=
        std::string::npos);
  CHECK(source.warnings_containing("checkpoint") == 0);
  const Checkpoint saved = source.saved();
  CHECK(saved.generation == 10);
  CHECK(saved.identity == checkpoint_identity([] {
          Options o;
          o.tenant_id = "contoso.onmicrosoft.com";
          return o;
        }()));
}

TEST_CASE("a checkpoint of another tenant is not used, and the log says which option differs") {
  Source source("contoso.onmicrosoft.com");
  source.start(checkpoint_for("fabrikam.onmicrosoft.com"), 7);
  CHECK(source.describe().find("(checkpoint of another configuration, starting over from initial-lookback())") !=
        std::string::npos);
  CHECK(source.warnings_containing("belongs to another configuration (tenant-id() changed") == 1);
  const Checkpoint saved = source.saved();
  CHECK(saved.state.delivered_position < written_at);
  // Written over the other configuration's, and newer than it, so the next start reads this one.
  CHECK(saved.generation == 10);
}

TEST_CASE("starting over never lets the old acknowledgement counter cover new messages") {
  Source source("contoso.onmicrosoft.com");
  source.start(checkpoint_for("fabrikam.onmicrosoft.com"), 7);
  const Checkpoint saved = source.saved();
  CHECK(saved.state.acked_sequence == 500);
  CHECK(saved.state.next_sequence == 501);
}

TEST_CASE("an unreadable checkpoint starts over numbering after the persisted acknowledgement") {
  Source source("contoso.onmicrosoft.com");
  source.start("not a checkpoint", 4321);
  CHECK(source.describe().find("(unreadable checkpoint, starting over from initial-lookback())") != std::string::npos);
  CHECK(source.saved().state.next_sequence == 4322);
}

TEST_CASE("a tenant written in another case is the same tenant") {
  Source source("contoso.onmicrosoft.com");
  source.start(checkpoint_for("CONTOSO.onmicrosoft.com"), 7);
  CHECK(source.describe().find("(restored checkpoint)") != std::string::npos);
}

TEST_CASE("a reload that changes what the source reads does not keep the cursor, and numbers after its messages") {
  Source before("contoso.onmicrosoft.com");
  before.start(checkpoint_for("contoso.onmicrosoft.com"), 7);
  DefenderCursor *cursor = defender_core_release_cursor(before.core);
  REQUIRE(cursor);

  Source after("contoso.onmicrosoft.com");
  char err[256];
  REQUIRE(defender_options_set_string(after.options, DEFENDER_OPTION_FILTER, "severity eq 'high'", err, sizeof err));
  after.start(checkpoint_for("contoso.onmicrosoft.com"), 7, cursor);
  defender_cursor_free(cursor);
  CHECK(after.describe().find("(configuration changed on reload, starting over from initial-lookback())") !=
        std::string::npos);
  CHECK(after.warnings_containing("reads other alerts than this source did before the reload (filter() or "
                                  "machine-groups() changed)") == 1);
  CHECK(after.saved().state.next_sequence == 501);
}

TEST_CASE("a reload that reads the same alerts keeps the cursor") {
  Source before("contoso.onmicrosoft.com");
  before.start(checkpoint_for("contoso.onmicrosoft.com"), 7);
  DefenderCursor *cursor = defender_core_release_cursor(before.core);
  Source after("contoso.onmicrosoft.com");
  after.start(checkpoint_for("contoso.onmicrosoft.com"), 7, cursor);
  defender_cursor_free(cursor);
  CHECK(after.describe().find("(kept across reload)") != std::string::npos);
  CHECK(after.saved().generation == 10);
}

TEST_CASE("an acknowledgement naming no known cursor changes nothing") {
  uint64_t delivered = 99;
  CHECK(defender_cursor_ack(0xdeadbeefULL, 5, &delivered) == 0);
  CHECK(delivered == 99);
}
