// The HTTP client against servers on 127.0.0.1 that misbehave: an abort ends a stalled transfer at once, and a
// failure says which kind it is.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "http_client.h"

using namespace defender;
using namespace std::chrono;

namespace {

// A listening socket on an ephemeral port; each accepted connection gets `answer` (or nothing, when empty) and is
// then held open until the server is destroyed.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::string answer) : answer_(std::move(answer)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr *>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    REQUIRE(listen(fd_, 4) == 0);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackServer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

 private:
  void serve() {
    int client = accept(fd_, nullptr, nullptr);
    if (client < 0) return;
    char buffer[4096];
    (void)!recv(client, buffer, sizeof buffer, 0);
    if (!answer_.empty()) (void)!send(client, answer_.data(), answer_.size(), 0);
    for (int i = 0; i < 100 && !stop_; ++i) std::this_thread::sleep_for(milliseconds(50));  // at most 5 s
    close(client);
  }

  std::string answer_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

HttpRequest get(const std::string &url) {
  HttpRequest r;
  r.url = url;
  return r;
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
  std::thread transfer([&] { result = http.perform(get("http://127.0.0.1:" + std::to_string(stalled.port()) + "/"), response); });
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

TEST_CASE("an answer longer than max_body_bytes is abandoned as it arrives, with its first part kept") {
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
  CHECK(result.error == "the answer grew beyond 1000 bytes");
  CHECK(response.status == 200);
  CHECK(response.body.size() <= 1000);
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
