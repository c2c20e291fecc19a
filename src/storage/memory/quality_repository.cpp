#include "storage/memory/quality_repository.hpp"

#include <set>

namespace hotline::storage::memory {

core::Result<std::vector<core::Checklist>> InMemoryQualityRepository::list_checklists() {
  std::lock_guard lock(mutex_);
  std::vector<core::Checklist> out;
  for (const auto& [id, checklist] : checklists_) out.push_back(checklist);
  return out;
}

core::Result<core::Checklist> InMemoryQualityRepository::get_checklist(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = checklists_.find(id);
  if (it == checklists_.end()) return core::fail(core::ErrorCode::not_found, "no checklist " + std::to_string(id));
  return it->second;
}

core::Result<core::Checklist> InMemoryQualityRepository::create_checklist(const core::Checklist& checklist) {
  std::lock_guard lock(mutex_);
  core::Checklist stored = checklist;
  stored.id = next_checklist_++;
  checklists_[stored.id] = stored;
  return stored;
}

core::Result<void> InMemoryQualityRepository::update_checklist(const core::Checklist& checklist) {
  std::lock_guard lock(mutex_);
  auto it = checklists_.find(checklist.id);
  if (it == checklists_.end()) return core::fail(core::ErrorCode::not_found, "no checklist " + std::to_string(checklist.id));
  it->second = checklist;
  return {};
}

core::Result<std::vector<core::QualityTeam>> InMemoryQualityRepository::list_teams() {
  std::lock_guard lock(mutex_);
  std::vector<core::QualityTeam> out;
  for (const auto& [name, team] : teams_) out.push_back(team);
  return out;
}

core::Result<void> InMemoryQualityRepository::replace_teams(const std::vector<core::QualityTeam>& teams) {
  std::lock_guard lock(mutex_);
  teams_.clear();
  for (const auto& team : teams) teams_[team.name] = team;
  return {};
}

core::Result<std::vector<core::Inspection>> InMemoryQualityRepository::add_inspections(
    const std::vector<core::Inspection>& inspections) {
  std::lock_guard lock(mutex_);
  std::set<core::TicketId> seen;
  for (const auto& inspection : inspections) {
    if (by_ticket_.contains(inspection.ticket_id) || !seen.insert(inspection.ticket_id).second)
      return core::fail(core::ErrorCode::conflict, "ticket " + std::to_string(inspection.ticket_id) + " has an inspection");
  }
  std::vector<core::Inspection> out;
  for (auto inspection : inspections) {
    inspection.id = next_inspection_++;
    inspections_[inspection.id] = inspection;
    by_ticket_[inspection.ticket_id] = inspection.id;
    out.push_back(std::move(inspection));
  }
  return out;
}

core::Result<core::Inspection> InMemoryQualityRepository::get_inspection(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = inspections_.find(id);
  if (it == inspections_.end()) return core::fail(core::ErrorCode::not_found, "no inspection " + std::to_string(id));
  return it->second;
}

core::Result<std::vector<core::Inspection>> InMemoryQualityRepository::list_inspections(const core::InspectionQuery& query) {
  std::lock_guard lock(mutex_);
  std::vector<core::Inspection> out;
  for (auto it = inspections_.rbegin(); it != inspections_.rend() && static_cast<int>(out.size()) < query.limit; ++it) {
    const auto& i = it->second;
    if (query.agent_id && i.agent_id != *query.agent_id) continue;
    if (query.state && i.state != *query.state) continue;
    if (query.sampled_from && i.sampled_at < *query.sampled_from) continue;
    if (query.sampled_to && i.sampled_at >= *query.sampled_to) continue;
    if ((query.scored_from || query.scored_to) && !i.scored_at) continue;
    if (query.scored_from && *i.scored_at < *query.scored_from) continue;
    if (query.scored_to && *i.scored_at >= *query.scored_to) continue;
    out.push_back(i);
  }
  return out;
}

core::Result<std::vector<core::TicketId>> InMemoryQualityRepository::inspected_tickets(
    const std::vector<core::TicketId>& ticket_ids) {
  std::lock_guard lock(mutex_);
  std::set<core::TicketId> out;
  for (auto id : ticket_ids)
    if (by_ticket_.contains(id)) out.insert(id);
  return std::vector<core::TicketId>(out.begin(), out.end());
}

core::Result<void> InMemoryQualityRepository::record_score(const core::Inspection& scored) {
  std::lock_guard lock(mutex_);
  auto it = inspections_.find(scored.id);
  if (it == inspections_.end()) return core::fail(core::ErrorCode::not_found, "no inspection " + std::to_string(scored.id));
  if (it->second.state == core::InspectionState::scored)
    return core::fail(core::ErrorCode::conflict, "inspection " + std::to_string(scored.id) + " is scored already");
  auto& stored = it->second;
  stored.state = core::InspectionState::scored;
  stored.scores = scored.scores;
  stored.total = scored.total;
  stored.remarks = scored.remarks;
  stored.scored_at = scored.scored_at;
  stored.inspector_id = scored.inspector_id;
  stored.inspector = scored.inspector;
  return {};
}

}  // namespace hotline::storage::memory
