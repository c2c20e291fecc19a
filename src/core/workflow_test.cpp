#include "core/workflow.hpp"

#include "core/event_payload.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

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
            {"440106002", "440106", UnitKind::street, "石牌街道", true},
            {"dept-zjj-fg", "dept-zjj", UnitKind::department, "住建局房屋管理处", true},
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
  Actor wushan_{8, "wushan", Role::unit_handler, "440106001"};
  Actor zjj_{9, "zjj", Role::unit_handler, "dept-zjj"};
  Actor zjj_fg_{10, "zjj-fg", Role::unit_handler, "dept-zjj-fg"};
  static Actor admin_actor() { return {11, "admin", Role::admin, ""}; }
  std::vector<TicketEvent> history_;

  // A submitted ticket dispatched to `lead` with `co_units`.
  Ticket dispatched(UnitId lead, std::vector<UnitId> co_units = {}) {
    Ticket t = registered();
    run(t, req(Action::submit), agent_);
    auto dispatch = dispatch_to(std::move(lead));
    dispatch.co_units = std::move(co_units);
    run(t, dispatch, dispatcher_);
    return t;
  }

  ErrorCode refused_with(const Ticket& t, const ActionRequest& request, const Actor& actor) {
    auto refused = decide(t, request, actor, now_, ctx_);
    EXPECT_FALSE(refused) << to_string(request.action) << " was accepted";
    return refused ? ErrorCode::internal : refused.error().code;
  }
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
  auto callback = req(Action::callback, "施工仍在继续");  // a dissatisfied rating needs its reason
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
  auto resolve = req(Action::resolve_at_intake);
  resolve.answer = "社保卡可在街道服务中心补办";
  run(t, resolve, agent_);
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

TEST_F(WorkflowTest, CoHandlingUnitCannotHandleAsIfItWereTheLead) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  auto dispatch = dispatch_to("440106");
  dispatch.co_units = {"440104"};
  run(t, dispatch, dispatcher_);
  run(t, req(Action::acknowledge), tianhe_);
  auto handle = req(Action::handle);
  handle.note = "协办单位的进展";
  auto refused = decide(t, handle, yuexiu_, now_, ctx_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_NE(refused.error().message.find("co_opinion"), std::string::npos);
  run(t, handle, tianhe_);  // the lead still handles
}

// Tiered dispatch (层级转派).

TEST_F(WorkflowTest, LeadUnitForwardsToItsOwnSubUnitKeepingTheDeadline) {
  Ticket t = dispatched("440106");
  run(t, req(Action::acknowledge), tianhe_);
  const Timestamp deadline = t.deadline;
  auto forward = req(Action::forward);
  forward.unit = "440106001";
  forward.note = "请五山街道办理";
  run(t, forward, tianhe_);
  EXPECT_EQ(t.state, TicketState::dispatched);
  EXPECT_EQ(t.lead_unit, "440106001");
  EXPECT_EQ(t.forwarded_from, (std::vector<UnitId>{"440106"}));
  EXPECT_EQ(t.deadline, deadline);
  EXPECT_EQ(t.acknowledge_deadline, calendar_.add_working_days(now_, policy_.acknowledge_working_days));
  const auto& event = history_.back();
  EXPECT_EQ(event.actor, "tianhe");
  EXPECT_EQ(event.payload.at("from_unit"), "440106");
  EXPECT_EQ(event.payload.at("to_unit"), "440106001");
  EXPECT_EQ(event.payload.at("note"), "请五山街道办理");

  // The street now acts as the lead; the district still sees the ticket.
  EXPECT_TRUE(unit_can_see(t, tianhe_, units_));
  run(t, req(Action::acknowledge), wushan_);
  auto reply = req(Action::reply);
  reply.reply = "已处理";
  run(t, reply, wushan_);
  EXPECT_EQ(t.state, TicketState::replied);
  EXPECT_EQ(project(history_).forwarded_from, t.forwarded_from);
  EXPECT_EQ(project(history_).lead_unit, "440106001");
}

