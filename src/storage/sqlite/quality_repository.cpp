#include "storage/sqlite/quality_repository.hpp"

#include <limits>
#include <set>
#include <sstream>

namespace hotline::storage::sqlite {
namespace {

std::vector<std::string> lines_of(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line, separator))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::string encode_items(const std::vector<core::ChecklistItem>& items) {
  std::string out;
  for (const auto& item : items) out += item.key + "\t" + item.label + "\t" + std::to_string(item.max_points) + "\n";
  return out;
}

std::vector<core::ChecklistItem> decode_items(const std::string& text) {
  std::vector<core::ChecklistItem> out;
  for (const auto& line : lines_of(text, '\n')) {
    auto first = line.find('\t');
    auto second = line.find('\t', first + 1);
    out.push_back({line.substr(0, first), line.substr(first + 1, second - first - 1), std::stoi(line.substr(second + 1))});
  }
  return out;
}

std::string encode_scores(const std::map<std::string, int>& scores) {
  std::string out;
  for (const auto& [key, points] : scores) out += key + "=" + std::to_string(points) + "\n";
  return out;
}

std::map<std::string, int> decode_scores(const std::string& text) {
  std::map<std::string, int> out;
  for (const auto& line : lines_of(text, '\n')) {
    auto eq = line.find('=');
    out[line.substr(0, eq)] = std::stoi(line.substr(eq + 1));
  }
  return out;
}

std::string encode_members(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::int64_t> decode_members(const std::string& text) {
  std::vector<std::int64_t> out;
  for (const auto& part : lines_of(text, ',')) out.push_back(std::stoll(part));
  return out;
}

constexpr const char* kChecklistColumns = "SELECT id, name, items, active FROM quality_checklists";

core::Checklist checklist_row(const Statement& row) {
  return core::Checklist{row.column_int64(0), row.column_text(1), decode_items(row.column_text(2)), row.column_int64(3) != 0};
}

constexpr const char* kInspectionColumns =
    "SELECT id, ticket_id, agent_id, agent, inspector_id, inspector, checklist_id, period_from, period_to, seed, "
    "state, scores, total, remarks, sampled_at, scored_at FROM quality_inspections";

core::Inspection inspection_row(const Statement& row) {
  core::Inspection i;
  i.id = row.column_int64(0);
  i.ticket_id = row.column_int64(1);
  i.agent_id = row.column_int64(2);
  i.agent = row.column_text(3);
  i.inspector_id = row.column_int64(4);
  i.inspector = row.column_text(5);
  i.checklist_id = row.column_int64(6);
  i.period_from = core::from_epoch(row.column_int64(7));
  i.period_to = core::from_epoch(row.column_int64(8));
  i.seed = static_cast<std::uint64_t>(row.column_int64(9));
  i.state = core::parse_inspection_state(row.column_text(10)).value_or(core::InspectionState::pending);
  i.scores = decode_scores(row.column_text(11));
  i.total = row.column_double(12);
  i.remarks = row.column_text(13);
  i.sampled_at = core::from_epoch(row.column_int64(14));
  if (auto scored = row.column_optional_int64(15)) i.scored_at = core::from_epoch(*scored);
  return i;
}

}  // namespace

SqliteQualityRepository::SqliteQualityRepository(GroupCommitWriter& writer, ReadPool& readers)
    : writer_(writer), readers_(readers) {}

core::Result<std::vector<core::Checklist>> SqliteQualityRepository::list_checklists() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(std::string(kChecklistColumns) + " ORDER BY id");
    std::vector<core::Checklist> out;
    while (select->step()) out.push_back(checklist_row(*select));
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<core::Checklist> SqliteQualityRepository::get_checklist(std::int64_t id) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(std::string(kChecklistColumns) + " WHERE id = ?");
    select->bind(1, id);
    if (!select->step()) return core::fail(core::ErrorCode::not_found, "no checklist " + std::to_string(id));
    return checklist_row(*select);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<core::Checklist> SqliteQualityRepository::create_checklist(const core::Checklist& checklist) {
  core::Checklist stored = checklist;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    auto insert = db.statement("INSERT INTO quality_checklists (name, items, active) VALUES (?, ?, ?)");
    insert->bind(1, checklist.name);
    insert->bind(2, encode_items(checklist.items));
    insert->bind(3, checklist.active);
    insert->run();
    stored.id = db.last_insert_rowid();
    return {};
  });
  if (!done) return done.error();
  return stored;
}

core::Result<void> SqliteQualityRepository::update_checklist(const core::Checklist& checklist) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto update = db.statement("UPDATE quality_checklists SET name = ?, items = ?, active = ? WHERE id = ?");
    update->bind(1, checklist.name);
    update->bind(2, encode_items(checklist.items));
    update->bind(3, checklist.active);
    update->bind(4, checklist.id);
    update->run();
    if (db.changes() == 0) return core::fail(core::ErrorCode::not_found, "no checklist " + std::to_string(checklist.id));
    return {};
  });
}

core::Result<std::vector<core::QualityTeam>> SqliteQualityRepository::list_teams() {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT name, members FROM quality_teams ORDER BY name");
    std::vector<core::QualityTeam> out;
    while (select->step()) out.push_back({select->column_text(0), decode_members(select->column_text(1))});
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteQualityRepository::replace_teams(const std::vector<core::QualityTeam>& teams) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    db.exec("DELETE FROM quality_teams");
    for (const auto& team : teams) {
      auto insert = db.statement("INSERT INTO quality_teams (name, members) VALUES (?, ?)");
      insert->bind(1, team.name);
      insert->bind(2, encode_members(team.member_ids));
      insert->run();
    }
    return {};
  });
}

