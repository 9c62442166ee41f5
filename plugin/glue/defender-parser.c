#include "defender-parser.h"
#include "driver.h"
#include "cfg-parser.h"
#include "defender-grammar.h"

extern int defender_debug;

int defender_parse(CfgLexer *lexer, LogDriver **instance, gpointer arg);

/* Dashes and underscores are the same to syslog-ng's lexer: tenant-id and tenant_id both match. */
static CfgLexerKeyword defender_keywords[] =
{
  { .kw_name = "microsoft_defender", .kw_token = KW_MICROSOFT_DEFENDER },
  { .kw_name = "tenant_id",          .kw_token = KW_TENANT_ID },
  { .kw_name = "client_id",          .kw_token = KW_CLIENT_ID },
  { .kw_name = "client_secret",      .kw_token = KW_CLIENT_SECRET },
  { .kw_name = "client_secret_file", .kw_token = KW_CLIENT_SECRET_FILE },
  { .kw_name = "api",                .kw_token = KW_API },
  { .kw_name = "cloud",              .kw_token = KW_CLOUD },
  { .kw_name = "login_url",          .kw_token = KW_LOGIN_URL },
  { .kw_name = "api_url",            .kw_token = KW_API_URL },
  { .kw_name = "ca_file",            .kw_token = KW_CA_FILE },
  { .kw_name = "peer_verify",        .kw_token = KW_PEER_VERIFY },
  { .kw_name = "poll_interval",      .kw_token = KW_POLL_INTERVAL },
  { .kw_name = "page_size",          .kw_token = KW_PAGE_SIZE },
  { .kw_name = "initial_lookback",   .kw_token = KW_INITIAL_LOOKBACK },
  { .kw_name = "late_arrival",       .kw_token = KW_LATE_ARRIVAL },
  { .kw_name = "client_certificate", .kw_token = KW_CLIENT_CERTIFICATE },
  { .kw_name = "client_private_key", .kw_token = KW_CLIENT_PRIVATE_KEY },
  { .kw_name = "client_assertion_algorithm", .kw_token = KW_CLIENT_ASSERTION_ALGORITHM },
  { .kw_name = "region",             .kw_token = KW_REGION },
  { .kw_name = "audience",           .kw_token = KW_AUDIENCE },
  { .kw_name = "token_version",      .kw_token = KW_TOKEN_VERSION },
  /* KW_FILTER is syslog-ng's own token; inside this driver "filter" means the OData clause. */
  { .kw_name = "filter",             .kw_token = KW_FILTER },
  { .kw_name = "expand_evidence",    .kw_token = KW_EXPAND_EVIDENCE },
  { .kw_name = "machine_groups",     .kw_token = KW_MACHINE_GROUPS },
  { .kw_name = "emit_updates",       .kw_token = KW_EMIT_UPDATES },
  { .kw_name = "proxy",              .kw_token = KW_PROXY },
  { .kw_name = "no_proxy",           .kw_token = KW_NO_PROXY },
  { .kw_name = "ca_dir",             .kw_token = KW_CA_DIR },
  { .kw_name = "timeout",            .kw_token = KW_TIMEOUT },
  { .kw_name = "user_agent",         .kw_token = KW_USER_AGENT },
  { .kw_name = "leef_delimiter",     .kw_token = KW_LEEF_DELIMITER },
  { .kw_name = "allow_insecure_http", .kw_token = KW_ALLOW_INSECURE_HTTP },
  { .kw_name = "requests_per_minute", .kw_token = KW_REQUESTS_PER_MINUTE },
  { .kw_name = "requests_per_hour",  .kw_token = KW_REQUESTS_PER_HOUR },
  { .kw_name = "max_response_size",  .kw_token = KW_MAX_RESPONSE_SIZE },
  { .kw_name = NULL }
};

static void
_cleanup(gpointer driver)
{
  log_pipe_unref(driver);
}

CfgParser defender_parser =
{
#if SYSLOG_NG_ENABLE_DEBUG
  .debug_flag = &defender_debug,
#endif
  .name = "microsoft-defender",
  .keywords = defender_keywords,
  .parse = (gint (*)(CfgLexer *, gpointer *, gpointer)) defender_parse,
  .cleanup = _cleanup,
};

CFG_PARSER_IMPLEMENT_LEXER_BINDING(defender_, DEFENDER_, LogDriver **)
