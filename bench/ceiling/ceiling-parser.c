/* The ceiling() source's keywords and parser. */
#include "ceiling-parser.h"
#include "ceiling-grammar.h"
#include "cfg-parser.h"
#include "driver.h"

extern int ceiling_debug;

int ceiling_parse(CfgLexer *lexer, LogDriver **instance, gpointer arg);

static CfgLexerKeyword ceiling_keywords[] = {
  { .kw_name = "ceiling", .kw_token = KW_CEILING },
  { .kw_name = "messages", .kw_token = KW_MESSAGES },
  { .kw_name = "message_size", .kw_token = KW_MESSAGE_SIZE },
  { .kw_name = "pairs", .kw_token = KW_PAIRS },
  { .kw_name = "pair_size", .kw_token = KW_PAIR_SIZE },
  { .kw_name = "burst", .kw_token = KW_BURST },
  { .kw_name = NULL },
};

static void
_cleanup(gpointer driver)
{
  log_pipe_unref(driver);
}

CfgParser ceiling_parser = {
#if SYSLOG_NG_ENABLE_DEBUG
  .debug_flag = &ceiling_debug,
#endif
  .name = "ceiling",
  .keywords = ceiling_keywords,
  .parse = (gint(*)(CfgLexer *, gpointer *, gpointer)) ceiling_parse,
  .cleanup = _cleanup,
};

CFG_PARSER_IMPLEMENT_LEXER_BINDING(ceiling_, CEILING_, LogDriver **)