TEST_F(WorkflowTest, ForwardGoesOnlyDownTheLeadUnitsOwnSubtree) {
  Ticket t = dispatched("440106");
  auto forward = req(Action::forward);
  auto missing = decide(t, forward, tianhe_, now_, ctx_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "unit");
  for (const char* unit : {"440104", "440106", "4401", "dept-zjj", "nowhere"}) {
    forward.unit = unit;
    auto refused = decide(t, forward, tianhe_, now_, ctx_);
    ASSERT_FALSE(refused) << unit;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument) << unit;
    EXPECT_EQ(refused.error().field, "unit") << unit;
  }
  forward.unit = "440106001";
  EXPECT_EQ(refused_with(t, forward, yuexiu_), ErrorCode::forbidden);  // not the lead unit
  EXPECT_EQ(refused_with(t, forward, dispatcher_), ErrorCode::forbidden);
  run(t, forward, tianhe_);
  // The street cannot pass it on sideways or back up; a chain keeps every forwarder.
  forward.unit = "440106002";
  EXPECT_EQ(refused_with(t, forward, wushan_), ErrorCode::invalid_argument);
  run(t, req(Action::acknowledge), wushan_);
  auto handle = req(Action::handle);
  handle.note = "处理中";
  run(t, handle, wushan_);
  forward.unit = "440106001";
  EXPECT_EQ(refused_with(t, forward, tianhe_), ErrorCode::conflict);  // in progress: too late
}

TEST_F(WorkflowTest, DepartmentForwardsToItsChildUnitAndTheChainGrows) {
  Ticket t = dispatched("dept-zjj");
  auto forward = req(Action::forward);
  forward.unit = "dept-zjj-fg";
  run(t, forward, zjj_);
  EXPECT_EQ(t.lead_unit, "dept-zjj-fg");
  EXPECT_TRUE(unit_can_see(t, zjj_, units_));
  run(t, req(Action::acknowledge), zjj_fg_);
  EXPECT_EQ(t.forwarded_from, (std::vector<UnitId>{"dept-zjj"}));

  Ticket city = dispatched("4401");
  Actor city_handler{11, "city", Role::unit_handler, "4401"};
  forward.unit = "440106";
  run(city, forward, city_handler);
  forward.unit = "440106002";
  run(city, forward, tianhe_);
  EXPECT_EQ(city.forwarded_from, (std::vector<UnitId>{"4401", "440106"}));
  EXPECT_EQ(city.lead_unit, "440106002");
}

// Recall (撤回).

TEST_F(WorkflowTest, RecallTakesBackAnUnacknowledgedDispatchWithoutCountingItWrong) {
  Ticket t = dispatched("440106", {"440104"});
  auto no_reason = decide(t, req(Action::recall), dispatcher_, now_, ctx_);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  EXPECT_EQ(refused_with(t, req(Action::recall, "派错单位"), tianhe_), ErrorCode::forbidden);
  run(t, req(Action::recall, "派错单位"), dispatcher_);
  EXPECT_EQ(t.state, TicketState::pending_review);
  EXPECT_TRUE(t.lead_unit.empty());
  EXPECT_TRUE(t.co_units.empty());
  EXPECT_TRUE(t.co_handling.empty());
  EXPECT_FALSE(t.acknowledge_deadline);
  EXPECT_EQ(t.wrong_dispatch_count, 0);
  EXPECT_EQ(history_.back().payload.at("lead_unit"), "440106");
  EXPECT_EQ(history_.back().payload.at("co_units"), "440104");
  EXPECT_FALSE(unit_can_see(t, tianhe_, units_));
  run(t, dispatch_to("440104"), dispatcher_);
  EXPECT_EQ(t.dispatch_count, 2);
  EXPECT_EQ(t.wrong_dispatch_count, 0);

  // Once acknowledged, only a return (which counts) takes it back.
  run(t, req(Action::acknowledge), yuexiu_);
  EXPECT_EQ(refused_with(t, req(Action::recall, "x"), dispatcher_), ErrorCode::conflict);
}

// Co-handling (主办/协办).

