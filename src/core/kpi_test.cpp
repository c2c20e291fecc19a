#include <gtest/gtest.h>

#include "core/event_payload.hpp"

#include "core/evaluation.hpp"
#include "core/kpi.hpp"
#include "core/kpi_records.hpp"
#include "core/workflow.hpp"

namespace hotline::core {
namespace {

using C = KpiCounter;

Timestamp at(const char* text) { return *parse_record_time(text); }

TEST(KpiRate, RoundsHalfUpToTwoDecimalsAsTheSeed) {
  EXPECT_EQ(rate_basis_points(13556651, 14097337), 9616);  // table 8 year
  EXPECT_EQ(rate_basis_points(134048, 134049), 10000);     // table 10 June prints 100.00%
  EXPECT_EQ(rate_basis_points(1, 8), 1250);                // 12.5 % exactly
  EXPECT_EQ(rate_basis_points(1, 3), 3333);
  EXPECT_EQ(rate_basis_points(2, 3), 6667);
  EXPECT_FALSE(rate_basis_points(0, 0).has_value());
  EXPECT_EQ(format_rate(9616), "96.16");
  EXPECT_EQ(format_rate(10000), "100.00");
  EXPECT_EQ(format_rate(std::nullopt), "—");
}

TEST(KpiTarget, MetUsesTheExactFractionNotTheRoundedRate) {
  KpiTarget all{10000, true};
  EXPECT_TRUE(meets(all, 5, 5));
  EXPECT_FALSE(meets(all, 134048, 134049));  // rounds to 100.00 % but one was missed
  KpiTarget at_least{9500, false};
  EXPECT_TRUE(meets(at_least, 95, 100));
  EXPECT_FALSE(meets(at_least, 9499, 10000));
  EXPECT_FALSE(meets(at_least, 0, 0));  // a period without data is not met
}

TEST(KpiTarget, ParsesTheSpecNotation) {
  EXPECT_EQ(parse_kpi_target(">=99.99")->basis_points, 9999);
  EXPECT_FALSE(parse_kpi_target(">=99.99")->all_required);
  EXPECT_TRUE(parse_kpi_target("100")->all_required);
  EXPECT_EQ(parse_kpi_target("≥95")->basis_points, 9500);
  EXPECT_FALSE(parse_kpi_target("abc").has_value());
  EXPECT_FALSE(parse_kpi_target(">=101").has_value());
  EXPECT_EQ(describe(KpiTarget{9999, false}), "≥99.99%");
  EXPECT_EQ(describe(KpiTarget{10000, true}), "100%");
}

TEST(KpiFigure, FormulasOfTheEightKpis) {
  KpiConfig config;
  MonthCounters c;
  c[C::platform_service_seconds] = 44640 * 60;
  c[C::platform_normal_seconds] = 44640 * 60 - 600;
  c[C::calls_offered] = 100;
  c[C::calls_answered] = 96;
  c[C::tickets_dispatched] = 10;
  c[C::tickets_dispatched_timely] = 9;
  c[C::dialogues] = 20;
  c[C::dialogues_timely] = 19;
  c[C::inquiries] = 50;
  c[C::inquiries_dispatched] = 5;
  c[C::dispatch_operations] = 12;
  c[C::dispatch_operations_wrong] = 1;
  c[C::intake_very_satisfied] = 6;
  c[C::intake_satisfied] = 2;
  c[C::intake_basically_satisfied] = 1;
  c[C::intake_dissatisfied] = 1;
  c[C::intake_invalid] = 7;
  c[C::result_dissatisfied] = 4;
  c[C::result_dissatisfied_called_back_in_time] = 3;

  auto platform = kpi_figure(KpiKey::platform_availability, c, config);
  EXPECT_EQ(platform.denominator, 44640);
  EXPECT_EQ(platform.numerator, 44630);
  EXPECT_EQ(platform.rate_basis_points, 9998);
  EXPECT_FALSE(platform.met);  // 99.98 < 99.99

  auto fcr = kpi_figure(KpiKey::first_contact_resolution, c, config);
  EXPECT_EQ(fcr.numerator, 45);
  EXPECT_EQ(fcr.denominator, 50);
  EXPECT_TRUE(fcr.met);

  auto accuracy = kpi_figure(KpiKey::dispatch_accuracy, c, config);
  EXPECT_EQ(accuracy.numerator, 11);
  EXPECT_EQ(accuracy.rate_basis_points, 9167);
  EXPECT_FALSE(accuracy.met);

  auto satisfaction = kpi_figure(KpiKey::intake_satisfaction, c, config);
  EXPECT_EQ(satisfaction.numerator, 9);
  EXPECT_EQ(satisfaction.denominator, 10);  // invalid ratings are not valid ratings
  EXPECT_FALSE(kpi_figure(KpiKey::dispatch_timeliness, c, config).met);
  EXPECT_FALSE(kpi_figure(KpiKey::dissatisfied_callback_rate, c, config).met);
  EXPECT_TRUE(kpi_figure(KpiKey::call_answer_rate, c, config).met);

  config.satisfied_levels = {true, true, false, false};  // a stricter deployment
  EXPECT_EQ(kpi_figure(KpiKey::intake_satisfaction, c, config).numerator, 8);
}

TEST(KpiFigure, EmptyMonthHasNoRateAndIsNotMet) {
  auto figure = kpi_figure(KpiKey::call_answer_rate, MonthCounters{}, KpiConfig{});
  EXPECT_EQ(figure.denominator, 0);
  EXPECT_FALSE(figure.rate_basis_points.has_value());
  EXPECT_FALSE(figure.met);
}

TEST(KpiMonth, MonthsAreCountedInChinaTime) {
  EXPECT_EQ(year_month_of(at("2023-01-31T23:59:59+08:00")), 202301);
  EXPECT_EQ(year_month_of(at("2023-01-31T16:00:00Z")), 202302);  // 00:00 in Guangzhou
  EXPECT_EQ(month_start(202302), at("2023-02-01 00:00:00"));
  EXPECT_EQ(next_month(202312), 202401);
  EXPECT_EQ(month_label(202303), "2023-03");
}

TEST(KpiRecords, PlatformSpanIsSplitAtMonthEnds) {
  KpiDeltas deltas;
  count_record(PlatformRecord{at("2023-01-31 23:00:00"), at("2023-02-01 01:00:00"), false}, deltas);
  EXPECT_EQ(deltas.months().at(202301)[C::platform_service_seconds], 3600);
  EXPECT_EQ(deltas.months().at(202302)[C::platform_service_seconds], 3600);
  EXPECT_EQ(deltas.months().at(202302)[C::platform_normal_seconds], 0);
}

TEST(KpiRecords, TicketCountsRegistrationAndFirstDispatchInTheirOwnMonths) {
  KpiConfig config;  // dispatch limit 2 h
  KpiDeltas deltas;
  TicketRecord late{1, TicketType::inquiry, Channel::phone, at("2023-03-31 23:00:00"), false,
                    at("2023-04-01 02:00:01")};
  count_record(late, config, deltas);
  EXPECT_EQ(deltas.months().at(202303)[C::inquiries], 1);
  EXPECT_EQ(deltas.months().at(202303)[C::inquiries_dispatched], 1);
  EXPECT_EQ(deltas.months().at(202304)[C::tickets_dispatched], 1);
  EXPECT_EQ(deltas.months().at(202304)[C::tickets_dispatched_timely], 0);  // 3 h 0 min 1 s > 2 h

  TicketRecord on_limit{2, TicketType::complaint, Channel::phone, at("2023-04-02 08:00:00"), false,
                        at("2023-04-02 10:00:00")};
  count_record(on_limit, config, deltas);
  EXPECT_EQ(deltas.months().at(202304)[C::tickets_dispatched_timely], 1);  // exactly the limit is in time
  EXPECT_EQ(deltas.months().at(202304)[C::inquiries], 0);
}

TEST(KpiRecords, DialogueTimelinessUsesTheConfiguredLimit) {
  KpiConfig config;
  KpiDeltas deltas;
  count_record(DialogueRecord{"s", Channel::wechat, at("2023-05-01 10:00:00"), at("2023-05-01 10:03:00")}, config, deltas);
  count_record(DialogueRecord{"s", Channel::wechat, at("2023-05-01 10:00:00"), at("2023-05-01 10:03:01")}, config, deltas);
  count_record(DialogueRecord{"s", Channel::wechat, at("2023-05-01 10:00:00"), std::nullopt}, config, deltas);
  EXPECT_EQ(deltas.months().at(202305)[C::dialogues], 3);
  EXPECT_EQ(deltas.months().at(202305)[C::dialogues_timely], 1);
}

TEST(KpiRecords, ParseNamesTheBadField) {
  KpiRecordBatch batch;
  std::map<std::string, std::string, std::less<>> fields{{"offered_at", "2023-01-01 08:00:00"},
                                                         {"answered_at", "2023-01-01 07:59:00"},
                                                         {"ended_at", "2023-01-01 08:05:00"}};
  auto lookup = [&](std::string_view column) -> std::optional<std::string_view> {
    auto it = fields.find(column);
    if (it == fields.end()) return std::nullopt;
    return std::string_view(it->second);
  };
  auto result = parse_kpi_record(KpiRecordKind::call, lookup, batch);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field, "answered_at");
  fields["answered_at"] = "2023-01-01T00:00:30Z";
  EXPECT_TRUE(parse_kpi_record(KpiRecordKind::call, lookup, batch));
  ASSERT_EQ(batch.calls.size(), 1u);
  EXPECT_EQ(format_record_time(*batch.calls[0].answered_at), "2023-01-01T08:00:30+08:00");
  fields["ended_at"] = "yesterday";
  EXPECT_EQ(parse_kpi_record(KpiRecordKind::call, lookup, batch).error().field, "ended_at");
}

TEST(KpiRecords, LiveEventsMapToRecords) {
  Ticket ticket;
  ticket.id = 7;
  ticket.type = TicketType::inquiry;
  ticket.created_at = at("2023-06-01 09:00:00");
  TicketEvent event;
  event.action = Action::register_ticket;
  EXPECT_TRUE(kpi_change_for(ticket, event).registered.has_value());
  event.action = Action::dispatch;
  event.at = at("2023-06-01 09:30:00");
  ticket.dispatch_count = 1;
  auto first = kpi_change_for(ticket, event);
  EXPECT_EQ(first.first_dispatch_at, event.at);
  ASSERT_TRUE(first.dispatch.has_value());
  ticket.dispatch_count = 2;
  EXPECT_FALSE(kpi_change_for(ticket, event).first_dispatch_at.has_value());
  event.action = Action::uphold_return;
  EXPECT_TRUE(kpi_change_for(ticket, event).last_dispatch_wrong);
  event.action = Action::supervise;
  EXPECT_TRUE(kpi_change_for(ticket, event).empty());
}

TEST(KpiRecords, LiveCallbacksAndIntakeRatingsMapToRecords) {
  Ticket ticket;
  ticket.id = 7;
  TicketEvent event;
  event.action = Action::callback;
  event.at = at("2023-06-05 10:00:00");
  CallbackData rated;
  rated.rating = Rating::dissatisfied;
  rated.in_time = false;
  event.payload = encode_payload(rated);
  auto change = kpi_change_for(ticket, event);
  ASSERT_TRUE(change.result_rating);
  EXPECT_EQ(change.result_rating->level, Rating::dissatisfied);
  ASSERT_TRUE(change.callback);
  EXPECT_FALSE(change.callback->in_time);
  CallbackData unreachable;
  unreachable.outcome = CallbackOutcome::unreachable;
  unreachable.attempt = 3;
  event.payload = encode_payload(unreachable);
  EXPECT_TRUE(kpi_change_for(ticket, event).empty());  // nobody was reached
  CallbackData refused;
  refused.outcome = CallbackOutcome::refused;
  event.payload = encode_payload(refused);
  auto refusal = kpi_change_for(ticket, event);
  EXPECT_FALSE(refusal.result_rating);
  EXPECT_TRUE(refusal.callback);
  event.action = Action::rate_intake;
  event.payload = encode_payload(IntakeRatingData{Rating::satisfied});
  auto intake = kpi_change_for(ticket, event);
  ASSERT_TRUE(intake.intake_rating);
  EXPECT_EQ(intake.intake_rating->level, Rating::satisfied);
}

std::array<KpiFigure, kKpiCount> all_met() {
  std::array<KpiFigure, kKpiCount> figures;
  for (auto& figure : figures) figure = KpiFigure{100, 100, 10000, true};
  return figures;
}

EvaluationInputs seed_inputs() {
  EvaluationInputs inputs;
  inputs.year = 2023;
  inputs.management = default_management_items();
  inputs.budget_initial = 15412.94;
  inputs.budget_final = 14898.38;
  return inputs;
}

TEST(Evaluation, ReproducesTheSeedTable16) {
  auto evaluation = evaluate(seed_inputs(), all_met(), KpiConfig{}, EvaluationRules{});
  ASSERT_TRUE(evaluation);
  EXPECT_DOUBLE_EQ(evaluation->management[7].score, 9.67);
  EXPECT_DOUBLE_EQ(evaluation->management_total, 99.67);
  EXPECT_DOUBLE_EQ(evaluation->results_total, 100);
  EXPECT_DOUBLE_EQ(evaluation->composite, 99.87);
  EXPECT_EQ(evaluation->grade, "优");
}

TEST(Evaluation, BelowTargetIsProportionalByDefaultOrZero) {
  auto figures = all_met();
  figures[static_cast<std::size_t>(KpiKey::call_answer_rate)] = KpiFigure{90, 100, 9000, false};  // target 95
  auto proportional = evaluate(seed_inputs(), figures, KpiConfig{}, EvaluationRules{});
  ASSERT_TRUE(proportional);
  EXPECT_DOUBLE_EQ(proportional->results[1].score, 11.37);  // 12 x 90 / 95
  EvaluationRules zero;
  zero.below_target = BelowTargetRule::zero;
  EXPECT_DOUBLE_EQ(evaluate(seed_inputs(), figures, KpiConfig{}, zero)->results[1].score, 0);
}

TEST(Evaluation, GradeBands) {
  EXPECT_EQ(grade_for(90), "优");
  EXPECT_EQ(grade_for(89.99), "良");
  EXPECT_EQ(grade_for(80), "良");
  EXPECT_EQ(grade_for(60), "中");
  EXPECT_EQ(grade_for(59.99), "差");
}

TEST(Evaluation, RejectsABadBudgetOrScore) {
  auto inputs = seed_inputs();
  inputs.budget_initial = 0;
  EXPECT_FALSE(evaluate(inputs, all_met(), KpiConfig{}, EvaluationRules{}));
  inputs = seed_inputs();
  inputs.management[0].score = 11;
  EXPECT_FALSE(evaluate(inputs, all_met(), KpiConfig{}, EvaluationRules{}));
}

}  // namespace
}  // namespace hotline::core
