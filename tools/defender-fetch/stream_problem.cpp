#include "stream_problem.h"

namespace defender::fetch {

ExitStatus stream_problem_status(std::string_view problem) {
  const auto has = [&](std::string_view words) { return problem.find(words) != std::string_view::npos; };
  if (problem.starts_with("Event Hubs namespace ") && has(" refused the credentials")) return ExitStatus::credential;
  if (problem.starts_with("no Entra ID token ") || problem.starts_with("the Entra ID token "))
    return ExitStatus::credential;
  if (problem.starts_with("not allowed to ")) return ExitStatus::permission;
  if (problem.starts_with("hub ") && has(" does not exist in Event Hubs namespace ")) return ExitStatus::usage;
  if (problem.starts_with("cannot reach ") || problem.starts_with("TLS with ")) return ExitStatus::network;
  return ExitStatus::service;
}

bool is_configuration_problem(ExitStatus status) {
  return status == ExitStatus::usage || status == ExitStatus::credential || status == ExitStatus::permission;
}

}  // namespace defender::fetch
