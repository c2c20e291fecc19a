#include "core/kpi_ledger.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "core/workflow.hpp"

namespace hotline::core {
namespace {

Timestamp at(const char* text) { return *parse_record_time(text); }

// Stored records as a backend would answer for them.
class FakeFacts final : public KpiFacts {
 public:
  std::map<std::int64_t, TicketRecord> tickets;
  std::map<std::int64_t, DispatchRecord> latest;
  std::map<std::int64_t, Timestamp> dissatisfied;
  std::set<std::int64_t> in_time;
  int questions = 0;

  std::optional<TicketRecord> ticket(std::int64_t id) override {
    ++questions;
    if (auto it = tickets.find(id); it != tickets.end()) return it->second;
    return std::nullopt;
  }
  std::optional<DispatchRecord> latest_dispatch(std::int64_t id) override {
    ++questions;
    if (auto it = latest.find(id); it != latest.end()) return it->second;
    return std::nullopt;
  }
  std::optional<Timestamp> first_dissatisfied_rating(std::int64_t id) override {
    ++questions;
    if (auto it = dissatisfied.find(id); it != dissatisfied.end()) return it->second;
    return std::nullopt;
  }
  bool called_back_in_time(std::int64_t id) override {
    ++questions;
    return in_time.contains(id);
  }
  std::set<std::string> call_ids;
  bool call_recorded(const std::string& call_id) override {
    ++questions;
    return call_ids.contains(call_id);
  }
};

std::int64_t value(const KpiWrites& writes, YearMonth month, KpiCounter counter) {
  auto it = writes.deltas.months().find(month);
  return it == writes.deltas.months().end() ? 0 : it->second[counter];
}

KpiTicketChange registration(std::int64_t id, TicketType type, const char* time) {
  KpiTicketChange change;
  change.ticket = id;
  change.registered = TicketRecord{id, type, Channel::phone, at(time), false, std::nullopt};
  return change;
}

KpiTicketChange dispatch(std::int64_t id, const char* time, bool first) {
  KpiTicketChange change;
  change.ticket = id;
  change.dispatch = DispatchRecord{id, at(time), "440106", false};
  if (first) change.first_dispatch_at = at(time);
  return change;
}

KpiTicketChange upheld_return(std::int64_t id) {
  KpiTicketChange change;
  change.ticket = id;
  change.last_dispatch_wrong = true;
  return change;
}

TEST(KpiLedger, RegistrationOfANewTicketStoresItsRecordAndCountsAnInquiry) {
  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  ledger.apply(registration(7, TicketType::inquiry, "2023-06-01 09:00:00"));
  auto writes = ledger.take_writes();
  ASSERT_EQ(writes.records.tickets.size(), 1u);
  EXPECT_EQ(value(writes, 202306, KpiCounter::inquiries), 1);
}

TEST(KpiLedger, RegistrationOfAnAlreadyRecordedIdKeepsThatRecordAndCountsNothing) {
  FakeFacts facts;
  facts.tickets[7] = TicketRecord{7, TicketType::inquiry, Channel::phone, at("2023-01-01 09:00:00"), false, {}};
  KpiLedger ledger(KpiConfig{}, facts);
  ledger.apply(registration(7, TicketType::inquiry, "2023-06-01 09:00:00"));
  EXPECT_TRUE(ledger.take_writes().empty());
}

TEST(KpiLedger, FirstDispatchOfAStoredTicketUpdatesItAndCountsTimelinessOnce) {
  FakeFacts facts;
  facts.tickets[7] = TicketRecord{7, TicketType::inquiry, Channel::phone, at("2023-06-01 09:00:00"), false, {}};
  KpiLedger ledger(KpiConfig{}, facts);
  ledger.apply(dispatch(7, "2023-06-01 10:00:00", true));
  auto writes = ledger.take_writes();
  ASSERT_EQ(writes.first_dispatches.size(), 1u);
  EXPECT_EQ(writes.first_dispatches[0].first, 7);
  EXPECT_EQ(value(writes, 202306, KpiCounter::tickets_dispatched), 1);
  EXPECT_EQ(value(writes, 202306, KpiCounter::tickets_dispatched_timely), 1);  // 1 h <= 2 h
  EXPECT_EQ(value(writes, 202306, KpiCounter::inquiries_dispatched), 1);
  EXPECT_EQ(value(writes, 202306, KpiCounter::dispatch_operations), 1);

  // The backend stored it; a redo-like second "first" dispatch of the same ticket counts no more.
  facts.tickets[7].dispatched_at = at("2023-06-01 10:00:00");
  ledger.apply(dispatch(7, "2023-06-05 10:00:00", true));
  auto again = ledger.take_writes();
  EXPECT_TRUE(again.first_dispatches.empty());
  EXPECT_EQ(value(again, 202306, KpiCounter::tickets_dispatched), 0);
  EXPECT_EQ(value(again, 202306, KpiCounter::dispatch_operations), 1);
}

TEST(KpiLedger, DispatchOfATicketRegisteredInTheSameWritesGoesIntoThePendingRecord) {
  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  ledger.apply(registration(9, TicketType::complaint, "2023-06-01 09:00:00"));
  ledger.apply(dispatch(9, "2023-06-01 12:00:00", true));
  auto writes = ledger.take_writes();
  ASSERT_EQ(writes.records.tickets.size(), 1u);
  EXPECT_EQ(writes.records.tickets[0].dispatched_at, at("2023-06-01 12:00:00"));
  EXPECT_TRUE(writes.first_dispatches.empty());
  EXPECT_EQ(value(writes, 202306, KpiCounter::tickets_dispatched_timely), 0);  // 3 h > 2 h
  EXPECT_EQ(value(writes, 202306, KpiCounter::inquiries), 0);
}

TEST(KpiLedger, UpheldReturnMakesTheLatestStoredDispatchWrongInItsOwnMonthOnce) {
  FakeFacts facts;
  facts.latest[7] = DispatchRecord{7, at("2023-05-31 23:00:00"), "440106", false};
  KpiLedger ledger(KpiConfig{}, facts);
  ledger.apply(upheld_return(7));
  ledger.apply(upheld_return(7));  // the same ledger never counts a dispatch wrong twice
  auto writes = ledger.take_writes();
  ASSERT_EQ(writes.wrong_dispatches, std::vector<std::int64_t>{7});
  EXPECT_EQ(value(writes, 202305, KpiCounter::dispatch_operations_wrong), 1);

  facts.latest[7].wrong = true;
  ledger.apply(upheld_return(7));
  EXPECT_TRUE(ledger.take_writes().empty());
  ledger.apply(upheld_return(8));  // never dispatched
  EXPECT_TRUE(ledger.take_writes().empty());
}

TEST(KpiLedger, UpheldReturnOfAPendingDispatchMarksThePendingRecord) {
  FakeFacts facts;
  facts.latest[7] = DispatchRecord{7, at("2023-05-01 09:00:00"), "440106", false};
  KpiLedger ledger(KpiConfig{}, facts);
  ledger.apply(dispatch(7, "2023-06-01 09:00:00", false));
  ledger.apply(upheld_return(7));
  auto writes = ledger.take_writes();
  ASSERT_EQ(writes.records.dispatches.size(), 1u);
  EXPECT_TRUE(writes.records.dispatches[0].wrong);
  EXPECT_TRUE(writes.wrong_dispatches.empty());
  EXPECT_EQ(value(writes, 202306, KpiCounter::dispatch_operations_wrong), 1);
  EXPECT_EQ(value(writes, 202305, KpiCounter::dispatch_operations_wrong), 0);
}

TEST(KpiLedger, OnlyTheFirstDissatisfiedResultRatingOfATicketCounts) {
  FakeFacts facts;
  facts.dissatisfied[3] = at("2023-01-10 09:00:00");
  KpiLedger ledger(KpiConfig{}, facts);
  KpiRecordBatch batch;
  batch.result_ratings = {{1, at("2023-02-01 09:00:00"), Rating::dissatisfied},
                          {1, at("2023-03-01 09:00:00"), Rating::dissatisfied},
                          {2, at("2023-02-01 09:00:00"), Rating::satisfied},
                          {3, at("2023-02-01 09:00:00"), Rating::dissatisfied}};
  ASSERT_TRUE(ledger.add(batch));
  auto writes = ledger.take_writes();
  EXPECT_EQ(writes.records.result_ratings.size(), 4u);  // every rating is stored
  EXPECT_EQ(value(writes, 202302, KpiCounter::result_dissatisfied), 1);
  EXPECT_EQ(value(writes, 202303, KpiCounter::result_dissatisfied), 0);
}

TEST(KpiLedger, FirstInTimeCallbackCountsInTheMonthOfTheDissatisfiedRating) {
  FakeFacts facts;
  facts.dissatisfied[1] = at("2023-01-31 20:00:00");
  facts.dissatisfied[2] = at("2023-01-15 20:00:00");
  facts.in_time.insert(2);
  KpiLedger ledger(KpiConfig{}, facts);
  KpiRecordBatch batch;
  batch.result_ratings = {{4, at("2023-04-01 09:00:00"), Rating::dissatisfied}};
  batch.callbacks = {{1, at("2023-02-01 09:00:00"), true},
                     {1, at("2023-02-02 09:00:00"), true},
                     {2, at("2023-02-01 09:00:00"), true},
                     {4, at("2023-04-02 09:00:00"), false},
                     {4, at("2023-04-03 09:00:00"), true}};
  ASSERT_TRUE(ledger.add(batch));
  auto writes = ledger.take_writes();
  EXPECT_EQ(writes.records.callbacks.size(), 5u);
  EXPECT_EQ(value(writes, 202301, KpiCounter::result_dissatisfied_called_back_in_time), 1);  // ticket 1 only
  EXPECT_EQ(value(writes, 202302, KpiCounter::result_dissatisfied_called_back_in_time), 0);
  EXPECT_EQ(value(writes, 202304, KpiCounter::result_dissatisfied_called_back_in_time), 1);  // rated in the batch
}

TEST(KpiLedger, CallbackWithoutADissatisfiedRatingRefusesTheWholeBatch) {
  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  KpiRecordBatch batch;
  batch.calls = {{at("2023-01-01 09:00:00"), std::nullopt, at("2023-01-01 09:01:00"), "", "", "", ""}};
  batch.callbacks = {{5, at("2023-02-01 09:00:00"), true}};
  auto added = ledger.add(batch);
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(added.error().field, "ticket");
  EXPECT_TRUE(ledger.take_writes().empty());
}

TEST(KpiLedger, IndependentRecordsCountAsCountRecordSays) {
  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  KpiRecordBatch batch;
  batch.calls = {{at("2023-01-01 09:00:00"), at("2023-01-01 09:00:10"), at("2023-01-01 09:01:00"), "a", "", "", ""}};
  batch.tickets = {{11, TicketType::inquiry, Channel::web, at("2023-01-02 09:00:00"), true, std::nullopt}};
  batch.dispatches = {{12, at("2023-01-03 09:00:00"), "u", true}};
  batch.intake_ratings = {{11, at("2023-01-04 09:00:00"), std::nullopt}};
  ASSERT_TRUE(ledger.add(batch));
  auto writes = ledger.take_writes();
  EXPECT_EQ(writes.records.size(), 4u);
  EXPECT_EQ(value(writes, 202301, KpiCounter::calls_answered), 1);
  EXPECT_EQ(value(writes, 202301, KpiCounter::inquiries), 1);
  EXPECT_EQ(value(writes, 202301, KpiCounter::dispatch_operations_wrong), 1);
  EXPECT_EQ(value(writes, 202301, KpiCounter::intake_invalid), 1);
  EXPECT_EQ(facts.questions, 0);  // none of these depends on stored state
}

// A recall (撤回) takes a dispatch back without making it wrong; the dispatch after it is an
// operation of its own, and the ticket's first-dispatch timeliness stays counted once.
TEST(KpiLedger, RecallIsNoWrongDispatchAndTheRedispatchIsNoSecondFirstDispatch) {
  UnitTree units({{"4401", "", UnitKind::city, "广州市", true},
                  {"440106", "4401", UnitKind::district, "天河区", true},
                  {"440104", "4401", UnitKind::district, "越秀区", true}});
  WorkCalendar calendar;
  DeadlinePolicy policy;
  CategoryTaxonomy taxonomy;
  WorkflowContext ctx{calendar, policy, units, taxonomy};
  const Actor agent{1, "agent", Role::agent, ""};
  const Actor dispatcher{2, "dispatcher", Role::dispatcher, ""};
  const Actor yuexiu{3, "yuexiu", Role::unit_handler, "440104"};
  Timestamp now = at("2023-06-01 09:00:00");

  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  NewTicket nt;
  nt.type = TicketType::inquiry;
  nt.title = "咨询";
  auto first = decide_register(nt, agent, now, ctx);
  ASSERT_TRUE(first);
  first->ticket_id = 7;
  Ticket ticket = project({*first});
  ledger.apply(kpi_change_for(ticket, *first));
  auto step = [&](ActionRequest request, const Actor& actor, std::chrono::minutes later) {
    now += later;
    auto event = decide(ticket, request, actor, now, ctx);
    ASSERT_TRUE(event) << event.error().message;
    apply(ticket, *event);
    ledger.apply(kpi_change_for(ticket, *event));
  };
  auto request = [](Action action, std::string reason = {}) {
    ActionRequest r;
    r.action = action;
    r.reason = std::move(reason);
    return r;
  };
  ActionRequest submit = request(Action::submit);
  ActionRequest dispatch = request(Action::dispatch);
  dispatch.lead_unit = "440106";
  ActionRequest recall = request(Action::recall, "派错单位");
  step(submit, agent, std::chrono::minutes{10});
  step(dispatch, dispatcher, std::chrono::minutes{20});  // 30 min after registration: timely
  step(recall, dispatcher, std::chrono::minutes{10});
  dispatch.lead_unit = "440104";
  step(dispatch, dispatcher, std::chrono::minutes{200});  // late, but not the first dispatch
  auto writes = ledger.take_writes();
  ASSERT_EQ(writes.records.tickets.size(), 1u);
  EXPECT_EQ(writes.records.tickets[0].dispatched_at, at("2023-06-01 09:30:00"));
  EXPECT_EQ(value(writes, 202306, KpiCounter::tickets_dispatched), 1);
  EXPECT_EQ(value(writes, 202306, KpiCounter::tickets_dispatched_timely), 1);
  EXPECT_EQ(value(writes, 202306, KpiCounter::dispatch_operations), 2);
  EXPECT_EQ(value(writes, 202306, KpiCounter::dispatch_operations_wrong), 0);
  ASSERT_EQ(writes.records.dispatches.size(), 2u);
  EXPECT_FALSE(writes.records.dispatches[0].wrong);

  // An upheld return after it marks the redispatch, not the recalled one.
  facts.tickets[7] = writes.records.tickets[0];
  facts.latest[7] = writes.records.dispatches[1];  // as the backend stored them
  step(request(Action::request_return, "不属本单位"), yuexiu, std::chrono::minutes{5});
  step(request(Action::uphold_return), dispatcher, std::chrono::minutes{5});
  auto returned = ledger.take_writes();
  EXPECT_EQ(returned.wrong_dispatches, (std::vector<std::int64_t>{7}));
  EXPECT_EQ(value(returned, 202306, KpiCounter::dispatch_operations_wrong), 1);
}

TEST(KpiLedger, LiveCallbackOfADissatisfiedResultIsStoredAndCountsInTimeOnce) {
  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  KpiTicketChange rated;
  rated.ticket = 7;
  rated.result_rating = ResultRatingRecord{7, at("2023-06-05 10:00:00"), Rating::dissatisfied};
  rated.callback = CallbackRecord{7, at("2023-06-05 10:00:00"), true};
  ledger.apply(rated);
  auto writes = ledger.take_writes();
  EXPECT_EQ(writes.records.callbacks.size(), 1u);
  EXPECT_EQ(value(writes, 202306, KpiCounter::result_dissatisfied), 1);
  EXPECT_EQ(value(writes, 202306, KpiCounter::result_dissatisfied_called_back_in_time), 1);

  // After a redo the next callback is stored too, but the ticket was already called back in time.
  facts.dissatisfied[7] = at("2023-06-05 10:00:00");
  facts.in_time.insert(7);
  KpiTicketChange again;
  again.ticket = 7;
  again.callback = CallbackRecord{7, at("2023-07-03 10:00:00"), true};
  ledger.apply(again);
  auto second = ledger.take_writes();
  EXPECT_EQ(second.records.callbacks.size(), 1u);
  EXPECT_TRUE(second.deltas.empty());

  // A satisfied ticket's callback is no record of table 15.
  KpiTicketChange satisfied;
  satisfied.ticket = 8;
  satisfied.result_rating = ResultRatingRecord{8, at("2023-06-05 10:00:00"), Rating::satisfied};
  satisfied.callback = CallbackRecord{8, at("2023-06-05 10:00:00"), true};
  ledger.apply(satisfied);
  auto none = ledger.take_writes();
  EXPECT_TRUE(none.records.callbacks.empty());
  EXPECT_EQ(none.records.result_ratings.size(), 1u);
}

TEST(KpiLedger, LiveLateCallbackOfADissatisfiedResultIsNotInTime) {
  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  KpiTicketChange rated;
  rated.ticket = 7;
  rated.result_rating = ResultRatingRecord{7, at("2023-06-09 10:00:00"), Rating::dissatisfied};
  rated.callback = CallbackRecord{7, at("2023-06-09 10:00:00"), false};
  ledger.apply(rated);
  auto writes = ledger.take_writes();
  EXPECT_EQ(value(writes, 202306, KpiCounter::result_dissatisfied), 1);
  EXPECT_EQ(value(writes, 202306, KpiCounter::result_dissatisfied_called_back_in_time), 0);
}

TEST(KpiLedger, LiveIntakeRatingCountsByLevel) {
  FakeFacts facts;
  KpiLedger ledger(KpiConfig{}, facts);
  KpiTicketChange change;
  change.ticket = 7;
  change.intake_rating = IntakeRatingRecord{7, at("2023-06-05 10:00:00"), Rating::basically_satisfied};
  ledger.apply(change);
  auto writes = ledger.take_writes();
  EXPECT_EQ(writes.records.intake_ratings.size(), 1u);
  EXPECT_EQ(value(writes, 202306, KpiCounter::intake_basically_satisfied), 1);
}

TEST(KpiLedger, CallsWithAStoredCallIdAreSkipped) {
  FakeFacts facts;
  facts.call_ids.insert("pbx-1");
  KpiLedger ledger(KpiConfig{}, facts);
  KpiRecordBatch batch;
  batch.calls = {{at("2023-01-01 09:00:00"), std::nullopt, at("2023-01-01 09:01:00"), "", "", "", "pbx-1"},
                 {at("2023-01-01 09:00:00"), at("2023-01-01 09:00:10"), at("2023-01-01 09:00:10"), "", "", "", "pbx-2"},
                 {at("2023-01-01 09:00:00"), at("2023-01-01 09:00:10"), at("2023-01-01 09:00:10"), "", "", "", "pbx-2"}};
  ASSERT_TRUE(ledger.add(batch));
  auto writes = ledger.take_writes();
  ASSERT_EQ(writes.records.calls.size(), 1u);
  EXPECT_EQ(writes.records.calls[0].call_id, "pbx-2");
  EXPECT_EQ(value(writes, 202301, KpiCounter::calls_offered), 1);
  EXPECT_EQ(value(writes, 202301, KpiCounter::calls_answered), 1);
}

}  // namespace
}  // namespace hotline::core
