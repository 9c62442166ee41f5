// An expansion a source asks for when configured ($expand=evidence, $expand=alerts) and leaves out for the rest of a
// window when the service cannot serve it (docs/delivery-hazards.md, "An expansion the service cannot serve").
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace defender {

// A part of a request that the service may fail to serve, and the option that stops asking for it.
struct OptionalPart {
  std::string request_part;  // "$expand=evidence"
  std::string option;        // "expand-evidence(no)"
};

class OptionalExpansion {
 public:
  OptionalExpansion(bool wanted, OptionalPart part) : wanted_(wanted), asking_(wanted), part_(std::move(part)) {}

  bool asking() const { return asking_; }
  // Stops asking until restore(); nothing when it was not being asked for.
  std::optional<OptionalPart> drop() {
    if (!asking_) return std::nullopt;
    asking_ = false;
    return part_;
  }
  void restore() { asking_ = wanted_; }

 private:
  bool wanted_;
  bool asking_;
  OptionalPart part_;
};

}  // namespace defender
