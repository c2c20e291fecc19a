#include "net/ws/event_hub.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <vector>

#include "core/event_bus.hpp"
#include "storage/memory/audit_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/ticket_repository.hpp"

namespace hotline::net::ws {
namespace {

using namespace std::chrono;
namespace bj = boost::json;

class RecordingSink final : public EventSink {
 public:
  void deliver(std::shared_ptr<const EncodedEvent> event) override { events.push_back(std::move(event)); }
  std::vector<std::shared_ptr<const EncodedEvent>> events;
};

class EventHubTest : public ::testing::Test {
 protected:
  EventHubTest()
      : clock_(sys_days{year{2024} / 3 / 4} + hours{2}),
        reference_(reference_repo_),
        tickets_(ticket_repo_, audit_, reference_, clock_, {}, &bus_),
        hub_(bus_, tickets_, reference_, 2) {
    EXPECT_TRUE(reference_repo_.upsert_units({
        {"4401", "", core::UnitKind::city, "广州市", true},
        {"440106", "4401", core::UnitKind::district, "天河区", true},
        {"440104", "4401", core::UnitKind::district, "越秀区", true},
    }));
    EXPECT_TRUE(reference_.reload());
  }

  core::TicketId dispatched_to(const core::UnitId& unit) {
    core::NewTicket nt;
    nt.type = core::TicketType::complaint;
    nt.title = "噪音";
    nt.caller = {"陈大文", "13800138000", false};
    auto t = tickets_.register_ticket(agent_, nt);
    EXPECT_TRUE(t);
    core::ActionRequest submit;
    submit.action = core::Action::submit;
    EXPECT_TRUE(tickets_.act(agent_, t->id, submit));
    core::ActionRequest dispatch;
    dispatch.action = core::Action::dispatch;
    dispatch.lead_unit = unit;
    EXPECT_TRUE(tickets_.act(dispatcher_, t->id, dispatch));
    return t->id;
  }

