#pragma once
// `InMemoryQualityRepository`: checklists, teams and inspections in maps, for tests and demos.
// Thread-safe.

#include <map>
#include <mutex>

#include "core/quality_repository.hpp"

namespace hotline::storage::memory {

class InMemoryQualityRepository final : public core::QualityRepository {
 public:
  // core::QualityRepository
  [[nodiscard]] core::Result<std::vector<core::Checklist>> list_checklists() override;
  [[nodiscard]] core::Result<core::Checklist> get_checklist(std::int64_t id) override;
  [[nodiscard]] core::Result<core::Checklist> create_checklist(const core::Checklist& checklist) override;
  [[nodiscard]] core::Result<void> update_checklist(const core::Checklist& checklist) override;
  [[nodiscard]] core::Result<std::vector<core::QualityTeam>> list_teams() override;
  [[nodiscard]] core::Result<void> replace_teams(const std::vector<core::QualityTeam>& teams) override;
  [[nodiscard]] core::Result<std::vector<core::Inspection>> add_inspections(
      const std::vector<core::Inspection>& inspections) override;
  [[nodiscard]] core::Result<core::Inspection> get_inspection(std::int64_t id) override;
  [[nodiscard]] core::Result<std::vector<core::Inspection>> list_inspections(const core::InspectionQuery& query) override;
  [[nodiscard]] core::Result<std::vector<core::TicketId>> inspected_tickets(
      const std::vector<core::TicketId>& ticket_ids) override;
  [[nodiscard]] core::Result<void> record_score(const core::Inspection& scored) override;

 private:
  std::mutex mutex_;  // guards everything below
  std::map<std::int64_t, core::Checklist> checklists_;
  std::map<std::string, core::QualityTeam> teams_;
  std::map<std::int64_t, core::Inspection> inspections_;
  std::map<core::TicketId, std::int64_t> by_ticket_;
  std::int64_t next_checklist_ = 1;
  std::int64_t next_inspection_ = 1;
};

}  // namespace hotline::storage::memory
