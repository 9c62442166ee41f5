// HTTPS over libcurl (OpenSSL): one reusable handle per source, so connections and TLS sessions are reused.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

typedef void CURL;

namespace defender {

struct TransportOptions {
  std::string ca_file;
  bool peer_verify = true;
  long timeout_seconds = 30;
  std::string user_agent;
};

struct HttpRequest {
  enum class Method { get, post } method = Method::get;
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // POST only
};

struct HttpResponse {
  long status = 0;
  std::string body;  // decoded (gzip is undone by libcurl)
  std::string retry_after;
  std::string date;
  std::string request_id;
  std::string content_type;
};

enum class TransportOutcome {
  ok,       // an HTTP status arrived (which may still be an error status)
  aborted,  // request_abort() was called
  failed,   // no HTTP status: DNS, connect, TLS, timeout, reset
};

struct HttpResult {
  TransportOutcome outcome = TransportOutcome::failed;
  std::string error;  // libcurl's explanation when the transport failed
};

class HttpClient {
 public:
  explicit HttpClient(TransportOptions options);
  ~HttpClient();
  HttpClient(const HttpClient &) = delete;
  HttpClient &operator=(const HttpClient &) = delete;

  // Blocks until the response arrived, the transport failed or an abort was requested.
  // `response` is reused between calls so that page bodies do not reallocate.
  HttpResult perform(const HttpRequest &request, HttpResponse &response);

  // Any thread: makes the transfer in flight (and every later one) return `aborted` promptly.
  void request_abort() { aborted_.store(true); }

  // Percent-encodes a query or form value.
  std::string escape(std::string_view value) const;

 private:
  struct CurlDeleter {
    void operator()(CURL *handle) const;
  };

  TransportOptions options_;
  std::unique_ptr<CURL, CurlDeleter> handle_;
  std::atomic<bool> aborted_{false};
};

}  // namespace defender