TEST_F(WorkflowTest, CoUnitsAcknowledgeAndGiveOpinionsTheLeadSees) {
  Ticket t = dispatched("440106", {"440104", "dept-zjj"});
  ASSERT_EQ(t.co_handling.size(), 2u);
  EXPECT_EQ(t.co_handling[0].unit, "440104");
  EXPECT_FALSE(t.co_handling[0].acknowledged_at);
  auto opinion = req(Action::co_opinion);
  opinion.opinion = "已配合排查";
  EXPECT_EQ(refused_with(t, opinion, yuexiu_), ErrorCode::conflict);  // acknowledge first
  run(t, req(Action::co_acknowledge), yuexiu_);
  EXPECT_EQ(t.co_handling[0].acknowledged_at, now_);
  EXPECT_EQ(t.state, TicketState::dispatched);  // the lead's state is its own
  EXPECT_EQ(refused_with(t, req(Action::co_acknowledge), yuexiu_), ErrorCode::conflict);
  auto empty = req(Action::co_opinion);
  empty.opinion = "\u3000";
  auto blank = decide(t, empty, yuexiu_, now_, ctx_);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "opinion");
  run(t, opinion, yuexiu_);
  EXPECT_EQ(t.co_handling[0].opinion, "已配合排查");
  EXPECT_EQ(t.co_handling[0].opinion_at, now_);
  EXPECT_EQ(history_.back().payload.at("unit"), "440104");

  // The lead and strangers are not co-units; a co-unit is not the lead.
  EXPECT_EQ(refused_with(t, req(Action::co_acknowledge), tianhe_), ErrorCode::forbidden);
  EXPECT_EQ(refused_with(t, req(Action::acknowledge), yuexiu_), ErrorCode::forbidden);
  auto reply = req(Action::reply);
  reply.reply = "已处理";
  EXPECT_EQ(refused_with(t, reply, yuexiu_), ErrorCode::forbidden);
  Ticket rebuilt = project(history_);
  EXPECT_EQ(rebuilt.co_handling, t.co_handling);
}

TEST_F(WorkflowTest, LeadReplyWaitsForEveryCoUnitOpinionUnlessItSaysWhy) {
  Ticket t = dispatched("440106", {"440104", "dept-zjj"});
  run(t, req(Action::acknowledge), tianhe_);
  auto reply = req(Action::reply);
  reply.reply = "已处理";
  auto waiting = decide(t, reply, tianhe_, now_, ctx_);
  ASSERT_FALSE(waiting);
  EXPECT_EQ(waiting.error().code, ErrorCode::conflict);
  EXPECT_NE(waiting.error().message.find("440104"), std::string::npos);
  EXPECT_NE(waiting.error().message.find("dept-zjj"), std::string::npos);

  run(t, req(Action::co_acknowledge), yuexiu_);
  auto opinion = req(Action::co_opinion);
  opinion.opinion = "同意主办意见";
  run(t, opinion, yuexiu_);
  auto still = decide(t, reply, tianhe_, now_, ctx_);
  ASSERT_FALSE(still);
  EXPECT_EQ(still.error().message.find("440104"), std::string::npos);
  EXPECT_NE(still.error().message.find("dept-zjj"), std::string::npos);

  reply.reason = "住建局逾期未反馈，先行答复";
  run(t, reply, tianhe_);
  EXPECT_EQ(t.state, TicketState::replied);
  EXPECT_EQ(history_.back().reason, "住建局逾期未反馈，先行答复");
  EXPECT_EQ(history_.back().payload.at("co_units_without_opinion"), "dept-zjj");

  // With every opinion in, no reason is needed.
  Ticket done = dispatched("440106", {"440104"});
  run(done, req(Action::acknowledge), tianhe_);
  run(done, req(Action::co_acknowledge), yuexiu_);
  run(done, opinion, yuexiu_);
  reply.reason.clear();
  run(done, reply, tianhe_);
  EXPECT_FALSE(history_.back().payload.contains("co_units_without_opinion"));
}

