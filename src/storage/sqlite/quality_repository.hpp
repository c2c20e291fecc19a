#pragma once
// `SqliteQualityRepository`: quality inspection on SQLite (tables quality_checklists,
// quality_teams, quality_inspections; the quality migration). A checklist's items are stored one
// per line ("key<TAB>label<TAB>max_points"; core forbids control characters in labels), scores
// one "key=points" per line, team members as comma-separated ids. Writes go through the
// group-commit writer. Created and owned by `Database`. Thread-safe.

#include "core/quality_repository.hpp"
#include "storage/sqlite/group_commit_writer.hpp"
#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

class SqliteQualityRepository final : public core::QualityRepository {
 public:
  SqliteQualityRepository(GroupCommitWriter& writer, ReadPool& readers);

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
  GroupCommitWriter& writer_;
  ReadPool& readers_;
};

}  // namespace hotline::storage::sqlite
