#include "transport/url_origin.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>

namespace defender {
namespace {

struct UrlDeleter {
  void operator()(CURLU *url) const { curl_url_cleanup(url); }
};

std::string part(CURLU *url, CURLUPart which, unsigned flags = 0) {
  char *text = nullptr;
  if (curl_url_get(url, which, &text, flags) != CURLUE_OK) return {};
  const std::unique_ptr<char, decltype(&curl_free)> owned(text, &curl_free);
  return text;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  return text;
}

}  // namespace

std::string origin_of(std::string_view url) {
  if (std::any_of(url.begin(), url.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; })) return {};
  const std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK) return {};
  const std::string scheme = lower(part(parsed.get(), CURLUPART_SCHEME));
  if (scheme != "https" && scheme != "http") return {};
  if (!part(parsed.get(), CURLUPART_USER).empty() || !part(parsed.get(), CURLUPART_PASSWORD).empty()) return {};
  const std::string host = lower(part(parsed.get(), CURLUPART_HOST));
  const std::string port = part(parsed.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (host.empty() || port.empty()) return {};
  return scheme + "://" + host + ":" + port;
}

}  // namespace defender
