#include "transport/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <stdexcept>

namespace defender {
namespace {

struct SlistDeleter {
  void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// A transfer waits in curl_multi_poll at most this long before it looks at the abort flag on its own; an abort
// wakes it sooner.
constexpr int poll_timeout_ms = 1000;

Slist header_list(const std::vector<std::string> &lines) {
  Slist list;
  for (const auto &line : lines) {
    // curl_slist_append returns the head it was given, or NULL (leaving the list untouched) when out of memory.
    curl_slist *head = curl_slist_append(list.get(), line.c_str());
    if (!head) throw std::runtime_error("curl_slist_append failed");
    if (!list) list.reset(head);
  }
  return list;
}

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("curl_global_init failed");
  });
}

bool same_token(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_gzip(std::string_view content_encoding) {
  return same_token(content_encoding, "gzip") || same_token(content_encoding, "x-gzip");
}

// Where the body goes as received (gzip is decoded once it is in: gzip_decoder.h), and how much of it is wanted: a 2xx
// answer whole up to its bound, of any other answer the first part (when it came in gzip, its words only if the whole
// of it decodes within small_answer_bytes). The bound holds for the bytes received, as they arrive (a stream of empty
// deflate blocks is large on the wire and nothing decoded), and again for the decoded body once it is in (a gzip
// bomb is small on the wire).
struct BodySink {
  CURL *handle;
  HttpResponse &response;
  size_t answer_limit;
  enum class Cut { none, answer, other_body } cut = Cut::none;

  bool is_answer() const {
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    return status >= 200 && status < 300;
  }
  size_t limit() const { return is_answer() ? answer_limit : small_answer_bytes; }
  // A gzip body is kept apart from the decoded one it becomes, each in a buffer reused request after request.
  std::string &received() { return is_gzip(response.content_encoding) ? response.encoded_body : response.body; }
};

size_t append_body(char *data, size_t size, size_t count, void *user) {
  auto &sink = *static_cast<BodySink *>(user);
  std::string &body = sink.received();
  const size_t limit = sink.limit();
  if (body.size() + size * count <= limit) {
    // Grown as std::string would, but never beyond the bound: doubling could hold twice the bound.
    if (body.size() + size * count > body.capacity())
      body.reserve(std::min(limit, std::max(body.capacity() * 2, body.size() + size * count)));
    body.append(data, size * count);
    return size * count;
  }
  if (sink.is_answer()) {
    sink.cut = BodySink::Cut::answer;
  } else {
    body.append(data, limit - body.size());
    sink.cut = BodySink::Cut::other_body;
  }
  return 0;  // libcurl ends the transfer with CURLE_WRITE_ERROR
}

// libcurl's transfer counter is of the bytes as received, before decoding.
int watch_received(void *user, curl_off_t, curl_off_t received, curl_off_t, curl_off_t) {
  auto &sink = *static_cast<BodySink *>(user);
  if (sink.cut != BodySink::Cut::none) return 1;
  if (received <= static_cast<curl_off_t>(sink.limit())) return 0;
  sink.cut = sink.is_answer() ? BodySink::Cut::answer : BodySink::Cut::other_body;
  return 1;  // libcurl ends the transfer with CURLE_ABORTED_BY_CALLBACK
}

bool header_is(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  return true;
}

std::string header_value(std::string_view line, size_t name_length) {
  std::string_view value = line.substr(name_length + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
    value.remove_suffix(1);
  return std::string(value.substr(0, max_header_value_bytes));
}

size_t collect_header(char *data, size_t size, size_t count, void *user) {
  auto &response = *static_cast<HttpResponse *>(user);
  const std::string_view line(data, size * count);
  struct Wanted {
    std::string_view name;
    std::string HttpResponse::*field;
  };
  static constexpr Wanted wanted[] = {
      {"retry-after", &HttpResponse::retry_after}, {"date", &HttpResponse::date},
      {"request-id", &HttpResponse::request_id},   {"content-type", &HttpResponse::content_type},
      {"location", &HttpResponse::location},       {"content-encoding", &HttpResponse::content_encoding},
  };
  // Each response's headers start with its status line: only the last response's count (not a proxy's answer to
  // CONNECT, nor an interim 1xx), as Content-Encoding decides where the body goes.
  if (line.starts_with("HTTP/"))
    for (const auto &w : wanted) (response.*w.field).clear();
  for (const auto &w : wanted)
    if (header_is(line, w.name)) response.*w.field = header_value(line, w.name.size());
  return size * count;
}

TransportProblem classify(CURLcode code, long connect_code, bool proxied) {
  // 407 is the standard answer; some proxies (tinyproxy 1.11) answer a CONNECT with 401.
  if (connect_code == 407 || connect_code == 401) return TransportProblem::proxy_auth;
  if (connect_code != 0 && connect_code != 200) return TransportProblem::proxy;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return TransportProblem::resolve;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
      return TransportProblem::proxy;
    case CURLE_COULDNT_CONNECT:
      return proxied ? TransportProblem::proxy : TransportProblem::connect;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return TransportProblem::tls_trust;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return TransportProblem::tls;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportProblem::timeout;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportProblem::interrupted;
    default:
      return TransportProblem::other;
  }
}

// libcurl's messages name hosts, not credentials; this makes sure a proxy password never reaches a log either.
std::string scrubbed(std::string text, const std::string &proxy) {
  const size_t scheme = proxy.find("://");
  const size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t at = proxy.find('@', start);
  if (at == std::string::npos || at == start) return text;
  const std::string userinfo = proxy.substr(start, at - start);
  for (size_t pos; (pos = text.find(userinfo)) != std::string::npos;) text.replace(pos, userinfo.size(), "***");
  return text;
}

}  // namespace

