#include "core/ticket_service.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/event_bus.hpp"

#include "storage/memory/audit_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/ticket_repository.hpp"

namespace hotline::core {
namespace {

using namespace std::chrono;

class TicketServiceTest : public ::testing::Test {
 protected:
  TicketServiceTest()
      : clock_(sys_days{year{2024} / 3 / 4} + hours{2}),
        reference_(reference_repo_),
        service_(tickets_, audit_, reference_, clock_, {}, &bus_) {
    EXPECT_TRUE(reference_repo_.upsert_units({
        {"4401", "", UnitKind::city, "广州市", true},
        {"440106", "4401", UnitKind::district, "天河区", true},
        {"440106001", "440106", UnitKind::street, "五山街道", true},
        {"440104", "4401", UnitKind::district, "越秀区", true},
    }));
    EXPECT_TRUE(reference_.reload());
  }

  Ticket create(bool confidential = false, UnitId district = "440106") {
    NewTicket nt;
    nt.type = TicketType::complaint;
    nt.title = "噪音";
    nt.caller = {"陈大文", "13800138000", confidential};
    nt.place.district = std::move(district);
    auto t = service_.register_ticket(agent_, nt);
    EXPECT_TRUE(t) << t.error().message;
    return *t;
  }

  Ticket act(const Actor& actor, TicketId id, Action action, UnitId lead = {}) {
    ActionRequest r;
    r.action = action;
    r.lead_unit = std::move(lead);
    auto t = service_.act(actor, id, r);
    EXPECT_TRUE(t) << t.error().message;
    return t ? *t : Ticket{};
  }

  FixedClock clock_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  storage::memory::InMemoryTicketRepository tickets_;
  storage::memory::InMemoryAuditRepository audit_;
  ReferenceService reference_;
  InProcessEventBus bus_;
  TicketService service_;
  Actor agent_{1, "agent", Role::agent, ""};
  Actor dispatcher_{2, "dispatcher", Role::dispatcher, ""};
  Actor tianhe_{3, "tianhe", Role::unit_handler, "440106"};
  Actor yuexiu_{4, "yuexiu", Role::unit_handler, "440104"};
  Actor manager_{5, "manager", Role::manager, ""};
  Actor callback_agent_{6, "callback", Role::callback_agent, ""};
};

TEST_F(TicketServiceTest, HandlerOfAnotherDistrictCannotReadOrActOrList) {
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106001");
  EXPECT_TRUE(service_.get(tianhe_, t.id));
  auto read = service_.get(yuexiu_, t.id);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::not_found);
  ActionRequest ack;
  ack.action = Action::acknowledge;
  auto acted = service_.act(yuexiu_, t.id, ack);
  ASSERT_FALSE(acted);
  EXPECT_EQ(acted.error().code, ErrorCode::not_found);
  EXPECT_FALSE(service_.history(yuexiu_, t.id));
  TicketQuery query;
  query.units = {"440106"};  // asking for another district's unit gives nothing
  auto page = service_.list(yuexiu_, query);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->tickets.empty());
  auto own = service_.list(tianhe_, TicketQuery{});
  ASSERT_TRUE(own);
  ASSERT_EQ(own->tickets.size(), 1u);
  EXPECT_TRUE(service_.act(tianhe_, t.id, ack));
}