TEST_F(WorkflowTest, ActorOverSeveralCoUnitsNamesTheOneItActsFor) {
  Ticket t = dispatched("440104", {"440106001", "440106002"});
  auto ack = req(Action::co_acknowledge);
  auto ambiguous = decide(t, ack, tianhe_, now_, ctx_);
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().field, "unit");
  ack.unit = "440106002";
  run(t, ack, tianhe_);
  EXPECT_FALSE(t.co_handling[0].acknowledged_at);
  EXPECT_TRUE(t.co_handling[1].acknowledged_at);
  ack.unit = "440106002";
  EXPECT_EQ(refused_with(t, ack, wushan_), ErrorCode::forbidden);  // not Wushan's
  ack.unit = "dept-zjj";
  EXPECT_EQ(refused_with(t, ack, tianhe_), ErrorCode::invalid_argument);
  run(t, req(Action::co_acknowledge), wushan_);  // its only co-unit: no need to name it
  EXPECT_TRUE(t.co_handling[0].acknowledged_at);
}

// Correcting a ticket (更正).

TEST_F(WorkflowTest, CorrectionRecordsBeforeAndAfterAndRecomputesTheDeadline) {
  Ticket t = registered(TicketType::complaint);
  const Timestamp created = t.created_at;
  auto correct = req(Action::correct);
  correct.correction.type = TicketType::inquiry;
  auto no_reason = decide(t, correct, agent_, now_, ctx_);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  correct.reason = "来电人补充说明";
  correct.correction.text_addition = "噪音来自三号楼工地";
  correct.correction.street = "440106002";
  correct.correction.urgency = Urgency::urgent;
  run(t, correct, agent_);
  EXPECT_EQ(t.type, TicketType::inquiry);
  EXPECT_EQ(t.urgency, Urgency::urgent);
  EXPECT_EQ(t.text, "夜间施工噪音\n噪音来自三号楼工地");
  EXPECT_EQ(t.place.street, "440106002");
  EXPECT_EQ(t.deadline, handling_deadline(calendar_, policy_, TicketType::inquiry, Urgency::urgent, created));
  const auto& p = history_.back().payload;
  EXPECT_EQ(p.at("before_type"), "complaint");
  EXPECT_EQ(p.at("after_type"), "inquiry");
  EXPECT_EQ(p.at("before_urgency"), "normal");
  EXPECT_EQ(p.at("after_urgency"), "urgent");
  EXPECT_EQ(p.at("before_street"), "440106001");
  EXPECT_EQ(p.at("after_street"), "440106002");
  EXPECT_EQ(p.at("before_text"), "夜间施工噪音");
  EXPECT_EQ(p.at("after_text"), t.text);
  EXPECT_EQ(p.at("after_deadline"), std::to_string(to_epoch(t.deadline)));
  EXPECT_FALSE(p.contains("before_district"));  // unchanged fields are not listed
  EXPECT_FALSE(p.contains("after_category"));
  Ticket rebuilt = project(history_);
  EXPECT_EQ(rebuilt.text, t.text);
  EXPECT_EQ(rebuilt.deadline, t.deadline);
  EXPECT_EQ(rebuilt.type, t.type);
  EXPECT_EQ(rebuilt.place.street, t.place.street);
}

TEST_F(WorkflowTest, CorrectionIsCheckedLikeARegistration) {
  Ticket t = registered();
  auto correct = req(Action::correct, "更正");
  auto nothing = decide(t, correct, agent_, now_, ctx_);
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().code, ErrorCode::invalid_argument);
  correct.correction.type = t.type;  // the same value is no change
  EXPECT_EQ(refused_with(t, correct, agent_), ErrorCode::invalid_argument);
  correct.correction = {};
  correct.correction.category = "城乡建设/扰民";
  auto category = decide(t, correct, agent_, now_, ctx_);
  ASSERT_FALSE(category);
  EXPECT_EQ(category.error().field, "category");
  correct.correction = {};
  correct.correction.district = "440104";  // its street stays Tianhe's
  auto street = decide(t, correct, agent_, now_, ctx_);
  ASSERT_FALSE(street);
  EXPECT_EQ(street.error().field, "place.street");
  correct.correction.street = "";
  run(t, correct, agent_);
  EXPECT_EQ(t.place.district, "440104");
  EXPECT_TRUE(t.place.street.empty());
  correct.correction = {};
  correct.correction.category = "城乡建设/住房保障";
  EXPECT_EQ(refused_with(t, correct, tianhe_), ErrorCode::forbidden);
  run(t, req(Action::submit), agent_);
  run(t, correct, dispatcher_);  // a reviewer corrects before dispatching
  EXPECT_EQ(t.category, "城乡建设/住房保障");
  run(t, dispatch_to("440104"), dispatcher_);
  correct.correction.category = "城乡建设";
  EXPECT_EQ(refused_with(t, correct, dispatcher_), ErrorCode::conflict);
}

