// The records a CEF or LEEF line must parse back to, for an alert or an incident: the mapping tables (cef_mapping.h,
// leef_mapping.h) applied with the value rules the formatters document, computed here independently of the
// formatters' code, so that "re-parses to exactly the mapped values" is a check and not a tautology.
//
// The rules: text is UTF-8 with every ill-formed subsequence replaced by U+FFFD (Unicode table 3-7, maximal
// subparts), every control character but CR and LF (C0, DEL, C1) and U+2028 and U+2029 replaced by a space; CEF
// extension values keep CR and LF (the parser unescapes them), CEF and LEEF headers and LEEF values make them
// spaces, as they do the LEEF delimiter and, in LEEF headers, '|'. A value over its limit keeps the longest run of
// whole characters that leaves room for U+2026 and ends with it. Times are epoch milliseconds, lists are joined with
// commas. The header fields the standards require are never blank (empty or Unicode white space only): Signature
// ID and EventID are the detector id, else the category, else "alert"; CEF's Name is the title, else the category,
// else "Microsoft Defender alert". An incident's product is "Microsoft Defender XDR", its Signature ID and EventID
// "incident", its Name the display name, else "Microsoft Defender incident"; numbers are written in decimal.
#pragma once

#include "alert.h"
#include "cef_parser.h"
#include "incident.h"
#include "leef_parser.h"

namespace defender::test {

CefRecord expected_cef(const Alert &alert);
CefRecord expected_cef(const Incident &incident);
LeefRecord expected_leef1(const Alert &alert);
LeefRecord expected_leef1(const Incident &incident);
// For a delimiter that is_valid_leef_delimiter accepts.
LeefRecord expected_leef2(const Alert &alert, char delimiter);
LeefRecord expected_leef2(const Incident &incident, char delimiter);

}  // namespace defender::test