// A confidential caller (only dispatchers see the contact) is still called back: the callback agent
// may reveal it for a ticket waiting for its callback, with a reason, audited as such; not before,
// not after, not without a reason, and reads keep concealing it.
TEST_F(TicketServiceTest, CallbackAgentRevealsAConfidentialCallerOnlyForItsCallback) {
  Ticket t = create(true);
  auto early = service_.reveal_contact(callback_agent_, t.id, "回访");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::forbidden);
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106");
  act(tianhe_, t.id, Action::acknowledge);
  ActionRequest reply;
  reply.action = Action::reply;
  reply.reply = "已处理";
  ASSERT_TRUE(service_.act(tianhe_, t.id, reply));
  act(dispatcher_, t.id, Action::review_reply);
  EXPECT_EQ(service_.get(callback_agent_, t.id)->caller.phone, "***********");
  auto unexplained = service_.reveal_contact(callback_agent_, t.id, " ");
  ASSERT_FALSE(unexplained);
  EXPECT_EQ(unexplained.error().field, "reason");
  auto revealed = service_.reveal_contact(callback_agent_, t.id, "回访市民");
  ASSERT_TRUE(revealed) << revealed.error().message;
  EXPECT_EQ(revealed->phone, "13800138000");
  EXPECT_EQ(service_.get(callback_agent_, t.id)->caller.phone, "***********");  // reads still conceal it
  EXPECT_FALSE(service_.reveal_contact(agent_, t.id, "回访市民"));               // the callback step is theirs only
  ActionRequest rated;
  rated.action = Action::callback;
  rated.rating = Rating::satisfied;
  ASSERT_TRUE(service_.act(callback_agent_, t.id, rated));
  auto late = service_.reveal_contact(callback_agent_, t.id, "回访市民");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::forbidden);

  AuditQuery query;
  query.ticket_id = t.id;
  auto trail = service_.audit_trail(manager_, query);
  ASSERT_TRUE(trail);
  std::vector<std::string> actions;
  for (const auto& entry : *trail) actions.push_back(entry.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"reveal_contact_refused", "reveal_contact_refused",
                                               "reveal_contact_for_callback", "reveal_contact_refused"}));
}

TEST_F(TicketServiceTest, ContactsAreMaskedEverywhereAndRevealedOnlyWithAnAuditEntry) {
  Ticket open = create(false);
  EXPECT_EQ(open.caller.phone, "138****8000");  // even the registering agent's response
  EXPECT_EQ(service_.get(dispatcher_, open.id)->caller.phone, "138****8000");
  EXPECT_EQ(service_.get(manager_, open.id)->caller.name, "陈**");
  auto history = service_.history(agent_, open.id);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->front().payload.at("caller_phone"), "138****8000");

  auto revealed = service_.reveal_contact(agent_, open.id, "回拨市民");
  ASSERT_TRUE(revealed) << revealed.error().message;
  EXPECT_EQ(revealed->phone, "13800138000");
  EXPECT_EQ(revealed->name, "陈大文");
  auto refused = service_.reveal_contact(manager_, open.id, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);

  AuditQuery query;
  query.ticket_id = open.id;
  auto trail = service_.audit_trail(manager_, query);
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);  // newest first: the refused attempt revealed nothing but is on record
  EXPECT_EQ(trail->at(0).action, "reveal_contact_refused");
  EXPECT_EQ(trail->at(0).actor, "manager");
  EXPECT_EQ(trail->at(0).reason, "refused: role may not see callers' contacts");
  EXPECT_EQ(trail->at(1).actor, "agent");
  EXPECT_EQ(trail->at(1).reason, "回拨市民");
  EXPECT_EQ(trail->at(1).action, "reveal_contact");
  EXPECT_FALSE(service_.audit_trail(agent_, query));
}

TEST_F(TicketServiceTest, ConfidentialContactOnlyForDispatchers) {
  Ticket t = create(true);
  EXPECT_FALSE(service_.reveal_contact(agent_, t.id, "x"));
  EXPECT_EQ(service_.reveal_contact(dispatcher_, t.id, "审核")->phone, "13800138000");
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106");
  auto handler = service_.reveal_contact(tianhe_, t.id, "联系市民");
  ASSERT_FALSE(handler);
  EXPECT_EQ(handler.error().code, ErrorCode::forbidden);
  // A handler of another district does not even learn the ticket exists.
  EXPECT_EQ(service_.reveal_contact(yuexiu_, t.id, "x").error().code, ErrorCode::not_found);
}

