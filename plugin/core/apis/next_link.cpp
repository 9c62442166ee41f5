#include "apis/next_link.h"

#include "transport/url_origin.h"

namespace defender {

NextLink check_next_link(std::string_view link, std::string_view api_origin) {
  if (link.empty()) return {};
  const std::string origin = origin_of(link);
  if (!origin.empty() && origin == api_origin) return NextLink{std::string(link), std::nullopt};
  const std::string where =
      origin.empty() ? std::string("no usable origin (not an http(s) URL, or it carries a user name)") : origin;
  return NextLink{{},
                  "the API's @odata.nextLink leads to " + where + ", not to the API's origin " +
                      std::string(api_origin) +
                      ": it is not followed, since the request would carry the token, and the source pages on by its "
                      "own query. Nothing needs doing; if the API really moved there, check api-url()"};
}

}  // namespace defender