TEST_F(WorkflowTest, RejectedTicketMustBeCorrectedBeforeItIsSubmittedAgain) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  auto reject = req(Action::review, "地址不全");
  reject.approve = false;
  run(t, reject, dispatcher_);
  EXPECT_EQ(t.state, TicketState::registered);
  EXPECT_TRUE(t.needs_correction);
  EXPECT_EQ(t.correction_reason, "地址不全");
  auto again = decide(t, req(Action::submit), agent_, now_, ctx_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_NE(again.error().message.find("correct the ticket first"), std::string::npos);
  auto correct = req(Action::correct, "补全地址");
  correct.correction.address = "天河路 1 号";
  run(t, correct, agent_);
  EXPECT_FALSE(t.needs_correction);
  EXPECT_EQ(t.place.address, "天河路 1 号");
  run(t, req(Action::submit), agent_);
  EXPECT_EQ(t.state, TicketState::pending_review);
  EXPECT_TRUE(t.correction_reason.empty());
  Ticket rebuilt = project(history_);
  EXPECT_FALSE(rebuilt.needs_correction);

  // A second rejection needs a second correction.
  run(t, reject, dispatcher_);
  EXPECT_EQ(refused_with(t, req(Action::submit), agent_), ErrorCode::conflict);
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

// A ticket in every state the lifecycle reaches, dispatched to 天河区 with 越秀区 co-handling.
TEST_F(WorkflowTest, AllowedActionsAreExactlyWhatDecideAccepts) {
  std::vector<std::pair<std::string, Ticket>> tickets;
  auto keep = [&](std::string name, const Ticket& t) { tickets.emplace_back(std::move(name), t); };
  Ticket t = registered();
  keep("registered", t);
  Ticket intake = t;
  auto resolve = req(Action::resolve_at_intake);
  resolve.answer = "已当场答复";
  run(intake, resolve, agent_);
  keep("resolved_at_intake", intake);
  run(t, req(Action::submit), agent_);
  keep("pending_review", t);
  Ticket merged = t;
  auto merge = req(Action::merge, "重复");
  merge.merge_into = 99;
  run(merged, merge, dispatcher_);
  keep("merged", merged);
  auto dispatch = dispatch_to("440106");
  dispatch.co_units = {"440104"};
  run(t, dispatch, dispatcher_);
  keep("dispatched", t);
  Ticket returning = t;
  run(returning, req(Action::request_return, "非本单位职责"), tianhe_);
  keep("return_requested", returning);
  run(t, req(Action::acknowledge), tianhe_);
  keep("acknowledged", t);
  auto note = req(Action::handle);
  note.note = "已派人核查";
  run(t, note, tianhe_);
  keep("in_progress", t);
  Ticket extending = t;
  auto extension = req(Action::request_extension, "需协调");
  extension.extension_days = 3;
  run(extending, extension, tianhe_);
  keep("extension_requested", extending);
  auto reply = req(Action::reply, "协办单位逾期未回复");
  reply.reply = "已处理完毕";
  run(t, reply, tianhe_);
  keep("replied", t);
  run(t, req(Action::review_reply), dispatcher_);
  keep("callback_pending", t);
  Ticket satisfied = t;
  auto rating = req(Action::callback);
  rating.rating = Rating::satisfied;
  run(satisfied, rating, callback_);
  keep("closed_satisfied", satisfied);
  Ticket archived = satisfied;
  run(archived, req(Action::archive), manager_);
  keep("archived", archived);
  rating.rating = Rating::dissatisfied;
  rating.reason = "未解决";
  run(t, rating, callback_);
  keep("closed_dissatisfied", t);

  std::set<TicketState> reached;
  for (const auto& [name, ticket] : tickets) reached.insert(ticket.state);
  EXPECT_EQ(reached.size(), all_ticket_states().size()) << "a state has no ticket in this test";

  // One request carrying valid data for every action, so only the actor and the ticket decide.
  ActionRequest valid;
  valid.reason = "原因";
  valid.lead_unit = "440104";
  valid.extension_days = 2;
  valid.rating = Rating::basically_satisfied;
  valid.merge_into = 99;
  valid.reply = "答复";
  valid.note = "进展";
  valid.answer = "答复";
  valid.opinion = "协办意见";
  valid.correction.text_addition = "补充说明";
  valid.attachment = Attachment{std::string(64, 'a'), "现场.png", "image/png", 8, {}, {}};
  const Actor zjj{8, "zjj", Role::unit_handler, "dept-zjj"};
  const Actor admin{9, "admin", Role::admin, ""};
  const std::vector<Actor> actors{agent_,    dispatcher_, tianhe_,  yuexiu_, zjj,
                                  callback_, supervisor_, manager_, admin};
  int listed_total = 0;
  for (const auto& [name, ticket] : tickets) {
    for (const auto& actor : actors) {
      const auto allowed = allowed_actions(ticket, actor, units_);
      listed_total += static_cast<int>(allowed.size());
      for (const auto& rule : transition_table()) {
        if (rule.action == Action::register_ticket) continue;
        ActionRequest request = valid;
        request.action = rule.action;
        // forward names a sub-unit of the lead; a co-unit action names none (the actor's only one).
        if (rule.action == Action::forward) request.unit = "440106001";
        const bool listed = std::find(allowed.begin(), allowed.end(), rule.action) != allowed.end();
        auto decided = decide(ticket, request, actor, now_, ctx_);
        EXPECT_EQ(listed, decided.has_value())
            << actor.username << " " << to_string(rule.action) << " on " << name << ": "
            << (decided ? "accepted" : decided.error().message);
      }
    }
  }
  EXPECT_GT(listed_total, 0);
}

TEST_F(WorkflowTest, AllowedActionsFollowUnitRulesAndPreconditions) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  auto dispatch = dispatch_to("440106");
  dispatch.co_units = {"440104"};
  run(t, dispatch, dispatcher_);
  using A = std::vector<Action>;
  EXPECT_EQ(allowed_actions(t, tianhe_, units_),
            (A{Action::acknowledge, Action::request_return, Action::forward, Action::attach}));
  // co-handling: no lead-unit actions, only its own part (and files, as it reads the ticket)
  EXPECT_EQ(allowed_actions(t, yuexiu_, units_), (A{Action::co_acknowledge, Action::attach}));
  EXPECT_EQ(allowed_actions(t, supervisor_, units_), (A{Action::supervise, Action::attach}));
  EXPECT_EQ(allowed_actions(t, admin_actor(), units_), A{});
  EXPECT_EQ(allowed_actions(t, manager_, units_), A{});  // managers read, they do not attach
  run(t, req(Action::acknowledge), tianhe_);
  EXPECT_EQ(allowed_actions(t, yuexiu_, units_), (A{Action::co_acknowledge, Action::attach}));
  run(t, req(Action::co_acknowledge), yuexiu_);
  EXPECT_EQ(allowed_actions(t, yuexiu_, units_), (A{Action::co_opinion, Action::attach}));
  auto reply = req(Action::reply, "协办意见未到，先行答复");
  reply.reply = "已处理";
  run(t, reply, tianhe_);
  run(t, req(Action::review_reply), dispatcher_);
  auto rating = req(Action::callback);
  rating.rating = Rating::satisfied;
  run(t, rating, callback_);
  // no redo: not dissatisfied
  EXPECT_EQ(allowed_actions(t, supervisor_, units_), (A{Action::archive, Action::attach}));
  EXPECT_EQ(allowed_actions(t, callback_, units_), A{Action::attach});
  run(t, req(Action::archive), supervisor_);
  EXPECT_EQ(allowed_actions(t, supervisor_, units_), A{});  // archived: nothing, not even a file
  EXPECT_EQ(allowed_actions(t, agent_, units_), A{});
}

}  // namespace
TEST_F(WorkflowTest, ResolveAtIntakeRecordsTheAnswerGiven) {
  Ticket t = registered(TicketType::inquiry);
  auto resolve = req(Action::resolve_at_intake);
  auto missing = decide(t, resolve, agent_, now_, ctx_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "answer");
  resolve.answer = "\xE3\x80\x80 ";  // an ideographic space is no answer either
  EXPECT_EQ(decide(t, resolve, agent_, now_, ctx_).error().field, "answer");
  resolve.answer = "可在街道服务中心补办社保卡";
  resolve.knowledge_article = "KB-2031";
  run(t, resolve, agent_);
  EXPECT_EQ(t.intake_answer, "可在街道服务中心补办社保卡");
  EXPECT_EQ(t.knowledge_article, "KB-2031");
  EXPECT_EQ(project(history_).intake_answer, t.intake_answer);
}

