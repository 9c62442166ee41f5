// CEF's escaping (ArcSight CEF Implementation Standard), shared by every CEF line: alerts, incidents and stream
// records. Each is an Escaping for text.h's BoundedText.
#pragma once

#include <string>
#include <string_view>

namespace defender {

// Header fields escape '\' and '|'; the standard allows no line break in the header, so CR and LF become spaces.
struct CefHeaderEscape {
  static constexpr bool passes(char c) { return c != '\\' && c != '|'; }
  static void write(std::string &out, std::string_view bytes) {
    if (bytes == "\\")
      out += "\\\\";
    else if (bytes == "|")
      out += "\\|";
    else if (bytes == "\r" || bytes == "\n")
      out += ' ';
    else
      out += bytes;
  }
};

// Extension values escape '\' and '=' and write CR and LF as \r and \n.
struct CefExtensionValueEscape {
  static constexpr bool passes(char c) { return c != '\\' && c != '='; }
  static void write(std::string &out, std::string_view bytes) {
    if (bytes == "\\")
      out += "\\\\";
    else if (bytes == "=")
      out += "\\=";
    else if (bytes == "\r")
      out += "\\r";
    else if (bytes == "\n")
      out += "\\n";
    else
      out += bytes;
  }
};

}  // namespace defender
