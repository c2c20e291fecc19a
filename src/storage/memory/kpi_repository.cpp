#include "storage/memory/kpi_repository.hpp"

namespace hotline::storage::memory {
InMemoryKpiRepository::InMemoryKpiRepository(core::KpiConfig config) : config_(std::move(config)) {}

void InMemoryKpiRepository::add_deltas(State& state, const core::KpiDeltas& deltas) {
  for (const auto& [month, counters] : deltas.months()) {
    auto& entry = state.counters[month];
    entry.month = month;
    entry += counters;
  }
}

core::Result<void> InMemoryKpiRepository::add(State& state, const core::KpiRecordBatch& batch) const {
  core::KpiDeltas deltas;
  auto& records = state.records;
  for (const auto& r : batch.calls) {
    records.calls.push_back(r);
    core::count_record(r, config_, deltas);
  }
  for (const auto& r : batch.dialogues) {
    records.dialogues.push_back(r);
    core::count_record(r, config_, deltas);
  }
  for (const auto& r : batch.tickets) {
    if (state.tickets.contains(r.ticket))
      return core::fail(core::ErrorCode::conflict, "ticket " + std::to_string(r.ticket) + " is already recorded",
                        "ticket");
    state.tickets.emplace(r.ticket, records.tickets.size());
    records.tickets.push_back(r);
    core::count_record(r, config_, deltas);
  }
  for (const auto& r : batch.dispatches) {
    records.dispatches.push_back(r);
    core::count_record(r, deltas);
  }
  for (const auto& r : batch.intake_ratings) {
    records.intake_ratings.push_back(r);
    core::count_record(r, deltas);
  }
  for (const auto& r : batch.result_ratings) {
    if (r.level == core::Rating::dissatisfied && !state.first_dissatisfied.contains(r.ticket)) {
      state.first_dissatisfied.emplace(r.ticket, records.result_ratings.size());
      core::count_first_dissatisfied_result(r, deltas);
    }
    records.result_ratings.push_back(r);
  }
  for (const auto& r : batch.callbacks) {
    auto rating = state.first_dissatisfied.find(r.ticket);
    if (rating == state.first_dissatisfied.end())
      return core::fail(core::ErrorCode::invalid_argument,
                        "callback of ticket " + std::to_string(r.ticket) + ", which has no dissatisfied result rating",
                        "ticket");
    if (r.in_time && state.called_back_in_time.insert(r.ticket).second)
      core::count_callback_in_time(core::year_month_of(records.result_ratings[rating->second].rated_at), deltas);
    records.callbacks.push_back(r);
  }
  for (const auto& r : batch.platform) {
    records.platform.push_back(r);
    core::count_record(r, deltas);
  }
  add_deltas(state, deltas);
  return {};
}

core::Result<core::KpiImportSummary> InMemoryKpiRepository::import_records(core::KpiRecordSource& source) {
  std::lock_guard lock(mutex_);
  State staged = state_;
  core::KpiImportSummary summary;
  core::KpiRecordBatch batch;
  for (;;) {
    auto more = source.next(batch);
    if (!more) return more.error();
    if (!*more) break;
    auto added = add(staged, batch);
    if (!added) return added.error();
    summary.records += static_cast<std::int64_t>(batch.size());
  }
  state_ = std::move(staged);
  return summary;
}

void InMemoryKpiRepository::apply_ticket_event(const core::Ticket& after, const core::TicketEvent& event) {
  auto change = core::kpi_change_for(after, event);
  if (change.empty()) return;
  std::lock_guard lock(mutex_);
  core::KpiDeltas deltas;
  auto& records = state_.records;
  if (change.registered && !state_.tickets.contains(change.ticket)) {
    state_.tickets.emplace(change.ticket, records.tickets.size());
    records.tickets.push_back(*change.registered);
    core::count_registration(change.registered->type, change.registered->registered_at, deltas);
  }
  if (change.first_dispatch_at) {
    auto it = state_.tickets.find(change.ticket);
    if (it != state_.tickets.end() && !records.tickets[it->second].dispatched_at) {
      auto& ticket = records.tickets[it->second];
      ticket.dispatched_at = *change.first_dispatch_at;
      core::count_first_dispatch(ticket.type, ticket.registered_at, *change.first_dispatch_at, config_, deltas);
    }
  }
  add_deltas(state_, deltas);
  core::KpiRecordBatch batch;
  if (change.dispatch) batch.dispatches.push_back(*change.dispatch);
  if (change.result_rating) batch.result_ratings.push_back(*change.result_rating);
  // Dispatches and result ratings have no failure mode in `add`.
  (void)add(state_, batch);
  if (change.last_dispatch_wrong) {
    for (auto it = records.dispatches.rbegin(); it != records.dispatches.rend(); ++it) {
      if (it->ticket != change.ticket) continue;
      if (!it->wrong) {
        it->wrong = true;
        core::KpiDeltas wrong;
        wrong.add(core::year_month_of(it->dispatched_at), core::KpiCounter::dispatch_operations_wrong);
        add_deltas(state_, wrong);
      }
      break;
    }
  }
}

core::Result<std::vector<core::MonthCounters>> InMemoryKpiRepository::counters(int year) {
  std::lock_guard lock(mutex_);
  return core::months_of_year(state_.counters, year);
}

std::map<core::YearMonth, core::MonthCounters> InMemoryKpiRepository::recompute_all() const {
  // Replays the stored records into a fresh state with the incremental rules' reference order.
  State fresh;
  // Tickets may have been dispatched live after they were recorded; their stored form is final.
  (void)add(fresh, state_.records);
  return fresh.counters;
}

core::Result<std::vector<core::MonthCounters>> InMemoryKpiRepository::recompute(int year) {
  std::lock_guard lock(mutex_);
  return core::months_of_year(recompute_all(), year);
}

core::Result<void> InMemoryKpiRepository::rebuild_counters() {
  std::lock_guard lock(mutex_);
  state_.counters = recompute_all();
  return {};
}

core::Result<std::optional<core::EvaluationInputs>> InMemoryKpiRepository::evaluation_inputs(int year) {
  std::lock_guard lock(mutex_);
  auto it = evaluations_.find(year);
  if (it == evaluations_.end()) return std::optional<core::EvaluationInputs>{};
  return std::optional<core::EvaluationInputs>{it->second};
}

core::Result<void> InMemoryKpiRepository::put_evaluation_inputs(const core::EvaluationInputs& inputs) {
  std::lock_guard lock(mutex_);
  evaluations_[inputs.year] = inputs;
  return {};
}

}  // namespace hotline::storage::memory
