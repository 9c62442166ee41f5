// What a configuration that works but gives something away is told, and that it is told once per reading of the
// configuration: by defender_options_validate (at --syntax-only too), not again when the source starts.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "boundary/core.h"
#include "config/config_warnings.h"
#include "log_records.h"

using namespace defender;

namespace {

test::LogRecords warnings_for(const Options &options) {
  test::LogRecords records;
  warn_about_options(options, test::recording_logger(records));
  return records;
}

Options graph_options() {
  Options o;
  o.tenant_id = "contoso.onmicrosoft.com";
  o.client_id = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  return o;
}

const std::string literal_secret_warning =
    "client-secret() holds the secret in the configuration, where whoever reads the configuration file, its "
    "backups or `syslog-ng-ctl config` output sees it: put the secret in a file only syslog-ng can read (chmod "
    "600) and name that file with client-secret-file() instead";

const std::string peer_verify_warning =
    "peer-verify(no): the servers' certificates are not checked, so anyone on the network path can pose as Entra "
    "ID and the API, take the client secret or assertion and the access tokens, and feed this source forged "
    "alerts; for a private CA use ca-file() or ca-dir() instead";

size_t count_of(const test::LogRecords &records, std::string_view message) {
  size_t n = 0;
  for (const test::LogRecord &r : records) n += r.message == message;
  return n;
}

// The C boundary as the glue drives it: options set, validated with a log, then a core started.
struct Source {
  DefenderOptions *options = defender_options_new(DEFENDER_DRIVER_POLL);
  ~Source() { defender_options_free(options); }

  void set(DefenderOption option, const char *value) {
    char err[256];
    REQUIRE_MESSAGE(defender_options_set_string(options, option, value, err, sizeof err) == 1, err);
  }
};

}  // namespace

TEST_CASE("client-secret() written in the configuration gets one warning recommending client-secret-file()") {
  Options o = graph_options();
  o.client_secret = "literal";
  const auto records = warnings_for(o);
  REQUIRE(records.size() == 1);
  CHECK(records[0].level == DEFENDER_LOG_WARNING);
  CHECK(records[0].message == literal_secret_warning);
  CHECK(records[0].message.find("literal") == std::string::npos);
}

TEST_CASE("a secret file or a certificate gets no warning about the configuration") {
  Options o = graph_options();
  o.client_secret_file = "/etc/syslog-ng/defender.secret";
  CHECK(warnings_for(o).empty());
}

TEST_CASE("peer-verify(no) warns, naming what is exposed and the endpoints that go unchecked") {
  Options o = graph_options();
  o.client_secret_file = "/etc/syslog-ng/defender.secret";
  o.transport.peer_verify = false;
  const auto records = warnings_for(o);
  REQUIRE(records.size() == 1);
  CHECK(records[0].level == DEFENDER_LOG_WARNING);
  CHECK(records[0].message == peer_verify_warning);
  CHECK(records[0].tags ==
        Logger::Tags{{"token_endpoint", "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"},
                     {"alerts_endpoint", "https://graph.microsoft.com/v1.0/security/alerts_v2"}});
}

TEST_CASE("validating the options tells each warning once, with the tenant and API; starting the source repeats none") {
  char dir_pattern[] = "/tmp/defender-warnings-XXXXXX";
  const std::string dir = mkdtemp(dir_pattern);
  const std::string secret_file = dir + "/defender.secret";
  std::ofstream(secret_file) << "s3cret\r\n";
  chmod(secret_file.c_str(), 0644);

  Source source;
  source.set(DEFENDER_OPTION_TENANT_ID, "contoso.onmicrosoft.com");
  source.set(DEFENDER_OPTION_CLIENT_ID, "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb");
  source.set(DEFENDER_OPTION_CLIENT_SECRET_FILE, secret_file.c_str());
  char err[256] = "";
  REQUIRE(defender_options_set_bool(source.options, DEFENDER_OPTION_PEER_VERIFY, 0, err, sizeof err) == 1);

  test::LogRecords at_validation;
  DefenderOption culprit;
  REQUIRE(defender_options_validate(source.options, &culprit, test::record_log, &at_validation, err, sizeof err) == 1);
  REQUIRE(at_validation.size() == 3);
  CHECK(count_of(at_validation, peer_verify_warning) == 1);
  CHECK(at_validation[1].message.starts_with("client-secret-file() can be read by other users than its owner"));
  CHECK(at_validation[2].level == DEFENDER_LOG_NOTICE);
  for (const test::LogRecord &r : at_validation) {
    REQUIRE(r.tags.size() >= 2);
    CHECK(r.tags[0] == std::pair<std::string, std::string>{"tenant", "contoso.onmicrosoft.com"});
    CHECK(r.tags[1] == std::pair<std::string, std::string>{"api", "graph"});
  }

  test::LogRecords at_start;
  DefenderCore *core = defender_core_new(source.options, "microsoft-defender.test-warnings", nullptr, 0, 0, nullptr,
                                         test::record_log, &at_start, err, sizeof err);
  REQUIRE_MESSAGE(core != nullptr, err);
  defender_core_free(core);
  CHECK(at_start.empty());

  std::remove(secret_file.c_str());
  rmdir(dir.c_str());
}