TEST_F(TicketServiceTest, AConfidentialCallerShowsNoDigitToUnitsOrAnyoneWhoMayNotRevealIt) {
  Ticket t = create(true);
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106");
  EXPECT_EQ(service_.get(dispatcher_, t.id)->caller.phone, "138****8000");  // the reviewers: masked as usual
  for (const Actor* viewer : {&tianhe_, &manager_, &agent_}) {
    auto seen = service_.get(*viewer, t.id);
    ASSERT_TRUE(seen) << viewer->username;
    EXPECT_EQ(seen->caller.phone, "***********") << viewer->username;
    EXPECT_EQ(seen->caller.name, "**") << viewer->username;
    auto listed = service_.list(*viewer, TicketQuery{});
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->tickets.size(), 1u);
    EXPECT_EQ(listed->tickets.front().caller.phone, "***********");
    auto history = service_.history(*viewer, t.id);
    ASSERT_TRUE(history);
    EXPECT_EQ(history->front().payload.at("caller_phone"), "***********");
    EXPECT_EQ(history->front().payload.at("caller_name"), "**");
    auto replay = service_.events_since(*viewer, 0, 100);
    ASSERT_TRUE(replay);
    ASSERT_FALSE(replay->events.empty());
    EXPECT_EQ(replay->events.front().event.payload.at("caller_phone"), "***********");
    EXPECT_EQ(replay->events.front().ticket.caller.phone, "***********");
  }
  // A caller who did not ask for it is masked as before for the unit.
  Ticket open = create(false);
  act(agent_, open.id, Action::submit);
  act(dispatcher_, open.id, Action::dispatch, "440106");
  EXPECT_EQ(service_.get(tianhe_, open.id)->caller.phone, "138****8000");
}

TEST_F(TicketServiceTest, PersonalNumbersInFreeTextAreMaskedForRolesThatMayNotSeeContacts) {
  NewTicket nt;
  nt.type = TicketType::complaint;
  nt.title = "退款问题13912345678";
  nt.text = "市民身份证440106199001011235，银行卡6217 0012 3456 7893，订单号2023120512345678";
  nt.caller = {"陈大文", "13800138000", false};
  nt.place.district = "440106";
  auto t = service_.register_ticket(agent_, nt);
  ASSERT_TRUE(t) << t.error().message;
  act(agent_, t->id, Action::submit);
  act(dispatcher_, t->id, Action::dispatch, "440106");
  act(tianhe_, t->id, Action::acknowledge);
  ActionRequest handle;
  handle.action = Action::handle;
  handle.note = "已电话联系13912345678";
  ASSERT_TRUE(service_.act(tianhe_, t->id, handle));
  ActionRequest reply;
  reply.action = Action::reply;
  reply.reply = "已退款至卡6217001234567893";
  reply.reason = "回复市民13912345678";
  ASSERT_TRUE(service_.act(tianhe_, t->id, reply));

  // Those who talk to citizens read it as written.
  auto handler_view = service_.get(tianhe_, t->id);
  ASSERT_TRUE(handler_view);
  EXPECT_EQ(handler_view->title, "退款问题13912345678");
  EXPECT_EQ(handler_view->reply, "已退款至卡6217001234567893");

  auto managers = service_.get(manager_, t->id);
  ASSERT_TRUE(managers);
  EXPECT_EQ(managers->title, "退款问题***********");
  EXPECT_EQ(managers->text, "市民身份证******************，银行卡**** **** **** ****，订单号2023120512345678");
  EXPECT_EQ(managers->reply, "已退款至卡****************");
  auto listed = service_.list(manager_, TicketQuery{});
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->tickets.front().title, "退款问题***********");

  auto history = service_.history(manager_, t->id);
  ASSERT_TRUE(history);
  for (const auto& event : *history) {
    for (const auto& [key, value] : event.payload) {
      EXPECT_EQ(value.find("13912345678"), std::string::npos) << key;
      EXPECT_EQ(value.find("6217"), std::string::npos) << key;
    }
    EXPECT_EQ(event.reason.find("13912345678"), std::string::npos) << event.reason;
  }
  EXPECT_EQ(history->front().payload.at("title"), "退款问题***********");
  EXPECT_EQ(history->back().reason, "回复市民***********");
  auto replay = service_.events_since(manager_, 0, 100);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->events.back().event.payload.at("reply"), "已退款至卡****************");
  EXPECT_EQ(replay->events.back().ticket.title, "退款问题***********");
}

TEST_F(TicketServiceTest, OverdueFollowsTheInjectedClock) {
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106");
  TicketQuery overdue;
  overdue.overdue = true;
  EXPECT_TRUE(service_.list(dispatcher_, overdue)->tickets.empty());
  clock_.advance(days{40});
  auto page = service_.list(dispatcher_, overdue);
  ASSERT_EQ(page->tickets.size(), 1u);
  EXPECT_TRUE(page->tickets.front().overdue_at(clock_.now()));
}

