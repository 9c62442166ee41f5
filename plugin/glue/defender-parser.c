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
