// HTTPS over libcurl (OpenSSL): one reusable handle per source, so connections and TLS sessions are reused.
// The transfer runs in a multi handle that request_abort() can wake from any thread, so shutdown and reload never
// wait for a slow answer.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/transport_options.h"
#include "transport/gzip_decoder.h"

typedef void CURL;
typedef void CURLM;

namespace defender {

// The bound of an answer that is a few hundred bytes when well-formed: a token, and the body of any answer that is
// not a success (an error, a redirect), of which the first part is all a log needs.
inline constexpr size_t small_answer_bytes = 64 * 1024;
// A header value longer than this is cut: the ones kept (a date, a request id, a location) are short.
inline constexpr size_t max_header_value_bytes = 1024;

struct HttpRequest {
  enum class Method { get, post } method = Method::get;
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // POST only
  // A 2xx answer longer than this is abandoned (too_large): as it arrives when its bytes as received pass the bound,
  // once it is in when it decodes to more (gzip). The body of any other status is cut at small_answer_bytes (empty
  // when it came in gzip and does not decode whole within that), and the status still reported.
  size_t max_body_bytes = small_answer_bytes;
};

struct HttpResponse {
  long status = 0;
  std::string body;              // decoded: the module asks for gzip and decodes it (gzip_decoder.h)
  std::string content_encoding;  // as the server named it
  std::string encoded_body;      // the body as received, when it came in gzip (its buffer is reused, as body's)
  std::string retry_after;
  std::string date;
  std::string request_id;
  std::string content_type;
  std::string location;  // where a redirect points; never followed
};

enum class TransportOutcome {
  ok,         // an HTTP status arrived (which may still be an error status)
  aborted,    // request_abort() was called
  failed,     // no usable HTTP status: DNS, connect, TLS, proxy, timeout, reset, or a redirect
  too_large,  // a 2xx answer outgrew max_body_bytes and was abandoned; the body holds its first part
};

// Why no HTTP status arrived, in the terms a person fixes it in.
enum class TransportProblem {
  none,
  resolve,      // the host name did not resolve
  connect,      // no TCP connection
  tls_trust,    // the server's certificate is not trusted
  tls,          // any other TLS failure
  proxy,        // the proxy is unreachable or refused the tunnel
  proxy_auth,   // the proxy wants other credentials
  timeout,      // timeout() passed
  interrupted,  // the connection broke mid-exchange
  redirect,     // a 3xx answer: redirects are never followed, so the credentials go to the configured hosts only
  other,
};

struct HttpResult {
  TransportOutcome outcome = TransportOutcome::failed;
  std::string error;  // libcurl's explanation when the transport failed
  TransportProblem problem = TransportProblem::none;
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

  // Any thread: makes the transfer in flight (and every later one) return `aborted` at once.
  void request_abort();

  // Percent-encodes a query or form value.
  std::string escape(std::string_view value) const;

  const TransportOptions &options() const { return options_; }

 private:
  struct CurlDeleter {
    void operator()(CURL *handle) const;
  };
  struct MultiDeleter {
    void operator()(CURLM *handle) const;
  };

  void configure(const HttpRequest &request, HttpResponse &response, void *body_sink, const void *headers,
                 char *error_buffer);
  // A gzip body decoded from encoded_body into body, within the request's bound (an error body within
  // small_answer_bytes, or empty).
  HttpResult decode_body(const HttpRequest &request, HttpResponse &response, bool is_answer);

  TransportOptions options_;
  std::unique_ptr<CURLM, MultiDeleter> multi_;
  std::unique_ptr<CURL, CurlDeleter> handle_;
  std::atomic<bool> aborted_{false};
  GzipDecoder gzip_;
};

}  // namespace defender