TEST_F(TicketServiceTest, MergeIntoAClosedTicketIsRefused) {
  Ticket target = create();
  Ticket dup = create();
  ActionRequest resolve;
  resolve.action = Action::resolve_at_intake;
  resolve.answer = "已答复";
  ASSERT_TRUE(service_.act(agent_, target.id, resolve));
  act(agent_, target.id, Action::close);
  ActionRequest merge;
  merge.action = Action::merge;
  merge.reason = "重复";
  merge.merge_into = target.id;
  auto refused = service_.act(agent_, dup.id, merge);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  merge.merge_into = 9999;
  auto missing = service_.act(agent_, dup.id, merge);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "merge_into");
}

TEST_F(TicketServiceTest, MergeTargetListsMergedCallersMaskedAndMergedTicketsShowTheTargetsCallback) {
  Ticket target = create();
  Ticket dup = create();
  Ticket elsewhere = create(false, "440104");
  ActionRequest merge;
  merge.action = Action::merge;
  merge.reason = "同一工地";
  merge.merge_into = target.id;
  auto refused = service_.act(agent_, elsewhere.id, merge);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);  // another district, not forced
  ASSERT_TRUE(service_.act(agent_, dup.id, merge));
  merge.force = true;
  ASSERT_TRUE(service_.act(agent_, elsewhere.id, merge));
  merge.merge_into = dup.id;
  Ticket third = create();
  auto into_merged = service_.act(agent_, third.id, merge);
  ASSERT_FALSE(into_merged);
  EXPECT_EQ(into_merged.error().code, ErrorCode::conflict);

  auto shown = service_.get(dispatcher_, target.id);
  ASSERT_TRUE(shown);
  auto target_history = service_.history(dispatcher_, target.id);
  ASSERT_TRUE(target_history);
  ASSERT_EQ(target_history->size(), 3u);  // registered, then one merge event per merged ticket
  EXPECT_EQ(target_history->back().action, Action::merge);
  EXPECT_EQ(target_history->back().payload.at("merged_from"), std::to_string(elsewhere.id));
  EXPECT_EQ(target_history->back().payload.at("forced"), "1");
  EXPECT_EQ(shown->state, TicketState::registered);
  EXPECT_EQ(shown->merged_from, (std::vector<TicketId>{dup.id, elsewhere.id}));
  ASSERT_EQ(shown->merged_callers.size(), 2u);
  EXPECT_EQ(shown->merged_callers[0].ticket_id, dup.id);
  EXPECT_EQ(shown->merged_callers[0].caller.phone, "138****8000");
  EXPECT_EQ(shown->merged_callers[0].caller.name, "陈**");

  act(agent_, target.id, Action::submit);
  act(dispatcher_, target.id, Action::dispatch, "440106");
  act(tianhe_, target.id, Action::acknowledge);
  ActionRequest reply;
  reply.action = Action::reply;
  reply.reply = "已责令停工";
  ASSERT_TRUE(service_.act(tianhe_, target.id, reply));
  act(dispatcher_, target.id, Action::review_reply);
  ActionRequest callback;
  callback.action = Action::callback;
  callback.rating = Rating::satisfied;
  ASSERT_TRUE(service_.act(callback_agent_, target.id, callback));
  auto merged = service_.get(dispatcher_, dup.id);
  ASSERT_TRUE(merged);
  EXPECT_EQ(merged->state, TicketState::merged);
  EXPECT_EQ(merged->reply, "已责令停工");
  EXPECT_EQ(merged->rating, Rating::satisfied);
  EXPECT_EQ(merged->callback_result, CallbackOutcome::rated);
}

TEST_F(TicketServiceTest, AdminsCannotReadTickets) {
  Actor admin{9, "admin", Role::admin, ""};
  Ticket t = create();
  auto read = service_.get(admin, t.id);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::forbidden);
}

// Dispatch-side workflow through the service and a repository.

