#include "http_server.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <unordered_map>

#include "http_parser.h"
#include "timestamp.h"

namespace sim {

struct HttpServer::Shared {
  SslCtxPtr ctx;
  ServerConfig config;
  Handler handler;
  std::function<void()> on_connection;

  std::mutex mutex;
  std::condition_variable changed;
  std::unordered_map<std::uint64_t, int> open_fds;  // for shutdown() at stop
  std::uint64_t next_id = 0;
  std::atomic<bool> stopping{false};
};

namespace {

constexpr int kHandshakeTimeoutSeconds = 10;

class TlsConnection {
 public:
  TlsConnection(SSL_CTX *ctx, int fd) : ssl_(SSL_new(ctx)) {
    if (ssl_) SSL_set_fd(ssl_.get(), fd);
  }
  ~TlsConnection() {
    // Best effort close_notify; a client that already went away is fine.
    if (ssl_ && handshaken_ && !abandoned_) SSL_shutdown(ssl_.get());
  }
  TlsConnection(const TlsConnection &) = delete;
  TlsConnection &operator=(const TlsConnection &) = delete;

  bool handshake() {
    handshaken_ = ssl_ && SSL_accept(ssl_.get()) == 1;
    return handshaken_;
  }

  bool read_some(std::string &buffer) {
    char chunk[16384];
    const int n = SSL_read(ssl_.get(), chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  // The connection ends without close_notify, as when the peer's process or a middlebox drops it.
  void abandon() { abandoned_ = true; }

  bool write_all(std::string_view data) {
    while (!data.empty()) {
      const int n = SSL_write(ssl_.get(), data.data(), static_cast<int>(std::min<std::size_t>(data.size(), 1 << 30)));
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

 private:
  SslPtr ssl_;
  bool handshaken_ = false;
  bool abandoned_ = false;
};

std::string serialize(const HttpResponse &response, bool close) {
  std::string out;
  out.reserve(response.body.size() + 512);
  out += "HTTP/1.1 " + std::to_string(response.status) + ' ' + reason_phrase(response.status) + "\r\n";
  bool has_date = false;
  for (const auto &[k, v] : response.headers) {
    has_date = has_date || k == "Date";
    out += k + ": " + v + "\r\n";
  }
  if (!has_date) out += "Date: " + format_http_date(now_ticks()) + "\r\n";
  out += "Content-Length: " + std::to_string(response.body.size() + response.filler.size()) + "\r\n";
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  out += response.body;
  return out;
}

HttpResponse protocol_error(int status) {
  HttpResponse r;
  r.status = status;
  r.set_header("Content-Type", "text/plain; charset=utf-8");
  r.body = std::string(reason_phrase(status)) + "\n";
  r.close_connection = true;
  return r;
}

std::size_t find_head_end(const std::string &buffer, std::size_t &separator) {
  const auto crlf = buffer.find("\r\n\r\n");
  const auto lf = buffer.find("\n\n");
  if (crlf != std::string::npos && (lf == std::string::npos || crlf < lf)) {
    separator = 4;
    return crlf;
  }
  separator = 2;
  return lf;
}

// Waits, unless the server stops first; false when it does.
bool pause(HttpServer::Shared &shared, std::chrono::milliseconds duration) {
  std::unique_lock lock(shared.mutex);
  return !shared.changed.wait_for(lock, duration, [&] { return shared.stopping.load(); });
}

// Makes close() send a TCP RST instead of a FIN. What was written goes out first: with SO_LINGER 0, close() drops
// whatever Nagle still holds back (e.g. behind a TLS 1.3 session ticket the client has not acknowledged yet, as with
// OpenSSL 3.5), and the peer would see the reset without the bytes sent before it. TCP_NODELAY pushes them.
void reset_on_close(int fd) {
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  const linger hard{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
}

bool send_filler(const HttpServer::Shared &shared, TlsConnection &tls, const BodyFiller &filler) {
  for (std::size_t i = 0; i < filler.repeat; ++i)
    if (shared.stopping || !tls.write_all(filler.block)) return false;
  return tls.write_all(filler.tail);
}

// Sends a response as its delivery asks; false when the connection is finished (a write failed, the server is
// stopping, or the delivery cut it).
bool send(HttpServer::Shared &shared, TlsConnection &tls, int fd, const HttpResponse &response, bool close) {
  using Cut = Delivery::Cut;
  const Delivery &d = response.delivery;
  if (d.first_byte_delay.count() > 0 && !pause(shared, d.first_byte_delay)) return false;
  const std::string out = serialize(response, close);
  const std::string_view head = std::string_view(out).substr(0, out.size() - response.body.size());
  if (d.cut != Cut::None) {
    tls.write_all(std::string_view(out).substr(0, head.size() + std::min(d.cut_after, response.body.size())));
    if (d.cut == Cut::Reset) {
      tls.abandon();
      reset_on_close(fd);
    }
    return false;
  }
  if (d.trickle.count() <= 0) return tls.write_all(out) && send_filler(shared, tls, response.filler);
  constexpr std::chrono::milliseconds kGap{100};
  const auto pieces = static_cast<std::size_t>(std::max<std::int64_t>(1, d.trickle / kGap));
  const std::size_t piece = std::max<std::size_t>(1, (response.body.size() + pieces - 1) / pieces);
  if (!tls.write_all(head)) return false;
  for (std::size_t at = 0; at < response.body.size(); at += piece)
    if (!pause(shared, kGap) || !tls.write_all(std::string_view(response.body).substr(at, piece))) return false;
  return send_filler(shared, tls, response.filler);
}

void serve(HttpServer::Shared &shared, TlsConnection &tls, int fd) {
  set_socket_timeouts(fd, kHandshakeTimeoutSeconds);
  if (!tls.handshake()) return;
  set_socket_timeouts(fd, shared.config.idle_timeout_seconds);
  std::string buffer;
  while (!shared.stopping) {
    std::size_t separator = 0;
    std::size_t head_end;
    while ((head_end = find_head_end(buffer, separator)) == std::string::npos) {
      if (buffer.size() > kMaxHeadBytes) {
        tls.write_all(serialize(protocol_error(431), true));
        return;
      }
      if (!tls.read_some(buffer)) return;
    }
    if (head_end > kMaxHeadBytes) {
      tls.write_all(serialize(protocol_error(431), true));
      return;
    }
    HeadParse parsed = parse_request_head(std::string_view(buffer).substr(0, head_end));
    if (parsed.error_status != 0) {
      tls.write_all(serialize(protocol_error(parsed.error_status), true));
      return;
    }
    const std::size_t body_start = head_end + separator;
    HttpRequest &request = parsed.request;
    if (parsed.content_length > buffer.size() - body_start) {
      const auto expect = request.header("expect");
      if (expect && *expect == "100-continue" && !tls.write_all("HTTP/1.1 100 Continue\r\n\r\n")) return;
    }
    while (buffer.size() - body_start < parsed.content_length)
      if (!tls.read_some(buffer)) return;
    request.body = buffer.substr(body_start, parsed.content_length);
    buffer.erase(0, body_start + parsed.content_length);

    HttpResponse response;
    try {
      response = shared.handler(request);
    } catch (const std::exception &e) {
      std::fprintf(stderr, "defender-sim: handler failed for %s %s: %s\n", request.method.c_str(),
                   request.target.c_str(), e.what());
      response = protocol_error(500);
    }
    const bool close = response.close_connection || !wants_keep_alive(request) || shared.stopping;
    if (!send(shared, tls, fd, response, close) || close) return;
  }
}

void connection_thread(std::shared_ptr<HttpServer::Shared> shared, UniqueFd fd, std::uint64_t id) {
  try {
    TlsConnection tls(shared->ctx.get(), fd.get());
    serve(*shared, tls, fd.get());
  } catch (const std::exception &e) {
    std::fprintf(stderr, "defender-sim: connection failed: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "defender-sim: connection failed\n");
  }
  {
    const std::lock_guard lock(shared->mutex);
    shared->open_fds.erase(id);
    fd.reset();
  }
  shared->changed.notify_all();
}

}  // namespace

HttpServer::HttpServer(SSL_CTX *ctx, UniqueFd listener, ServerConfig config, Handler handler,
                       std::function<void()> on_connection)
    : shared_(std::make_shared<Shared>()), listener_(std::move(listener)) {
  SSL_CTX_up_ref(ctx);
  shared_->ctx.reset(ctx);
  shared_->config = config;
  shared_->handler = std::move(handler);
  shared_->on_connection = std::move(on_connection);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) == 0) {
    wake_read_.reset(fds[0]);
    wake_write_.reset(fds[1]);
  }
}

HttpServer::~HttpServer() { stop(std::chrono::milliseconds(0)); }

void HttpServer::start() {
  acceptor_ = std::thread([this] {
    try {
      accept_loop();
    } catch (const std::exception &e) {
      std::fprintf(stderr, "defender-sim: accept loop failed: %s\n", e.what());
    }
  });
}

void HttpServer::accept_loop() {
  Shared &s = *shared_;
  while (!s.stopping) {
    {
      std::unique_lock lock(s.mutex);
      s.changed.wait(lock, [&] { return s.stopping || s.open_fds.size() < s.config.max_connections; });
    }
    pollfd fds[2] = {{listener_.get(), POLLIN, 0}, {wake_read_.get(), POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (s.stopping || (fds[1].revents & POLLIN)) return;
    if (!(fds[0].revents & POLLIN)) continue;
    UniqueFd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!client.valid()) continue;
    if (s.on_connection) s.on_connection();
    std::uint64_t id;
    {
      const std::lock_guard lock(s.mutex);
      id = s.next_id++;
      s.open_fds.emplace(id, client.get());
    }
    std::thread(connection_thread, shared_, std::move(client), id).detach();
  }
}

bool HttpServer::stop(std::chrono::milliseconds grace) {
  Shared &s = *shared_;
  bool first;
  {
    // Under the mutex, so that a connection thread about to pause cannot miss the notification.
    const std::lock_guard lock(s.mutex);
    first = !s.stopping.exchange(true);
  }
  if (first) {
    if (wake_write_.valid()) {
      const char c = 1;
      [[maybe_unused]] const auto n = ::write(wake_write_.get(), &c, 1);
    }
    s.changed.notify_all();
  }
  if (acceptor_.joinable()) acceptor_.join();
  listener_.reset();
  std::unique_lock lock(s.mutex);
  // shutdown() wakes a thread blocked in SSL_read; the thread itself closes the descriptor.
  for (const auto &[id, fd] : s.open_fds) ::shutdown(fd, SHUT_RDWR);
  return s.changed.wait_for(lock, grace, [&] { return s.open_fds.empty(); });
}

}  // namespace sim
