#include "core/kpi_ledger.hpp"

#include <string>

namespace hotline::core {

bool KpiWrites::empty() const {
  return records.size() == 0 && first_dispatches.empty() && wrong_dispatches.empty() && deltas.empty();
}

KpiLedger::KpiLedger(const KpiConfig& config, KpiFacts& facts) : config_(config), facts_(facts) {}

std::optional<TicketRecord> KpiLedger::ticket(std::int64_t id) {
  auto it = tickets_.find(id);
  if (it == tickets_.end()) it = tickets_.emplace(id, facts_.ticket(id)).first;
  return it->second;
}

std::optional<Timestamp> KpiLedger::first_dissatisfied(std::int64_t id) {
  auto it = first_dissatisfied_.find(id);
  if (it == first_dissatisfied_.end()) it = first_dissatisfied_.emplace(id, facts_.first_dissatisfied_rating(id)).first;
  return it->second;
}

bool KpiLedger::called_back_in_time(std::int64_t id) {
  return called_back_in_time_.contains(id) || facts_.called_back_in_time(id);
}

void KpiLedger::add_result_rating(const ResultRatingRecord& record) {
  if (record.level == Rating::dissatisfied && !first_dissatisfied(record.ticket)) {
    first_dissatisfied_[record.ticket] = record.rated_at;
    count_first_dissatisfied_result(record, writes_.deltas);
  }
  writes_.records.result_ratings.push_back(record);
}

Result<void> KpiLedger::add(const KpiRecordBatch& batch) {
  // Callbacks are checked first so a refused batch leaves the ledger as it was.
  {
    std::set<std::int64_t> rated_in_batch;
    for (const auto& r : batch.result_ratings)
      if (r.level == Rating::dissatisfied) rated_in_batch.insert(r.ticket);
    for (const auto& r : batch.callbacks) {
      if (!rated_in_batch.contains(r.ticket) && !first_dissatisfied(r.ticket))
        return fail(ErrorCode::invalid_argument,
                    "callback of ticket " + std::to_string(r.ticket) + ", which has no dissatisfied result rating",
                    "ticket");
    }
  }
  auto& records = writes_.records;
  for (const auto& r : batch.calls) {
    if (!r.call_id.empty()) {
      if (call_ids_.contains(r.call_id) || facts_.call_recorded(r.call_id)) continue;
      call_ids_.insert(r.call_id);
    }
    records.calls.push_back(r);
    count_record(r, config_, writes_.deltas);
  }
  for (const auto& r : batch.dialogues) {
    records.dialogues.push_back(r);
    count_record(r, config_, writes_.deltas);
  }
  for (const auto& r : batch.tickets) {
    records.tickets.push_back(r);
    if (auto it = tickets_.find(r.ticket); it != tickets_.end()) it->second = r;
    count_record(r, config_, writes_.deltas);
  }
  for (const auto& r : batch.dispatches) {
    records.dispatches.push_back(r);
    count_record(r, writes_.deltas);
  }
  for (const auto& r : batch.intake_ratings) {
    records.intake_ratings.push_back(r);
    count_record(r, writes_.deltas);
  }
  for (const auto& r : batch.result_ratings) add_result_rating(r);
  for (const auto& r : batch.callbacks) add_callback(r);  // the rating exists: checked above
  for (const auto& r : batch.platform) {
    records.platform.push_back(r);
    count_record(r, writes_.deltas);
  }
  return {};
}

void KpiLedger::add_callback(const CallbackRecord& r) {
  if (r.in_time && !called_back_in_time(r.ticket)) {
    called_back_in_time_.insert(r.ticket);
    count_callback_in_time(year_month_of(*first_dissatisfied(r.ticket)), writes_.deltas);
  }
  writes_.records.callbacks.push_back(r);
}

void KpiLedger::mark_latest_dispatch_wrong(std::int64_t id) {
  auto& pending = writes_.records.dispatches;
  for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
    if (it->ticket != id) continue;
    if (!it->wrong) {
      it->wrong = true;
      writes_.deltas.add(year_month_of(it->dispatched_at), KpiCounter::dispatch_operations_wrong);
    }
    return;
  }
  for (auto marked : writes_.wrong_dispatches)
    if (marked == id) return;
  auto latest = facts_.latest_dispatch(id);
  if (!latest || latest->wrong) return;
  writes_.wrong_dispatches.push_back(id);
  writes_.deltas.add(year_month_of(latest->dispatched_at), KpiCounter::dispatch_operations_wrong);
}

void KpiLedger::apply(const KpiTicketChange& change) {
  if (change.registered && !ticket(change.ticket)) {
    writes_.records.tickets.push_back(*change.registered);
    tickets_[change.ticket] = *change.registered;
    count_registration(change.registered->type, change.registered->registered_at, writes_.deltas);
  }
  if (change.first_dispatch_at) {
    auto& known = tickets_[change.ticket];
    if (!known) known = facts_.ticket(change.ticket);
    if (known && !known->dispatched_at) {
      known->dispatched_at = *change.first_dispatch_at;
      // A record registered by this ledger is still pending: it is inserted with its dispatch.
      bool pending = false;
      for (auto& r : writes_.records.tickets) {
        if (r.ticket != change.ticket) continue;
        r.dispatched_at = *change.first_dispatch_at;
        pending = true;
      }
      if (!pending) writes_.first_dispatches.emplace_back(change.ticket, *change.first_dispatch_at);
      count_first_dispatch(known->type, known->registered_at, *change.first_dispatch_at, config_, writes_.deltas);
    }
  }
  if (change.dispatch) {
    writes_.records.dispatches.push_back(*change.dispatch);
    count_record(*change.dispatch, writes_.deltas);
  }
  if (change.last_dispatch_wrong) mark_latest_dispatch_wrong(change.ticket);
  if (change.result_rating) add_result_rating(*change.result_rating);
  if (change.intake_rating) {
    writes_.records.intake_ratings.push_back(*change.intake_rating);
    count_record(*change.intake_rating, writes_.deltas);
  }
  // Only callbacks of dissatisfied results are records of table 15 (the rating above included).
  if (change.callback && first_dissatisfied(change.ticket)) add_callback(*change.callback);
}

KpiWrites KpiLedger::take_writes() {
  KpiWrites out = std::move(writes_);
  writes_ = {};
  tickets_.clear();
  first_dissatisfied_.clear();
  called_back_in_time_.clear();
  call_ids_.clear();
  return out;
}

}  // namespace hotline::core
