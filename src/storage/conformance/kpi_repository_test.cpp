// Conformance of `core::KpiRepository` (memory and SQLite), including the counters the ticket
// repositories move from live ticket events. Every test checks that recompute agrees.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>
#include <unistd.h>

#include "core/kpi_repository.hpp"
#include "core/workflow.hpp"
#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

using core::KpiCounter;

class BatchSource final : public core::KpiRecordSource {
 public:
  explicit BatchSource(std::vector<core::KpiRecordBatch> batches, bool fail_at_end = false)
      : batches_(std::move(batches)), fail_at_end_(fail_at_end) {}
  core::Result<bool> next(core::KpiRecordBatch& batch) override {
    if (position_ == batches_.size()) {
      if (fail_at_end_) return core::fail(core::ErrorCode::invalid_argument, "line 9: bad row");
      return false;
    }
    batch = batches_[position_++];
    return true;
  }

 private:
  std::vector<core::KpiRecordBatch> batches_;
  std::size_t position_ = 0;
  bool fail_at_end_;
};

core::Timestamp at(const char* text) { return *core::parse_record_time(text); }

class KpiConformance : public ConformanceTest {
 protected:
  core::MonthCounters month(int year_month) {
    auto months = kpi().counters(year_month / 100);
    EXPECT_TRUE(months);
    return (*months)[static_cast<std::size_t>(year_month % 100 - 1)];
  }
  void expect_recompute_agrees(int year) {
    auto stored = kpi().counters(year);
    auto recomputed = kpi().recompute(year);
    ASSERT_TRUE(stored);
    ASSERT_TRUE(recomputed);
    for (std::size_t m = 0; m < 12; ++m) {
      for (std::size_t c = 0; c < core::kKpiCounterCount; ++c)
        EXPECT_EQ((*stored)[m].values[c], (*recomputed)[m].values[c])
            << "month " << (*stored)[m].month << " counter " << core::to_string(static_cast<KpiCounter>(c));
    }
  }
};

core::KpiRecordBatch sample_batch() {
  core::KpiRecordBatch batch;
  batch.calls.push_back({at("2023-01-05 09:00:00"), at("2023-01-05 09:00:20"), at("2023-01-05 09:05:00"), "A1", "consult", "13800000000", ""});
  batch.calls.push_back({at("2023-01-05 09:01:00"), std::nullopt, at("2023-01-05 09:02:00"), "", "consult", "", ""});
  batch.dialogues.push_back({"s1", core::Channel::wechat, at("2023-01-31 23:59:00"), at("2023-02-01 00:01:30")});
  batch.tickets.push_back({1, core::TicketType::inquiry, core::Channel::phone, at("2023-01-10 10:00:00"), true, std::nullopt});
  batch.tickets.push_back({2, core::TicketType::inquiry, core::Channel::phone, at("2023-01-31 23:00:00"), false, at("2023-02-01 03:00:00")});
  batch.tickets.push_back({3, core::TicketType::complaint, core::Channel::web, at("2023-02-03 08:00:00"), false, at("2023-02-03 09:00:00")});
  batch.dispatches.push_back({2, at("2023-02-01 03:00:00"), "U1", true});
  batch.dispatches.push_back({2, at("2023-02-02 03:00:00"), "U2", false});
  batch.dispatches.push_back({3, at("2023-02-03 09:00:00"), "U3", false});
  batch.intake_ratings.push_back({1, at("2023-01-10 10:05:00"), core::Rating::very_satisfied});
  batch.intake_ratings.push_back({0, at("2023-01-10 10:05:00"), std::nullopt});
  batch.result_ratings.push_back({3, at("2023-02-20 10:00:00"), core::Rating::dissatisfied});
  batch.result_ratings.push_back({3, at("2023-03-20 10:00:00"), core::Rating::dissatisfied});  // not a second ticket
  batch.callbacks.push_back({3, at("2023-03-01 10:00:00"), false});
  batch.callbacks.push_back({3, at("2023-03-02 10:00:00"), true});
  batch.callbacks.push_back({3, at("2023-03-03 10:00:00"), true});
  batch.platform.push_back({at("2023-01-01 00:00:00"), at("2023-01-01 01:00:00"), true});
  return batch;
}

