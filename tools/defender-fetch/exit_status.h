// defender-fetch's exit statuses (defender-fetch(1), EXIT STATUS): one per thing a person fixes in another place.
#pragma once

namespace defender::fetch {

enum class ExitStatus : int {
  ok = 0,
  internal = 1,    // a bug: an exception nobody expected
  usage = 2,       // the command line or an option value, or options that do not fit together
  credential = 3,  // Entra ID refused the token request: tenant, client id, secret or certificate
  permission = 4,  // the API refused the token (401 after a fresh one, 403), or the token lacks the API's role
  network = 5,     // no answer: DNS, connection, TLS, proxy, timeout, answers cut off
  service = 6,     // an error answer of another kind: throttling or server errors beyond the retries, a refused query
};

inline int exit_code(ExitStatus status) { return static_cast<int>(status); }

}  // namespace defender::fetch
