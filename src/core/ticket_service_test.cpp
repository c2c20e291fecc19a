#include "core/ticket_service.hpp"

#include <gtest/gtest.h>

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
        service_(tickets_, audit_, reference_, clock_) {
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
  TicketService service_;
  Actor agent_{1, "agent", Role::agent, ""};
  Actor dispatcher_{2, "dispatcher", Role::dispatcher, ""};
  Actor tianhe_{3, "tianhe", Role::unit_handler, "440106"};
  Actor yuexiu_{4, "yuexiu", Role::unit_handler, "440104"};
  Actor manager_{5, "manager", Role::manager, ""};
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
  ASSERT_EQ(trail->size(), 1u);  // the refused attempt revealed nothing and logged nothing
  EXPECT_EQ(trail->front().actor, "agent");
  EXPECT_EQ(trail->front().reason, "回拨市民");
  EXPECT_EQ(trail->front().action, "reveal_contact");
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
  act(agent_, target.id, Action::resolve_at_intake);
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

TEST_F(TicketServiceTest, AdminsCannotReadTickets) {
  Actor admin{9, "admin", Role::admin, ""};
  Ticket t = create();
  auto read = service_.get(admin, t.id);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::forbidden);
}

TEST(Masking, PhonesAndNames) {
  EXPECT_EQ(mask_phone("13800138000"), "138****8000");
  EXPECT_EQ(mask_phone("12345"), "***45");
  EXPECT_EQ(mask_phone("123"), "***");
  EXPECT_EQ(mask_name("陈大文"), "陈**");
  EXPECT_EQ(mask_name(""), "");
}

}  // namespace
}  // namespace hotline::core
