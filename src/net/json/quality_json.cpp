#include "net/json/quality_json.hpp"

#include <limits>

#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {
namespace {

namespace bj = boost::json;

bj::object checklist_value(const core::Checklist& checklist) {
  bj::array items;
  for (const auto& item : checklist.items)
    items.push_back(bj::object{{"key", item.key}, {"label", item.label}, {"max_points", item.max_points}});
  return bj::object{{"id", checklist.id}, {"name", checklist.name}, {"items", std::move(items)}, {"active", checklist.active}};
}

bj::object inspection_value(const core::Inspection& i) {
  bj::object scores;
  for (const auto& [key, points] : i.scores) scores[key] = points;
  bj::value scored_at = nullptr;
  if (i.scored_at) scored_at = core::format_timestamp(*i.scored_at);
  return bj::object{{"id", i.id},
                    {"ticket_id", i.ticket_id},
                    {"agent_id", i.agent_id},
                    {"agent", i.agent},
                    {"inspector_id", i.inspector_id},
                    {"inspector", i.inspector},
                    {"checklist_id", i.checklist_id},
                    {"period_from", core::format_timestamp(i.period_from)},
                    {"period_to", core::format_timestamp(i.period_to)},
                    // JSON numbers lose precision beyond 2^53; the seed is kept below that.
                    {"seed", static_cast<std::int64_t>(i.seed)},
                    {"state", core::to_string(i.state)},
                    {"scores", std::move(scores)},
                    {"total", i.total},
                    {"remarks", i.remarks},
                    {"sampled_at", core::format_timestamp(i.sampled_at)},
                    {"scored_at", std::move(scored_at)}};
}

core::Result<core::Timestamp> time_field(wire::ObjectReader& reader, std::string_view key) {
  auto text = reader.string(key, wire::Need::required);
  if (!text) return core::Timestamp{};
  auto at = core::parse_timestamp(*text);
  if (!at) reader.fail_field(key, "must be an ISO 8601 time with offset, e.g. 2024-05-01T00:00:00+08:00");
  return at.value_or(core::Timestamp{});
}

}  // namespace

std::string encode_checklists(const std::vector<core::Checklist>& checklists) {
  bj::array items;
  for (const auto& c : checklists) items.emplace_back(checklist_value(c));
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

std::string encode_checklist(const core::Checklist& checklist) { return wire::serialize(checklist_value(checklist)); }

std::string encode_agents(const std::vector<core::SampleableAgent>& agents) {
  bj::array items;
  for (const auto& a : agents) {
    items.push_back(bj::object{{"id", a.id}, {"username", a.username}, {"display_name", a.display_name}});
  }
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

std::string encode_teams(const std::vector<core::QualityTeam>& teams) {
  bj::array items;
  for (const auto& team : teams) {
    bj::array members;
    for (auto id : team.member_ids) members.emplace_back(id);
    items.push_back(bj::object{{"name", team.name}, {"member_ids", std::move(members)}});
  }
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

std::string encode_inspections(const std::vector<core::Inspection>& inspections) {
  bj::array items;
  for (const auto& i : inspections) items.emplace_back(inspection_value(i));
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

std::string encode_inspection(const core::Inspection& inspection) { return wire::serialize(inspection_value(inspection)); }

std::string encode_inspection_detail(const core::InspectionDetail& detail) {
  const auto& t = detail.ticket;
  bj::object ticket{{"id", t.id},
                    {"title", t.title},
                    {"text", t.text},
                    {"category", t.category},
                    {"type", std::string(core::to_string(t.type))},
                    {"lead_unit", t.lead_unit},
                    {"created_at", core::format_timestamp(t.created_at)}};
  return wire::serialize(bj::object{{"inspection", inspection_value(detail.inspection)},
                                    {"checklist", checklist_value(detail.checklist)},
                                    {"ticket", std::move(ticket)}});
}

std::string encode_score_rows(core::ScoreGrouping by, const std::vector<core::QualityScoreRow>& rows) {
  bj::array items;
  for (const auto& row : rows)
    items.push_back(bj::object{{"group", row.group}, {"agent_id", row.agent_id}, {"month", row.month},
                               {"average", row.average}, {"count", row.count}});
  return wire::serialize(bj::object{{"by", by == core::ScoreGrouping::team ? "team" : "agent"}, {"items", std::move(items)}});
}

core::Result<core::Checklist> decode_checklist(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::Checklist out;
  out.name = reader.string("name", wire::Need::required).value_or("");
  out.active = reader.boolean("active").value_or(true);
  if (const auto* items = reader.array("items", wire::Need::required)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      if (!(*items)[i].is_object()) {
        reader.fail_field(at, "must be an object");
        break;
      }
      wire::ObjectReader item((*items)[i].as_object(), at + ".");
      core::ChecklistItem entry;
      entry.key = item.string("key", wire::Need::required).value_or("");
      entry.label = item.string("label", wire::Need::required).value_or("");
      auto points = item.integer("max_points", wire::Need::required).value_or(0);
      entry.max_points = points > 1000 || points < -1000 ? -1 : static_cast<int>(points);
      if (auto done = item.finish(); !done) {
        reader.fail(done.error());
        break;
      }
      out.items.push_back(std::move(entry));
    }
  }
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<std::vector<core::QualityTeam>> decode_teams(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  std::vector<core::QualityTeam> out;
  if (const auto* items = reader.array("items", wire::Need::required)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string at = "teams[" + std::to_string(i) + "]";
      if (!(*items)[i].is_object()) {
        reader.fail_field(at, "must be an object");
        break;
      }
      wire::ObjectReader team((*items)[i].as_object(), at + ".");
      core::QualityTeam entry;
      entry.name = team.string("name", wire::Need::required).value_or("");
      if (const auto* members = team.array("member_ids", wire::Need::required)) {
        for (const auto& member : *members) {
          if (!member.is_int64()) {
            team.fail_field("member_ids", "must be account ids");
            break;
          }
          entry.member_ids.push_back(member.as_int64());
        }
      }
      if (auto done = team.finish(); !done) {
        reader.fail(done.error());
        break;
      }
      out.push_back(std::move(entry));
    }
  }
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<core::SampleRequest> decode_sample_request(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::SampleRequest out;
  out.agent_id = reader.integer("agent_id", wire::Need::required).value_or(0);
  out.from = *time_field(reader, "from");
  out.to = *time_field(reader, "to");
  auto size = reader.integer("size", wire::Need::required).value_or(0);
  out.size = size > 1000 || size < 0 ? 0 : static_cast<int>(size);
  out.checklist_id = reader.integer("checklist_id", wire::Need::required).value_or(0);
  if (auto seed = reader.integer("seed")) {
    if (*seed < 0) reader.fail_field("seed", "must be 0 or more");
    else out.seed = static_cast<std::uint64_t>(*seed);
  }
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<ScoreRequest> decode_score_request(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  ScoreRequest out;
  if (const auto* scores = reader.object("scores", wire::Need::required)) {
    for (const auto& [key, value] : *scores) {
      if (!value.is_int64() || value.as_int64() < -1000 || value.as_int64() > 1000) {
        reader.fail_field("scores." + std::string(key), "must be whole points");
        break;
      }
      out.scores[std::string(key)] = static_cast<int>(value.as_int64());
    }
  }
  out.remarks = reader.string("remarks").value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

}  // namespace hotline::net::json
