#include "net/json/dispatch_json.hpp"

#include <cmath>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "net/json/ticket_json.hpp"
#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {
namespace {

namespace bj = boost::json;

// Scores and similarities are estimates: four decimals are all a reader can use.
double rounded(double score) { return std::round(score * 10000.0) / 10000.0; }

bj::value classification_value(const std::optional<core::Classification>& classification) {
  if (!classification) return nullptr;
  bj::array top;
  for (const auto& entry : classification->top) {
    bj::array words;
    for (const auto& word : entry.words) words.emplace_back(word);
    top.push_back(bj::object{{"label", entry.label}, {"score", rounded(entry.score)}, {"words", std::move(words)}});
  }
  return bj::object{{"label", classification->label}, {"score", rounded(classification->score)}, {"top", std::move(top)}};
}

bj::array suggestions_value(const std::vector<core::DispatchSuggestion>& suggestions) {
  bj::array out;
  for (const auto& s : suggestions) {
    bj::array reasons;
    for (const auto& reason : s.reasons) reasons.emplace_back(reason);
    out.push_back(bj::object{
        {"unit_id", s.unit_id}, {"unit_name", s.unit_name}, {"score", rounded(s.score)}, {"reasons", std::move(reasons)}});
  }
  return out;
}

bj::value place_value(const std::optional<core::PlaceContext>& place) {
  if (!place) return nullptr;
  return bj::object{{"district", place->place.district},
                    {"street", place->place.street},
                    {"name", place->name},
                    {"source", place->source}};
}

bj::object rule_value(const core::DispatchRule& rule) {
  bj::array co_units;
  for (const auto& unit : rule.co_units) co_units.emplace_back(unit);
  return bj::object{{"id", rule.id},
                    {"category", rule.category},
                    {"district", rule.district},
                    {"street", rule.street},
                    {"lead_unit", rule.lead_unit},
                    {"co_units", std::move(co_units)},
                    {"place_co_handles", rule.place_co_handles},
                    {"note", rule.note}};
}

}  // namespace

std::string encode_registered_ticket(const core::RegisteredTicket& registered, core::Timestamp now,
                                     const std::vector<core::Action>& allowed) {
  // encode_ticket owns the ticket's shape; re-parsing one small object keeps it the only copy.
  bj::object out = bj::parse(encode_ticket(registered.ticket, now, allowed)).as_object();
  out["classification"] = classification_value(registered.advice.classification);
  out["dispatch_suggestions"] = suggestions_value(registered.advice.suggestions);
  bj::array duplicates;
  for (const auto& d : registered.advice.duplicates) {
    duplicates.push_back(bj::object{{"id", d.id},
                                    {"title", d.title},
                                    {"state", core::to_string(d.state)},
                                    {"created_at", core::format_timestamp(d.created_at)},
                                    {"similarity", rounded(d.similarity)}});
  }
  out["possible_duplicates"] = std::move(duplicates);
  return wire::serialize(out);
}

std::string encode_catalogue_trial(const core::CatalogueTrial& trial) {
  bj::array keywords;
  for (const auto& word : trial.keywords) keywords.emplace_back(word);
  bj::array units;
  for (const auto& unit : trial.units) units.emplace_back(unit);
  bj::object out{{"category", trial.category},
                 {"keywords", std::move(keywords)},
                 {"place", bj::object{{"district", trial.place.district}, {"street", trial.place.street}}},
                 {"units", std::move(units)},
                 {"classification", classification_value(trial.advice.classification)},
                 {"dispatch_suggestions", suggestions_value(trial.advice.suggestions)}};
  if (trial.rule) out["rule"] = rule_value(*trial.rule);
  else out["rule"] = nullptr;
  return wire::serialize(out);
}

std::string encode_advice(const core::DispatchAdvice& advice) {
  bj::object out{{"classification", classification_value(advice.classification)},
                 {"place", place_value(advice.place)},
                 {"dispatch_suggestions", suggestions_value(advice.suggestions)}};
  return wire::serialize(out);
}

std::string encode_rules(const std::vector<core::DispatchRule>& rules) {
  bj::array items;
  for (const auto& rule : rules) items.emplace_back(rule_value(rule));
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

std::string encode_rule(const core::DispatchRule& rule) {
  return wire::serialize(rule_value(rule));
}

core::Result<ClassifyRequest> decode_classify_request(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  ClassifyRequest out;
  out.title = reader.string("title").value_or("");
  if (auto text = reader.string("text", wire::Need::required)) out.text = std::move(*text);
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<core::DispatchRule> decode_rule(const std::string& id, std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::DispatchRule out;
  out.id = id;
  if (auto body_id = reader.string("id"); body_id && *body_id != id) reader.fail_field("id", "must equal the path id");
  out.category = reader.string("category").value_or("");
  out.district = reader.string("district").value_or("");
  out.street = reader.string("street").value_or("");
  if (auto lead = reader.string("lead_unit", wire::Need::required)) out.lead_unit = std::move(*lead);
  out.co_units = reader.string_array("co_units").value_or(std::vector<std::string>{});
  out.place_co_handles = reader.boolean("place_co_handles").value_or(false);
  out.note = reader.string("note").value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

}  // namespace hotline::net::json
