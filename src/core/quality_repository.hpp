#pragma once
// Port: durable storage of quality inspection (quality.hpp): checklists, teams and inspections.
// Implemented in storage/{memory,sqlite}, checked by storage/conformance. Synchronous,
// thread-safe, durable on success; validation and roles are the caller's (QualityService).

#include <optional>
#include <vector>

#include "core/quality.hpp"
#include "core/result.hpp"

namespace hotline::core {

// Filters are ANDed; newest (highest id) first.
struct InspectionQuery {
  std::optional<std::int64_t> agent_id;
  std::optional<InspectionState> state;
  std::optional<Timestamp> sampled_from;  // inclusive
  std::optional<Timestamp> sampled_to;    // exclusive
  std::optional<Timestamp> scored_from;   // inclusive (only scored ones match)
  std::optional<Timestamp> scored_to;     // exclusive
  int limit = 1000;                       // 1..10000
};

class QualityRepository {
 public:
  virtual ~QualityRepository() = default;

  // Every checklist, by id.
  [[nodiscard]] virtual Result<std::vector<Checklist>> list_checklists() = 0;
  // Errors: not_found.
  [[nodiscard]] virtual Result<Checklist> get_checklist(std::int64_t id) = 0;
  // Stores `checklist` with the next id and returns it.
  [[nodiscard]] virtual Result<Checklist> create_checklist(const Checklist& checklist) = 0;
  // Replaces the checklist with `checklist.id`. Errors: not_found.
  [[nodiscard]] virtual Result<void> update_checklist(const Checklist& checklist) = 0;

  // Every team, by name.
  [[nodiscard]] virtual Result<std::vector<QualityTeam>> list_teams() = 0;
  // Replaces all teams at once.
  [[nodiscard]] virtual Result<void> replace_teams(const std::vector<QualityTeam>& teams) = 0;

  // Stores all `inspections` (ids assigned in order) atomically and returns them. A ticket has
  // at most one inspection. Errors: conflict when one of the tickets has one already (nothing stored).
  [[nodiscard]] virtual Result<std::vector<Inspection>> add_inspections(const std::vector<Inspection>& inspections) = 0;
  // Errors: not_found.
  [[nodiscard]] virtual Result<Inspection> get_inspection(std::int64_t id) = 0;
  [[nodiscard]] virtual Result<std::vector<Inspection>> list_inspections(const InspectionQuery& query) = 0;
  // Of `ticket_ids`, those that have an inspection, ascending.
  [[nodiscard]] virtual Result<std::vector<TicketId>> inspected_tickets(const std::vector<TicketId>& ticket_ids) = 0;
  // Stores the score of `scored` (state scored, scores, total, remarks, scored_at, inspector) if the
  // stored inspection is still pending. Errors: not_found, conflict (scored already).
  [[nodiscard]] virtual Result<void> record_score(const Inspection& scored) = 0;
};

}  // namespace hotline::core
