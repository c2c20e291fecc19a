#include "core/workflow.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using namespace std::chrono;

class WorkflowTest : public ::testing::Test {
 protected:
  WorkflowTest()
      : units_({
            {"4401", "", UnitKind::city, "广州市", true},
            {"440106", "4401", UnitKind::district, "天河区", true},
            {"440106001", "440106", UnitKind::street, "五山街道", true},
            {"440104", "4401", UnitKind::district, "越秀区", true},
            {"dept-zjj", "4401", UnitKind::department, "住建局", true},
        }),
        taxonomy_({{"城乡建设", "城市建设和市政管理", "城管执法"}, {"城乡建设", "住房保障", "公租房"}}),
        ctx_{calendar_, policy_, units_, taxonomy_} {}

  Ticket registered(TicketType type = TicketType::complaint) {
    NewTicket nt;
    nt.type = type;
    nt.title = "小区噪音扰民";
    nt.text = "夜间施工噪音";
    nt.caller = {"陈先生", "13800138000", false};
    nt.place.district = "440106";
    nt.place.street = "440106001";
    auto event = decide_register(nt, agent_, now_, ctx_);
    EXPECT_TRUE(event) << event.error().message;
    event->ticket_id = 7;
    history_ = {*event};
    return project(history_);
  }

  // Decides and applies; fails the test if refused.
  void run(Ticket& t, ActionRequest request, const Actor& actor) {
    now_ += hours{1};
    auto event = decide(t, request, actor, now_, ctx_);
    ASSERT_TRUE(event) << to_string(request.action) << ": " << event.error().message;
    apply(t, *event);
    history_.push_back(*event);
  }

  static ActionRequest req(Action a, std::string reason = {}) {
    ActionRequest r;
    r.action = a;
    r.reason = std::move(reason);
    return r;
  }

  ActionRequest dispatch_to(UnitId unit) {
    auto r = req(Action::dispatch);
    r.lead_unit = std::move(unit);
    return r;
  }

  WorkCalendar calendar_;
  DeadlinePolicy policy_;
  UnitTree units_;
  CategoryTaxonomy taxonomy_;
  WorkflowContext ctx_;
  Timestamp now_ = sys_days{year{2024} / 3 / 4} + hours{2};  // Monday 10:00 in Guangzhou
  Actor agent_{1, "agent", Role::agent, ""};
  Actor dispatcher_{2, "dispatcher", Role::dispatcher, ""};
  Actor tianhe_{3, "tianhe", Role::unit_handler, "440106"};
  Actor yuexiu_{4, "yuexiu", Role::unit_handler, "440104"};
  Actor callback_{5, "callback", Role::callback_agent, ""};
  Actor supervisor_{6, "supervisor", Role::supervisor, ""};
  Actor manager_{7, "manager", Role::manager, ""};
  std::vector<TicketEvent> history_;
};

TEST_F(WorkflowTest, FullLifecycleReachesArchivedAndProjectionRebuildsIt) {
  Ticket t = registered();
  EXPECT_EQ(t.state, TicketState::registered);
  EXPECT_EQ(t.deadline, calendar_.add_working_days(now_, 15));
  run(t, req(Action::submit), agent_);
  auto review = req(Action::review);
  review.category = "城乡建设/城市建设和市政管理";
  run(t, review, dispatcher_);
  EXPECT_TRUE(t.reviewed);
  EXPECT_EQ(t.category, "城乡建设/城市建设和市政管理");
  run(t, dispatch_to("440106001"), dispatcher_);
  EXPECT_EQ(t.state, TicketState::dispatched);
  EXPECT_EQ(t.dispatch_count, 1);
  ASSERT_TRUE(t.acknowledge_deadline);
  run(t, req(Action::acknowledge), tianhe_);  // a district handler acts for its streets
  auto handle = req(Action::handle);
  handle.note = "已到现场";
  run(t, handle, tianhe_);
  auto reply = req(Action::reply);
  reply.reply = "已责令施工方停止夜间施工";
  run(t, reply, tianhe_);
  run(t, req(Action::review_reply), dispatcher_);
  EXPECT_EQ(t.state, TicketState::callback_pending);
  auto callback = req(Action::callback);
  callback.rating = Rating::satisfied;
  run(t, callback, callback_);
  EXPECT_EQ(t.state, TicketState::closed);
  EXPECT_EQ(t.rating, Rating::satisfied);
  run(t, req(Action::archive), manager_);
  EXPECT_EQ(t.state, TicketState::archived);
  EXPECT_EQ(t.version, static_cast<std::int64_t>(history_.size()));

  Ticket rebuilt = project(history_);
  EXPECT_EQ(rebuilt.state, t.state);
  EXPECT_EQ(rebuilt.reply, t.reply);
  EXPECT_EQ(rebuilt.lead_unit, t.lead_unit);
  EXPECT_EQ(rebuilt.version, t.version);
  EXPECT_EQ(rebuilt.deadline, t.deadline);
}