TEST_F(WorkflowTest, IntakeIsRatedOnceRightAfterTheContact) {
  Ticket t = registered(TicketType::inquiry);
  auto rate = req(Action::rate_intake);
  EXPECT_EQ(decide(t, rate, agent_, now_, ctx_).error().field, "rating");
  rate.rating = Rating::very_satisfied;
  run(t, rate, agent_);
  EXPECT_EQ(t.state, TicketState::registered);
  EXPECT_EQ(t.intake_rating, Rating::very_satisfied);
  auto again = decide(t, rate, agent_, now_, ctx_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  run(t, req(Action::submit), agent_);
  EXPECT_EQ(project(history_).intake_rating, Rating::very_satisfied);
  Ticket other = registered();
  run(other, req(Action::submit), agent_);
  EXPECT_EQ(decide(other, rate, agent_, now_, ctx_).error().code, ErrorCode::conflict);  // not right after the contact
}

TEST_F(WorkflowTest, UnreachableCallbacksAreRetriedThenCloseAsUnreachable) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  run(t, req(Action::acknowledge), tianhe_);
  auto reply = req(Action::reply);
  reply.reply = "已处理";
  run(t, reply, tianhe_);
  run(t, req(Action::review_reply), dispatcher_);
  ASSERT_TRUE(t.callback_due);
  EXPECT_EQ(*t.callback_due, calendar_.add_working_days(now_, 2));

  auto unreachable = req(Action::callback);
  unreachable.outcome = CallbackOutcome::unreachable;
  unreachable.rating = Rating::satisfied;
  EXPECT_EQ(decide(t, unreachable, callback_, now_, ctx_).error().field, "rating");  // nobody rated
  unreachable.rating.reset();
  run(t, unreachable, callback_);  // Monday
  EXPECT_EQ(t.state, TicketState::callback_pending);
  EXPECT_EQ(t.callback_attempts, 1);
  ASSERT_TRUE(t.next_callback_at);
  EXPECT_EQ(*t.next_callback_at, WorkCalendar::local_midnight(Date{year{2024} / 3 / 5}));  // Tuesday
  auto early = decide(t, unreachable, callback_, now_ + hours{1}, ctx_);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);  // not before the schedule says
  now_ = *t.next_callback_at + hours{9};
  run(t, unreachable, callback_);
  EXPECT_EQ(t.callback_attempts, 2);
  EXPECT_EQ(t.state, TicketState::callback_pending);
  now_ = *t.next_callback_at + hours{9};
  run(t, unreachable, callback_);
  EXPECT_EQ(t.callback_attempts, 3);
  EXPECT_EQ(t.state, TicketState::closed);
  EXPECT_EQ(t.callback_result, CallbackOutcome::unreachable);
  EXPECT_FALSE(t.next_callback_at);
  EXPECT_FALSE(t.rating);
  Ticket rebuilt = project(history_);
  EXPECT_EQ(rebuilt.callback_attempts, 3);
  EXPECT_EQ(rebuilt.callback_result, CallbackOutcome::unreachable);
}

