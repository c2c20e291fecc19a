#pragma once
// The raw records behind the KPIs, their text columns (shared by the CSV/JSON Lines importers and
// the HTTP API), and the pure rules that say which monthly counters each record moves.
//
// Kinds and columns (`?` = may be empty; times are ISO 8601 with an offset, "YYYY-MM-DD hh:mm:ss"
// in China time, or epoch seconds; flags are 0/1 or true/false):
//   call           offered_at, answered_at?, ended_at, agent?, skill?, caller?, call_id?  (no answered_at: abandoned;
//                  call_id: the PBX's id, a call with a stored id is not stored or counted again)
//   dialogue       session?, channel?, asked_at, answered_at?                    (first human answer)
//   ticket         ticket, type, channel?, registered_at, resolved_at_intake?, dispatched_at? (first dispatch)
//   dispatch       ticket, dispatched_at, unit?, wrong?        (one dispatch operation; wrong = upheld return)
//   intake_rating  ticket?, rated_at, level    (very_satisfied|satisfied|basically_satisfied|dissatisfied|invalid)
//   result_rating  ticket, rated_at, level
//   callback       ticket, done_at, in_time   (callback of a ticket whose result was rated dissatisfied)
//   platform       from, to, normal           (a span of service time, in normal operation or not)

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/kpi.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"

namespace hotline::core {

enum class KpiRecordKind { call, dialogue, ticket, dispatch, intake_rating, result_rating, callback, platform };
std::string_view to_string(KpiRecordKind kind);
std::optional<KpiRecordKind> parse_kpi_record_kind(std::string_view text);
const std::vector<KpiRecordKind>& all_kpi_record_kinds();
// The column names of `kind`, required ones first; see the table above.
const std::vector<std::string_view>& kpi_record_columns(KpiRecordKind kind);

struct CallRecord {
  Timestamp offered_at{};                 // offered to the agent queue
  std::optional<Timestamp> answered_at;   // empty: abandoned
  Timestamp ended_at{};
  std::string agent;
  std::string skill;
  std::string caller;
  std::string call_id;  // the PBX's id (CTI events); empty for imported files without one
};

struct DialogueRecord {
  std::string session;
  Channel channel = Channel::online_chat;
  Timestamp asked_at{};                   // the citizen's question
  std::optional<Timestamp> answered_at;   // the first human answer
};

struct TicketRecord {
  std::int64_t ticket = 0;
  TicketType type = TicketType::inquiry;
  Channel channel = Channel::phone;
  Timestamp registered_at{};
  bool resolved_at_intake = false;
  std::optional<Timestamp> dispatched_at;  // the first dispatch
};

struct DispatchRecord {
  std::int64_t ticket = 0;
  Timestamp dispatched_at{};
  std::string unit;
  bool wrong = false;  // a return was upheld: the dispatch was wrong
};

struct IntakeRatingRecord {
  std::int64_t ticket = 0;
  Timestamp rated_at{};
  std::optional<Rating> level;  // empty: invalid rating
};

struct ResultRatingRecord {
  std::int64_t ticket = 0;
  Timestamp rated_at{};
  Rating level = Rating::satisfied;
};

struct CallbackRecord {
  std::int64_t ticket = 0;
  Timestamp done_at{};
  bool in_time = false;
};

struct PlatformRecord {
  Timestamp from{};
  Timestamp to{};
  bool normal = true;
};

// Records of any kinds, grouped by kind so a backend can insert each group with one statement.
struct KpiRecordBatch {
  std::vector<CallRecord> calls;
  std::vector<DialogueRecord> dialogues;
  std::vector<TicketRecord> tickets;
  std::vector<DispatchRecord> dispatches;
  std::vector<IntakeRatingRecord> intake_ratings;
  std::vector<ResultRatingRecord> result_ratings;
  std::vector<CallbackRecord> callbacks;
  std::vector<PlatformRecord> platform;

  std::size_t size() const;
  void clear();
};

// Returns a field's text by column name; nullopt when the column is absent.
using KpiFieldLookup = std::function<std::optional<std::string_view>(std::string_view column)>;

// Parses one record of `kind` from its fields and appends it to `into`. Errors: invalid_argument
// naming the field (missing required field, bad time, unknown level, times out of order).
[[nodiscard]] Result<void> parse_kpi_record(KpiRecordKind kind, const KpiFieldLookup& fields, KpiRecordBatch& into);
// Accepts ISO 8601 ("2023-01-05T08:03:12+08:00", "...Z"), "2023-01-05 08:03:12" (China time) or
// epoch seconds.
std::optional<Timestamp> parse_record_time(std::string_view text);
std::string format_record_time(Timestamp at);  // "2023-01-05T08:03:12+08:00"

// Counter changes by month; what a batch adds to the stored counters.
class KpiDeltas {
 public:
  void add(YearMonth month, KpiCounter counter, std::int64_t by = 1);
  const std::map<YearMonth, MonthCounters>& months() const { return months_; }
  bool empty() const { return months_.empty(); }
  void clear() { months_.clear(); }

 private:
  std::map<YearMonth, MonthCounters> months_;
};

// What each record adds. Result ratings and callbacks depend on other records of the same ticket,
// so the storage tells: whether this is the ticket's first dissatisfied result rating, and for a
// callback, the month of the ticket's dissatisfied rating when this is its first in-time callback.
void count_record(const CallRecord& record, const KpiConfig& config, KpiDeltas& deltas);
void count_record(const DialogueRecord& record, const KpiConfig& config, KpiDeltas& deltas);
void count_record(const TicketRecord& record, const KpiConfig& config, KpiDeltas& deltas);
void count_registration(TicketType type, Timestamp registered_at, KpiDeltas& deltas);
void count_first_dispatch(TicketType type, Timestamp registered_at, Timestamp dispatched_at, const KpiConfig& config,
                          KpiDeltas& deltas);
void count_record(const DispatchRecord& record, KpiDeltas& deltas);
void count_record(const IntakeRatingRecord& record, KpiDeltas& deltas);
void count_first_dissatisfied_result(const ResultRatingRecord& record, KpiDeltas& deltas);
void count_callback_in_time(YearMonth rating_month, KpiDeltas& deltas);
// Splits the span at month boundaries (China time).
void count_record(const PlatformRecord& record, KpiDeltas& deltas);

// What a live ticket event means for the KPI records (the ticket repositories apply it in the
// same transaction as the event). `after` is the ticket with the event applied.
struct KpiTicketChange {
  std::int64_t ticket = 0;
  std::optional<TicketRecord> registered;      // register: a new ticket record
  std::optional<Timestamp> first_dispatch_at;  // the ticket's first dispatch
  std::optional<DispatchRecord> dispatch;      // dispatch or redo: one dispatch operation
  bool last_dispatch_wrong = false;            // uphold_return: the latest dispatch was wrong
  std::optional<ResultRatingRecord> result_rating;  // callback with a rating of the result
  std::optional<IntakeRatingRecord> intake_rating;  // rate_intake
  std::optional<CallbackRecord> callback;           // a callback that reached the citizen (rated or refused)
  bool empty() const {
    return !registered && !first_dispatch_at && !dispatch && !last_dispatch_wrong && !result_rating &&
           !intake_rating && !callback;
  }
};
KpiTicketChange kpi_change_for(const Ticket& after, const TicketEvent& event);

}  // namespace hotline::core
