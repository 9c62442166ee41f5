// What names an alert's or an incident's source and kind in the header of every format (CEF and LEEF alike), so
// that a SIEM's parser selection and its per-detection rules see the same values whichever format is chosen, and
// one parser reads alerts and incidents.
#pragma once

#include <array>
#include <string_view>

#include "record.h"
#include "stream_record.h"

namespace defender {

// The product for Graph's serviceSource value (case-insensitive). Unknown or empty values, including Graph's
// evolvable-enum placeholder unknownFutureValue, name the umbrella product, Microsoft Defender XDR.
std::string_view product_name(std::string_view service_source);

// The header's product: the alert's service source; for an incident, which correlates the alerts of every product,
// Microsoft Defender XDR.
std::string_view product_of(const Alert &alert);
std::string_view product_of(const Incident &incident);

// What a header field that must never be empty is written from, best first. The formatters write the first choice
// that is not blank once written (text.h's is_blank: empty, or white space only, which is what control characters
// and line breaks become there), so the last choice is a constant that is never blank.
using HeaderChoices = std::array<std::string_view, 3>;

inline constexpr std::string_view fallback_event_class_id = "alert";
inline constexpr std::string_view fallback_event_name = "Microsoft Defender alert";
// An incident has no detection kind: every incident has this event id, which is how a SIEM tells it from an alert.
inline constexpr std::string_view incident_event_class_id = "incident";
inline constexpr std::string_view fallback_incident_name = "Microsoft Defender incident";

// CEF Signature ID and LEEF EventID, stable per detection kind: the detector id (the SIEM API's IoaDefinitionId),
// the category, fallback_event_class_id.
HeaderChoices event_class_id_choices(const Alert &alert);
// incident_event_class_id.
HeaderChoices event_class_id_choices(const Incident &incident);

// CEF Name: the title, the category, fallback_event_name.
HeaderChoices event_name_choices(const Alert &alert);
// The incident's display name, fallback_incident_name.
HeaderChoices event_name_choices(const Incident &incident);

// A Streaming API record: Microsoft Defender XDR, whose Streaming API exports the tables of every product.
std::string_view product_of(const StreamRecord &record);

// A stream record without a table (no category) has this event id; one that could not be read, the other.
inline constexpr std::string_view fallback_stream_event_class_id = "AdvancedHunting";
inline constexpr std::string_view unparsed_stream_event_class_id = "unparsed";
inline constexpr std::string_view unparsed_stream_event_name = "Unparsed Microsoft Defender stream record";

// The table (DeviceProcessEvents), fallback_stream_event_class_id; unparsed_stream_event_class_id when unparsed.
HeaderChoices event_class_id_choices(const StreamRecord &record);
// CEF Name, built from the record (held in `name`, which the choices refer to): "<Table> <ActionType>" when the row
// has an ActionType, else the table; then fallback_stream_event_class_id. unparsed_stream_event_name when unparsed.
HeaderChoices event_name_choices(const StreamRecord &record, std::string &name);

// The severity on the 0-10 scale of CEF and LEEF: unknown 0, informational 1, low 3, medium 5, high 8.
char severity_digit(Severity severity);

}  // namespace defender
