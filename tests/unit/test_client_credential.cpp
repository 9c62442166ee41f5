// The credential as load_credential reads it from the options: what a client-secret-file() may hold, what is
// stripped around the secret, and what a person is told about it.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "credentials/client_credential.h"
#include "log_records.h"
#include "private_file.h"

using namespace defender;

namespace {

const Instant now = Instant::from_seconds(1'800'000'000);

std::variant<ClientCredential, CredentialError> load_secret_file(const std::string &path, test::LogRecords &records) {
  Options options;
  options.client_secret_file = path;
  return load_credential(options, test::recording_logger(records), now);
}

// The secret read from the file, which must load.
std::string secret_from(const std::string &content, test::LogRecords &records) {
  const test::PrivateFile file(content, 0600);
  const auto loaded = load_secret_file(file.path(), records);
  REQUIRE_MESSAGE(std::holds_alternative<ClientCredential>(loaded), std::get<CredentialError>(loaded).message);
  return std::string(std::get<ClientSecret>(std::get<ClientCredential>(loaded)).value.view());
}

// The one line that says what was stripped, at the given level, for a file of the given content.
std::string stripped_line(const std::string &content, std::string &secret, DefenderLogLevel level) {
  test::LogRecords records;
  secret = secret_from(content, records);
  REQUIRE(records.size() == 1);
  const test::LogRecord &notice = records[0];
  CHECK(notice.level == level);
  CHECK(notice.message ==
        "client-secret-file() holds characters around the secret that are not part of it; they were stripped");
  REQUIRE(notice.tags.size() == 2);
  CHECK(notice.tags[0].first == "file");
  CHECK(notice.tags[1].first == "stripped");
  return notice.tags[1].second;
}

std::string stripped_notice(const std::string &content, std::string &secret) {
  return stripped_line(content, secret, DEFENDER_LOG_NOTICE);
}

std::string error_for(const std::string &content) {
  test::LogRecords records;
  const test::PrivateFile file(content, 0600);
  const auto loaded = load_secret_file(file.path(), records);
  REQUIRE(std::holds_alternative<CredentialError>(loaded));
  const CredentialError &error = std::get<CredentialError>(loaded);
  CHECK(error.option == DEFENDER_OPTION_CLIENT_SECRET_FILE);
  CHECK(records.empty());
  const std::string prefix = "client-secret-file(\"" + file.path() + "\") ";
  REQUIRE(error.message.starts_with(prefix));
  return error.message.substr(prefix.size());
}

constexpr std::string_view entra_secret = "Abc8Q~xYz0.1_2-3~AbCdEfGhIjKlMnOpQrStUvWx";  // the shape Entra ID issues

}  // namespace

TEST_CASE("a secret file readable by its owner only gives the secret as it is, and nothing is logged") {
  test::LogRecords records;
  CHECK(secret_from(std::string(entra_secret), records) == entra_secret);
  CHECK(records.empty());
}

TEST_CASE("a secret file others can read gives one warning with the file, its mode and the fix") {
  for (const mode_t mode : {0644, 0640, 0604}) {
    CAPTURE(mode);
    test::LogRecords records;
    const test::PrivateFile file(std::string(entra_secret), mode);
    const auto loaded = load_secret_file(file.path(), records);
    REQUIRE(std::holds_alternative<ClientCredential>(loaded));
    REQUIRE(records.size() == 1);
    const test::LogRecord &warning = records[0];
    char octal[8];
    std::snprintf(octal, sizeof octal, "%04o", static_cast<unsigned>(mode));
    CHECK(warning.level == DEFENDER_LOG_WARNING);
    CHECK(warning.message == "client-secret-file() can be read by other users than its owner (mode " +
                                 std::string(octal) +
                                 "), and it holds a credential of the app registration: let only syslog-ng read it "
                                 "with `chmod 600 " +
                                 file.path() + "` and `chown` it to the user syslog-ng runs as");
    CHECK(warning.tags == Logger::Tags{{"file", file.path()}, {"mode", octal}});
  }
}

TEST_CASE("a secret file of 1 KiB is read; one byte more is refused with the file and why") {
  test::LogRecords records;
  CHECK(secret_from(std::string(1024, 'a'), records).size() == 1024);
  CHECK(error_for(std::string(1025, 'a')) ==
        "holds more than 1024 bytes, and a client secret is about 40 characters: the file must hold the secret's "
        "value only (the Value column of the app registration's secret, not a certificate or a configuration)");
}

TEST_CASE("the newline that ends a text file is stripped, said at debug level only: every editor writes it") {
  std::string secret;
  CHECK(stripped_line(std::string(entra_secret) + "\n", secret, DEFENDER_LOG_DEBUG) == "a trailing line break (LF)");
  CHECK(secret == entra_secret);
}

TEST_CASE("two trailing newlines are stripped, with a notice that says so") {
  std::string secret;
  CHECK(stripped_notice(std::string(entra_secret) + "\n\n", secret) == "2 trailing line breaks");
  CHECK(secret == entra_secret);
}

TEST_CASE("a trailing CRLF is stripped, with a notice that says so") {
  std::string secret;
  CHECK(stripped_notice(std::string(entra_secret) + "\r\n", secret) == "a trailing line break (CRLF)");
  CHECK(secret == entra_secret);
}

TEST_CASE("spaces and tabs around the secret are stripped and counted") {
  std::string secret;
  CHECK(stripped_notice(" \t" + std::string(entra_secret) + " ", secret) ==
        "2 leading spaces or tabs, 1 trailing space or tab");
  CHECK(secret == entra_secret);
}

TEST_CASE("a UTF-8 byte order mark is stripped") {
  std::string secret;
  CHECK(stripped_notice("\xEF\xBB\xBF" + std::string(entra_secret), secret) == "a UTF-8 byte order mark");
  CHECK(secret == entra_secret);
}

TEST_CASE("everything an editor may add is stripped at once, and the notice never holds the secret") {
  std::string secret;
  const std::string notice = stripped_notice("\xEF\xBB\xBF " + std::string(entra_secret) + "\t\r\n\n", secret);
  CHECK(notice == "a UTF-8 byte order mark, 1 leading space or tab, 1 trailing space or tab, 2 trailing line breaks");
  CHECK(secret == entra_secret);
  CHECK(notice.find(entra_secret) == std::string::npos);
}

TEST_CASE("spaces inside the secret are the secret's") {
  test::LogRecords records;
  CHECK(secret_from("a b", records) == "a b");
}

TEST_CASE("a secret file with nothing but white space is empty, which is an error") {
  CHECK(error_for("\xEF\xBB\xBF \t\r\n") == "is empty; it must hold the client secret's value");
  CHECK(error_for("") == "is empty; it must hold the client secret's value");
}

TEST_CASE("a secret file of more than one line is refused") {
  CHECK(error_for("secret\nsecond line\n") ==
        "holds more than one line; it must hold the client secret's value only, on one line");
}

TEST_CASE("a secret file that cannot be read names the file and the reason") {
  test::LogRecords records;
  const auto loaded = load_secret_file("/nonexistent/defender.secret", records);
  REQUIRE(std::holds_alternative<CredentialError>(loaded));
  CHECK(std::get<CredentialError>(loaded).message ==
        "client-secret-file(\"/nonexistent/defender.secret\") cannot be read: No such file or directory");
}

TEST_CASE("a secret file that is a FIFO is refused at once, naming the file") {
  test::LogRecords records;
  const test::PrivateFifo fifo;
  const auto loaded = load_secret_file(fifo.path(), records);
  REQUIRE(std::holds_alternative<CredentialError>(loaded));
  CHECK(std::get<CredentialError>(loaded).message ==
        "client-secret-file(\"" + fifo.path() +
            "\") is not a regular file; it must be a file that holds the client secret's value");
  CHECK(records.empty());
}

TEST_CASE("client-secret() gives its value, without a file warning") {
  test::LogRecords records;
  Options options;
  options.client_secret = "literal";
  const auto loaded = load_credential(options, test::recording_logger(records), now);
  REQUIRE(std::holds_alternative<ClientCredential>(loaded));
  CHECK(std::get<ClientSecret>(std::get<ClientCredential>(loaded)).value.view() == "literal");
  CHECK(records.empty());
}

TEST_CASE("the token request carries the secret form-encoded, with nothing but RFC 3986's unreserved as is") {
  std::string body = "grant_type=client_credentials";
  append_client_secret(body, ClientSecret{Secret("aZ09-._~ +/=&%\xC3\xA9")});
  CHECK(body == "grant_type=client_credentials&client_secret=aZ09-._~%20%2B%2F%3D%26%25%C3%A9");
}
