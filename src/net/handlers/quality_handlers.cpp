#include "net/handlers/quality_handlers.hpp"

#include "core/china_time.hpp"
#include "net/handlers/respond.hpp"
#include "net/json/quality_json.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

core::Result<std::int64_t> id_of(const Call& call, const char* what) {
  auto id = wire::parse_integer(call.params.get("id"));
  if (!id || *id <= 0) return core::fail(core::ErrorCode::not_found, std::string(what) + " not found");
  return *id;
}

core::QualityService& quality(const Services& services) { return services.quality; }

// An optional time query parameter. Errors: invalid_argument naming it.
core::Result<std::optional<core::Timestamp>> time_param(const Call& call, const char* name) {
  auto text = call.request.query_value(name);
  if (!text || text->empty()) return std::optional<core::Timestamp>{};
  auto at = core::parse_timestamp(*text);
  if (!at) return core::Unexpected{wire::bad_param(name, "must be an ISO 8601 time with offset, e.g. 2024-05-01T00:00:00+08:00")};
  return std::optional<core::Timestamp>{*at};
}

}  // namespace

Response list_quality_checklists(const Services& services, const Call& call) {
  return respond(quality(services).checklists(call.actor), 200, json::encode_checklists);
}

Response create_quality_checklist(const Services& services, const Call& call) {
  auto checklist = json::decode_checklist(call.request.body);
  if (!checklist) return error_response(checklist.error());
  return respond(quality(services).create_checklist(call.actor, *checklist), 201, json::encode_checklist);
}

Response put_quality_checklist(const Services& services, const Call& call) {
  auto id = id_of(call, "checklist");
  if (!id) return error_response(id.error());
  auto checklist = json::decode_checklist(call.request.body);
  if (!checklist) return error_response(checklist.error());
  checklist->id = *id;
  return respond(quality(services).update_checklist(call.actor, *checklist), 200, json::encode_checklist);
}

Response list_quality_agents(const Services& services, const Call& call) {
  return respond(quality(services).agents(call.actor), 200, json::encode_agents);
}

Response list_quality_teams(const Services& services, const Call& call) {
  return respond(quality(services).teams(call.actor), 200, json::encode_teams);
}

Response put_quality_teams(const Services& services, const Call& call) {
  auto teams = json::decode_teams(call.request.body);
  if (!teams) return error_response(teams.error());
  return respond(quality(services).replace_teams(call.actor, *teams), 200, json::encode_teams);
}

Response draw_quality_sample(const Services& services, const Call& call) {
  auto request = json::decode_sample_request(call.request.body);
  if (!request) return error_response(request.error());
  return respond(quality(services).draw(call.actor, *request), 201, json::encode_inspections);
}

Response list_quality_inspections(const Services& services, const Call& call) {
  core::InspectionQuery query;
  if (auto agent = call.request.query_value("agent_id"); agent && !agent->empty()) {
    auto id = wire::parse_integer(*agent);
    if (!id || *id <= 0) return error_response(wire::bad_param("agent_id", "must be an account id"));
    query.agent_id = *id;
  }
  if (auto state = call.request.query_value("state"); state && !state->empty()) {
    auto parsed = core::parse_inspection_state(*state);
    if (!parsed) return error_response(wire::bad_param("state", "must be pending or scored"));
    query.state = *parsed;
  }
  auto from = time_param(call, "from");
  if (!from) return error_response(from.error());
  auto to = time_param(call, "to");
  if (!to) return error_response(to.error());
  query.sampled_from = *from;
  query.sampled_to = *to;
  return respond(quality(services).inspections(call.actor, query), 200, json::encode_inspections);
}

Response get_quality_inspection(const Services& services, const Call& call) {
  auto id = id_of(call, "inspection");
  if (!id) return error_response(id.error());
  return respond(quality(services).inspection(call.actor, *id), 200, json::encode_inspection_detail);
}

Response score_quality_inspection(const Services& services, const Call& call) {
  auto id = id_of(call, "inspection");
  if (!id) return error_response(id.error());
  auto request = json::decode_score_request(call.request.body);
  if (!request) return error_response(request.error());
  return respond(quality(services).score(call.actor, *id, request->scores, request->remarks), 200, json::encode_inspection);
}

Response quality_scores(const Services& services, const Call& call) {
  auto by_text = call.request.query_value("by").value_or("agent");
  if (by_text != "agent" && by_text != "team") return error_response(wire::bad_param("by", "must be agent or team"));
  const auto by = by_text == "team" ? core::ScoreGrouping::team : core::ScoreGrouping::agent;
  auto from = time_param(call, "from");
  if (!from) return error_response(from.error());
  auto to = time_param(call, "to");
  if (!to) return error_response(to.error());
  return respond(quality(services).scores(call.actor, by, *from, *to), 200,
                 [by](const std::vector<core::QualityScoreRow>& rows) { return json::encode_score_rows(by, rows); });
}

}  // namespace hotline::net::handlers