TEST_F(TicketServiceTest, ForwardedTicketIsHandledByTheSubUnitAndStillSeenByTheParent) {
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106");
  Actor wushan{6, "wushan", Role::unit_handler, "440106001"};
  EXPECT_FALSE(service_.get(wushan, t.id));  // not yet its ticket
  ActionRequest forward;
  forward.action = Action::forward;
  forward.unit = "440106001";
  auto forwarded = service_.act(tianhe_, t.id, forward);
  ASSERT_TRUE(forwarded) << forwarded.error().message;
  EXPECT_EQ(forwarded->forwarded_from, (std::vector<UnitId>{"440106"}));
  EXPECT_TRUE(service_.get(wushan, t.id));
  auto parent = service_.get(tianhe_, t.id);
  ASSERT_TRUE(parent);
  EXPECT_EQ(parent->lead_unit, "440106001");
  auto listed = service_.list(tianhe_, TicketQuery{});
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->tickets.size(), 1u);
  auto mine = service_.list(wushan, TicketQuery{});
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->tickets.size(), 1u);
  EXPECT_FALSE(service_.get(yuexiu_, t.id));
  act(wushan, t.id, Action::acknowledge);
  auto history = service_.history(tianhe_, t.id);
  ASSERT_TRUE(history);
  ASSERT_GE(history->size(), 2u);
  const auto& forward_event = (*history)[history->size() - 2];
  EXPECT_EQ(forward_event.action, Action::forward);
  EXPECT_EQ(forward_event.actor, "tianhe");
  EXPECT_EQ(forward_event.payload.at("from_unit"), "440106");

  forward.unit = "440104";  // not below the lead
  auto sideways = service_.act(wushan, t.id, forward);
  ASSERT_FALSE(sideways);
  EXPECT_EQ(sideways.error().field, "unit");
}

TEST_F(TicketServiceTest, RecalledTicketLeavesTheUnitAndGoesBackToReview) {
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106");
  ActionRequest recall;
  recall.action = Action::recall;
  recall.reason = "派错单位";
  auto recalled = service_.act(dispatcher_, t.id, recall);
  ASSERT_TRUE(recalled) << recalled.error().message;
  EXPECT_EQ(recalled->state, TicketState::pending_review);
  EXPECT_EQ(recalled->wrong_dispatch_count, 0);
  EXPECT_FALSE(service_.get(tianhe_, t.id));
  auto listed = service_.list(tianhe_, TicketQuery{});
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->tickets.empty());
}

TEST_F(TicketServiceTest, CoUnitGivesItsOpinionInsteadOfHandlingAndTheLeadSeesIt) {
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  ActionRequest dispatch;
  dispatch.action = Action::dispatch;
  dispatch.lead_unit = "440106";
  dispatch.co_units = {"440104"};
  ASSERT_TRUE(service_.act(dispatcher_, t.id, dispatch));
  act(tianhe_, t.id, Action::acknowledge);
  ActionRequest handle;
  handle.action = Action::handle;
  handle.note = "协办进展";
  auto refused = service_.act(yuexiu_, t.id, handle);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  ActionRequest reply;
  reply.action = Action::reply;
  reply.reply = "已处理";
  auto early = service_.act(tianhe_, t.id, reply);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  EXPECT_NE(early.error().message.find("440104"), std::string::npos);

  act(yuexiu_, t.id, Action::co_acknowledge);
  ActionRequest opinion;
  opinion.action = Action::co_opinion;
  opinion.opinion = "越秀区已配合核查";
  ASSERT_TRUE(service_.act(yuexiu_, t.id, opinion));
  for (const Actor* viewer : {&tianhe_, &dispatcher_}) {
    auto seen = service_.get(*viewer, t.id);
    ASSERT_TRUE(seen);
    ASSERT_EQ(seen->co_handling.size(), 1u);
    EXPECT_EQ(seen->co_handling[0].unit, "440104");
    EXPECT_EQ(seen->co_handling[0].opinion, "越秀区已配合核查");
    EXPECT_TRUE(seen->co_handling[0].acknowledged_at);
  }
  EXPECT_TRUE(service_.act(tianhe_, t.id, reply));
}

TEST_F(TicketServiceTest, RejectedTicketIsCorrectedThenSubmitted) {
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  ActionRequest reject;
  reject.action = Action::review;
  reject.approve = false;
  reject.reason = "诉求不清";
  auto rejected = service_.act(dispatcher_, t.id, reject);
  ASSERT_TRUE(rejected);
  EXPECT_TRUE(rejected->needs_correction);
  EXPECT_EQ(rejected->correction_reason, "诉求不清");
  ActionRequest submit;
  submit.action = Action::submit;
  auto early = service_.act(agent_, t.id, submit);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  ActionRequest correct;
  correct.action = Action::correct;
  correct.reason = "补充诉求";
  correct.correction.text_addition = "要求停止夜间施工";
  auto corrected = service_.act(agent_, t.id, correct);
  ASSERT_TRUE(corrected) << corrected.error().message;
  EXPECT_FALSE(corrected->needs_correction);
  EXPECT_NE(corrected->text.find("要求停止夜间施工"), std::string::npos);
  EXPECT_TRUE(service_.act(agent_, t.id, submit));
}