void HttpClient::CurlDeleter::operator()(CURL *handle) const { curl_easy_cleanup(handle); }
void HttpClient::MultiDeleter::operator()(CURLM *handle) const { curl_multi_cleanup(handle); }

HttpClient::HttpClient(TransportOptions options) : options_(std::move(options)) {
  global_init_once();
  multi_.reset(curl_multi_init());
  handle_.reset(curl_easy_init());
  if (!multi_ || !handle_) throw std::runtime_error("curl_multi_init or curl_easy_init failed");
}

HttpClient::~HttpClient() = default;

std::string HttpClient::escape(std::string_view value) const {
  std::unique_ptr<char, decltype(&curl_free)> escaped(
      curl_easy_escape(handle_.get(), value.data(), static_cast<int>(value.size())), &curl_free);
  if (!escaped) throw std::runtime_error("curl_easy_escape failed");
  return escaped.get();
}

void HttpClient::request_abort() {
  aborted_.store(true);
  curl_multi_wakeup(multi_.get());
}

void HttpClient::configure(const HttpRequest &request, HttpResponse &response, void *sink, const void *headers,
                           char *error_buffer) {
  CURL *h = handle_.get();
  curl_easy_reset(h);  // keeps the connection cache, drops the previous request's options
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, options_.allow_insecure_http ? "http,https" : "https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<int64_t>(options_.timeout_seconds, 30)));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options_.timeout_seconds));
  // A redirect would carry the bearer token or the client credential to wherever it points.
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.peer_verify ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.peer_verify ? 2L : 0L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.ca_dir.empty()) curl_easy_setopt(h, CURLOPT_CAPATH, options_.ca_dir.c_str());
  if (!options_.proxy.empty()) curl_easy_setopt(h, CURLOPT_PROXY, options_.proxy.c_str());
  // An https:// proxy is a TLS peer too, trusted as the services are.
  curl_easy_setopt(h, CURLOPT_PROXY_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYPEER, options_.peer_verify ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYHOST, options_.peer_verify ? 2L : 0L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_PROXY_CAINFO, options_.ca_file.c_str());
  if (!options_.ca_dir.empty()) curl_easy_setopt(h, CURLOPT_PROXY_CAPATH, options_.ca_dir.c_str());
  if (!options_.no_proxy.empty()) curl_easy_setopt(h, CURLOPT_NOPROXY, options_.no_proxy.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, sink);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, watch_received);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, sink);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response);
  if (request.method == HttpRequest::Method::post) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
}

