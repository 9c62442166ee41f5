// Shutdown while the alert API holds its answer: request_exit() from another thread ends the request in flight, and
// next() returns with nothing to hand out and nothing counted as a failure. The real HTTP client on 127.0.0.1.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "log_records.h"
#include "loopback_socket.h"
#include "poller/poller.h"
#include "scripted_server.h"

using namespace defender;
using namespace defender::test;

namespace {

const Instant start = *parse_instant("2027-01-15T08:00:00Z");
Instant test_clock() { return start; }

// Each generous bound below only keeps a broken build from hanging the suite; none is a measure of speed.
constexpr auto generous = std::chrono::seconds(30);

// An alert API that takes one request and never answers it: it holds the connection until the test ends.
class HoldingServer {
 public:
  HoldingServer() {
    fd_ = listen_on_loopback(port_);
    thread_ = std::thread([this] { hold(); });
  }
  ~HoldingServer() {
    {
      const std::lock_guard lock(mutex_);
      done_ = true;
    }
    changed_.notify_all();
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  HoldingServer(const HoldingServer &) = delete;
  HoldingServer &operator=(const HoldingServer &) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Whether a request's head arrived within the bound.
  bool wait_for_request() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, generous, [this] { return received_ || done_; }) && received_;
  }
  int requests() const {
    const std::lock_guard lock(mutex_);
    return received_ ? 1 : 0;
  }

 private:
  void hold() {
    const int client = accept(fd_, nullptr, nullptr);
    if (client < 0) return;
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      head.append(buffer, static_cast<size_t>(n));
    }
    std::unique_lock lock(mutex_);
    received_ = head.rfind("GET ", 0) == 0;
    changed_.notify_all();
    changed_.wait_for(lock, generous, [this] { return done_; });
    close(client);
  }

  int fd_ = -1;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool received_ = false;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

TEST_CASE("request_exit() while the API holds its answer ends next() idle, with no alert and no failure") {
  ScriptedServer token_endpoint(
      {ScriptedAnswer{"200 OK", "", R"({"token_type":"Bearer","expires_in":3599,"access_token":"t"})"}});
  HoldingServer api;
  Options options;
  options.tenant_id = "contoso.onmicrosoft.com";
  options.client_id = "id";
  options.client_secret = "s";
  options.login_url = token_endpoint.url();
  options.api_url = api.url();
  options.transport.allow_insecure_http = true;
  options.transport.timeout_seconds = 120;  // longer than the server holds: only the abort ends the request
  LogRecords log;
  Poller poller(options, ClientSecret{Secret("s")},
                std::make_shared<Cursor>(fresh_cursor_state(start.minus_seconds(3600)), 300, 0), recording_logger(log),
                start.minus_seconds(3600), FloorKind::fixed, test_clock);

  bool request_arrived = false;
  std::thread exit_requester([&] {
    request_arrived = api.wait_for_request();
    poller.request_exit();
  });
  const auto next = poller.next();
  exit_requester.join();

  CHECK(request_arrived);
  REQUIRE(std::holds_alternative<Idle>(next));
  CHECK(std::get<Idle>(next).milliseconds == Poller::max_idle_ms);
  CHECK(api.requests() == 1);
  CHECK(poller.stats().get(DEFENDER_STAT_ALERTS_EMITTED) == 0);
  CHECK(poller.stats().get(DEFENDER_STAT_REQUESTS_NETWORK) == 0);
  CHECK(poller.stats().get(DEFENDER_STAT_DEGRADED) == 0);
  CHECK_FALSE(poller.last_failure().has_value());
  CHECK(at_level(log, DEFENDER_LOG_WARNING).empty());
}
