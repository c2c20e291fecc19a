#pragma once
// The dispatch catalogue (派单目录): rules mapping a category path, optionally narrowed to a place,
// to the lead unit and the co-handling units, and the pure matching over them. Catalogue rules
// are configuration: edited in place (upsert by id) and deleted outright; the ticket history
// records which units a ticket was actually dispatched to, so rules need no versions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/unit.hpp"

namespace hotline::core {

struct DispatchRule {
  std::string id;        // "[a-z0-9_-]{1,64}", chosen by the editor, e.g. "cxjs-default"
  std::string category;  // "一级[/二级[/三级]]" prefix, matched segment by segment; empty: any
  UnitId district;       // when set, only tickets placed in this district
  UnitId street;         // when set, only tickets placed in this street/town
  UnitId lead_unit;      // required
  std::vector<UnitId> co_units;
  // The district of the ticket's place joins as a co-handling unit (local follow-up).
  bool place_co_handles = false;
  std::string note;
};

// How specific a matching rule is; larger wins. Category depth counts before place.
struct RuleSpecificity {
  int category_depth = 0;  // 0 for an any-category rule
  int place_level = 0;     // 0 none, 1 district, 2 street
  auto operator<=>(const RuleSpecificity&) const = default;
};

struct RuleMatch {
  const DispatchRule* rule = nullptr;  // points into the rules passed to `match_rules`
  RuleSpecificity specificity;
};

// Whether `rule` applies to a ticket of `category` ("一级/二级/三级", may be shorter) at `place`
// (district/street unit ids, either may be empty); the specificity when it does.
std::optional<RuleSpecificity> rule_applies(const DispatchRule& rule, std::string_view category, const Place& place);

// Every rule of `rules` that applies, most specific first (ties: rule id order).
std::vector<RuleMatch> match_rules(const std::vector<DispatchRule>& rules, std::string_view category,
                                   const Place& place);

// The units a rule sends a ticket to: lead first, then co-handlers (with the place's district when
// `place_co_handles`), without repeats.
std::vector<UnitId> rule_units(const DispatchRule& rule, const Place& place);

// Checks a rule before it is stored: id syntax, category of 1-3 non-empty segments (or empty),
// street within district, units that exist and are active in `units`. Errors: invalid_argument
// naming the field ("id", "category", "lead_unit", "co_units[1]", "district", "street").
[[nodiscard]] Result<void> validate_rule(const DispatchRule& rule, const UnitTree& units);

}  // namespace hotline::core
