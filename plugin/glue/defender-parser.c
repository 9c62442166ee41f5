#include "defender-parser.h"
#include "driver.h"
#include "cfg-parser.h"
#include "defender-grammar.h"

extern int defender_debug;

int defender_parse(CfgLexer *lexer, LogDriver **instance, gpointer arg);

/* The options' keywords come from boundary/option_list.h, their tokens from the grammar generated from the same
 * list (defender-grammar.ym). Dashes and underscores are the same to syslog-ng's lexer: tenant-id and tenant_id
 * both match. KW_FORMAT and KW_FILTER are syslog-ng's own tokens; inside this driver they mean our options. */
static CfgLexerKeyword defender_keywords[] = { { .kw_name = "microsoft_defender", .kw_token = KW_MICROSOFT_DEFENDER },
                                               { .kw_name = "microsoft_defender_stream",
                                                 .kw_token = KW_MICROSOFT_DEFENDER_STREAM },
#define DEFENDER_OPTION(suffix, keyword, kind, drivers) { .kw_name = keyword, .kw_token = KW_##suffix },
#include "boundary/option_list.h"
                                               { .kw_name = NULL } };

static void
_cleanup(gpointer driver)
{
  log_pipe_unref(driver);
}

CfgParser defender_parser = {
#if SYSLOG_NG_ENABLE_DEBUG
  .debug_flag = &defender_debug,
#endif
  .name = "microsoft-defender",
  .keywords = defender_keywords,
  .parse = (gint(*)(CfgLexer *, gpointer *, gpointer)) defender_parse,
  .cleanup = _cleanup,
};

CFG_PARSER_IMPLEMENT_LEXER_BINDING(defender_, DEFENDER_, LogDriver **)
