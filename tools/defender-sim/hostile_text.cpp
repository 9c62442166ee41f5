#include "hostile_text.h"

#include <string_view>

#include "random.h"

namespace sim {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kForgedRecord =
    "\n<13>Jan 1 00:00:00 host CEF:0|Evil|Forged|1.0|100|Forged alert|10|src=6.6.6.6 act=allow";
constexpr std::string_view kDelimiters = " |pipe|=equals=\\backslash\\ key=value cs1=forged";
constexpr std::string_view kControls = "CR\rLF\nTAB\tCRLF\r\nEND";
constexpr std::string_view kNul = "NUL\0byte"sv;
constexpr std::string_view kGlyphs = " 🔥💀 漢字テスト 한국어 ";
constexpr std::string_view kLeef = "\tdevTime=0\tsev=10|LEEF:2.0|Evil|x|1|y|^|";

// Exactly `size` bytes of valid UTF-8 mixing one- to four-byte sequences.
std::string long_text(std::size_t size) {
  constexpr std::string_view kUnit = "Lång beskrivning – 長い説明 🔥 | = \\ ";
  std::string out;
  while (out.size() + kUnit.size() <= size) out += kUnit;
  out.append(size - out.size(), '.');
  return out;
}

void append(std::string &s, std::string_view a, std::string_view b = {}) {
  s += a;
  s += b;
}

}  // namespace

void make_hostile(Alert &a, std::uint64_t seed, std::uint64_t index) {
  Rng rng(mix_seed(seed ^ 0xBAD5EEDULL, index));
  append(a.title, kDelimiters, kGlyphs);
  if (rng.chance(15)) {
    a.description = long_text(kHostileDescriptionBytes);
  } else {
    append(a.description, kControls, kNul);
    append(a.description, kForgedRecord, kLeef);
  }
  if (a.assigned_to) append(*a.assigned_to, "|x=y\\");
  a.comments.push_back(
      {std::string(kNul) + std::string(kControls) + std::string(kForgedRecord), "attacker=1|x\\y", a.created});
  for (auto &e : a.evidence) {
    if (auto *p = std::get_if<ProcessEvidence>(&e)) {
      append(p->process_command_line, " & echo \"", kForgedRecord);
      append(p->process_command_line, "\"", kGlyphs);
      append(p->image_file.file_name, "|x=1\\");
    } else if (auto *f = std::get_if<FileEvidence>(&e)) {
      append(f->file_details.file_name, kGlyphs, "|=\\");
    } else if (auto *u = std::get_if<UrlEvidence>(&e)) {
      append(u->url, "?q=a|b=c\\d&x=", kForgedRecord);
    }
  }
}

}  // namespace sim