TEST_F(WorkflowTest, RefusedCallbackClosesWithoutARatingAndDissatisfiedNeedsAReason) {
  Ticket t = registered();
  run(t, req(Action::submit), agent_);
  run(t, dispatch_to("440106"), dispatcher_);
  run(t, req(Action::acknowledge), tianhe_);
  auto reply = req(Action::reply);
  reply.reply = "已处理";
  run(t, reply, tianhe_);
  run(t, req(Action::review_reply), dispatcher_);
  Ticket refused_case = t;

  auto dissatisfied = req(Action::callback);
  dissatisfied.rating = Rating::dissatisfied;
  auto no_reason = decide(t, dissatisfied, callback_, now_, ctx_);
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  dissatisfied.reason = "噪音仍然存在";
  run(t, dissatisfied, callback_);
  EXPECT_EQ(t.callback_result, CallbackOutcome::rated);
  EXPECT_EQ(t.rating, Rating::dissatisfied);
  EXPECT_TRUE(event_data<CallbackData>(history_.back()).in_time);

  auto refuse = req(Action::callback);
  refuse.outcome = CallbackOutcome::refused;
  now_ += days{7};  // after the 2 working days of the window
  auto event = decide(refused_case, refuse, callback_, now_, ctx_);
  ASSERT_TRUE(event);
  EXPECT_FALSE(event_data<CallbackData>(*event).in_time);
  apply(refused_case, *event);
  EXPECT_EQ(refused_case.state, TicketState::closed);
  EXPECT_EQ(refused_case.callback_result, CallbackOutcome::refused);
  EXPECT_FALSE(refused_case.rating);
}

