#include "net/json/event_json.hpp"

#include <boost/json.hpp>

#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {

namespace bj = boost::json;

core::Result<AuthMessage> decode_auth_message(std::string_view text) {
  auto parsed = wire::parse_object(text);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  AuthMessage out;
  auto type = reader.string("type", wire::Need::required);
  if (type && *type != "auth") reader.fail_field("type", "the first message must be {\"type\":\"auth\",...}");
  if (auto token = reader.string("token", wire::Need::required)) out.token = std::move(*token);
  out.last_event_id = reader.integer("last_event_id");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

std::string encode_ready_message(const core::Actor& actor, std::optional<std::int64_t> resumed_after) {
  bj::object out;
  out["type"] = "ready";
  out["user"] = actor.username;
  out["role"] = to_string(actor.role);
  out["resumed_after"] = resumed_after ? bj::value(*resumed_after) : bj::value(nullptr);
  return wire::serialize(out);
}

std::string encode_reset_message(int replay_limit) {
  bj::object out;
  out["type"] = "reset";
  out["reason"] = "more than " + std::to_string(replay_limit) + " events were missed; reload the lists";
  return wire::serialize(out);
}

}  // namespace hotline::net::json