TEST(Masking, PhonesAndNames) {
  EXPECT_EQ(mask_phone("13800138000"), "138****8000");
  EXPECT_EQ(mask_phone("12345"), "***45");
  EXPECT_EQ(mask_phone("123"), "***");
  EXPECT_EQ(mask_name("陈大文"), "陈**");
  EXPECT_EQ(mask_name(""), "");
}

TEST_F(TicketServiceTest, EveryCommittedChangeIsPublishedMaskedWithItsGlobalId) {
  std::vector<std::shared_ptr<const PublishedEvent>> seen;
  auto subscription = bus_.subscribe([&](const std::shared_ptr<const PublishedEvent>& e) { seen.push_back(e); });
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106001");
  ActionRequest refused;
  refused.action = Action::acknowledge;
  EXPECT_FALSE(service_.act(agent_, t.id, refused));  // nothing committed, nothing published
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0]->event.action, Action::register_ticket);
  EXPECT_EQ(seen[0]->event.payload.at("caller_phone"), "138****8000");
  EXPECT_EQ(seen[0]->event.payload.at("caller_name"), "陈**");
  EXPECT_EQ(seen[0]->ticket.caller.phone, "138****8000");
  EXPECT_EQ(seen[2]->event.action, Action::dispatch);
  EXPECT_EQ(seen[2]->event.seq, 3);
  EXPECT_EQ(seen[2]->event.ticket_id, t.id);
  EXPECT_EQ(seen[2]->ticket.lead_unit, "440106001");  // the ticket as it is after the event
  EXPECT_EQ(seen[2]->ticket.version, 3);
  auto history = tickets_.history(t.id);
  ASSERT_TRUE(history);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i]->event.id, (*history)[i].id);
  EXPECT_LT(seen[0]->event.id, seen[1]->event.id);
  EXPECT_LT(seen[1]->event.id, seen[2]->event.id);
}

TEST_F(TicketServiceTest, EventsSinceFollowsTheReadRulesAndSaysWhenTooManyWereMissed) {
  Ticket ours = create();
  act(agent_, ours.id, Action::submit);
  act(dispatcher_, ours.id, Action::dispatch, "440106001");
  Ticket theirs = create(false, "440104");
  act(agent_, theirs.id, Action::submit);
  act(dispatcher_, theirs.id, Action::dispatch, "440104");

  auto all = service_.events_since(dispatcher_, 0, 100);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->events.size(), 6u);
  EXPECT_FALSE(all->truncated);
  EXPECT_EQ(all->events[0].event.payload.at("caller_phone"), "138****8000");
  EXPECT_EQ(all->events[0].ticket.caller.name, "陈**");

  auto tianhe = service_.events_since(tianhe_, 0, 100);
  ASSERT_TRUE(tianhe);
  ASSERT_EQ(tianhe->events.size(), 3u);  // the whole history of the ticket it may read now
  for (const auto& e : tianhe->events) EXPECT_EQ(e.event.ticket_id, ours.id);

  auto later = service_.events_since(dispatcher_, all->events[3].event.id, 100);
  ASSERT_TRUE(later);
  ASSERT_EQ(later->events.size(), 2u);
  EXPECT_EQ(later->events[0].event.id, all->events[4].event.id);

  auto bounded = service_.events_since(dispatcher_, 0, 4);
  ASSERT_TRUE(bounded);
  EXPECT_EQ(bounded->events.size(), 4u);
  EXPECT_TRUE(bounded->truncated);
  EXPECT_EQ(bounded->scanned_to, all->events[3].event.id);
  auto exact = service_.events_since(dispatcher_, 0, 6);
  ASSERT_TRUE(exact);
  EXPECT_FALSE(exact->truncated);

  Actor admin{9, "admin", Role::admin, ""};
  EXPECT_EQ(service_.events_since(admin, 0, 10).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service_.events_since(dispatcher_, 0, 0).error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(service_.events_since(dispatcher_, 0, 1001).error().code, ErrorCode::invalid_argument);
}

}  // namespace
TEST_F(TicketServiceTest, CallerHistorySearchIsForContactRolesAuditedAndKeepsConfidentiality) {
  Ticket open_caller = create(false);
  Ticket confidential = create(true);
  TicketQuery query;
  query.caller_phone = "+86 138-0013-8000";
  auto refused = service_.list(manager_, query);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_EQ(refused.error().field, "caller_phone");

  auto by_agent = service_.list(agent_, query);
  ASSERT_TRUE(by_agent) << by_agent.error().message;
  ASSERT_EQ(by_agent->tickets.size(), 1u);  // the confidential caller is not the agent's to find
  EXPECT_EQ(by_agent->tickets[0].id, open_caller.id);
  EXPECT_EQ(by_agent->tickets[0].caller.phone, "138****8000");
  auto by_dispatcher = service_.list(dispatcher_, query);
  ASSERT_TRUE(by_dispatcher);
  EXPECT_EQ(by_dispatcher->tickets.size(), 2u);
  EXPECT_EQ(by_dispatcher->tickets[0].id, confidential.id);

  auto trail = audit_.list({});
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 2u);  // the refused search saw nothing and is not there
  for (const auto& entry : *trail) EXPECT_EQ(entry.action, "caller_history_search");
  EXPECT_EQ((*trail)[0].actor, "dispatcher");
  EXPECT_EQ((*trail)[0].reason, "phone 138****8000, 2 ticket(s) on this page");
  EXPECT_EQ((*trail)[1].actor, "agent");
  EXPECT_EQ((*trail)[1].reason, "phone 138****8000, 1 ticket(s) on this page");

  query.caller_phone = " - ";
  auto blank = service_.list(agent_, query);
  ASSERT_FALSE(blank);
  EXPECT_EQ(blank.error().field, "caller_phone");
}

