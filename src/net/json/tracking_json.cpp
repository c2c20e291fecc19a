#include "net/json/tracking_json.hpp"

#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {

namespace bj = boost::json;

namespace {

std::optional<core::Rating> parse_citizen_rating(std::string_view text) {
  auto rating = core::parse_rating(text);
  if (rating == core::Rating::very_satisfied) return std::nullopt;  // not one of the citizen's three
  return rating;
}

bj::value timestamp_or_null(const std::optional<core::Timestamp>& at) {
  if (!at) return nullptr;
  return bj::value(core::format_timestamp(*at));
}

bj::object view_object(const core::TrackingView& view) {
  return bj::object{{"ticket_id", view.id},
                    {"type", core::to_string(view.type)},
                    {"title", view.title},
                    {"step", core::to_string(view.step)},
                    {"registered_at", core::format_timestamp(view.registered_at)},
                    {"deadline", timestamp_or_null(view.deadline)},
                    {"unit", view.unit},
                    {"reply", view.reply},
                    {"closed_at", timestamp_or_null(view.closed_at)},
                    {"rating", view.rating ? bj::value(core::to_string(*view.rating)) : bj::value(nullptr)},
                    {"can_rate", view.can_rate}};
}

}  // namespace

core::Result<TrackingCodeRequest> decode_tracking_code_request(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  TrackingCodeRequest out;
  out.ticket_id = reader.integer("ticket_id", wire::Need::required).value_or(0);
  out.phone = reader.string("phone", wire::Need::required).value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<TrackingVerifyRequest> decode_tracking_verify_request(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  TrackingVerifyRequest out;
  out.ticket_id = reader.integer("ticket_id", wire::Need::required).value_or(0);
  out.phone = reader.string("phone", wire::Need::required).value_or("");
  out.code = reader.string("code", wire::Need::required).value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<TrackingRatingRequest> decode_tracking_rating(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  TrackingRatingRequest out;
  if (auto v = reader.enumeration<core::Rating>("level", parse_citizen_rating, wire::Need::required)) out.level = *v;
  out.reason = reader.string("reason").value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

std::string encode_tracking_view(const core::TrackingView& view) { return wire::serialize(view_object(view)); }

std::string encode_tracking_grant(const core::TrackingGrant& grant) {
  return wire::serialize(bj::object{{"token", grant.token},
                                    {"expires_at", core::format_timestamp(grant.expires_at)},
                                    {"ticket", view_object(grant.view)}});
}

}  // namespace hotline::net::json
