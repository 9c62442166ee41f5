#include "odata_filter.h"

#include <array>
#include <limits>

#include "url.h"

namespace sim {
namespace {

struct Token {
  enum Kind { End, LParen, RParen, Word, Quoted, Literal } kind;
  std::string text;
  std::size_t position;
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::optional<Token> next(std::string &error) {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    const std::size_t start = pos_;
    if (pos_ >= s_.size()) return Token{Token::End, {}, start};
    const char c = s_[pos_];
    if (c == '(') return ++pos_, Token{Token::LParen, "(", start};
    if (c == ')') return ++pos_, Token{Token::RParen, ")", start};
    if (c == '\'') {
      std::string text;
      ++pos_;
      while (true) {
        if (pos_ >= s_.size()) {
          error = "Unterminated string literal at position " + std::to_string(start) + " in '" + std::string(s_) + "'.";
          return std::nullopt;
        }
        if (s_[pos_] == '\'') {
          if (pos_ + 1 < s_.size() && s_[pos_ + 1] == '\'') {
            text += '\'';
            pos_ += 2;
            continue;
          }
          ++pos_;
          break;
        }
        text += s_[pos_++];
      }
      return Token{Token::Quoted, std::move(text), start};
    }
    const auto word_char = [](char ch) {
      return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
             ch == '/' || ch == '.' || ch == ':' || ch == '-' || ch == '+';
    };
    while (pos_ < s_.size() && word_char(s_[pos_])) ++pos_;
    if (pos_ == start) {
      error = "Syntax error: character '" + std::string(1, c) + "' is not valid at position " + std::to_string(start) +
              " in '" + std::string(s_) + "'.";
      return std::nullopt;
    }
    const std::string text(s_.substr(start, pos_ - start));
    return Token{(c >= '0' && c <= '9') ? Token::Literal : Token::Word, text, start};
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

class Parser {
 public:
  Parser(std::string_view text, const FilterSchema &schema) : text_(text), lexer_(text), schema_(schema) {}

  FilterParse run() {
    if (!advance()) return fail();
    std::vector<Comparison> all;
    if (!conjunction(all)) return fail();
    if (current_.kind != Token::End) {
      if (current_.kind == Token::Word && iequals(current_.text, "or"))
        error_ = "The operator 'or' is not supported in this filter; combine terms with 'and'.";
      else if (error_.empty())
        error_ = "Syntax error at position " + std::to_string(current_.position) + " in '" + std::string(text_) + "'.";
      return fail();
    }
    return {Filter(std::move(all)), {}};
  }

 private:
  FilterParse fail() const { return {std::nullopt, "Invalid filter clause: " + error_}; }

  bool advance() {
    auto t = lexer_.next(error_);
    if (!t) return false;
    current_ = std::move(*t);
    return true;
  }

  bool syntax_error() {
    error_ = "Syntax error at position " + std::to_string(current_.position) + " in '" + std::string(text_) + "'.";
    return false;
  }

  bool conjunction(std::vector<Comparison> &all) {
    if (!term(all)) return false;
    while (current_.kind == Token::Word && iequals(current_.text, "and")) {
      if (!advance() || !term(all)) return false;
    }
    return true;
  }

  bool term(std::vector<Comparison> &all) {
    if (current_.kind == Token::LParen) {
      if (!advance() || !conjunction(all)) return false;
      if (current_.kind != Token::RParen) {
        if (current_.kind == Token::Word && iequals(current_.text, "or"))
          return error_ = "The operator 'or' is not supported in this filter; combine terms with 'and'.", false;
        return syntax_error();
      }
      return advance();
    }
    if (current_.kind == Token::Word && iequals(current_.text, "not"))
      return error_ = "The operator 'not' is not supported in this filter.", false;
    return comparison(all);
  }

  bool comparison(std::vector<Comparison> &all) {
    if (current_.kind != Token::Word) return syntax_error();
    const std::string name = current_.text;
    const FilterPropertyInfo *info = nullptr;
    for (const auto &p : schema_.properties)
      if (iequals(p.name, name)) info = &p;
    if (!advance()) return false;
    if (current_.kind == Token::LParen) return error_ = "The function '" + name + "' is not supported.", false;
    if (!info) {
      for (const auto &other : schema_.unfilterable)
        if (iequals(other, name))
          return error_ = "Filtering on the property '" + std::string(other) + "' is not supported.", false;
      return error_ =
                 "Could not find a property named '" + name + "' on type '" + std::string(schema_.type_name) + "'.",
             false;
    }
    if (current_.kind != Token::Word) return syntax_error();
    static constexpr std::array<std::pair<std::string_view, CompareOp>, 6> kOps = {{{"eq", CompareOp::Eq},
                                                                                    {"ne", CompareOp::Ne},
                                                                                    {"ge", CompareOp::Ge},
                                                                                    {"gt", CompareOp::Gt},
                                                                                    {"le", CompareOp::Le},
                                                                                    {"lt", CompareOp::Lt}}};
    std::optional<CompareOp> op;
    for (const auto &[word, o] : kOps)
      if (iequals(word, current_.text)) op = o;
    if (!op) return syntax_error();
    const std::string op_text = current_.text;
    if (!advance()) return false;

    Comparison c{info->property, *op, 0, std::nullopt};
    if (info->is_time) {
      if (current_.kind != Token::Literal) {
        return error_ =
                   "A binary operator with incompatible types was detected. Found operand types "
                   "'Edm.DateTimeOffset' and '" +
                   std::string(current_.kind == Token::Quoted ? "Edm.String" : "unknown") +
                   "' for the operator kind '" + op_text + "'.",
               false;
      }
      const auto t = parse_iso8601(current_.text);
      if (!t) return error_ = "The DateTimeOffset literal '" + current_.text + "' is not valid.", false;
      c.time = *t;
    } else {
      if (*op != CompareOp::Eq && *op != CompareOp::Ne)
        return error_ = "The operator '" + op_text + "' is not supported for the property '" + std::string(info->name) +
                        "'.",
               false;
      if (current_.kind == Token::Word && iequals(current_.text, "null")) {
        c.text = std::nullopt;
      } else if (current_.kind == Token::Quoted) {
        for (const auto &m : info->members)
          if (iequals(m.api, current_.text)) c.text = std::string(m.stored);
        if (!c.text && info->closed)
          return error_ = "The string '" + current_.text + "' is not a valid enumeration type constant.", false;
        if (!c.text) c.text = current_.text;
      } else {
        return error_ = "A binary operator with incompatible types was detected for the property '" +
                        std::string(info->name) + "'; use a quoted string.",
               false;
      }
    }
    all.push_back(std::move(c));
    return advance();
  }

  std::string_view text_;
  Lexer lexer_;
  const FilterSchema &schema_;
  Token current_{Token::End, {}, 0};
  std::string error_;
};

bool compare_time(Ticks value, CompareOp op, Ticks literal) {
  switch (op) {
    case CompareOp::Eq:
      return value == literal;
    case CompareOp::Ne:
      return value != literal;
    case CompareOp::Ge:
      return value >= literal;
    case CompareOp::Gt:
      return value > literal;
    case CompareOp::Le:
      return value <= literal;
    case CompareOp::Lt:
      return value < literal;
  }
  return false;
}

// Enum values were translated to the stored spelling when parsed; free text (assignedTo, category) compares as the
// services do, without regard to case. A null value or literal is the JSON null.
bool compare_text(const std::string *value, CompareOp op, const std::optional<std::string> &literal) {
  const bool equal = (value != nullptr) == literal.has_value() && (!value || iequals(*value, *literal));
  return op == CompareOp::Eq ? equal : !equal;
}

const std::string *value_of(const std::optional<std::string> &v) { return v ? &*v : nullptr; }

}  // namespace

bool Filter::matches(const FilterFields &f) const {
  for (const auto &c : all_) {
    bool ok = true;
    switch (c.property) {
      case FilterProperty::LastUpdateDateTime:
        ok = compare_time(f.last_update, c.op, c.time);
        break;
      case FilterProperty::CreatedDateTime:
        ok = compare_time(f.created, c.op, c.time);
        break;
      case FilterProperty::ServiceSource:
        ok = compare_text(&f.service_source, c.op, c.text);
        break;
      case FilterProperty::Severity:
        ok = compare_text(&f.severity, c.op, c.text);
        break;
      case FilterProperty::Status:
        ok = compare_text(&f.status, c.op, c.text);
        break;
      case FilterProperty::Classification:
        ok = compare_text(value_of(f.classification), c.op, c.text);
        break;
      case FilterProperty::Determination:
        ok = compare_text(value_of(f.determination), c.op, c.text);
        break;
      case FilterProperty::AssignedTo:
        ok = compare_text(value_of(f.assigned_to), c.op, c.text);
        break;
      case FilterProperty::Category:
        ok = compare_text(&f.category, c.op, c.text);
        break;
      case FilterProperty::DetectionSource:
        ok = compare_text(&f.detection_source, c.op, c.text);
        break;
    }
    if (!ok) return false;
  }
  return true;
}

TickRange Filter::last_update_range() const {
  TickRange r{std::numeric_limits<Ticks>::min(), std::numeric_limits<Ticks>::max()};
  for (const auto &c : all_) {
    if (c.property != FilterProperty::LastUpdateDateTime) continue;
    switch (c.op) {
      case CompareOp::Eq:
        r.lo = std::max(r.lo, c.time);
        r.hi = std::min(r.hi, c.time + 1);
        break;
      case CompareOp::Ge:
        r.lo = std::max(r.lo, c.time);
        break;
      case CompareOp::Gt:
        r.lo = std::max(r.lo, c.time + 1);
        break;
      case CompareOp::Le:
        r.hi = std::min(r.hi, c.time + 1);
        break;
      case CompareOp::Lt:
        r.hi = std::min(r.hi, c.time);
        break;
      case CompareOp::Ne:
        break;
    }
  }
  return r;
}

bool Filter::only_last_update_range() const {
  for (const auto &c : all_)
    if (c.property != FilterProperty::LastUpdateDateTime || c.op == CompareOp::Ne) return false;
  return true;
}

FilterParse parse_filter(std::string_view text, const FilterSchema &schema) { return Parser(text, schema).run(); }

}  // namespace sim