  core::FixedClock clock_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  storage::memory::InMemoryTicketRepository ticket_repo_;
  storage::memory::InMemoryAuditRepository audit_;
  core::ReferenceService reference_;
  core::InProcessEventBus bus_;
  core::TicketService tickets_;
  EventHub hub_;
  core::Actor agent_{1, "agent", core::Role::agent, ""};
  core::Actor dispatcher_{2, "dispatcher", core::Role::dispatcher, ""};
  core::Actor tianhe_{3, "tianhe", core::Role::unit_handler, "440106"};
  core::Actor yuexiu_{4, "yuexiu", core::Role::unit_handler, "440104"};
};

TEST_F(EventHubTest, EachSinkGetsTheEventsItsActorMayReadEncodedOnce) {
  auto all = std::make_shared<RecordingSink>();
  auto colleague = std::make_shared<RecordingSink>();
  auto tianhe = std::make_shared<RecordingSink>();
  auto yuexiu = std::make_shared<RecordingSink>();
  ASSERT_TRUE(hub_.attach(dispatcher_, all));
  ASSERT_TRUE(hub_.attach(core::Actor{5, "dispatcher2", core::Role::dispatcher, ""}, colleague));
  ASSERT_TRUE(hub_.attach(tianhe_, tianhe));
  ASSERT_TRUE(hub_.attach(yuexiu_, yuexiu));
  auto id = dispatched_to("440106");
  ASSERT_EQ(all->events.size(), 3u);  // register, submit, dispatch
  ASSERT_EQ(colleague->events.size(), 3u);
  ASSERT_EQ(tianhe->events.size(), 1u);
  EXPECT_TRUE(yuexiu->events.empty());
  EXPECT_EQ(colleague->events[2], all->events[2]);  // one encoding per role and unit
  // The ticket's allowed_actions are the receiver's own.
  EXPECT_EQ(bj::parse(all->events[2]->text).at("ticket").at("allowed_actions"), bj::parse(R"(["recall","attach"])"));
  EXPECT_EQ(bj::parse(tianhe->events[0]->text).at("ticket").at("allowed_actions"),
            bj::parse(R"(["acknowledge","request_return","forward","attach"])"));
  auto frame = bj::parse(tianhe->events[0]->text).as_object();
  EXPECT_EQ(frame.at("type").as_string(), "event");
  EXPECT_EQ(frame.at("action").as_string(), "dispatch");
  EXPECT_EQ(frame.at("ticket_id").as_int64(), id);
  EXPECT_EQ(frame.at("id").as_int64(), tianhe->events[0]->id);
  EXPECT_EQ(frame.at("ticket").at("lead_unit").as_string(), "440106");
  EXPECT_EQ(frame.at("ticket").at("caller").at("phone").as_string(), "138****8000");
  auto registered = bj::parse(all->events[0]->text).as_object();
  EXPECT_EQ(registered.at("payload").at("caller_phone").as_string(), "138****8000");
  EXPECT_EQ(registered.at("payload").at("caller_name").as_string(), "陈**");
  EXPECT_LT(all->events[0]->id, all->events[1]->id);
}

TEST_F(EventHubTest, ReadersWhoMayNotRevealTheContactGetTheRedactedView) {
  auto dispatcher = std::make_shared<RecordingSink>();
  auto supervisor = std::make_shared<RecordingSink>();
  auto manager = std::make_shared<RecordingSink>();
  ASSERT_TRUE(hub_.attach(dispatcher_, dispatcher));
  ASSERT_TRUE(hub_.attach(core::Actor{5, "supervisor", core::Role::supervisor, ""}, supervisor));
  ASSERT_TRUE(hub_.attach(core::Actor{6, "manager", core::Role::manager, ""}, manager));
  core::NewTicket nt;
  nt.type = core::TicketType::complaint;
  nt.title = "请回电13912345678";
  nt.caller = {"陈大文", "13800138000", true};
  ASSERT_TRUE(tickets_.register_ticket(agent_, nt));
  ASSERT_EQ(dispatcher->events.size(), 1u);
  ASSERT_EQ(supervisor->events.size(), 1u);
  // Both get the redacted view (each with its own role's allowed_actions).
  EXPECT_EQ(bj::parse(supervisor->events[0]->text).at("ticket").at("caller"),
            bj::parse(manager->events[0]->text).at("ticket").at("caller"));
  auto full = bj::parse(dispatcher->events[0]->text).as_object();
  EXPECT_EQ(full.at("payload").at("title").as_string(), "请回电13912345678");
  EXPECT_EQ(full.at("payload").at("caller_phone").as_string(), "138****8000");
  auto redacted = bj::parse(supervisor->events[0]->text).as_object();
  EXPECT_EQ(redacted.at("payload").at("title").as_string(), "请回电***********");
  EXPECT_EQ(redacted.at("payload").at("caller_phone").as_string(), "***********");
  EXPECT_EQ(redacted.at("ticket").at("title").as_string(), "请回电***********");
  EXPECT_EQ(redacted.at("ticket").at("caller").at("phone").as_string(), "***********");
  EXPECT_EQ(redacted.at("ticket").at("caller").at("name").as_string(), "**");
}

TEST_F(EventHubTest, LimitsConnectionsPerUserAndForgetsDetachedOrDeadSinks) {
  auto first = std::make_shared<RecordingSink>();
  auto second = std::make_shared<RecordingSink>();
  auto first_key = hub_.attach(tianhe_, first);
  ASSERT_TRUE(first_key);
  ASSERT_TRUE(hub_.attach(tianhe_, second));
  auto refused = hub_.attach(tianhe_, std::make_shared<RecordingSink>());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::conflict);
  EXPECT_EQ(refused.error().message, "too many connections: at most 2 per user");
  EXPECT_TRUE(hub_.attach(yuexiu_, std::make_shared<RecordingSink>()));  // the limit is per user
  hub_.detach(*first_key);
  hub_.detach(*first_key);  // idempotent
  auto again = std::make_shared<RecordingSink>();
  ASSERT_TRUE(hub_.attach(tianhe_, again));
  EXPECT_EQ(hub_.connection_count(), 3u);
  second.reset();  // a sink that died without detaching gets nothing and breaks nothing
  dispatched_to("440106");
  EXPECT_TRUE(first->events.empty());
  EXPECT_EQ(again->events.size(), 1u);
}

}  // namespace
}  // namespace hotline::net::ws