TEST_F(WorkflowTest, MergeTargetMustBeOpenAndOfTheSameDistrictAndCategoryUnlessForced) {
  Ticket source = registered();
  Ticket target = registered();
  target.id = 8;
  auto merge = req(Action::merge, "同一工地");
  merge.merge_into = 8;
  EXPECT_TRUE(check_merge_target(source, target, merge));
  Ticket elsewhere = target;
  elsewhere.place.district = "440104";
  auto refused = check_merge_target(source, elsewhere, merge);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  Ticket other_category = target;
  other_category.category = "城乡建设/住房保障";
  EXPECT_EQ(check_merge_target(source, other_category, merge).error().code, ErrorCode::conflict);
  merge.force = true;
  EXPECT_TRUE(check_merge_target(source, elsewhere, merge));
  Ticket merged = target;
  merged.state = TicketState::merged;
  EXPECT_EQ(check_merge_target(source, merged, merge).error().code, ErrorCode::conflict);
  Ticket closed = target;
  closed.state = TicketState::closed;
  EXPECT_EQ(check_merge_target(source, closed, merge).error().code, ErrorCode::conflict);
  auto event = decide(source, merge, agent_, now_, ctx_);
  ASSERT_TRUE(event);
  EXPECT_TRUE(event_data<MergeData>(*event).forced);
  // The target records the merge too; its state stays.
  auto recorded = merge_target_event(target, *event);
  EXPECT_EQ(recorded.ticket_id, 8);
  EXPECT_EQ(recorded.seq, target.version + 1);
  EXPECT_EQ(recorded.reason, "同一工地");
  EXPECT_EQ(event_data<MergeData>(recorded).merged_from, 7);
  Ticket after = target;
  apply(after, recorded);
  EXPECT_EQ(after.state, TicketState::registered);
  EXPECT_EQ(after.merged_from, std::vector<TicketId>{7});
  EXPECT_FALSE(after.merged_into);
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

}  // namespace hotline::core