TEST_F(WorkflowTest, WrongRoleIsForbiddenWithReason) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  auto refused = decide(t, dispatch_to("440106"), agent_, now_, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_NE(refused.error().message.find("dispatch"), std::string::npos);
}

TEST_F(WorkflowTest, TransitionFromWrongStateIsAConflict) {
  Ticket t = registered();
  auto refused = decide(t, req(Action::acknowledge), tianhe_, now_, ctx_);
  ASSERT_FALSE(refused);
  // The handler cannot see an undispatched ticket: refused on the unit before the state.
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  auto close = decide(t, req(Action::close), callback_, now_, ctx_);
  ASSERT_FALSE(close);
  EXPECT_EQ(close.error().code, ErrorCode::conflict);
  EXPECT_NE(close.error().message.find("registered"), std::string::npos);
}

TEST_F(WorkflowTest, HandlerOfAnotherDistrictCannotAct) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  auto refused = decide(t, req(Action::acknowledge), yuexiu_, now_, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(unit_can_see(t, yuexiu_, units_));
  EXPECT_TRUE(unit_can_see(t, tianhe_, units_));
}

TEST_F(WorkflowTest, UpheldReturnMarksDispatchWrongAndGoesBackToReview) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  auto no_reason = decide(t, req(Action::request_return), tianhe_, now_, ctx_);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  run(t, req(Action::request_return, "属住建局职责"), tianhe_);
  EXPECT_EQ(t.state, TicketState::return_requested);
  run(t, req(Action::uphold_return), dispatcher_);
  EXPECT_EQ(t.state, TicketState::pending_review);
  EXPECT_EQ(t.wrong_dispatch_count, 1);
  EXPECT_TRUE(t.lead_unit.empty());
  run(t, dispatch_to("dept-zjj"), dispatcher_);
  EXPECT_EQ(t.dispatch_count, 2);
}

TEST_F(WorkflowTest, RejectedReturnResumesPreviousState) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  run(t, req(Action::acknowledge), tianhe_);
  run(t, req(Action::request_return, "不属于本单位"), tianhe_);
  run(t, req(Action::reject_return, "属地管理"), dispatcher_);
  EXPECT_EQ(t.state, TicketState::acknowledged);
  EXPECT_EQ(t.wrong_dispatch_count, 0);
}

TEST_F(WorkflowTest, ApprovedExtensionMovesTheDeadline) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  run(t, req(Action::acknowledge), tianhe_);
  Timestamp before = t.deadline;
  auto ext = req(Action::request_extension, "需协调");
  ext.extension_days = 5;
  run(t, ext, tianhe_);
  EXPECT_EQ(t.deadline, before);
  run(t, req(Action::approve_extension), supervisor_);
  EXPECT_EQ(t.state, TicketState::acknowledged);
  EXPECT_EQ(t.deadline, calendar_.add_working_days(before, 5));
  ext.extension_days = 0;
  auto bad = decide(t, ext, tianhe_, now_, ctx_);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "extension_days");
}

