#pragma once
// CTI call events from the PBX (POST /api/v1/calls) and the one rule that turns them into the call
// records of table 8 (call answer rate): per call id, an `offered` event and one outcome
// (`answered` or `abandoned`) make one `CallRecord`. Idempotency across batches is the KPI
// ledger's (a stored call id is skipped, see `KpiLedger::add`). Pure; no I/O.

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/kpi_records.hpp"
#include "core/result.hpp"

namespace hotline::core {

enum class CallEventKind { offered, answered, abandoned };
std::string_view to_string(CallEventKind kind);
std::optional<CallEventKind> parse_call_event_kind(std::string_view text);

struct CallEvent {
  std::string call_id;
  CallEventKind event = CallEventKind::offered;
  Timestamp at{};
  std::string queue;  // the PBX queue (skill group)
  std::string agent;  // answered: the agent who took the call
};

inline constexpr std::size_t kMaxCallEvents = 10000;

// One call record per call id, in the order the calls were first offered in `events`. Each call id
// needs exactly one offered event and one outcome, the outcome not before the offer. Errors:
// invalid_argument naming the event, e.g. "events[3].call_id", "events[4].at", "events[5].event".
[[nodiscard]] Result<std::vector<CallRecord>> pair_call_events(const std::vector<CallEvent>& events);

}  // namespace hotline::core
