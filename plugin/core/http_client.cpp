#include "http_client.h"

#include <curl/curl.h>

#include <mutex>
#include <stdexcept>

namespace defender {
namespace {

struct SlistDeleter {
  void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

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

size_t append_body(char *data, size_t size, size_t count, void *user) {
  static_cast<HttpResponse *>(user)->body.append(data, size * count);
  return size * count;
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
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  return std::string(value);
}

size_t collect_header(char *data, size_t size, size_t count, void *user) {
  auto &response = *static_cast<HttpResponse *>(user);
  const std::string_view line(data, size * count);
  struct Wanted {
    std::string_view name;
    std::string HttpResponse::*field;
  };
  static constexpr Wanted wanted[] = {
      {"retry-after", &HttpResponse::retry_after},
      {"date", &HttpResponse::date},
      {"request-id", &HttpResponse::request_id},
      {"content-type", &HttpResponse::content_type},
  };
  for (const auto &w : wanted)
    if (header_is(line, w.name)) response.*w.field = header_value(line, w.name.size());
  return size * count;
}

int check_abort(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool> *>(user)->load() ? 1 : 0;
}

}  // namespace

void HttpClient::CurlDeleter::operator()(CURL *handle) const { curl_easy_cleanup(handle); }

HttpClient::HttpClient(TransportOptions options) : options_(std::move(options)) {
  global_init_once();
  handle_.reset(curl_easy_init());
  if (!handle_) throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() = default;

std::string HttpClient::escape(std::string_view value) const {
  std::unique_ptr<char, decltype(&curl_free)> escaped(
      curl_easy_escape(handle_.get(), value.data(), static_cast<int>(value.size())), &curl_free);
  if (!escaped) throw std::runtime_error("curl_easy_escape failed");
  return escaped.get();
}

HttpResult HttpClient::perform(const HttpRequest &request, HttpResponse &response) {
  if (aborted_.load()) return HttpResult{TransportOutcome::aborted, "shutting down"};

  CURL *h = handle_.get();
  curl_easy_reset(h);  // keeps the connection cache, drops the previous request's options
  response.status = 0;
  response.body.clear();
  response.retry_after.clear();
  response.date.clear();
  response.request_id.clear();
  response.content_type.clear();

  const Slist headers = header_list(request.headers);

  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, std::min(options_.timeout_seconds, 30L));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.peer_verify ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.peer_verify ? 2L : 0L);
  if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, check_abort);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &aborted_);
  if (request.method == HttpRequest::Method::post) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }

  const CURLcode code = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  // The error buffer and the header list live on this stack frame: detach them from the reused handle.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);

  if (code == CURLE_ABORTED_BY_CALLBACK || aborted_.load()) return HttpResult{TransportOutcome::aborted, "shutting down"};
  if (code != CURLE_OK)
    return HttpResult{TransportOutcome::failed, error_buffer[0] ? error_buffer : curl_easy_strerror(code)};
  return HttpResult{TransportOutcome::ok, {}};
}

}  // namespace defender
