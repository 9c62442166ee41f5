// The HTTP client against servers on 127.0.0.1 that misbehave: an abort ends a stalled transfer at once, a failure
// says which kind it is, an answer never outgrows its bound, and a redirect is never followed.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "gzip_bodies.h"
#include "loopback_socket.h"
#include "transport/http_client.h"

using namespace defender;
using namespace std::chrono;
using test::gzip_of;
using test::gzip_of_empty_blocks;

namespace {

// A listening socket on an ephemeral port; the first connection gets `answer` (or nothing, when empty) and is then
// held open until the server is destroyed.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::string answer) : answer_(std::move(answer)) {
    fd_ = test::listen_on_loopback(port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  int accepted() const { return accepted_.load(); }
  // The start of the first request, once the answer is sent.
  std::string request() const {
    std::lock_guard lock(mutex_);
    return request_;
  }

 private:
  void serve() {
    int client = accept(fd_, nullptr, nullptr);
    if (client < 0) return;
    ++accepted_;
    char buffer[4096];
    const ssize_t received = recv(client, buffer, sizeof buffer, 0);
    {
      std::lock_guard lock(mutex_);
      request_.assign(buffer, received > 0 ? static_cast<size_t>(received) : 0);
    }
    // A client that abandons the answer closes the connection: no SIGPIPE for the test binary.
    if (!answer_.empty()) (void)!send(client, answer_.data(), answer_.size(), MSG_NOSIGNAL);
    for (int i = 0; i < 100 && !stop_; ++i) std::this_thread::sleep_for(milliseconds(50));  // at most 5 s
    close(client);
  }

  std::string answer_;
  mutable std::mutex mutex_;
  std::string request_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

HttpRequest get(const std::string &url) {
  HttpRequest r;
  r.url = url;
  return r;
}

std::string url_of(const LoopbackServer &server) { return "http://127.0.0.1:" + std::to_string(server.port()) + "/"; }

HttpClient plain_http_client() {
  TransportOptions options;
  options.allow_insecure_http = true;
  return HttpClient(options);
}

std::string answer(std::string_view status, std::string_view headers, const std::string &body) {
  return "HTTP/1.1 " + std::string(status) + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         std::string(headers) + "\r\n" + body;
}

}  // namespace

TEST_CASE("an abort ends a transfer the server never answers within a tenth of a second") {
  LoopbackServer stalled("");
  TransportOptions options;
  options.allow_insecure_http = true;
  HttpClient http(options);
  HttpResponse response;
  HttpResult result;
  const auto started = steady_clock::now();
  std::thread transfer(
      [&] { result = http.perform(get("http://127.0.0.1:" + std::to_string(stalled.port()) + "/"), response); });
  std::this_thread::sleep_for(milliseconds(300));
  const auto aborted = steady_clock::now();
  http.request_abort();
  transfer.join();
  const auto returned = steady_clock::now();
  CHECK(result.outcome == TransportOutcome::aborted);
  CHECK(duration_cast<milliseconds>(returned - aborted).count() < 100);
  CHECK(duration_cast<milliseconds>(aborted - started).count() >= 300);
  // And every later request returns at once.
  CHECK(http.perform(get("http://127.0.0.1:1/"), response).outcome == TransportOutcome::aborted);
}

TEST_CASE("plain http only with allow-insecure-http") {
  const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nRetry-After: 7\r\nrequest-id: r-1\r\n\r\nok";
  {
    LoopbackServer server(ok);
    TransportOptions options;
    options.allow_insecure_http = true;
    HttpClient http(options);
    HttpResponse response;
    CHECK(http.perform(get("http://127.0.0.1:" + std::to_string(server.port()) + "/"), response).outcome ==
          TransportOutcome::ok);
    CHECK(response.status == 200);
    CHECK(response.body == "ok");
    CHECK(response.retry_after == "7");
    CHECK(response.request_id == "r-1");
  }
  HttpClient https_only{TransportOptions{}};
  HttpResponse response;
  const HttpResult refused = https_only.perform(get("http://127.0.0.1:1/"), response);
  CHECK(refused.outcome == TransportOutcome::failed);
  CHECK(refused.problem == TransportProblem::other);
}

TEST_CASE("a refused connection and a server that does not speak TLS are told apart") {
  int port;
  {
    LoopbackServer gone("");
    port = gone.port();
  }
  HttpClient http{TransportOptions{}};
  HttpResponse response;
  CHECK(http.perform(get("https://127.0.0.1:" + std::to_string(port) + "/"), response).problem ==
        TransportProblem::connect);
  LoopbackServer plain("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  CHECK(http.perform(get("https://127.0.0.1:" + std::to_string(plain.port()) + "/"), response).problem ==
        TransportProblem::tls);
}

TEST_CASE("timeout() ends a transfer that takes too long") {
  LoopbackServer stalled("");
  TransportOptions options;
  options.allow_insecure_http = true;
  options.timeout_seconds = 1;
  HttpClient http(options);
  HttpResponse response;
  const HttpResult result = http.perform(get("http://127.0.0.1:" + std::to_string(stalled.port()) + "/"), response);
  CHECK(result.outcome == TransportOutcome::failed);
  CHECK(result.problem == TransportProblem::timeout);
}

TEST_CASE("an answer longer than max_body_bytes is abandoned as it arrives, holding nothing") {
  const std::string body(5000, 'x');
  LoopbackServer server("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + body);
  TransportOptions options;
  options.allow_insecure_http = true;
  HttpClient http(options);
  HttpResponse response;
  HttpRequest request = get("http://127.0.0.1:" + std::to_string(server.port()) + "/");
  request.max_body_bytes = 1000;
  const HttpResult result = http.perform(request, response);
  CHECK(result.outcome == TransportOutcome::too_large);
  CHECK(result.error == "the answer grew beyond 1000 bytes as received");
  CHECK(response.status == 200);
  CHECK(response.body.empty());
}

TEST_CASE("an answer within max_body_bytes arrives whole") {
  LoopbackServer server("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
  TransportOptions options;
  options.allow_insecure_http = true;
  HttpClient http(options);
  HttpResponse response;
  HttpRequest request = get("http://127.0.0.1:" + std::to_string(server.port()) + "/");
  request.max_body_bytes = 5;
  CHECK(http.perform(request, response).outcome == TransportOutcome::ok);
  CHECK(response.body == "hello");
}

TEST_CASE("a gzip bomb is abandoned once its decoded bytes would outgrow max_body_bytes, holding nothing") {
  const std::string bomb = gzip_of(std::string(16 * 1024 * 1024, '\0'));
  REQUIRE(bomb.size() < 64 * 1024);
  LoopbackServer server(answer("200 OK", "Content-Encoding: gzip\r\n", bomb));
  HttpClient http = plain_http_client();
  HttpResponse response;
  HttpRequest request = get(url_of(server));
  request.max_body_bytes = 1024 * 1024;
  const HttpResult result = http.perform(request, response);
  CHECK(result.outcome == TransportOutcome::too_large);
  CHECK(result.error == "the answer grew beyond 1048576 bytes once decoded");
  CHECK(response.body.empty());
  // Given back, not only emptied: the attempt to decode it took the whole bound.
  CHECK(response.body.capacity() < 1024);
  CHECK(response.encoded_body.capacity() < 1024);
}

TEST_CASE("an answer that is large as received but decodes to little is abandoned by its received bytes") {
  const std::string padded = gzip_of_empty_blocks(20'000);
  LoopbackServer server(answer("200 OK", "Content-Encoding: gzip\r\n", padded));
  HttpClient http = plain_http_client();
  HttpResponse response;
  HttpRequest request = get(url_of(server));
  request.max_body_bytes = 64 * 1024;
  const HttpResult result = http.perform(request, response);
  CHECK(result.outcome == TransportOutcome::too_large);
  CHECK(result.error == "the answer grew beyond 65536 bytes as received");
  CHECK(response.body.empty());
}

TEST_CASE("every request asks for gzip") {
  LoopbackServer server(answer("200 OK", "", "{}"));
  HttpClient http = plain_http_client();
  HttpResponse response;
  REQUIRE(http.perform(get(url_of(server)), response).outcome == TransportOutcome::ok);
  CHECK(server.request().find("\r\nAccept-Encoding: gzip\r\n") != std::string::npos);
  CHECK(response.body == "{}");
}

TEST_CASE("a gzip answer that is corrupt fails as interrupted, saying so, and holds nothing") {
  std::string corrupt = gzip_of(std::string(2000, 'a'));
  corrupt[corrupt.size() / 2] ^= 0x55;
  LoopbackServer server(answer("200 OK", "Content-Encoding: gzip\r\n", corrupt));
  HttpClient http = plain_http_client();
  HttpResponse response;
  const HttpResult result = http.perform(get(url_of(server)), response);
  CHECK(result.outcome == TransportOutcome::failed);
  CHECK(result.problem == TransportProblem::interrupted);
  CHECK(result.error ==
        "the answer's gzip data is corrupt or cut short (" + std::to_string(corrupt.size()) + " bytes received)");
  CHECK(response.body.empty());
}

TEST_CASE("an answer in an encoding that was not asked for fails, naming it") {
  LoopbackServer server(answer("200 OK", "Content-Encoding: br\r\n", "\x0b\x02\x80{}\x03"));
  HttpClient http = plain_http_client();
  HttpResponse response;
  const HttpResult result = http.perform(get(url_of(server)), response);
  CHECK(result.outcome == TransportOutcome::failed);
  CHECK(result.problem == TransportProblem::other);
  CHECK(result.error == "the answer came in Content-Encoding 'br', which was not asked for (only gzip is)");
}

TEST_CASE("an error answer in gzip is decoded for its words") {
  const std::string words = R"({"error":{"code":"Forbidden","message":"Missing role"}})";
  LoopbackServer server(answer("403 Forbidden", "Content-Encoding: gzip\r\n", gzip_of(words)));
  HttpClient http = plain_http_client();
  HttpResponse response;
  CHECK(http.perform(get(url_of(server)), response).outcome == TransportOutcome::ok);
  CHECK(response.status == 403);
  CHECK(response.body == words);
}

TEST_CASE("an error answer in gzip that decodes to more than small_answer_bytes is reported without its words") {
  LoopbackServer server(answer("500 Internal Server Error", "Content-Encoding: gzip\r\n",
                               gzip_of(std::string(small_answer_bytes + 1, 'e'))));
  HttpClient http = plain_http_client();
  HttpResponse response;
  CHECK(http.perform(get(url_of(server)), response).outcome == TransportOutcome::ok);
  CHECK(response.status == 500);
  CHECK(response.body.empty());
}

TEST_CASE("the Content-Encoding of an earlier response's headers does not carry over to the last one's body") {
  LoopbackServer server("HTTP/1.1 100 Continue\r\nContent-Encoding: gzip\r\n\r\n" + answer("200 OK", "", "{}"));
  HttpClient http = plain_http_client();
  HttpResponse response;
  CHECK(http.perform(get(url_of(server)), response).outcome == TransportOutcome::ok);
  CHECK(response.body == "{}");
  CHECK(response.content_encoding.empty());
}

TEST_CASE("a gzip answer within the bound arrives decoded") {
  LoopbackServer server(answer("200 OK", "Content-Encoding: gzip\r\n", gzip_of(std::string(1000, '\0'))));
  HttpClient http = plain_http_client();
  HttpResponse response;
  HttpRequest request = get(url_of(server));
  request.max_body_bytes = 1000;
  CHECK(http.perform(request, response).outcome == TransportOutcome::ok);
  CHECK(response.body == std::string(1000, '\0'));
}

TEST_CASE("a request's answer is bounded by default to what a token needs") {
  CHECK(get("https://x/").max_body_bytes == 64 * 1024);
  LoopbackServer server(answer("200 OK", "", std::string(64 * 1024 + 1, 'x')));
  HttpClient http = plain_http_client();
  HttpResponse response;
  CHECK(http.perform(get(url_of(server)), response).outcome == TransportOutcome::too_large);
}

TEST_CASE("an error body beyond 64 KiB is cut there and its status still reported") {
  const std::string body = "{\"error\":\"" + std::string(200 * 1024, 'e') + "\"}";
  LoopbackServer server(answer("503 Service Unavailable", "Retry-After: 30\r\n", body));
  HttpClient http = plain_http_client();
  HttpResponse response;
  HttpRequest request = get(url_of(server));
  request.max_body_bytes = 1024 * 1024;
  const HttpResult result = http.perform(request, response);
  CHECK(result.outcome == TransportOutcome::ok);
  CHECK(response.status == 503);
  CHECK(response.retry_after == "30");
  CHECK(response.body == body.substr(0, 64 * 1024));
}

TEST_CASE("a redirect is not followed and fails naming its Location") {
  LoopbackServer elsewhere("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  LoopbackServer server(answer("302 Found", "Location: " + url_of(elsewhere) + "steal\r\n", ""));
  HttpClient http = plain_http_client();
  HttpResponse response;
  HttpRequest request = get(url_of(server));
  request.headers = {"Authorization: Bearer secret-token"};
  const HttpResult result = http.perform(request, response);
  CHECK(result.outcome == TransportOutcome::failed);
  CHECK(result.problem == TransportProblem::redirect);
  CHECK(result.error == "HTTP 302 redirecting to " + url_of(elsewhere) + "steal");
  CHECK(response.status == 302);
  CHECK(elsewhere.accepted() == 0);
}

TEST_CASE("a redirect without a Location fails too") {
  LoopbackServer server(answer("307 Temporary Redirect", "", ""));
  HttpClient http = plain_http_client();
  HttpResponse response;
  const HttpResult result = http.perform(get(url_of(server)), response);
  CHECK(result.problem == TransportProblem::redirect);
  CHECK(result.error == "HTTP 307 redirecting to nowhere (no Location)");
}

TEST_CASE("a header value is kept to its first 1024 bytes") {
  LoopbackServer server(answer("200 OK", "request-id: " + std::string(5000, 'r') + "\r\n", "ok"));
  HttpClient http = plain_http_client();
  HttpResponse response;
  CHECK(http.perform(get(url_of(server)), response).outcome == TransportOutcome::ok);
  CHECK(response.request_id == std::string(1024, 'r'));
}
