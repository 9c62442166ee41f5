// defender-fetch's command line: a command, the source's options by their syslog-ng names set through the module's
// setters, fetch's range, and a client secret only from the environment.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "arguments.h"

using namespace defender;
using namespace defender::fetch;

namespace {

std::variant<Arguments, std::string> parse(std::vector<std::string_view> args, const char *secret = nullptr) {
  return parse_arguments(args, secret);
}

Arguments parsed(std::vector<std::string_view> args, const char *secret = nullptr) {
  auto result = parse(std::move(args), secret);
  REQUIRE_MESSAGE(std::holds_alternative<Arguments>(result), std::get<std::string>(result));
  return std::get<Arguments>(std::move(result));
}

std::string refused(std::vector<std::string_view> args, const char *secret = nullptr) {
  auto result = parse(std::move(args), secret);
  REQUIRE(std::holds_alternative<std::string>(result));
  return std::get<std::string>(result);
}

}  // namespace

TEST_CASE("an option is --name value or --name=value, with syslog-ng's names; underscores are dashes") {
  const Arguments a = parsed({"check", "--tenant-id", "contoso.onmicrosoft.com", "--client_id=app", "--api=alerts"});
  CHECK(a.command == Command::check);
  CHECK(a.options.tenant_id == "contoso.onmicrosoft.com");
  CHECK(a.options.client_id == "app");
  CHECK(a.options.api == Api::alerts);
}

TEST_CASE("numbers and yes/no go to the number and switch setters") {
  const Arguments a = parsed({"explain", "--page-size", "50", "--timeout", "7", "--peer-verify", "no", "--emit-updates",
                              "no", "--token-version", "1"});
  CHECK(a.options.page_size == 50);
  CHECK(a.options.transport.timeout_seconds == 7);
  CHECK_FALSE(a.options.transport.peer_verify);
  CHECK_FALSE(a.options.emit_updates);
  CHECK(a.options.token_version == TokenVersion::v1);
  CHECK(refused({"explain", "--page-size", "fifty"}) == "--page-size takes a whole number, not \"fifty\"");
  CHECK(refused({"explain", "--peer-verify", "true"}) == "--peer-verify takes yes or no, not \"true\"");
}

TEST_CASE("a value the module refuses is refused in the module's words") {
  CHECK(refused({"explain", "--api", "defender"}) == "unknown api(defender); use graph, alerts, siem or incidents");
  CHECK(refused({"explain", "--page-size", "0"}) == "page-size(0) must be between 1 and 10000 alerts");
  CHECK(refused({"explain", "--timeout", "0"}) == "timeout(0) must be between 1 and 3600 seconds");
}

TEST_CASE("--machine-groups repeats, one group each time") {
  const Arguments a =
      parsed({"explain", "--api", "siem", "--machine-groups", "UK", "--machine-groups", "Sweden North"});
  CHECK(a.options.machine_groups == std::vector<std::string>{"UK", "Sweden North"});
}

TEST_CASE("--client-secret is refused with the two ways that keep the secret out of ps") {
  const std::string advice =
      "--client-secret is refused: the command line shows in ps and in the shell's history. Put the secret in a file "
      "only you can read and pass --client-secret-file FILE, or set DEFENDER_CLIENT_SECRET";
  CHECK(refused({"check", "--client-secret", "s3cret"}) == advice);
  CHECK(refused({"check", "--client-secret=s3cret"}) == advice);
  CHECK(refused({"check", "--client_secret", "s3cret"}) == advice);
}

TEST_CASE("the secret from the environment counts unless the command line names another credential") {
  CHECK(parsed({"check"}, "from-env").options.client_secret.view() == "from-env");
  CHECK(parsed({"check", "--client-certificate", DEFENDER_SOURCE_DIR "/README.md"}, "from-env")
            .options.client_secret.empty());
  CHECK(parsed({"check", "--client-secret-file", DEFENDER_SOURCE_DIR "/README.md"}, "from-env")
            .options.client_secret.empty());
  CHECK(parsed({"check"}, "").options.client_secret.empty());
}

TEST_CASE("commands and options that do not exist are named") {
  CHECK(refused({}) == "no command: use check, fetch, explain or stream-check");
  CHECK(refused({"backfill"}) == "unknown command \"backfill\"; use check, fetch, explain or stream-check");
  CHECK(refused({"check", "--persist-name", "x"}) ==
        "unknown option --persist-name; the options are those of the microsoft-defender() source, e.g. --tenant-id");
  CHECK(refused({"check", "tenant-id"}) == "\"tenant-id\" is not an option; write options as --name value");
  CHECK(refused({"check", "--tenant-id"}) == "--tenant-id needs a value");
  CHECK(refused({"check", "--verbose=yes"}) == "--verbose takes no value");
}

TEST_CASE("help and version") {
  CHECK(parsed({"--help"}).command == Command::help);
  CHECK(parsed({"-h"}).command == Command::help);
  CHECK(parsed({"fetch", "--help"}).command == Command::help);
  CHECK(parsed({"--version"}).command == Command::version);
  CHECK(parsed({"check", "--verbose"}).verbose);
}

TEST_CASE("fetch reads [--from, --until); a date alone is its midnight in UTC") {
  const Arguments a =
      parsed({"fetch", "--from", "2024-05-01", "--until", "2024-05-01T12:30:00+02:00", "--max-alerts", "10"});
  CHECK(a.command == Command::fetch);
  CHECK(format_instant(*a.from) == "2024-05-01T00:00:00.0000000Z");
  CHECK(format_instant(*a.until) == "2024-05-01T10:30:00.0000000Z");
  CHECK(a.max_alerts == 10);
  CHECK_FALSE(parsed({"fetch", "--from", "2024-05-01T00:00:00Z"}).until);
}

TEST_CASE("fetch's range must make sense, and only fetch takes one") {
  CHECK(refused({"fetch"}) == "fetch needs --from, the start of the range, e.g. --from 2024-05-01T00:00:00Z");
  CHECK(refused({"fetch", "--from", "2024-05-02", "--until", "2024-05-01"}) == "--until must be later than --from");
  CHECK(refused({"fetch", "--from", "yesterday"}) ==
        "--from takes an ISO 8601 time such as 2024-05-01T00:00:00Z (UTC unless a zone is given) or a date such as "
        "2024-05-01, not \"yesterday\"");
  CHECK(refused({"fetch", "--from", "2024-05-01", "--max-alerts", "0"}) ==
        "--max-alerts takes a number of alerts, 1 or more, not \"0\"");
  CHECK(refused({"check", "--from", "2024-05-01"}) == "--from, --until and --max-alerts apply to fetch only");
}
