#include "configuration.h"

namespace defender::fetch {

std::variant<ClientCredential, std::string> load_configuration(const Options &options, const Logger &logger,
                                                               Instant now) {
  if (const auto problem = validate(options)) return problem->message;
  auto credential = load_credential(options, logger, now);
  if (auto *error = std::get_if<CredentialError>(&credential)) return std::move(error->message);
  return std::move(std::get<ClientCredential>(credential));
}

}  // namespace defender::fetch
