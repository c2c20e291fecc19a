#pragma once
// Quality inspection (质检) with roles and audit: admins edit checklists and teams; supervisors
// and managers draw samples of an agent's registered tickets and score them, and read every
// inspection and the monthly scores; an agent reads only their own inspections. Every change is
// appended to the audit trail (actions quality_checklist_created, quality_checklist_updated,
// quality_teams_replaced, quality_sampled, quality_scored). Thread-safe: the collaborators are.

#include <optional>
#include <string>
#include <vector>

#include "core/audit_repository.hpp"
#include "core/clock.hpp"
#include "core/quality_repository.hpp"
#include "core/ticket_event.hpp"
#include "core/ticket_repository.hpp"
#include "core/user_repository.hpp"

namespace hotline::core {

struct SampleRequest {
  std::int64_t agent_id = 0;
  Timestamp from{};
  Timestamp to{};
  int size = 0;  // 1..kMaxSampleSize
  std::int64_t checklist_id = 0;
  std::optional<std::uint64_t> seed;  // repeat a draw; by default derived from the time and agent
};

struct InspectionDetail {
  Inspection inspection;
  Checklist checklist;
  Ticket ticket;
};

enum class ScoreGrouping { agent, team };

// An account that may be sampled, as much as a supervisor needs to pick it (no role, unit, hash).
struct SampleableAgent {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
};

// The agent's tickets of the range a draw chooses from, at most (an agent registers a few
// thousand a month); read from the ticket port's creator index.
inline constexpr int kMaxSampleScan = kMaxCreatedBy;

class QualityService {
 public:
  QualityService(QualityRepository& quality, TicketRepository& tickets, UserRepository& users, AuditRepository& audit,
                 const Clock& clock);

  // Every signed-in role may read the checklists.
  [[nodiscard]] Result<std::vector<Checklist>> checklists(const Actor& actor);
  // Errors: forbidden unless admin; invalid_argument (validate_checklist).
  [[nodiscard]] Result<Checklist> create_checklist(const Actor& actor, Checklist checklist);
  // Errors: as create, and not_found.
  [[nodiscard]] Result<Checklist> update_checklist(const Actor& actor, const Checklist& checklist);
  // Errors: forbidden unless supervisor, manager or admin.
  [[nodiscard]] Result<std::vector<QualityTeam>> teams(const Actor& actor);
  // Errors: forbidden unless admin; invalid_argument (validate_teams, or "teams[i].member_ids"
  // naming an account that does not exist).
  [[nodiscard]] Result<std::vector<QualityTeam>> replace_teams(const Actor& actor, const std::vector<QualityTeam>& teams);

  // The active accounts of role agent, by username. Errors: forbidden unless supervisor or manager.
  [[nodiscard]] Result<std::vector<SampleableAgent>> agents(const Actor& actor);
  // Draws up to `size` tickets the agent registered in [from, to) that no inspection covers.
  // Errors: forbidden unless supervisor or manager; invalid_argument ("size", "to", "checklist_id"
  // for an inactive checklist); not_found ("agent_id", "checklist_id"); conflict when no ticket is left.
  [[nodiscard]] Result<std::vector<Inspection>> draw(const Actor& actor, const SampleRequest& request);
  // Supervisors and managers: all matching; agents: their own only (agent_id forced). Errors:
  // forbidden for other roles.
  [[nodiscard]] Result<std::vector<Inspection>> inspections(const Actor& actor, InspectionQuery query);
  // Errors: forbidden (an agent asking for someone else's), not_found.
  [[nodiscard]] Result<InspectionDetail> inspection(const Actor& actor, std::int64_t id);
  // Errors: forbidden unless supervisor or manager; not_found; invalid_argument (validate_scores);
  // conflict when scored already (a score is final).
  [[nodiscard]] Result<Inspection> score(const Actor& actor, std::int64_t id, const std::map<std::string, int>& scores,
                                         const std::string& remarks);
  // Monthly averages of inspections scored in [from, to). Errors: forbidden unless supervisor or manager.
  [[nodiscard]] Result<std::vector<QualityScoreRow>> scores(const Actor& actor, ScoreGrouping by,
                                                            std::optional<Timestamp> from, std::optional<Timestamp> to);

 private:
  Result<void> audit(const Actor& actor, const std::string& action, TicketId ticket, const std::string& reason);

  QualityRepository& quality_;
  TicketRepository& tickets_;
  UserRepository& users_;
  AuditRepository& audit_;
  const Clock& clock_;
};

}  // namespace hotline::core
