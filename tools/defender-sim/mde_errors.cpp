#include "mde_errors.h"

#include "json_writer.h"
#include "random.h"

namespace sim {

HttpResponse mde_error(int status, std::string_view code, std::string_view message) {
  JsonWriter w;
  w.begin_object();
  w.key("error").begin_object();
  w.key("code").str(code);
  w.key("message").str(message);
  w.key("target").str(entropy_rng().guid());
  w.end_object();
  w.end_object();
  HttpResponse r;
  r.status = status;
  r.set_header("Content-Type", "application/json; charset=utf-8");
  r.body = w.take();
  return r;
}

HttpResponse mde_unauthorized(TokenCheck check) {
  std::string_view why;
  switch (check) {
    case TokenCheck::Missing:
      why = "there is no bearer token";
      break;
    case TokenCheck::Malformed:
      why = "the token is not a JWT";
      break;
    case TokenCheck::Unknown:
      why = "the token's signature is invalid";
      break;
    case TokenCheck::Expired:
      why = "the token is expired";
      break;
    case TokenCheck::WrongAudience:
      why = "the token is for another audience";
      break;
    case TokenCheck::Ok:
      break;
  }
  HttpResponse r = mde_error(401, "Unauthorized", "Invalid or expired authorization header: " + std::string(why) + ".");
  r.set_header("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace sim