TEST_P(KpiConformance, ImportMovesTheCountersOfEachRecordsMonth) {
  BatchSource source({sample_batch()});
  auto summary = kpi().import_records(source);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->records, 17);
  auto january = month(202301);
  auto february = month(202302);
  EXPECT_EQ(january[KpiCounter::calls_offered], 2);
  EXPECT_EQ(january[KpiCounter::calls_answered], 1);
  EXPECT_EQ(january[KpiCounter::dialogues], 1);
  EXPECT_EQ(january[KpiCounter::dialogues_timely], 1);  // answered in February, 150 s after the question
  EXPECT_EQ(january[KpiCounter::inquiries], 2);
  EXPECT_EQ(january[KpiCounter::inquiries_dispatched], 1);
  EXPECT_EQ(february[KpiCounter::tickets_dispatched], 2);
  EXPECT_EQ(february[KpiCounter::tickets_dispatched_timely], 1);
  EXPECT_EQ(february[KpiCounter::dispatch_operations], 3);
  EXPECT_EQ(february[KpiCounter::dispatch_operations_wrong], 1);
  EXPECT_EQ(january[KpiCounter::intake_very_satisfied], 1);
  EXPECT_EQ(january[KpiCounter::intake_invalid], 1);
  EXPECT_EQ(february[KpiCounter::result_dissatisfied], 1);
  EXPECT_EQ(february[KpiCounter::result_dissatisfied_called_back_in_time], 1);
  EXPECT_EQ(month(202303)[KpiCounter::result_dissatisfied], 0);
  EXPECT_EQ(january[KpiCounter::platform_service_seconds], 3600);
  expect_recompute_agrees(2023);
}

TEST_P(KpiConformance, AFailedImportStoresNothing) {
  BatchSource first({sample_batch()});
  ASSERT_TRUE(kpi().import_records(first));
  auto before = kpi().counters(2023);
  core::KpiRecordBatch duplicate;
  duplicate.calls.push_back({at("2023-04-01 09:00:00"), std::nullopt, at("2023-04-01 09:01:00"), "", "", "", ""});
  duplicate.tickets.push_back({2, core::TicketType::inquiry, core::Channel::phone, at("2023-04-01 10:00:00"), true, std::nullopt});
  BatchSource second({duplicate});
  auto result = kpi().import_records(second);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::conflict);
  core::KpiRecordBatch good;
  good.calls = duplicate.calls;
  BatchSource failing({good}, true);
  auto failed = kpi().import_records(failing);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "line 9: bad row");
  EXPECT_EQ(kpi().counters(2023)->at(3), before->at(3));
  expect_recompute_agrees(2023);
}

TEST_P(KpiConformance, CallbackOfATicketWithoutDissatisfiedRatingIsRejected) {
  core::KpiRecordBatch batch;
  batch.result_ratings.push_back({5, at("2023-02-20 10:00:00"), core::Rating::satisfied});
  batch.callbacks.push_back({5, at("2023-02-21 10:00:00"), true});
  BatchSource source({batch});
  auto result = kpi().import_records(source);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::ErrorCode::invalid_argument);
}

// A ticket driven through a repository as the service would: `create`, then one `append` per step.
class LiveTicket {
 public:
  LiveTicket(core::TicketRepository& tickets, const char* type, const char* channel, const char* time)
      : tickets_(tickets) {
    core::TicketEvent event;
    event.action = core::Action::register_ticket;
    event.seq = 1;
    event.at = at(time);
    event.payload = {{"type", type}, {"channel", channel}, {"title", "t"}, {"text", "x"}, {"deadline", "1686000000"}};
    core::apply(ticket_, event);
    auto created = tickets_.create(ticket_, event);
    EXPECT_TRUE(created);
    if (created) ticket_ = created->ticket;
  }

  void step(core::Action action, const char* time, std::map<std::string, std::string> payload) {
    core::TicketEvent next;
    next.ticket_id = ticket_.id;
    next.seq = ticket_.version + 1;
    next.action = action;
    next.at = at(time);
    next.payload = std::move(payload);
    core::Ticket updated = ticket_;
    core::apply(updated, next);
    auto appended = tickets_.append(updated, next, ticket_.version);
    ASSERT_TRUE(appended) << appended.error().message;
    ticket_ = updated;
  }

