#pragma once
// Quality inspection (质检, issue 13): checklists administrators define, inspections that sample
// one agent's registered tickets and score them item by item, teams of agents for per-team
// scores. Pure rules here (validation, totals, the seeded draw, monthly averages); the service
// (quality_service.hpp) adds roles, storage and audit.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

inline constexpr int kMaxSampleSize = 50;
inline constexpr int kMaxItemPoints = 100;
inline constexpr std::size_t kMaxChecklistItems = 30;
inline constexpr std::size_t kMaxRemarksBytes = 4000;

struct ChecklistItem {
  std::string key;    // [a-z0-9_]{1,32}, unique within the checklist
  std::string label;  // shown to inspectors, e.g. "问候语"
  int max_points = 0; // 1..kMaxItemPoints

  bool operator==(const ChecklistItem&) const = default;
};

struct Checklist {
  std::int64_t id = 0;  // assigned by the repository
  std::string name;
  std::vector<ChecklistItem> items;
  bool active = true;  // inactive checklists cannot be sampled with

  bool operator==(const Checklist&) const = default;
};

// A named group of agent accounts (admins maintain them).
struct QualityTeam {
  std::string name;
  std::vector<std::int64_t> member_ids;

  bool operator==(const QualityTeam&) const = default;
};

enum class InspectionState { pending, scored };
std::string to_string(InspectionState state);
std::optional<InspectionState> parse_inspection_state(std::string_view text);

struct Inspection {
  std::int64_t id = 0;  // assigned by the repository
  TicketId ticket_id = 0;
  std::int64_t agent_id = 0;  // who registered the ticket (Ticket::created_by)
  std::string agent;          // their username
  std::int64_t inspector_id = 0;
  std::string inspector;
  std::int64_t checklist_id = 0;
  Timestamp period_from{};  // the created range the sample was drawn from, [from, to)
  Timestamp period_to{};
  std::uint64_t seed = 0;   // of the draw (`draw_sample`), so it can be repeated
  InspectionState state = InspectionState::pending;
  std::map<std::string, int> scores;  // item key -> points; empty while pending
  double total = 0.0;                 // percent of the checklist's maximum, 2 decimals
  std::string remarks;
  Timestamp sampled_at{};
  std::optional<Timestamp> scored_at;

  bool operator==(const Inspection&) const = default;
};

// Errors: invalid_argument naming the field ("name", "items", "items[2].key", ...).
[[nodiscard]] Result<void> validate_checklist(const Checklist& checklist);
// Errors: invalid_argument ("teams[1].name": empty or repeated; "teams[1].member_ids": repeated id).
[[nodiscard]] Result<void> validate_teams(const std::vector<QualityTeam>& teams);
// Every item of `checklist` scored, no other key, points 0..max. Errors: invalid_argument naming
// "scores.<key>" (unknown key, missing item, points outside 0..max) or "remarks" (too long).
[[nodiscard]] Result<void> validate_scores(const Checklist& checklist, const std::map<std::string, int>& scores,
                                           const std::string& remarks);
// Sum of points over the checklist's maximum, as a percent rounded to 2 decimals.
[[nodiscard]] double total_percent(const Checklist& checklist, const std::map<std::string, int>& scores);

// Up to `size` of `candidates`, chosen by a Fisher-Yates shuffle driven by splitmix64 from `seed`
// (defined here, so the same seed and candidates give the same sample on every platform), in the
// order drawn. `candidates` should be in a stable order (ascending id).
[[nodiscard]] std::vector<TicketId> draw_sample(std::vector<TicketId> candidates, int size, std::uint64_t seed);

// One row of the per-agent or per-team monthly table.
struct QualityScoreRow {
  std::string group;          // agent username or team name
  std::int64_t agent_id = 0;  // 0 for a team
  std::string month;          // "2024-05", China time of scored_at
  double average = 0.0;       // mean of the totals, 2 decimals
  int count = 0;

  bool operator==(const QualityScoreRow&) const = default;
};

// Scored inspections grouped by agent and month of scored_at, ordered by group then month.
[[nodiscard]] std::vector<QualityScoreRow> scores_by_agent(const std::vector<Inspection>& scored);
// The same per team: an inspection counts for every team its agent belongs to.
[[nodiscard]] std::vector<QualityScoreRow> scores_by_team(const std::vector<Inspection>& scored,
                                                          const std::vector<QualityTeam>& teams);

}  // namespace hotline::core
