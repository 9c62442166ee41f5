// What names an alert's source and kind in the header of every format (CEF and LEEF alike), so that a SIEM's
// parser selection and its per-detection rules see the same values whichever format is chosen.
#pragma once

#include <string_view>

#include "alert.h"

namespace defender {

// The product for Graph's serviceSource value (case-insensitive). Unknown or empty values, including Graph's
// evolvable-enum placeholder unknownFutureValue, name the umbrella product, Microsoft Defender XDR.
std::string_view product_name(std::string_view service_source);

// Stable per detection kind: the detector id (SIEM IoaDefinitionId), else the category, else "alert".
std::string_view event_class_id(const Alert &alert);

// The severity on the 0-10 scale of CEF and LEEF: unknown 0, informational 1, low 3, medium 5, high 8.
char severity_digit(Severity severity);

}  // namespace defender