 private:
  core::TicketRepository& tickets_;
  core::Ticket ticket_;
};

// Drives a ticket through the repository as the service would: register, dispatch, an upheld
// return, a second dispatch, a dissatisfied callback.
TEST_P(KpiConformance, LiveTicketEventsMoveTheCountersInTheirTransaction) {
  LiveTicket ticket(tickets(), "inquiry", "phone", "2023-06-01 09:00:00");
  ticket.step(core::Action::dispatch, "2023-06-01 12:00:00", {{"lead_unit", "440106"}, {"acknowledge_deadline", "1686000000"}});
  ticket.step(core::Action::request_return, "2023-06-02 09:00:00", {});
  ticket.step(core::Action::uphold_return, "2023-06-02 10:00:00", {});
  ticket.step(core::Action::dispatch, "2023-07-01 10:00:00", {{"lead_unit", "440104"}, {"acknowledge_deadline", "1686000000"}});
  ticket.step(core::Action::callback, "2023-07-10 10:00:00", {{"rating", "dissatisfied"}});

  auto june = month(202306);
  auto july = month(202307);
  EXPECT_EQ(june[KpiCounter::inquiries], 1);
  EXPECT_EQ(june[KpiCounter::inquiries_dispatched], 1);
  EXPECT_EQ(june[KpiCounter::tickets_dispatched], 1);
  EXPECT_EQ(june[KpiCounter::tickets_dispatched_timely], 0);  // 3 h > 2 h
  EXPECT_EQ(june[KpiCounter::dispatch_operations], 1);
  EXPECT_EQ(june[KpiCounter::dispatch_operations_wrong], 1);
  EXPECT_EQ(july[KpiCounter::dispatch_operations], 1);
  EXPECT_EQ(july[KpiCounter::dispatch_operations_wrong], 0);
  EXPECT_EQ(july[KpiCounter::result_dissatisfied], 1);
  EXPECT_EQ(july[KpiCounter::result_dissatisfied_called_back_in_time], 1);  // a callback before outcomes: in time
  expect_recompute_agrees(2023);
}

// Live ratings of the intake service and callbacks write the records of tables 14 and 15.
TEST_P(KpiConformance, LiveIntakeRatingsAndCallbacksWriteTheRecordsOfTables14And15) {
  LiveTicket intake(tickets(), "inquiry", "phone", "2023-06-01 09:00:00");
  intake.step(core::Action::rate_intake, "2023-06-01 09:05:00", {{"rating", "basically_satisfied"}});
  LiveTicket in_time(tickets(), "complaint", "phone", "2023-06-01 09:00:00");
  in_time.step(core::Action::callback, "2023-06-10 10:00:00",
               {{"rating", "dissatisfied"}, {"outcome", "rated"}, {"in_time", "1"}});
  LiveTicket late(tickets(), "complaint", "phone", "2023-06-01 09:00:00");
  late.step(core::Action::callback, "2023-06-20 10:00:00", {{"outcome", "unreachable"}, {"attempt", "1"},
                                                            {"next_callback_at", "1687363200"}});
  late.step(core::Action::callback, "2023-06-21 10:00:00",
            {{"rating", "dissatisfied"}, {"outcome", "rated"}, {"in_time", "0"}});
  LiveTicket satisfied(tickets(), "complaint", "phone", "2023-06-01 09:00:00");
  satisfied.step(core::Action::callback, "2023-06-10 10:00:00", {{"rating", "satisfied"}, {"outcome", "rated"}, {"in_time", "1"}});

  auto june = month(202306);
  EXPECT_EQ(june[KpiCounter::intake_basically_satisfied], 1);
  EXPECT_EQ(june[KpiCounter::result_dissatisfied], 2);
  EXPECT_EQ(june[KpiCounter::result_dissatisfied_called_back_in_time], 1);  // the late one is not
  expect_recompute_agrees(2023);
}

