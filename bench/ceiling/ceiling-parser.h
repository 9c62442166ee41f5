#ifndef CEILING_PARSER_H_INCLUDED
#define CEILING_PARSER_H_INCLUDED

#include "cfg-parser.h"
#include "driver.h"

extern CfgParser ceiling_parser;

CFG_PARSER_DECLARE_LEXER_BINDING(ceiling_, CEILING_, LogDriver **)

#endif
