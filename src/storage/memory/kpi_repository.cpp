#include "storage/memory/kpi_repository.hpp"

#include <string>

#include "core/kpi_ledger.hpp"

namespace hotline::storage::memory {
InMemoryKpiRepository::InMemoryKpiRepository(core::KpiConfig config) : config_(std::move(config)) {}

void InMemoryKpiRepository::add_deltas(State& state, const core::KpiDeltas& deltas) {
  for (const auto& [month, counters] : deltas.months()) {
    auto& entry = state.counters[month];
    entry.month = month;
    entry += counters;
  }
}

namespace {

// The ledger's questions answered from a `State`'s records.
class StateFacts final : public core::KpiFacts {
 public:
  explicit StateFacts(const InMemoryKpiRepository::State& state) : state_(state) {}

  std::optional<core::TicketRecord> ticket(std::int64_t ticket) override {
    auto it = state_.tickets.find(ticket);
    if (it == state_.tickets.end()) return std::nullopt;
    return state_.records.tickets[it->second];
  }
  std::optional<core::DispatchRecord> latest_dispatch(std::int64_t ticket) override {
    auto it = state_.latest_dispatch.find(ticket);
    if (it == state_.latest_dispatch.end()) return std::nullopt;
    return state_.records.dispatches[it->second];
  }
  std::optional<core::Timestamp> first_dissatisfied_rating(std::int64_t ticket) override {
    auto it = state_.first_dissatisfied.find(ticket);
    if (it == state_.first_dissatisfied.end()) return std::nullopt;
    return state_.records.result_ratings[it->second].rated_at;
  }
  bool called_back_in_time(std::int64_t ticket) override { return state_.called_back_in_time.contains(ticket); }
  bool call_recorded(const std::string& call_id) override { return state_.call_ids.contains(call_id); }

 private:
  const InMemoryKpiRepository::State& state_;
};

}  // namespace

core::Result<void> InMemoryKpiRepository::persist(State& state, const core::KpiWrites& writes) {
  auto& records = state.records;
  std::set<std::int64_t> recorded;
  for (const auto& r : writes.records.tickets)
    if (state.tickets.contains(r.ticket) || !recorded.insert(r.ticket).second)
      return core::fail(core::ErrorCode::conflict, "ticket " + std::to_string(r.ticket) + " is already recorded",
                        "ticket");
  auto append = [](auto& into, const auto& from) { into.insert(into.end(), from.begin(), from.end()); };
  append(records.calls, writes.records.calls);
  for (const auto& r : writes.records.calls)
    if (!r.call_id.empty()) state.call_ids.insert(r.call_id);
  append(records.dialogues, writes.records.dialogues);
  for (const auto& r : writes.records.tickets) {
    state.tickets.emplace(r.ticket, records.tickets.size());
    records.tickets.push_back(r);
  }
  for (const auto& r : writes.records.dispatches) {
    state.latest_dispatch[r.ticket] = records.dispatches.size();
    records.dispatches.push_back(r);
  }
  append(records.intake_ratings, writes.records.intake_ratings);
  for (const auto& r : writes.records.result_ratings) {
    if (r.level == core::Rating::dissatisfied) state.first_dissatisfied.emplace(r.ticket, records.result_ratings.size());
    records.result_ratings.push_back(r);
  }
  for (const auto& r : writes.records.callbacks) {
    if (r.in_time) state.called_back_in_time.insert(r.ticket);
    records.callbacks.push_back(r);
  }
  append(records.platform, writes.records.platform);
  for (const auto& [ticket, at] : writes.first_dispatches) records.tickets[state.tickets.at(ticket)].dispatched_at = at;
  for (auto ticket : writes.wrong_dispatches) records.dispatches[state.latest_dispatch.at(ticket)].wrong = true;
  add_deltas(state, writes.deltas);
  return {};
}

core::Result<void> InMemoryKpiRepository::add(State& state, const core::KpiRecordBatch& batch) const {
  StateFacts facts(state);
  core::KpiLedger ledger(config_, facts);
  auto added = ledger.add(batch);
  if (!added) return added;
  return persist(state, ledger.take_writes());
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
  StateFacts facts(state_);
  core::KpiLedger ledger(config_, facts);
  ledger.apply(change);
  // The ledger registers no ticket that is already recorded: no failure mode.
  (void)persist(state_, ledger.take_writes());
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

core::KpiConfig InMemoryKpiRepository::config() {
  std::lock_guard lock(mutex_);
  return config_;
}

core::Result<core::KpiRebuildSummary> InMemoryKpiRepository::change_config(const core::KpiConfig& config) {
  std::lock_guard lock(mutex_);
  config_ = config;
  state_.counters = recompute_all();
  return core::KpiRebuildSummary{static_cast<std::int64_t>(state_.counters.size())};
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