TEST_F(WorkflowTest, RedoOnlyAfterDissatisfiedCallback) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  run(t, req(Action::acknowledge), tianhe_);
  auto reply = req(Action::reply);
  reply.reply = "已处理";
  run(t, reply, tianhe_);
  run(t, req(Action::review_reply), dispatcher_);
  auto callback = req(Action::callback);
  callback.rating = Rating::dissatisfied;
  run(t, callback, callback_);
  run(t, req(Action::redo, "市民不满意"), callback_);
  EXPECT_EQ(t.state, TicketState::dispatched);
  EXPECT_EQ(t.redo_count, 1);
  EXPECT_FALSE(t.rating);

  Ticket happy = registered();
  run(happy, req(Action::submit), agent_);
  run(happy, dispatch_to("440106"), dispatcher_);
  run(happy, req(Action::acknowledge), tianhe_);
  run(happy, reply, tianhe_);
  run(happy, req(Action::review_reply), dispatcher_);
  callback.rating = Rating::very_satisfied;
  run(happy, callback, callback_);
  auto refused = decide(happy, req(Action::redo, "x"), callback_, now_, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
}

TEST_F(WorkflowTest, InquiryResolvedAtIntakeThenClosed) {
  Ticket t = registered(TicketType::inquiry);
  EXPECT_EQ(t.deadline, calendar_.add_working_days(now_, 2));
  run(t, req(Action::resolve_at_intake), agent_);
  run(t, req(Action::close), agent_);
  EXPECT_EQ(t.state, TicketState::closed);
  EXPECT_EQ(t.dispatch_count, 0);
}

TEST_F(WorkflowTest, SuperviseIsAFlagNotAState) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  run(t, req(Action::supervise, "请加快办理"), supervisor_);
  EXPECT_EQ(t.state, TicketState::dispatched);
  EXPECT_EQ(t.supervision_count, 1);
}

TEST_F(WorkflowTest, MergeNeedsATargetAndAReason) {
  Ticket t = registered();
  auto merge = req(Action::merge, "同一工地");
  auto missing = decide(t, merge, agent_, now_, ctx_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "merge_into");
  merge.merge_into = 3;
  run(t, merge, agent_);
  EXPECT_EQ(t.state, TicketState::merged);
  EXPECT_EQ(t.merged_into, 3);
}

TEST_F(WorkflowTest, RegistrationValidatesPlaceAndTitle) {
  NewTicket nt;
  nt.title = "";
  auto no_title = decide_register(nt, agent_, now_, ctx_);
  ASSERT_FALSE(no_title);
  EXPECT_EQ(no_title.error().field, "title");
  nt.title = "x";
  nt.place.district = "440104";
  nt.place.street = "440106001";  // a Tianhe street under Yuexiu
  auto mismatch = decide_register(nt, agent_, now_, ctx_);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().field, "place.street");
  NewTicket valid;
  valid.title = "x";
  auto wrong_role = decide_register(valid, tianhe_, now_, ctx_);
  ASSERT_FALSE(wrong_role);
  EXPECT_EQ(wrong_role.error().code, ErrorCode::forbidden);
}

TEST_F(WorkflowTest, CategoriesComeFromTheTaxonomyOrStayEmpty) {
  NewTicket nt;
  nt.title = "小区噪音扰民";
  for (const char* category : {"", "城乡建设", "城乡建设/住房保障", "城乡建设/住房保障/公租房"}) {
    nt.category = category;
    EXPECT_TRUE(decide_register(nt, agent_, now_, ctx_)) << category;
  }
  for (const char* category : {"噪音", "城乡建设/噪音", "城乡建设/住房保障/公租房/", " 城乡建设"}) {
    nt.category = category;
    auto refused = decide_register(nt, agent_, now_, ctx_);
    ASSERT_FALSE(refused) << category;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "category");
  }

  // A reviewer's correction is held to the same taxonomy.
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  auto review = req(Action::review);
  review.category = "城乡建设/扰民";
  auto refused = decide(t, review, dispatcher_, now_, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "category");
  review.category = "城乡建设/住房保障";
  run(t, review, dispatcher_);
  EXPECT_EQ(t.category, "城乡建设/住房保障");
}