TEST_P(KpiConformance, CallsWithAStoredCallIdAreNotStoredOrCountedAgain) {
  core::KpiRecordBatch batch;
  batch.calls.push_back({at("2023-03-01 09:00:00"), at("2023-03-01 09:00:20"), at("2023-03-01 09:00:20"), "A1", "q", "", "pbx-1"});
  batch.calls.push_back({at("2023-03-01 09:01:00"), std::nullopt, at("2023-03-01 09:02:00"), "", "q", "", "pbx-2"});
  BatchSource first({batch});
  ASSERT_TRUE(kpi().import_records(first));
  batch.calls.push_back({at("2023-03-02 09:01:00"), std::nullopt, at("2023-03-02 09:02:00"), "", "q", "", "pbx-3"});
  BatchSource again({batch});
  ASSERT_TRUE(kpi().import_records(again));
  auto march = month(202303);
  EXPECT_EQ(march[KpiCounter::calls_offered], 3);
  EXPECT_EQ(march[KpiCounter::calls_answered], 1);
  expect_recompute_agrees(2023);
}

TEST_P(KpiConformance, RebuildReplacesCountersWithTheRecomputedOnes) {
  BatchSource source({sample_batch()});
  ASSERT_TRUE(kpi().import_records(source));
  ASSERT_TRUE(kpi().rebuild_counters());
  expect_recompute_agrees(2023);
  EXPECT_EQ(month(202301)[KpiCounter::calls_offered], 2);
}

TEST_P(KpiConformance, ChangeConfigRebuildsEveryCounterAndLaterEventsFollowIt) {
  BatchSource source({sample_batch()});
  ASSERT_TRUE(kpi().import_records(source));
  EXPECT_EQ(month(202302)[KpiCounter::tickets_dispatched_timely], 1);  // 4 h and 1 h against 2 h
  core::KpiConfig config;
  config.dispatch_limit_seconds = 5 * 3600;
  config.targets[0] = core::KpiTarget{9000, false};
  auto rebuilt = kpi().change_config(config);
  ASSERT_TRUE(rebuilt) << rebuilt.error().message;
  EXPECT_EQ(rebuilt->months, 2);  // January and February 2023 have counters
  EXPECT_EQ(kpi().config().dispatch_limit_seconds, 5 * 3600);
  EXPECT_EQ(kpi().config().target(core::KpiKey::platform_availability).basis_points, 9000);
  EXPECT_EQ(backend().kpi_config().dispatch_limit_seconds, 5 * 3600);
  EXPECT_EQ(month(202302)[KpiCounter::tickets_dispatched_timely], 2);
  expect_recompute_agrees(2023);

  ASSERT_TRUE(kpi().change_config(core::KpiConfig{}));
  EXPECT_EQ(month(202302)[KpiCounter::tickets_dispatched_timely], 1);
  expect_recompute_agrees(2023);
}

TEST_P(KpiConformance, LiveTicketEventsAfterAChangeAreCountedWithTheNewConfig) {
  core::KpiConfig config;
  config.dispatch_limit_seconds = 5 * 3600;
  ASSERT_TRUE(kpi().change_config(config));
  LiveTicket live(tickets(), "inquiry", "phone", "2023-06-01 09:00:00");
  live.step(core::Action::dispatch, "2023-06-01 12:00:00", {{"lead_unit", "440106"}, {"acknowledge_deadline", "1686000000"}});
  EXPECT_EQ(month(202306)[KpiCounter::tickets_dispatched_timely], 1);  // 3 h <= 5 h
  expect_recompute_agrees(2023);
  auto rebuilt = kpi().change_config(core::KpiConfig{});
  ASSERT_TRUE(rebuilt);
  EXPECT_EQ(rebuilt->months, 1);
  EXPECT_EQ(month(202306)[KpiCounter::tickets_dispatched_timely], 0);  // 3 h > 2 h
  expect_recompute_agrees(2023);
}

