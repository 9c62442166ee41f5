#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "http_message.h"
#include "openssl_handles.h"
#include "socket.h"

namespace sim {

struct ServerConfig {
  std::size_t max_connections = 256;
  int idle_timeout_seconds = 60;
};

using Handler = std::function<HttpResponse(const HttpRequest &)>;

// HTTPS/1.1 server: one thread per connection (bounded), keep-alive with Content-Length framing.
class HttpServer {
 public:
  HttpServer(SSL_CTX *ctx, UniqueFd listener, ServerConfig config, Handler handler,
             std::function<void()> on_connection);
  ~HttpServer();
  HttpServer(const HttpServer &) = delete;
  HttpServer &operator=(const HttpServer &) = delete;

  // Connection state shared with the detached connection threads; defined in http_server.cpp.
  struct Shared;

  void start();
  // Stops accepting, closes every connection and waits for their threads for up to `grace`.
  // Returns false when some connection thread was still running at the deadline.
  bool stop(std::chrono::milliseconds grace);

 private:
  void accept_loop();

  std::shared_ptr<Shared> shared_;  // also owned by each connection thread, which may outlive a stop()
  UniqueFd listener_;
  UniqueFd wake_read_;
  UniqueFd wake_write_;
  std::thread acceptor_;
};

}  // namespace sim
