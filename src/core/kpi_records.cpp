#include "core/kpi_records.hpp"

#include <array>
#include <charconv>

#include "core/china_time.hpp"
#include "core/event_payload.hpp"

namespace hotline::core {
namespace {

const std::array<std::string_view, 8> kKindNames{"call",          "dialogue",      "ticket",   "dispatch",
                                                 "intake_rating", "result_rating", "callback", "platform"};

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Field access with the error naming the column.
class Fields {
 public:
  explicit Fields(const KpiFieldLookup& lookup) : lookup_(lookup) {}

  std::string_view text(std::string_view column) const {
    auto value = lookup_(column);
    return value ? *value : std::string_view{};
  }
  Result<std::string_view> required(std::string_view column) const {
    auto value = text(column);
    if (value.empty()) return fail(ErrorCode::invalid_argument, std::string(column) + " is required", std::string(column));
    return value;
  }
  Result<Timestamp> time(std::string_view column) const {
    auto value = required(column);
    if (!value) return value.error();
    auto parsed = parse_record_time(*value);
    if (!parsed) return bad(column, "is not a time");
    return *parsed;
  }
  Result<std::optional<Timestamp>> optional_time(std::string_view column) const {
    auto value = text(column);
    if (value.empty()) return std::optional<Timestamp>{};
    auto parsed = parse_record_time(value);
    if (!parsed) return bad(column, "is not a time");
    return std::optional<Timestamp>{*parsed};
  }
  Result<bool> flag(std::string_view column, bool required_field) const {
    auto value = text(column);
    if (value.empty()) {
      if (required_field) return fail(ErrorCode::invalid_argument, std::string(column) + " is required", std::string(column));
      return false;
    }
    if (value == "1" || value == "true") return true;
    if (value == "0" || value == "false") return false;
    return bad(column, "must be 0/1 or true/false");
  }
  Result<std::int64_t> ticket(std::string_view column, bool required_field) const {
    auto value = text(column);
    if (value.empty()) {
      if (required_field) return fail(ErrorCode::invalid_argument, std::string(column) + " is required", std::string(column));
      return std::int64_t{0};
    }
    auto parsed = parse_int(value);
    if (!parsed || *parsed <= 0) return bad(column, "must be a positive integer");
    return *parsed;
  }
  Error bad(std::string_view column, std::string_view why) const {
    return make_error(ErrorCode::invalid_argument,
                      std::string(column) + " " + std::string(why) + ": '" + std::string(text(column)) + "'",
                      std::string(column));
  }