// Ticket events racing configuration changes: each is counted with one configuration, the one in
// force when its transaction ran, so the counters still equal a recompute with the final one.
TEST_P(KpiConformance, TicketEventsRacingAConfigChangeAreCountedWithOneConfig) {
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 24; ++i) {
      LiveTicket live(tickets(), "inquiry", "phone", "2023-06-01 09:00:00");
      live.step(core::Action::dispatch, "2023-06-01 12:00:00",
                {{"lead_unit", "440106"}, {"acknowledge_deadline", "1686000000"}});
    }
    done = true;
  });
  core::KpiConfig config;
  for (int i = 0; !done || i < 2; ++i) {
    config.dispatch_limit_seconds = i % 2 == 0 ? 5 * 3600 : 2 * 3600;
    ASSERT_TRUE(kpi().change_config(config));
    (void)kpi().recompute(2023);  // readers copy the configuration while it changes
  }
  writer.join();
  expect_recompute_agrees(2023);
  auto june = month(202306);
  EXPECT_EQ(june[KpiCounter::tickets_dispatched], 24);
  EXPECT_EQ(june[KpiCounter::tickets_dispatched_timely], config.dispatch_limit_seconds == 5 * 3600 ? 24 : 0);
}

TEST_P(KpiConformance, EvaluationInputsRoundTrip) {
  EXPECT_FALSE(kpi().evaluation_inputs(2023)->has_value());
  core::EvaluationInputs inputs;
  inputs.year = 2023;
  inputs.management = core::default_management_items();
  inputs.management[1].score = 9.5;
  inputs.budget_initial = 15412.94;
  inputs.budget_final = 14898.38;
  ASSERT_TRUE(kpi().put_evaluation_inputs(inputs));
  ASSERT_TRUE(kpi().put_evaluation_inputs(inputs));  // replacing is fine
  auto stored = kpi().evaluation_inputs(2023);
  ASSERT_TRUE(stored);
  ASSERT_TRUE(stored->has_value());
  EXPECT_EQ((*stored)->management.size(), 10u);
  EXPECT_EQ((*stored)->management[1].score, 9.5);
  EXPECT_EQ((*stored)->management[7].name, "资金支出率");
  EXPECT_DOUBLE_EQ((*stored)->budget_final, 14898.38);
}

INSTANTIATE_TEST_SUITE_P(Backends, KpiConformance, ::testing::ValuesIn(all_backends()), backend_name);

// The same live events and imports give every backend the same counters, month by month: the
// rules live once, in core::KpiLedger.
TEST(KpiBackends, SameEventsAndRecordsGiveTheSameCountersOnEveryBackend) {
  const auto dir = std::filesystem::temp_directory_path() / ("hotline-kpi-same-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::vector<std::vector<core::MonthCounters>> results;
  for (const auto& factory : all_backends()) {
    std::filesystem::create_directories(dir / factory.name);
    auto backend = factory.make(dir / factory.name);
    // Imported records first: the live ticket then takes an id (1) an import already recorded.
    BatchSource source({sample_batch()});
    ASSERT_TRUE(backend->kpi().import_records(source));
    LiveTicket ticket(backend->tickets(), "complaint", "web", "2023-06-01 09:00:00");
    ticket.step(core::Action::dispatch, "2023-06-01 10:00:00", {{"lead_unit", "440106"}, {"acknowledge_deadline", "1686000000"}});
    ticket.step(core::Action::request_return, "2023-06-30 09:00:00", {});
    ticket.step(core::Action::uphold_return, "2023-07-01 10:00:00", {});
    ticket.step(core::Action::uphold_return, "2023-07-01 11:00:00", {});  // refused by nothing here: must not count twice
    ticket.step(core::Action::dispatch, "2023-07-02 10:00:00", {{"lead_unit", "440104"}, {"acknowledge_deadline", "1686000000"}});
    ticket.step(core::Action::callback, "2023-07-10 10:00:00", {{"rating", "dissatisfied"}});
    auto counters = backend->kpi().counters(2023);
    ASSERT_TRUE(counters);
    results.push_back(*counters);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  ASSERT_EQ(results.size(), 2u);
  for (std::size_t m = 0; m < 12; ++m)
    for (std::size_t i = 0; i < core::kKpiCounterCount; ++i)
      EXPECT_EQ(results[0][m].values[i], results[1][m].values[i])
          << "month " << m + 1 << " counter " << core::to_string(static_cast<KpiCounter>(i));
  EXPECT_EQ(results[0][5][KpiCounter::dispatch_operations_wrong], 1);
}

}  // namespace
}  // namespace hotline::storage::conformance
