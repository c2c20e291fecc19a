#pragma once
// The checks and folds of the dispatch-side actions that `decide` and `apply` (workflow.cpp)
// delegate: forward down the unit tree (层级转派), the co-handling units' part (协办) and
// correcting a ticket before dispatch (更正). Pure functions, no I/O.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_payload.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"
#include "core/unit.hpp"
#include "core/workflow.hpp"

namespace hotline::core {

inline constexpr std::size_t kMaxTicketText = 20000;  // text, reply, note, opinion

// True when `text` holds nothing but white space: ASCII blanks and the Unicode spaces people
// type or paste (no-break, ideographic U+3000 of Chinese input methods, zero-width, BOM).
// `text` is valid UTF-8 (the wire checks it); a malformed sequence counts as visible.
bool is_blank(std::string_view text);

// "a, b, c".
std::string unit_list_text(const std::vector<UnitId>& units);

// The place's district and street as units of the right kind, the street inside the district.
// Errors name place.district or place.street.
[[nodiscard]] Result<void> check_place_units(const UnitId& district, const UnitId& street, const UnitTree& units);

// True when a co-handling unit of the ticket lies in the actor's unit subtree.
bool co_unit_within(const Ticket& ticket, const Actor& actor, const UnitTree& units);

// The index in `ticket.co_handling` of the entry a unit handler acts for: the one named in
// `request.unit`, or the only one in the actor's subtree. The caller has checked that at least
// one is. Errors: forbidden (named but not the actor's), invalid_argument naming `unit`.
[[nodiscard]] Result<std::size_t> pick_co_unit(const Ticket& ticket, const ActionRequest& request, const Actor& actor,
                                               const UnitTree& units);

// The event data of a forward to `request.unit`: a unit strictly below the current lead unit,
// active and not already co-handling. Errors: invalid_argument naming `unit` (or `note`).
[[nodiscard]] Result<ForwardData> check_forward(const Ticket& ticket, const ActionRequest& request, Timestamp now,
                                                const WorkflowContext& ctx);

// The changed fields of a correction, checked as registration checks them; a new type or
// urgency recomputes the deadline from `created_at`. Errors: invalid_argument (nothing changes,
// a bad place, category or text).
[[nodiscard]] Result<CorrectionData> check_correction(const Ticket& ticket, const TicketCorrection& correction,
                                                      const WorkflowContext& ctx);

// Sets one corrected field from its text form (see CorrectionData); unknown fields are ignored.
void apply_correction(Ticket& ticket, const std::string& field, const std::string& value);

// The co-handling entry of `unit`, or nullptr.
CoHandling* co_entry(Ticket& ticket, const UnitId& unit);

// One entry per unit, nothing acknowledged or said yet.
std::vector<CoHandling> fresh_co_handling(const std::vector<UnitId>& co_units);

}  // namespace hotline::core
