#pragma once
// The pure part of dispatch suggestions: given candidate categories with weights, the ticket's
// place and the catalogue, which units should handle it, with scores and the reasons a
// dispatcher can check. No I/O; `DispatchService` gathers the inputs.

#include <string>
#include <vector>

#include "core/classifier.hpp"
#include "core/dispatch_catalogue.hpp"
#include "core/unit.hpp"

namespace hotline::core {

struct DispatchSuggestion {
  UnitId unit_id;
  std::string unit_name;             // empty when the unit is not in the tree
  double score = 0.0;                // in [0, 1]; sums the weight of every category that leads to the unit
  std::vector<std::string> reasons;  // which category (and why), which rule, which place
};

// One candidate category and where it came from.
struct CategoryCandidate {
  std::string category;  // "一级[/二级[/三级]]"
  double weight = 0.0;   // probability in [0, 1]
  std::string source;    // "classifier" or "registered"
  std::vector<std::string> words;  // the classifier's evidence for it (see `LabelScore::words`)
};

// Where the ticket is, and how we know.
struct PlaceContext {
  Place place;         // district/street used for matching (may be empty)
  std::string name;    // human name of the place
  std::string source;  // "registered" (from the ticket) or "text" (found in the message)
};

inline constexpr double kCoHandlerFactor = 0.6;  // a co-handler shares the matter, does not own it
inline constexpr double kPlaceFallbackScore = 0.1;
inline constexpr double kMinCandidateWeight = 0.05;  // below this a category only adds noise
// Share of a unit's score that comes from the units learned from the hotline's own dispatches
// (when a unit model is loaded); the catalogue gives the rest.
inline constexpr double kLearnedUnitWeight = 0.5;

// For each candidate of at least `kMinCandidateWeight`, the most specific applicable rule sends `weight` to its lead
// unit and `weight * kCoHandlerFactor` to each co-handler (the catalogue score, capped at 1). `learned_units` are
// the lead units a model trained on past dispatches that were not returned gives the message (label = unit id,
// score = probability); when there are any, a unit's score is (1 - kLearnedUnitWeight) * catalogue score +
// kLearnedUnitWeight * its learned probability (at least `kMinCandidateWeight`; units not in the tree or inactive are
// ignored).
// Units are ranked by score, then unit id; at most `max_units`. When neither gives any unit and the place has a
// district, that district is suggested with `kPlaceFallbackScore` (属地 handling).
std::vector<DispatchSuggestion> suggest_units(const std::vector<CategoryCandidate>& candidates,
                                              const PlaceContext& place, const std::vector<DispatchRule>& rules,
                                              const UnitTree& units, const std::vector<LabelScore>& learned_units = {},
                                              std::size_t max_units = 3);

}  // namespace hotline::core
