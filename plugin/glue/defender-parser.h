#ifndef DEFENDER_PARSER_H_INCLUDED
#define DEFENDER_PARSER_H_INCLUDED

#include "cfg-parser.h"
#include "driver.h"

extern CfgParser defender_parser;

CFG_PARSER_DECLARE_LEXER_BINDING(defender_, DEFENDER_, LogDriver **)

#endif