core::Result<std::vector<core::Inspection>> SqliteQualityRepository::add_inspections(
    const std::vector<core::Inspection>& inspections) {
  std::vector<core::Inspection> stored = inspections;
  auto done = writer_.run([&](Connection& db) -> core::Result<void> {
    std::set<core::TicketId> seen;
    for (auto& inspection : stored) {
      auto exists = db.statement("SELECT 1 FROM quality_inspections WHERE ticket_id = ?");
      exists->bind(1, inspection.ticket_id);
      if (exists->step() || !seen.insert(inspection.ticket_id).second)
        return core::fail(core::ErrorCode::conflict, "ticket " + std::to_string(inspection.ticket_id) + " has an inspection");
      auto insert = db.statement(
          "INSERT INTO quality_inspections (ticket_id, agent_id, agent, inspector_id, inspector, checklist_id, "
          "period_from, period_to, seed, state, scores, total, remarks, sampled_at, scored_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insert->bind(1, inspection.ticket_id);
      insert->bind(2, inspection.agent_id);
      insert->bind(3, inspection.agent);
      insert->bind(4, inspection.inspector_id);
      insert->bind(5, inspection.inspector);
      insert->bind(6, inspection.checklist_id);
      insert->bind(7, core::to_epoch(inspection.period_from));
      insert->bind(8, core::to_epoch(inspection.period_to));
      insert->bind(9, static_cast<std::int64_t>(inspection.seed));
      insert->bind(10, core::to_string(inspection.state));
      insert->bind(11, encode_scores(inspection.scores));
      insert->bind(12, inspection.total);
      insert->bind(13, inspection.remarks);
      insert->bind(14, core::to_epoch(inspection.sampled_at));
      if (inspection.scored_at) insert->bind(15, core::to_epoch(*inspection.scored_at));
      else insert->bind_null(15);
      insert->run();
      inspection.id = db.last_insert_rowid();
    }
    return {};
  });
  if (!done) return done.error();
  return stored;
}

core::Result<core::Inspection> SqliteQualityRepository::get_inspection(std::int64_t id) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement(std::string(kInspectionColumns) + " WHERE id = ?");
    select->bind(1, id);
    if (!select->step()) return core::fail(core::ErrorCode::not_found, "no inspection " + std::to_string(id));
    return inspection_row(*select);
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::Inspection>> SqliteQualityRepository::list_inspections(const core::InspectionQuery& query) {
  try {
    auto db = readers_.acquire();
    // Absent filters bind NULL and match everything.
    auto select = db->statement(std::string(kInspectionColumns) +
                                " WHERE (?1 IS NULL OR agent_id = ?1) AND (?2 IS NULL OR state = ?2) "
                                "AND (?3 IS NULL OR sampled_at >= ?3) AND (?4 IS NULL OR sampled_at < ?4) "
                                "AND (?5 IS NULL OR scored_at >= ?5) AND (?6 IS NULL OR scored_at < ?6) "
                                "ORDER BY id DESC LIMIT ?7");
    select->bind(1, query.agent_id);
    if (query.state) select->bind(2, core::to_string(*query.state));
    else select->bind_null(2);
    auto epoch = [](const std::optional<core::Timestamp>& t) -> std::optional<std::int64_t> {
      if (!t) return std::nullopt;
      return core::to_epoch(*t);
    };
    select->bind(3, epoch(query.sampled_from));
    select->bind(4, epoch(query.sampled_to));
    select->bind(5, epoch(query.scored_from));
    select->bind(6, epoch(query.scored_to));
    select->bind(7, query.limit);
    std::vector<core::Inspection> out;
    while (select->step()) out.push_back(inspection_row(*select));
    return out;
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<std::vector<core::TicketId>> SqliteQualityRepository::inspected_tickets(
    const std::vector<core::TicketId>& ticket_ids) {
  try {
    auto db = readers_.acquire();
    auto select = db->statement("SELECT 1 FROM quality_inspections WHERE ticket_id = ?");
    std::set<core::TicketId> out;
    for (auto id : ticket_ids) {
      select->reset();
      select->bind(1, id);
      if (select->step()) out.insert(id);
    }
    return std::vector<core::TicketId>(out.begin(), out.end());
  } catch (const std::exception& e) {
    return storage_error(e);
  }
}

core::Result<void> SqliteQualityRepository::record_score(const core::Inspection& scored) {
  return writer_.run([&](Connection& db) -> core::Result<void> {
    auto state = db.statement("SELECT state FROM quality_inspections WHERE id = ?");
    state->bind(1, scored.id);
    if (!state->step()) return core::fail(core::ErrorCode::not_found, "no inspection " + std::to_string(scored.id));
    if (state->column_text(0) == "scored")
      return core::fail(core::ErrorCode::conflict, "inspection " + std::to_string(scored.id) + " is scored already");
    auto update = db.statement(
        "UPDATE quality_inspections SET state = 'scored', scores = ?, total = ?, remarks = ?, scored_at = ?, "
        "inspector_id = ?, inspector = ? WHERE id = ?");
    update->bind(1, encode_scores(scored.scores));
    update->bind(2, scored.total);
    update->bind(3, scored.remarks);
    update->bind(4, core::to_epoch(scored.scored_at.value_or(scored.sampled_at)));
    update->bind(5, scored.inspector_id);
    update->bind(6, scored.inspector);
    update->bind(7, scored.id);
    update->run();
    return {};
  });
}

}  // namespace hotline::storage::sqlite