// A test double of the port: names content by a stand-in 64-hex digest (its length and first
// bytes), which is all the service relies on (the real SHA-256 is tested with the adapters).
class FakeAttachmentStore final : public AttachmentStore {
 public:
  Result<std::string> put(std::string_view bytes) override {
    std::string name = std::to_string(bytes.size()) + "f";
    for (unsigned char c : bytes.substr(0, 20)) name += "0123456789abcdef"[c % 16];
    name.resize(64, '0');
    files[name] = std::string(bytes);
    ++puts;
    return name;
  }
  Result<std::optional<std::string>> get(const std::string& sha256) override {
    auto it = files.find(sha256);
    if (it == files.end()) return std::optional<std::string>{};
    return std::optional<std::string>{it->second};
  }
  std::map<std::string, std::string> files;
  int puts = 0;
};

class TicketAttachmentTest : public TicketServiceTest {
 protected:
  TicketAttachmentTest() : with_files_(tickets_, audit_, reference_, clock_, {}, &bus_, &store_) {}
  FakeAttachmentStore store_;
  TicketService with_files_;
  const std::string png_ = std::string("\x89PNG\r\n\x1A\n", 8) + "pixels";
};

TEST_F(TicketAttachmentTest, AnUploadIsStoredThenRecordedAsAnAttachEvent) {
  Ticket t = create();
  auto attached = with_files_.attach(agent_, t.id, "现场.png", png_);
  ASSERT_TRUE(attached) << attached.error().message;
  ASSERT_EQ(attached->attachments.size(), 1u);
  const Attachment& file = attached->attachments[0];
  EXPECT_EQ(file.filename, "现场.png");
  EXPECT_EQ(file.content_type, "image/png");
  EXPECT_EQ(file.size, static_cast<std::int64_t>(png_.size()));
  EXPECT_EQ(file.uploaded_by, "agent");
  EXPECT_EQ(file.uploaded_at, clock_.now());
  EXPECT_EQ(store_.files.at(file.sha256), png_);
  EXPECT_EQ(attached->state, TicketState::registered);
  auto history = with_files_.history(agent_, t.id);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->back().action, Action::attach);
  EXPECT_EQ(history->back().payload.at("sha256"), file.sha256);
  EXPECT_EQ(history->back().payload.at("size"), std::to_string(png_.size()));

  auto back = with_files_.attachment(dispatcher_, t.id, file.sha256);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->bytes, png_);
  EXPECT_EQ(back->attachment, file);
  EXPECT_TRUE(back->inline_safe);
}

