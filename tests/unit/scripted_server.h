// The smallest stand-in for Entra ID and an alert API on 127.0.0.1: connection i reads one request and gets the i-th
// scripted answer, then is closed; connections beyond the script are closed unanswered. An answer may instead hold
// its connection unanswered until the server stops. It records each request's method and target, for tests to assert
// what was asked.
#pragma once

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "loopback_socket.h"

namespace defender::test {

struct ScriptedAnswer {
  std::string status = "200 OK";
  std::string headers;  // "Name: value\r\n" each
  std::string body;
  bool hold = false;  // read the request, never answer it, keep the connection open until the server stops
};

class ScriptedServer {
 public:
  explicit ScriptedServer(std::vector<ScriptedAnswer> script) : script_(std::move(script)) {
    fd_ = test::listen_on_loopback(port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  ScriptedServer(const ScriptedServer &) = delete;
  ScriptedServer &operator=(const ScriptedServer &) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // "GET /v1.0/...", one per request answered or not, in order.
  std::vector<std::string> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }
  // Whether `count` requests arrived within `bound`.
  bool wait_for_requests(size_t count, std::chrono::seconds bound) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, bound, [&] { return requests_.size() >= count; });
  }

 private:
  void serve() {
    for (size_t answered = 0;; ++answered) {
      const int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      const timeval limit{5, 0};  // a request that never completes does not hold the test
      setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
      const std::string request = read_request(client);
      {
        std::unique_lock lock(mutex_);
        requests_.push_back(request.substr(0, request.find(" HTTP/")));
        changed_.notify_all();
        if (answered < script_.size() && script_[answered].hold) changed_.wait(lock, [this] { return stop_; });
      }
      if (answered < script_.size() && !script_[answered].hold) {
        const ScriptedAnswer &a = script_[answered];
        const std::string text = "HTTP/1.1 " + a.status +
                                 "\r\nConnection: close\r\nContent-Length: " + std::to_string(a.body.size()) + "\r\n" +
                                 a.headers + "\r\n" + a.body;
        for (size_t sent = 0; sent < text.size();) {
          const ssize_t n = send(client, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
          if (n <= 0) break;
          sent += static_cast<size_t>(n);
        }
      }
      close(client);
    }
  }

  // The head, and as much body as its Content-Length says.
  static std::string read_request(int client) {
    std::string request;
    char buffer[4096];
    size_t head_end;
    while ((head_end = request.find("\r\n\r\n")) == std::string::npos) {
      const ssize_t n = recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return request;
      request.append(buffer, static_cast<size_t>(n));
    }
    size_t length = 0;
    for (const char *name : {"Content-Length: ", "content-length: "})
      if (const size_t at = request.find(name); at != std::string::npos && at < head_end)
        length = std::stoul(request.substr(at + std::string(name).size()));
    while (request.size() < head_end + 4 + length) {
      const ssize_t n = recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<size_t>(n));
    }
    return request;
  }

  std::vector<ScriptedAnswer> script_;
  int fd_ = -1;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stop_ = false;
  std::vector<std::string> requests_;
  std::thread thread_;
};

}  // namespace defender::test
