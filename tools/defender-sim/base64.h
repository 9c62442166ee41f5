#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sim {

std::string base64_encode(std::string_view bytes);
// RFC 4648 §5 alphabet without padding, as JWTs use it.
std::string base64url_encode(std::string_view bytes);
// Accepts both alphabets, with or without padding.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace sim
