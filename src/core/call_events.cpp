#include "core/call_events.hpp"

#include <map>
#include <optional>

namespace hotline::core {
namespace {

std::string field(std::size_t index, std::string_view name) {
  return "events[" + std::to_string(index) + "]." + std::string(name);
}

Error bad(std::size_t index, std::string_view name, const std::string& message) {
  return make_error(ErrorCode::invalid_argument, field(index, name) + " " + message, field(index, name));
}

struct Pending {
  std::optional<std::size_t> offered;  // index of the offered event
  std::optional<std::size_t> outcome;  // index of the answered/abandoned event
};

}  // namespace

std::string_view to_string(CallEventKind kind) {
  switch (kind) {
    case CallEventKind::offered: return "offered";
    case CallEventKind::answered: return "answered";
    case CallEventKind::abandoned: return "abandoned";
  }
  return "unknown";
}

std::optional<CallEventKind> parse_call_event_kind(std::string_view text) {
  for (auto kind : {CallEventKind::offered, CallEventKind::answered, CallEventKind::abandoned})
    if (to_string(kind) == text) return kind;
  return std::nullopt;
}

Result<std::vector<CallRecord>> pair_call_events(const std::vector<CallEvent>& events) {
  if (events.size() > kMaxCallEvents)
    return fail(ErrorCode::invalid_argument, "at most " + std::to_string(kMaxCallEvents) + " events", "events");
  std::map<std::string, Pending> calls;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.call_id.empty()) return bad(i, "call_id", "is required");
    if (e.call_id.size() > 100) return bad(i, "call_id", "is too long");
    auto [it, inserted] = calls.try_emplace(e.call_id);
    if (inserted) order.push_back(e.call_id);
    auto& slot = e.event == CallEventKind::offered ? it->second.offered : it->second.outcome;
    if (slot) return bad(i, "event", "repeats an event of call " + e.call_id);
    slot = i;
  }
  std::vector<CallRecord> records;
  records.reserve(order.size());
  for (const auto& id : order) {
    const auto& pending = calls.at(id);
    if (!pending.offered) return bad(*pending.outcome, "call_id", "has no offered event");
    if (!pending.outcome) return bad(*pending.offered, "call_id", "has no answered or abandoned event");
    const auto& offered = events[*pending.offered];
    const auto& outcome = events[*pending.outcome];
    if (outcome.at < offered.at) return bad(*pending.outcome, "at", "is before the call was offered");
    CallRecord r;
    r.call_id = id;
    r.offered_at = offered.at;
    if (outcome.event == CallEventKind::answered) r.answered_at = outcome.at;
    r.ended_at = outcome.at;  // the PBX reports no hang-up here: the record ends at its outcome
    r.agent = outcome.agent;
    r.skill = offered.queue;
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace hotline::core