HttpResult HttpClient::perform(const HttpRequest &request, HttpResponse &response) {
  if (aborted_.load()) return HttpResult{TransportOutcome::aborted, "shutting down", TransportProblem::none};

  response.status = 0;
  response.body.clear();
  response.encoded_body.clear();
  response.retry_after.clear();
  response.date.clear();
  response.request_id.clear();
  response.content_type.clear();
  response.location.clear();
  response.content_encoding.clear();
  std::vector<std::string> header_lines = request.headers;
  header_lines.emplace_back("Accept-Encoding: gzip");
  const Slist headers = header_list(header_lines);
  char error_buffer[CURL_ERROR_SIZE] = {0};
  BodySink sink{handle_.get(), response, request.max_body_bytes};
  configure(request, response, &sink, headers.get(), error_buffer);

  CURL *h = handle_.get();
  CURLM *multi = multi_.get();
  if (curl_multi_add_handle(multi, h) != CURLM_OK) throw std::runtime_error("curl_multi_add_handle failed");
  CURLcode code = CURLE_OK;
  for (bool done = false; !done && !aborted_.load();) {
    int running = 0;
    if (const CURLMcode m = curl_multi_perform(multi, &running); m != CURLM_OK) {
      code = CURLE_OUT_OF_MEMORY;
      std::snprintf(error_buffer, CURL_ERROR_SIZE, "%s", curl_multi_strerror(m));
      break;
    }
    int queued = 0;
    while (const CURLMsg *message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      code = message->data.result;
      done = true;
    }
    if (!done && running == 0) {
      code = CURLE_GOT_NOTHING;
      break;
    }
    if (!done && curl_multi_poll(multi, nullptr, 0, poll_timeout_ms, nullptr) != CURLM_OK) {
      code = CURLE_OUT_OF_MEMORY;
      break;
    }
  }
  // Removing the handle ends an unfinished transfer; the multi handle keeps finished connections for reuse.
  curl_multi_remove_handle(multi, h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  long connect_code = 0;
  curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connect_code);
  // The error buffer and the header list live on this stack frame: detach them from the reused handle.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);

  curl_off_t received = 0;
  curl_easy_getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &received);
  // The counter is checked as the transfer goes; an answer that ended between two checks is held to it here.
  if (sink.cut == BodySink::Cut::none && code == CURLE_OK && received > static_cast<curl_off_t>(sink.limit()))
    sink.cut = sink.is_answer() ? BodySink::Cut::answer : BodySink::Cut::other_body;

  if (aborted_.load()) return HttpResult{TransportOutcome::aborted, "shutting down", TransportProblem::none};
  if (sink.cut == BodySink::Cut::answer) {
    std::string().swap(response.body);
    std::string().swap(response.encoded_body);
    return HttpResult{TransportOutcome::too_large,
                      "the answer grew beyond " + std::to_string(request.max_body_bytes) + " bytes as received",
                      TransportProblem::none};
  }
  // What is left of a cut error body is kept: the status is what counts.
  if (sink.cut == BodySink::Cut::other_body) code = CURLE_OK;
  if (code != CURLE_OK)
    return HttpResult{TransportOutcome::failed,
                      scrubbed(error_buffer[0] ? error_buffer : curl_easy_strerror(code), options_.proxy),
                      classify(code, connect_code, !options_.proxy.empty())};
  if (HttpResult decoded = decode_body(request, response, sink.is_answer()); decoded.outcome != TransportOutcome::ok)
    return decoded;
  if (response.status >= 300 && response.status < 400)
    return HttpResult{TransportOutcome::failed,
                      "HTTP " + std::to_string(response.status) + " redirecting to " +
                          (response.location.empty() ? std::string("nowhere (no Location)") : response.location),
                      TransportProblem::redirect};
  return HttpResult{TransportOutcome::ok, {}, TransportProblem::none};
}

HttpResult HttpClient::decode_body(const HttpRequest &request, HttpResponse &response, bool is_answer) {
  const HttpResult ok{TransportOutcome::ok, {}, TransportProblem::none};
  const std::string &encoding = response.content_encoding;
  if (encoding.empty() || same_token(encoding, "identity")) return ok;
  if (!is_gzip(encoding)) {
    if (!is_answer) {
      response.body.clear();  // unreadable words; the status is what counts
      return ok;
    }
    return HttpResult{TransportOutcome::failed,
                      "the answer came in Content-Encoding '" + response.content_encoding +
                          "', which was not asked for (only gzip is)",
                      TransportProblem::other};
  }
  const size_t limit = is_answer ? request.max_body_bytes : small_answer_bytes;
  const GzipOutcome outcome = gzip_.decode(response.encoded_body, limit, response.body);
  // An error body that does not decode whole within its bound has no words to read; the status is what counts.
  if (outcome == GzipOutcome::ok || !is_answer) return ok;
  const size_t received = response.encoded_body.size();
  // Nothing of a refused answer is kept: the decoded attempt may have taken the whole bound.
  std::string().swap(response.body);
  std::string().swap(response.encoded_body);
  if (outcome == GzipOutcome::too_large)
    return HttpResult{TransportOutcome::too_large,
                      "the answer grew beyond " + std::to_string(request.max_body_bytes) + " bytes once decoded",
                      TransportProblem::none};
  return HttpResult{TransportOutcome::failed,
                    "the answer's gzip data is corrupt or cut short (" + std::to_string(received) + " bytes received)",
                    TransportProblem::interrupted};
}

}  // namespace defender
