#include "core/quality_service.hpp"

#include <algorithm>
#include <set>

namespace hotline::core {
namespace {

bool inspects(Role role) { return role == Role::supervisor || role == Role::manager; }

Unexpected forbidden(const std::string& what) { return fail(ErrorCode::forbidden, "your role may not " + what); }

}  // namespace

QualityService::QualityService(QualityRepository& quality, TicketRepository& tickets, UserRepository& users,
                               AuditRepository& audit, const Clock& clock)
    : quality_(quality), tickets_(tickets), users_(users), audit_(audit), clock_(clock) {}

Result<void> QualityService::audit(const Actor& actor, const std::string& action, TicketId ticket,
                                   const std::string& reason) {
  AuditEntry entry;
  entry.at = clock_.now();
  entry.actor_id = actor.user_id;
  entry.actor = actor.username;
  entry.role = actor.role;
  entry.action = action;
  entry.ticket_id = ticket;
  entry.reason = reason;
  auto stored = audit_.append(entry);
  if (!stored) return stored.error();
  return {};
}

Result<std::vector<Checklist>> QualityService::checklists(const Actor&) { return quality_.list_checklists(); }

Result<Checklist> QualityService::create_checklist(const Actor& actor, Checklist checklist) {
  if (actor.role != Role::admin) return forbidden("edit quality checklists");
  checklist.id = 0;
  if (auto valid = validate_checklist(checklist); !valid) return valid.error();
  auto created = quality_.create_checklist(checklist);
  if (!created) return created.error();
  if (auto logged = audit(actor, "quality_checklist_created", 0, "checklist " + std::to_string(created->id) + " " + created->name); !logged)
    return logged.error();
  return created;
}

Result<Checklist> QualityService::update_checklist(const Actor& actor, const Checklist& checklist) {
  if (actor.role != Role::admin) return forbidden("edit quality checklists");
  if (auto valid = validate_checklist(checklist); !valid) return valid.error();
  auto before = quality_.get_checklist(checklist.id);
  if (!before) return before.error();
  if (auto stored = quality_.update_checklist(checklist); !stored) return stored.error();
  if (auto logged = audit(actor, "quality_checklist_updated", 0, "checklist " + std::to_string(checklist.id) + " " + before->name + " -> " + checklist.name); !logged)
    return logged.error();
  return checklist;
}

Result<std::vector<QualityTeam>> QualityService::teams(const Actor& actor) {
  if (!inspects(actor.role) && actor.role != Role::admin) return forbidden("read quality teams");
  return quality_.list_teams();
}

Result<std::vector<QualityTeam>> QualityService::replace_teams(const Actor& actor, const std::vector<QualityTeam>& teams) {
  if (actor.role != Role::admin) return forbidden("edit quality teams");
  if (auto valid = validate_teams(teams); !valid) return valid.error();
  for (std::size_t i = 0; i < teams.size(); ++i) {
    for (auto member : teams[i].member_ids) {
      if (auto user = users_.find_user(member); !user) {
        if (user.error().code == ErrorCode::not_found)
          return fail(ErrorCode::invalid_argument, "no account " + std::to_string(member), "teams[" + std::to_string(i) + "].member_ids");
        return user.error();
      }
    }
  }
  if (auto stored = quality_.replace_teams(teams); !stored) return stored.error();
  std::string names;
  for (const auto& team : teams) names += (names.empty() ? "" : ", ") + team.name + " (" + std::to_string(team.member_ids.size()) + ")";
  if (auto logged = audit(actor, "quality_teams_replaced", 0, names); !logged) return logged.error();
  return quality_.list_teams();
}

Result<std::vector<SampleableAgent>> QualityService::agents(const Actor& actor) {
  if (!inspects(actor.role)) return forbidden("list the agents to sample");
  auto users = users_.list_users();
  if (!users) return users.error();
  std::vector<SampleableAgent> agents;
  for (const auto& user : *users) {
    if (user.role == Role::agent && user.active) agents.push_back({user.id, user.username, user.display_name});
  }
  std::sort(agents.begin(), agents.end(), [](const auto& a, const auto& b) { return a.username < b.username; });
  return agents;
}

Result<std::vector<Inspection>> QualityService::draw(const Actor& actor, const SampleRequest& request) {
  if (!inspects(actor.role)) return forbidden("draw quality samples");
  if (request.size < 1 || request.size > kMaxSampleSize)
    return fail(ErrorCode::invalid_argument, "size must be 1..50", "size");
  if (request.to <= request.from) return fail(ErrorCode::invalid_argument, "to must be after from", "to");
  auto agent = users_.find_user(request.agent_id);
  if (!agent) {
    if (agent.error().code == ErrorCode::not_found) return fail(ErrorCode::not_found, "no account " + std::to_string(request.agent_id), "agent_id");
    return agent.error();
  }
  auto checklist = quality_.get_checklist(request.checklist_id);
  if (!checklist) {
    if (checklist.error().code == ErrorCode::not_found) return fail(ErrorCode::not_found, "no checklist " + std::to_string(request.checklist_id), "checklist_id");
    return checklist.error();
  }
  if (!checklist->active) return fail(ErrorCode::invalid_argument, "checklist " + checklist->name + " is inactive", "checklist_id");

  // The agent's tickets of the range, from the ticket port's creator index.
  auto registered = tickets_.created_by(request.agent_id, request.from, request.to, kMaxSampleScan);
  if (!registered) return registered.error();
  std::vector<TicketId> mine = std::move(*registered);
  std::sort(mine.begin(), mine.end());
  auto inspected = quality_.inspected_tickets(mine);
  if (!inspected) return inspected.error();
  std::vector<TicketId> candidates;
  std::set_difference(mine.begin(), mine.end(), inspected->begin(), inspected->end(), std::back_inserter(candidates));
  if (candidates.empty())
    return fail(ErrorCode::conflict, agent->username + " registered no uninspected ticket in that period");

  const Timestamp now = clock_.now();
  // A chosen seed stays below 2^53, so it survives a JSON number exactly.
  const std::uint64_t seed = request.seed.value_or(
      (static_cast<std::uint64_t>(to_epoch(now)) * 1000003ULL ^ static_cast<std::uint64_t>(request.agent_id) * 0x9e3779b97f4a7c15ULL ^
       static_cast<std::uint64_t>(candidates.size())) & ((std::uint64_t{1} << 53) - 1));
  std::vector<Inspection> drawn;
  for (TicketId ticket : draw_sample(candidates, request.size, seed)) {
    Inspection inspection;
    inspection.ticket_id = ticket;
    inspection.agent_id = agent->id;
    inspection.agent = agent->username;
    inspection.inspector_id = actor.user_id;
    inspection.inspector = actor.username;
    inspection.checklist_id = checklist->id;
    inspection.period_from = request.from;
    inspection.period_to = request.to;
    inspection.seed = seed;
    inspection.sampled_at = now;
    drawn.push_back(std::move(inspection));
  }
  auto stored = quality_.add_inspections(drawn);
  if (!stored) return stored.error();
  for (const auto& inspection : *stored) {
    if (auto logged = audit(actor, "quality_sampled", inspection.ticket_id,
                            "inspection " + std::to_string(inspection.id) + " of " + agent->username + ", seed " + std::to_string(seed));
        !logged)
      return logged.error();
  }
  return stored;
}

Result<std::vector<Inspection>> QualityService::inspections(const Actor& actor, InspectionQuery query) {
  if (actor.role == Role::agent) {
    query.agent_id = actor.user_id;
  } else if (!inspects(actor.role)) {
    return forbidden("read quality inspections");
  }
  return quality_.list_inspections(query);
}

Result<InspectionDetail> QualityService::inspection(const Actor& actor, std::int64_t id) {
  if (actor.role != Role::agent && !inspects(actor.role)) return forbidden("read quality inspections");
  auto found = quality_.get_inspection(id);
  if (!found) return found.error();
  if (actor.role == Role::agent && found->agent_id != actor.user_id) return forbidden("read another agent's inspection");
  auto checklist = quality_.get_checklist(found->checklist_id);
  if (!checklist) return checklist.error();
  auto ticket = tickets_.get(found->ticket_id);
  if (!ticket) return ticket.error();
  return InspectionDetail{*found, *checklist, *ticket};
}

Result<Inspection> QualityService::score(const Actor& actor, std::int64_t id, const std::map<std::string, int>& scores,
                                         const std::string& remarks) {
  if (!inspects(actor.role)) return forbidden("score quality inspections");
  auto found = quality_.get_inspection(id);
  if (!found) return found.error();
  if (found->state == InspectionState::scored)
    return fail(ErrorCode::conflict, "inspection " + std::to_string(id) + " is scored already; a score is final");
  auto checklist = quality_.get_checklist(found->checklist_id);
  if (!checklist) return checklist.error();
  if (auto valid = validate_scores(*checklist, scores, remarks); !valid) return valid.error();
  Inspection scored = *found;
  scored.state = InspectionState::scored;
  scored.scores = scores;
  scored.total = total_percent(*checklist, scores);
  scored.remarks = remarks;
  scored.scored_at = clock_.now();
  scored.inspector_id = actor.user_id;
  scored.inspector = actor.username;
  if (auto stored = quality_.record_score(scored); !stored) return stored.error();
  if (auto logged = audit(actor, "quality_scored", scored.ticket_id,
                          "inspection " + std::to_string(id) + " total " + std::to_string(scored.total));
      !logged)
    return logged.error();
  return scored;
}

Result<std::vector<QualityScoreRow>> QualityService::scores(const Actor& actor, ScoreGrouping by,
                                                            std::optional<Timestamp> from, std::optional<Timestamp> to) {
  if (!inspects(actor.role)) return forbidden("read quality scores");
  InspectionQuery query;
  query.state = InspectionState::scored;
  query.scored_from = from;
  query.scored_to = to;
  query.limit = 10000;
  auto scored = quality_.list_inspections(query);
  if (!scored) return scored.error();
  if (by == ScoreGrouping::agent) return scores_by_agent(*scored);
  auto teams = quality_.list_teams();
  if (!teams) return teams.error();
  return scores_by_team(*scored, *teams);
}

}  // namespace hotline::core