 private:
  const KpiFieldLookup& lookup_;
};

Error out_of_order(std::string_view later, std::string_view earlier) {
  return make_error(ErrorCode::invalid_argument, std::string(later) + " is before " + std::string(earlier),
                    std::string(later));
}

// Unwraps a Result<T> into `var` or returns its error from the enclosing function.
#define HOTLINE_TRY_ASSIGN(var, expr)       \
  auto var##_result = (expr);               \
  if (!var##_result) return var##_result.error(); \
  auto var = *var##_result

Result<void> parse_call(const Fields& f, KpiRecordBatch& into) {
  CallRecord r;
  HOTLINE_TRY_ASSIGN(offered, f.time("offered_at"));
  HOTLINE_TRY_ASSIGN(answered, f.optional_time("answered_at"));
  HOTLINE_TRY_ASSIGN(ended, f.time("ended_at"));
  if (answered && *answered < offered) return out_of_order("answered_at", "offered_at");
  if (ended < (answered ? *answered : offered)) return out_of_order("ended_at", answered ? "answered_at" : "offered_at");
  r.offered_at = offered;
  r.answered_at = answered;
  r.ended_at = ended;
  r.agent = f.text("agent");
  r.skill = f.text("skill");
  r.caller = f.text("caller");
  r.call_id = f.text("call_id");
  into.calls.push_back(std::move(r));
  return {};
}

Result<void> parse_dialogue(const Fields& f, KpiRecordBatch& into) {
  DialogueRecord r;
  r.session = f.text("session");
  if (auto channel = f.text("channel"); !channel.empty()) {
    auto parsed = parse_channel(channel);
    if (!parsed) return f.bad("channel", "is not a channel");
    r.channel = *parsed;
  }
  HOTLINE_TRY_ASSIGN(asked, f.time("asked_at"));
  HOTLINE_TRY_ASSIGN(answered, f.optional_time("answered_at"));
  if (answered && *answered < asked) return out_of_order("answered_at", "asked_at");
  r.asked_at = asked;
  r.answered_at = answered;
  into.dialogues.push_back(std::move(r));
  return {};
}

Result<void> parse_ticket(const Fields& f, KpiRecordBatch& into) {
  TicketRecord r;
  HOTLINE_TRY_ASSIGN(ticket, f.ticket("ticket", true));
  auto type = parse_ticket_type(f.text("type"));
  if (!type) return f.bad("type", "is not a ticket type");
  if (auto channel = f.text("channel"); !channel.empty()) {
    auto parsed = parse_channel(channel);
    if (!parsed) return f.bad("channel", "is not a channel");
    r.channel = *parsed;
  }
  HOTLINE_TRY_ASSIGN(registered, f.time("registered_at"));
  HOTLINE_TRY_ASSIGN(resolved, f.flag("resolved_at_intake", false));
  HOTLINE_TRY_ASSIGN(dispatched, f.optional_time("dispatched_at"));
  if (dispatched && *dispatched < registered) return out_of_order("dispatched_at", "registered_at");
  if (resolved && dispatched)
    return make_error(ErrorCode::invalid_argument, "a ticket resolved at intake cannot have been dispatched",
                      "resolved_at_intake");
  r.ticket = ticket;
  r.type = *type;
  r.registered_at = registered;
  r.resolved_at_intake = resolved;
  r.dispatched_at = dispatched;
  into.tickets.push_back(r);
  return {};
}

Result<void> parse_dispatch(const Fields& f, KpiRecordBatch& into) {
  DispatchRecord r;
  HOTLINE_TRY_ASSIGN(ticket, f.ticket("ticket", true));
  HOTLINE_TRY_ASSIGN(at, f.time("dispatched_at"));
  HOTLINE_TRY_ASSIGN(wrong, f.flag("wrong", false));
  r.ticket = ticket;
  r.dispatched_at = at;
  r.unit = f.text("unit");
  r.wrong = wrong;
  into.dispatches.push_back(std::move(r));
  return {};
}

Result<std::optional<Rating>> parse_level(const Fields& f, bool allow_invalid) {
  auto text = f.text("level");
  if (allow_invalid && text == "invalid") return std::optional<Rating>{};
  auto level = parse_rating(text);
  if (!level) return f.bad("level", allow_invalid ? "must be a rating level or invalid" : "must be a rating level");
  return std::optional<Rating>{*level};
}

Result<void> parse_intake_rating(const Fields& f, KpiRecordBatch& into) {
  HOTLINE_TRY_ASSIGN(ticket, f.ticket("ticket", false));
  HOTLINE_TRY_ASSIGN(at, f.time("rated_at"));
  HOTLINE_TRY_ASSIGN(level, parse_level(f, true));
  into.intake_ratings.push_back(IntakeRatingRecord{ticket, at, level});
  return {};
}

Result<void> parse_result_rating(const Fields& f, KpiRecordBatch& into) {
  HOTLINE_TRY_ASSIGN(ticket, f.ticket("ticket", true));
  HOTLINE_TRY_ASSIGN(at, f.time("rated_at"));
  HOTLINE_TRY_ASSIGN(level, parse_level(f, false));
  into.result_ratings.push_back(ResultRatingRecord{ticket, at, *level});
  return {};
}

Result<void> parse_callback(const Fields& f, KpiRecordBatch& into) {
  HOTLINE_TRY_ASSIGN(ticket, f.ticket("ticket", true));
  HOTLINE_TRY_ASSIGN(at, f.time("done_at"));
  HOTLINE_TRY_ASSIGN(in_time, f.flag("in_time", true));
  into.callbacks.push_back(CallbackRecord{ticket, at, in_time});
  return {};
}

Result<void> parse_platform(const Fields& f, KpiRecordBatch& into) {
  HOTLINE_TRY_ASSIGN(from, f.time("from"));
  HOTLINE_TRY_ASSIGN(to, f.time("to"));
  HOTLINE_TRY_ASSIGN(normal, f.flag("normal", true));
  if (!(from < to)) return out_of_order("to", "from");
  into.platform.push_back(PlatformRecord{from, to, normal});
  return {};
}

#undef HOTLINE_TRY_ASSIGN

}  // namespace

std::string_view to_string(KpiRecordKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<KpiRecordKind> parse_kpi_record_kind(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == text) return static_cast<KpiRecordKind>(i);
  return std::nullopt;
}

const std::vector<KpiRecordKind>& all_kpi_record_kinds() {
  static const std::vector<KpiRecordKind> kinds{KpiRecordKind::call,          KpiRecordKind::dialogue,
                                                KpiRecordKind::ticket,        KpiRecordKind::dispatch,
                                                KpiRecordKind::intake_rating, KpiRecordKind::result_rating,
                                                KpiRecordKind::callback,      KpiRecordKind::platform};
  return kinds;
}

const std::vector<std::string_view>& kpi_record_columns(KpiRecordKind kind) {
  static const std::array<std::vector<std::string_view>, 8> columns{{
      {"offered_at", "ended_at", "answered_at", "agent", "skill", "caller", "call_id"},
      {"asked_at", "answered_at", "session", "channel"},
      {"ticket", "type", "registered_at", "channel", "resolved_at_intake", "dispatched_at"},
      {"ticket", "dispatched_at", "unit", "wrong"},
      {"rated_at", "level", "ticket"},
      {"ticket", "rated_at", "level"},
      {"ticket", "done_at", "in_time"},
      {"from", "to", "normal"},
  }};
  return columns[static_cast<std::size_t>(kind)];
}

std::size_t KpiRecordBatch::size() const {
  return calls.size() + dialogues.size() + tickets.size() + dispatches.size() + intake_ratings.size() +
         result_ratings.size() + callbacks.size() + platform.size();
}

void KpiRecordBatch::clear() {
  calls.clear();
  dialogues.clear();
  tickets.clear();
  dispatches.clear();
  intake_ratings.clear();
  result_ratings.clear();
  callbacks.clear();
  platform.clear();
}

Result<void> parse_kpi_record(KpiRecordKind kind, const KpiFieldLookup& lookup, KpiRecordBatch& into) {
  Fields fields(lookup);
  switch (kind) {
    case KpiRecordKind::call: return parse_call(fields, into);
    case KpiRecordKind::dialogue: return parse_dialogue(fields, into);
    case KpiRecordKind::ticket: return parse_ticket(fields, into);
    case KpiRecordKind::dispatch: return parse_dispatch(fields, into);
    case KpiRecordKind::intake_rating: return parse_intake_rating(fields, into);
    case KpiRecordKind::result_rating: return parse_result_rating(fields, into);
    case KpiRecordKind::callback: return parse_callback(fields, into);
    case KpiRecordKind::platform: return parse_platform(fields, into);
  }
  return fail(ErrorCode::invalid_argument, "unknown record kind");
}

std::optional<Timestamp> parse_record_time(std::string_view text) {
  if (text.find('-') == std::string_view::npos) {
    auto epoch = parse_int(text);
    if (!epoch) return std::nullopt;
    return from_epoch(*epoch);
  }
  return parse_timestamp(text, TimestampSyntax::record);
}

std::string format_record_time(Timestamp at) {
  return format_timestamp(at);
}

void KpiDeltas::add(YearMonth month, KpiCounter counter, std::int64_t by) {
  auto& entry = months_[month];
  entry.month = month;
  entry[counter] += by;
}

void count_record(const CallRecord& r, const KpiConfig&, KpiDeltas& deltas) {
  YearMonth month = year_month_of(r.offered_at);
  deltas.add(month, KpiCounter::calls_offered);
  if (r.answered_at) deltas.add(month, KpiCounter::calls_answered);
}

void count_record(const DialogueRecord& r, const KpiConfig& config, KpiDeltas& deltas) {
  YearMonth month = year_month_of(r.asked_at);
  deltas.add(month, KpiCounter::dialogues);
  if (r.answered_at && to_epoch(*r.answered_at) - to_epoch(r.asked_at) <= config.online_response_limit_seconds)
    deltas.add(month, KpiCounter::dialogues_timely);
}

void count_registration(TicketType type, Timestamp registered_at, KpiDeltas& deltas) {
  if (type == TicketType::inquiry) deltas.add(year_month_of(registered_at), KpiCounter::inquiries);
}

void count_first_dispatch(TicketType type, Timestamp registered_at, Timestamp dispatched_at, const KpiConfig& config,
                          KpiDeltas& deltas) {
  YearMonth month = year_month_of(dispatched_at);
  deltas.add(month, KpiCounter::tickets_dispatched);
  if (to_epoch(dispatched_at) - to_epoch(registered_at) <= config.dispatch_limit_seconds)
    deltas.add(month, KpiCounter::tickets_dispatched_timely);
  if (type == TicketType::inquiry) deltas.add(year_month_of(registered_at), KpiCounter::inquiries_dispatched);
}

void count_record(const TicketRecord& r, const KpiConfig& config, KpiDeltas& deltas) {
  count_registration(r.type, r.registered_at, deltas);
  if (r.dispatched_at) count_first_dispatch(r.type, r.registered_at, *r.dispatched_at, config, deltas);
}

void count_record(const DispatchRecord& r, KpiDeltas& deltas) {
  YearMonth month = year_month_of(r.dispatched_at);
  deltas.add(month, KpiCounter::dispatch_operations);
  if (r.wrong) deltas.add(month, KpiCounter::dispatch_operations_wrong);
}

void count_record(const IntakeRatingRecord& r, KpiDeltas& deltas) {
  YearMonth month = year_month_of(r.rated_at);
  if (!r.level) {
    deltas.add(month, KpiCounter::intake_invalid);
    return;
  }
  constexpr std::array<KpiCounter, 4> levels{KpiCounter::intake_very_satisfied, KpiCounter::intake_satisfied,
                                             KpiCounter::intake_basically_satisfied, KpiCounter::intake_dissatisfied};
  deltas.add(month, levels[static_cast<std::size_t>(*r.level)]);
}

void count_first_dissatisfied_result(const ResultRatingRecord& r, KpiDeltas& deltas) {
  deltas.add(year_month_of(r.rated_at), KpiCounter::result_dissatisfied);
}

void count_callback_in_time(YearMonth rating_month, KpiDeltas& deltas) {
  deltas.add(rating_month, KpiCounter::result_dissatisfied_called_back_in_time);
}

void count_record(const PlatformRecord& r, KpiDeltas& deltas) {
  Timestamp start = r.from;
  while (start < r.to) {
    YearMonth month = year_month_of(start);
    Timestamp end = std::min(r.to, month_start(next_month(month)));
    std::int64_t seconds = to_epoch(end) - to_epoch(start);
    deltas.add(month, KpiCounter::platform_service_seconds, seconds);
    if (r.normal) deltas.add(month, KpiCounter::platform_normal_seconds, seconds);
    start = end;
  }
}

KpiTicketChange kpi_change_for(const Ticket& after, const TicketEvent& event) {
  KpiTicketChange change;
  change.ticket = after.id;
  switch (event.action) {
    case Action::register_ticket:
      change.registered = TicketRecord{after.id, after.type, after.channel, after.created_at, false, std::nullopt};
      break;
    case Action::dispatch:
    case Action::redo:
      change.dispatch = DispatchRecord{after.id, event.at, after.lead_unit, false};
      if (event.action == Action::dispatch && after.dispatch_count == 1) change.first_dispatch_at = event.at;
      break;
    case Action::uphold_return:
      change.last_dispatch_wrong = true;
      break;
    case Action::recall:
      // 撤回 before acknowledgement: the dispatch stays an operation, not a wrong one; the next
      // dispatch has dispatch_count > 1, so the first dispatch's timeliness is not counted again.
      break;
    case Action::callback: {
      auto data = event_data<CallbackData>(event);
      if (data.outcome == CallbackOutcome::rated && data.rating)
        change.result_rating = ResultRatingRecord{after.id, event.at, *data.rating};
      // Unreachable attempts reach nobody: the ticket was not called back.
      if (data.outcome != CallbackOutcome::unreachable) change.callback = CallbackRecord{after.id, event.at, data.in_time};
      break;
    }
    case Action::rate_intake:
      change.intake_rating = IntakeRatingRecord{after.id, event.at, event_data<IntakeRatingData>(event).rating};
      break;
    default:
      break;
  }
  return change;
}

}  // namespace hotline::core