TEST_F(TicketAttachmentTest, RefusalsComeBeforeAnythingIsStored) {
  Ticket t = create();
  auto refused = [&](const Actor& actor, TicketId id, const std::string& name, std::string_view bytes) {
    auto result = with_files_.attach(actor, id, name, bytes);
    EXPECT_FALSE(result);
    return result ? std::string("accepted") : std::string(to_string(result.error().code)) + ":" + result.error().field;
  };
  EXPECT_EQ(refused(manager_, t.id, "a.png", png_), "forbidden:");
  EXPECT_EQ(refused(yuexiu_, t.id, "a.png", png_), "not_found:");
  EXPECT_EQ(refused(agent_, 999, "a.png", png_), "not_found:");
  EXPECT_EQ(refused(agent_, t.id, "a.pdf", png_), "invalid_argument:filename");
  EXPECT_EQ(refused(agent_, t.id, "a.png", "<html>"), "invalid_argument:file");
  EXPECT_EQ(refused(agent_, t.id, "a.png", ""), "invalid_argument:file");
  EXPECT_EQ(store_.puts, 0);
  ASSERT_TRUE(with_files_.attach(agent_, t.id, "a.png", png_));
  EXPECT_EQ(refused(agent_, t.id, "again.png", png_), "conflict:file");
  EXPECT_EQ(with_files_.get(agent_, t.id)->attachments.size(), 1u);
}

TEST_F(TicketAttachmentTest, AUnitHandlerAttachesToItsUnitsTicketsAndReadsTheirFiles) {
  Ticket t = create();
  act(agent_, t.id, Action::submit);
  act(dispatcher_, t.id, Action::dispatch, "440106001");
  auto attached = with_files_.attach(tianhe_, t.id, "整改.pdf", "%PDF-1.4 report");
  ASSERT_TRUE(attached) << attached.error().message;
  const std::string sha = attached->attachments.at(0).sha256;
  EXPECT_TRUE(with_files_.attachment(tianhe_, t.id, sha));
  auto hidden = with_files_.attachment(yuexiu_, t.id, sha);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::not_found);
  // A hash alone gives nothing: not under another ticket, even one the reader may read.
  Ticket other = create();
  auto elsewhere = with_files_.attachment(agent_, other.id, sha);
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code, ErrorCode::not_found);
  EXPECT_FALSE(with_files_.attachment(agent_, t.id, std::string(64, 'e')));
}

TEST_F(TicketAttachmentTest, TheGenericActionRouteCannotAttach) {
  Ticket t = create();
  ActionRequest request;
  request.action = Action::attach;
  auto refused = with_files_.act(agent_, t.id, request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "file");
}

TEST_F(TicketAttachmentTest, WithoutAStoreUploadsAreUnavailable) {
  Ticket t = create();
  auto refused = service_.attach(agent_, t.id, "a.png", png_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
}

TEST_F(TicketAttachmentTest, PersonalNumbersInAFilenameAreMaskedForThoseWhoMayNotSeeThem) {
  Ticket t = create();
  ASSERT_TRUE(with_files_.attach(agent_, t.id, "13800138000身份证.png", png_));
  EXPECT_EQ(with_files_.get(agent_, t.id)->attachments.at(0).filename, "13800138000身份证.png");
  const std::string masked = with_files_.get(manager_, t.id)->attachments.at(0).filename;
  EXPECT_EQ(masked.find("13800138000"), std::string::npos) << masked;
  auto history = with_files_.history(manager_, t.id);
  EXPECT_EQ(history->back().payload.at("filename").find("13800138000"), std::string::npos);
}

TEST(NormalizePhone, DropsBlanksDashesAndTheCountryCode) {
  EXPECT_EQ(normalize_phone("+86 138-0013-8000"), "13800138000");
  EXPECT_EQ(normalize_phone("138\u30000013\u30008000"), "13800138000");
  EXPECT_EQ(normalize_phone("020-8888 1234"), "02088881234");
  EXPECT_EQ(normalize_phone("8613800138000"), "8613800138000");
  EXPECT_EQ(normalize_phone("\t+86\t"), "");
}

}  // namespace hotline::core
