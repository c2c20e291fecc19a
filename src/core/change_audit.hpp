#pragma once
// Audit entries for changes to reference data (units, categories, calendar days, dispatch rules): who, when,
// which thing ("unit:440106") and its JSON before and after. Pure text building plus one append;
// the JSON is written here by hand so core keeps its no-dependency rule (STYLE.md §2).

#include <optional>
#include <string>
#include <vector>

#include "core/audit_repository.hpp"
#include "core/calendar.hpp"
#include "core/category_taxonomy.hpp"
#include "core/clock.hpp"
#include "core/dispatch_catalogue.hpp"
#include "core/result.hpp"
#include "core/ticket_event.hpp"
#include "core/unit.hpp"

namespace hotline::core {

// `text` as a JSON string literal (quotes included, control characters escaped).
std::string json_quote(const std::string& text);

std::string unit_json(const Unit& unit);                         // {"id","parent_id","kind","name","active"}
std::string calendar_days_json(const std::vector<CalendarDay>& days);  // [{"date","off_day","name"}]
std::string dispatch_rule_json(const DispatchRule& rule);
std::string category_node_json(const std::string& path, bool retired);  // {"path","retired"}

// Appends one entry: `action` ("unit_saved", ...) by `actor` now, on `subject`, with `before` /
// `after` ("" when none). Errors: the repository's.
[[nodiscard]] Result<void> record_change(AuditRepository& audit, const Clock& clock, const Actor& actor,
                                         const std::string& action, const std::string& subject,
                                         const std::string& before, const std::string& after);

}  // namespace hotline::core
