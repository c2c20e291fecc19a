#include "net/json/call_json.hpp"

#include "core/china_time.hpp"
#include "wire/json_reader.hpp"

namespace hotline::net::json {

core::Result<std::vector<core::CallEvent>> decode_call_events(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  std::vector<core::CallEvent> out;
  if (const auto* events = reader.array("events", wire::Need::required)) {
    if (events->size() > core::kMaxCallEvents)
      reader.fail_field("events", "holds more than " + std::to_string(core::kMaxCallEvents) + " events");
    for (std::size_t i = 0; reader.ok() && i < events->size(); ++i) {
      const std::string prefix = "events[" + std::to_string(i) + "]";
      if (!(*events)[i].is_object()) {
        reader.fail(core::make_error(core::ErrorCode::invalid_argument, prefix + " must be an object", prefix));
        break;
      }
      wire::ObjectReader item((*events)[i].as_object(), prefix + ".");
      core::CallEvent event;
      event.call_id = item.string("call_id", wire::Need::required).value_or("");
      if (auto kind = item.enumeration<core::CallEventKind>("event", core::parse_call_event_kind, wire::Need::required))
        event.event = *kind;
      if (auto at = item.string("at", wire::Need::required)) {
        auto parsed_at = core::parse_timestamp(*at);
        if (!parsed_at) item.fail_field("at", "must be an ISO 8601 time with offset");
        else event.at = *parsed_at;
      }
      event.queue = item.string("queue").value_or("");
      event.agent = item.string("agent").value_or("");
      if (auto done = item.finish(); !done) reader.fail(done.error());
      out.push_back(std::move(event));
    }
  }
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

}  // namespace hotline::net::json