TEST_F(WorkflowTest, DispatchKeepsEachCoHandlingUnitOnce) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  auto dispatch = dispatch_to("440106");
  dispatch.co_units = {"440104", "dept-zjj", "440104", "dept-zjj", "440104"};
  run(t, dispatch, dispatcher_);
  EXPECT_EQ(t.co_units, (std::vector<UnitId>{"440104", "dept-zjj"}));
  EXPECT_EQ(project(history_).co_units, t.co_units);  // the event itself holds the short list

  // Repeats do not count against the limit of 20; the lead unit may not co-handle, however written.
  Ticket other = registered();
  run(other, req(Action::submit), agent_);
  auto many = dispatch_to("440106");
  many.co_units.assign(30, "440104");
  run(other, many, dispatcher_);
  EXPECT_EQ(other.co_units, (std::vector<UnitId>{"440104"}));
  Ticket third = registered();
  run(third, req(Action::submit), agent_);
  auto lead_twice = dispatch_to("440106");
  lead_twice.co_units = {"440104", "440106"};
  auto refused = decide(third, lead_twice, dispatcher_, now_, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "co_units");
}

TEST_F(WorkflowTest, RegistrationRefusesTitlesOfWhitespaceOnly) {
  NewTicket nt;
  // ASCII blanks, the ideographic space of Chinese input methods, no-break and zero-width spaces.
  for (const char* title : {" ", " \t\r\n ", "\u3000\u3000", "\u00a0 ", "\u200b\ufeff", "\u2003"}) {
    nt.title = title;
    auto refused = decide_register(nt, agent_, now_, ctx_);
    ASSERT_FALSE(refused) << title;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "title");
  }
  for (const char* title : {"\u3000噪音", " x ", "0"}) {
    nt.title = title;
    EXPECT_TRUE(decide_register(nt, agent_, now_, ctx_)) << title;
  }
}

TEST(TransitionTable, EveryActionHasExactlyOneRowAndRoles) {
  for (Action a : all_actions()) {
    int rows = 0;
    for (const auto& t : transition_table()) rows += t.action == a ? 1 : 0;
    EXPECT_EQ(rows, 1) << to_string(a);
    ASSERT_NE(find_transition(a), nullptr);
    EXPECT_FALSE(find_transition(a)->roles.empty()) << to_string(a);
    EXPECT_EQ(parse_action(to_string(a)), a);
  }
}

TEST_F(WorkflowTest, ADeadlineCountedPastTheLoadedCalendarIsFlaggedInTheEventAndTheTicket) {
  // Only 2024 is loaded: a complaint of 20 December runs 15 working days into January 2025.
  WorkCalendar only_2024({{sys_days{year{2024} / 10 / 1}, true, "国庆节"}});
  WorkflowContext ctx{only_2024, policy_, units_, taxonomy_};
  NewTicket nt;
  nt.type = TicketType::complaint;
  nt.title = "小区噪音扰民";
  nt.text = "夜间施工噪音";
  nt.caller = {"陈先生", "13800138000", false};
  auto late = decide_register(nt, agent_, sys_days{year{2024} / 12 / 20} + hours{2}, ctx);
  ASSERT_TRUE(late) << late.error().message;
  EXPECT_EQ(late->payload.at("deadline_beyond_calendar"), "1");
  late->ticket_id = 8;
  EXPECT_TRUE(project({*late}).deadline_beyond_calendar);

  auto early = decide_register(nt, agent_, now_, ctx);  // March 2024: all within 2024
  ASSERT_TRUE(early) << early.error().message;
  EXPECT_FALSE(early->payload.contains("deadline_beyond_calendar"));
  early->ticket_id = 9;
  EXPECT_FALSE(project({*early}).deadline_beyond_calendar);
}

}  // namespace
}  // namespace hotline::core
