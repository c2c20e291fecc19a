#include "core/portal_tracking.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <regex>

#include "core/citizen_notices.hpp"
#include "core/event_bus.hpp"
#include "storage/memory/audit_repository.hpp"
#include "storage/memory/kpi_repository.hpp"
#include "storage/memory/outbox_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/ticket_repository.hpp"

namespace hotline::core {
namespace {

using namespace std::chrono;

class CountingCrypto final : public ChallengeCrypto {
 public:
  std::string random_hex(std::size_t bytes) override {
    std::string out;
    for (std::size_t i = 0; i < bytes * 2; ++i) out += "0123456789abcdef"[(next_ * 7 + i) % 16];
    ++next_;
    return out;
  }
  std::string mac_hex(std::string_view text) override { return std::to_string(std::hash<std::string_view>{}(text)) + "ab"; }
  std::array<std::uint8_t, 32> sha256(std::string_view) override { return {}; }

 private:
  std::size_t next_ = 0;
};

const Actor kAgent{1, "agent1", Role::agent, {}};
const Actor kDispatcher{2, "dispatcher1", Role::dispatcher, {}};
const Actor kHandler{3, "handler1", Role::unit_handler, "440106"};
const Actor kCallbackAgent{4, "callback1", Role::callback_agent, {}};

TrackingPolicy policy() {
  TrackingPolicy p;
  p.per_address = RateLimit{4, seconds{3600}, 4, 1000};
  p.per_ticket = RateLimit{3, seconds{3600}, 3, 1000};
  return p;
}

// A request for `action` with the fields a test sets.
ActionRequest request_for(Action action) {
  ActionRequest r;
  r.action = action;
  return r;
}

class PortalTrackingTest : public ::testing::Test {
 protected:
  PortalTrackingTest()
      : clock_(sys_days{year{2024} / 3 / 4} + hours{2}),
        ticket_repo_(&kpi_),
        reference_(reference_repo_),
        tickets_(ticket_repo_, audit_, reference_, clock_, {}, &bus_, nullptr),
        notifier_(outbox_, audit_, clock_),
        tracking_(ticket_repo_, tickets_, reference_, notifier_, crypto_, clock_,
                  policy()),
        notices_(ticket_repo_, notifier_) {
    EXPECT_TRUE(reference_repo_.upsert_units({
        {"4401", "", UnitKind::city, "广州市", true},
        {"440106", "4401", UnitKind::district, "天河区", true},
    }));
    EXPECT_TRUE(reference_.reload());
    subscription_ = bus_.subscribe([this](const std::shared_ptr<const PublishedEvent>& e) {
      EXPECT_TRUE(notices_.on_event(*e).has_value());
    });
  }

  TicketId registered(Channel channel = Channel::web, std::string phone = "138 0013 8000") {
    NewTicket t;
    t.type = TicketType::complaint;
    t.channel = channel;
    t.caller = Caller{"陈女士", std::move(phone), false};
    t.title = "五山路夜间施工噪音";
    t.text = "五山路夜间施工噪音扰民";
    t.place.district = "440106";
    auto ticket = tickets_.register_ticket(kAgent, t);
    EXPECT_TRUE(ticket.has_value()) << ticket.error().message;
    return ticket->id;
  }

  void act(const Actor& actor, TicketId id, ActionRequest request) {
    auto done = tickets_.act(actor, id, request);
    ASSERT_TRUE(done.has_value()) << to_string(request.action) << ": " << done.error().message;
  }

  // Registered, dispatched to 天河区, replied; approved when `approve`.
  void handle(TicketId id, bool approve = true) {
    act(kAgent, id, request_for(Action::submit));
    auto dispatch = request_for(Action::dispatch);
    dispatch.lead_unit = "440106";
    act(kDispatcher, id, dispatch);
    act(kHandler, id, request_for(Action::acknowledge));
    auto reply = request_for(Action::reply);
    reply.reply = "已责令施工单位夜间停工。";
    act(kHandler, id, reply);
    if (approve) act(kDispatcher, id, request_for(Action::review_reply));
  }

  std::vector<OutboundMessage> messages(MessageKind kind) {
    auto all = outbox_.list(OutboxQuery{std::nullopt, kind, std::nullopt, 500});
    EXPECT_TRUE(all.has_value());
    return all ? *all : std::vector<OutboundMessage>{};
  }

  // The code of the newest one-time code message.
  std::string last_code() {
    auto codes = messages(MessageKind::one_time_code);
    if (codes.empty()) return {};
    std::smatch found;
    const std::string text = codes.front().text;  // newest first
    if (!std::regex_search(text, found, std::regex("验证码为 ([0-9]{6})"))) return {};
    return found[1];
  }

  std::string field_of(const Result<TrackingGrant>& r) { return r ? "ok" : r.error().field; }

  std::int64_t counter(KpiCounter c) {
    auto months = kpi_.counters(2024);
    EXPECT_TRUE(months.has_value());
    std::int64_t total = 0;
    for (const auto& m : *months) total += m[c];
    return total;
  }

  CountingCrypto crypto_;
  FixedClock clock_;
  InProcessEventBus bus_;
  storage::memory::InMemoryKpiRepository kpi_;
  storage::memory::InMemoryTicketRepository ticket_repo_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  storage::memory::InMemoryAuditRepository audit_;
  storage::memory::InMemoryOutboxRepository outbox_;
  ReferenceService reference_;
  TicketService tickets_;
  Notifier notifier_;
  PortalTracking tracking_;
  CitizenNotices notices_;
  Subscription subscription_;
};

TEST_F(PortalTrackingTest, ACodeGoesToTheCallersNumberOnlyAndTheAnswerIsTheSameOtherwise) {
  const TicketId id = registered();
  EXPECT_TRUE(tracking_.request_code(id, "13900000000", "203.0.113.7").has_value()) << "another number";
  EXPECT_TRUE(tracking_.request_code(id + 100, "13800138000", "203.0.113.7").has_value()) << "no such ticket";
  EXPECT_TRUE(messages(MessageKind::one_time_code).empty());
  ASSERT_TRUE(tracking_.request_code(id, "+86 138-0013-8000", "203.0.113.7").has_value());
  auto codes = messages(MessageKind::one_time_code);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes.front().recipient, "13800138000");
  EXPECT_EQ(codes.front().ticket_id, id);
  EXPECT_NE(codes.front().text.find("10 分钟内有效"), std::string::npos);
  EXPECT_EQ(last_code().size(), 6u);
  auto bad = tracking_.request_code(id, "12345", "203.0.113.7");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "phone");
  EXPECT_EQ(tracking_.request_code(0, "13800138000", "203.0.113.7").error().field, "ticket_id");
}

TEST_F(PortalTrackingTest, ACodeIsUsedOnceAndNeverStoredInPlain) {
  const TicketId id = registered();
  ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  const std::string code = last_code();
  auto grant = tracking_.verify(id, "13800138000", code);
  ASSERT_TRUE(grant.has_value()) << grant.error().message;
  EXPECT_EQ(grant->token.size(), 48u);
  EXPECT_EQ(grant->expires_at, clock_.now() + minutes{30});
  EXPECT_EQ(grant->view.id, id);
  EXPECT_EQ(grant->view.step, PublicStep::accepted);
  auto again = tracking_.verify(id, "13800138000", code);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().field, "code");
  EXPECT_NE(again.error().message.find("重新获取"), std::string::npos);
}

TEST_F(PortalTrackingTest, FiveWrongTriesBurnTheCodeAndAWrongNumberIsAWrongTry) {
  const TicketId id = registered();
  ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  const std::string code = last_code();
  const std::string wrong = code == "000000" ? "000001" : "000000";
  auto first = tracking_.verify(id, "13800138000", wrong);
  ASSERT_FALSE(first.has_value());
  EXPECT_EQ(first.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(first.error().field, "code");
  EXPECT_NE(first.error().message.find("还可以再试 4 次"), std::string::npos) << first.error().message;
  EXPECT_EQ(field_of(tracking_.verify(id, "13900000000", code)), "code") << "the right code with another number";
  EXPECT_EQ(field_of(tracking_.verify(id, "13800138000", "12a456")), "code");
  EXPECT_EQ(field_of(tracking_.verify(id, "13800138000", wrong)), "code");
  EXPECT_EQ(field_of(tracking_.verify(id, "13800138000", wrong)), "code");
  auto burnt = tracking_.verify(id, "13800138000", wrong);
  ASSERT_FALSE(burnt.has_value());
  EXPECT_NE(burnt.error().message.find("次数过多"), std::string::npos) << burnt.error().message;
  EXPECT_EQ(field_of(tracking_.verify(id, "13800138000", code)), "code") << "burnt: the right code is refused too";
}

TEST_F(PortalTrackingTest, CodesExpireAfterTenMinutesAndTokensAfterThirty) {
  const TicketId id = registered();
  ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  clock_.advance(seconds{10 * 60 + 1});
  EXPECT_EQ(field_of(tracking_.verify(id, "13800138000", last_code())), "code");
  ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  clock_.advance(seconds{9 * 60});
  auto grant = tracking_.verify(id, "13800138000", last_code());
  ASSERT_TRUE(grant.has_value());
  EXPECT_TRUE(tracking_.view(id, grant->token).has_value());
  auto other = tracking_.view(registered(), grant->token);
  ASSERT_FALSE(other.has_value()) << "a token is for its own ticket only";
  EXPECT_EQ(other.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(tracking_.view(id, "nonsense").error().code, ErrorCode::unauthenticated);
  clock_.advance(seconds{30 * 60 + 1});
  auto expired = tracking_.view(id, grant->token);
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().field, "authorization");
}

TEST_F(PortalTrackingTest, CodeRequestsAreLimitedPerTicketAndPerAddress) {
  const TicketId id = registered();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  auto refused = tracking_.request_code(id, "13800138000", "198.51.100.9");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(refused.error().field, "ticket_id");
  EXPECT_GT(refused.error().retry_after.count(), 0);
  EXPECT_NE(refused.error().message.find("后再试"), std::string::npos);
  // The first address had four: three above and the refused one from the other address did not count.
  ASSERT_TRUE(tracking_.request_code(id + 1, "13800138000", "203.0.113.7").has_value());
  auto busy = tracking_.request_code(id + 2, "13800138000", "203.0.113.7");
  ASSERT_FALSE(busy.has_value());
  EXPECT_EQ(busy.error().field, "client");
}

TEST_F(PortalTrackingTest, TheViewShowsTheUnitDeadlineAndTheReplyOnlyOnceApproved) {
  const TicketId id = registered();
  ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  auto grant = tracking_.verify(id, "13800138000", last_code());
  ASSERT_TRUE(grant.has_value());
  handle(id, false);
  auto replied = tracking_.view(id, grant->token);
  ASSERT_TRUE(replied.has_value());
  EXPECT_EQ(replied->step, PublicStep::handling);
  EXPECT_EQ(replied->unit, "天河区");
  EXPECT_TRUE(replied->deadline.has_value());
  EXPECT_EQ(replied->reply, "") << "not yet approved";
  EXPECT_FALSE(replied->can_rate);
  auto early = tracking_.rate(id, grant->token, Rating::satisfied, "");
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, ErrorCode::conflict);
  act(kDispatcher, id, request_for(Action::review_reply));
  auto answered = tracking_.view(id, grant->token);
  ASSERT_TRUE(answered.has_value());
  EXPECT_EQ(answered->step, PublicStep::answered);
  EXPECT_EQ(answered->reply, "已责令施工单位夜间停工。");
  EXPECT_FALSE(answered->deadline.has_value());
  EXPECT_TRUE(answered->can_rate);
}

TEST_F(PortalTrackingTest, ARatingIsTheCallbackRatedOnceAndClosesTheTicket) {
  const TicketId id = registered();
  handle(id);
  ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  auto grant = tracking_.verify(id, "13800138000", last_code());
  ASSERT_TRUE(grant.has_value());
  EXPECT_EQ(tracking_.rate(id, grant->token, Rating::very_satisfied, "").error().field, "level");
  auto rated = tracking_.rate(id, grant->token, Rating::satisfied, "");
  ASSERT_TRUE(rated.has_value()) << rated.error().message;
  EXPECT_EQ(rated->rating, Rating::satisfied);
  EXPECT_EQ(rated->step, PublicStep::closed);
  EXPECT_FALSE(rated->can_rate);
  const Ticket stored = ticket_repo_.get(id).value();
  EXPECT_EQ(stored.rating, Rating::satisfied);
  EXPECT_EQ(stored.callback_result, CallbackOutcome::rated);
  const auto history = ticket_repo_.history(id).value();
  EXPECT_EQ(history.back().action, Action::callback);
  EXPECT_EQ(history.back().actor, kPortalUsername);
  auto twice = tracking_.rate(id, grant->token, Rating::dissatisfied, "还是很吵");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_EQ(counter(KpiCounter::result_dissatisfied), 0) << "a satisfied result moves no table-15 counter";
}

TEST_F(PortalTrackingTest, ADissatisfiedRatingNeedsAReasonCountsAsACallbackAndMayBeRedone) {
  const TicketId by_phone = registered(Channel::phone);
  handle(by_phone);
  auto callback = request_for(Action::callback);
  callback.reason = "仍有噪音";
  callback.rating = Rating::dissatisfied;
  act(kCallbackAgent, by_phone, callback);
  const std::int64_t dissatisfied = counter(KpiCounter::result_dissatisfied);
  const std::int64_t in_time = counter(KpiCounter::result_dissatisfied_called_back_in_time);
  EXPECT_EQ(dissatisfied, 1);

  const TicketId id = registered();
  handle(id);
  ASSERT_TRUE(tracking_.request_code(id, "13800138000", "203.0.113.7").has_value());
  auto grant = tracking_.verify(id, "13800138000", last_code());
  ASSERT_TRUE(grant.has_value());
  EXPECT_EQ(tracking_.rate(id, grant->token, Rating::dissatisfied, "  ").error().field, "reason");
  auto rated = tracking_.rate(id, grant->token, Rating::dissatisfied, "夜里仍在施工");
  ASSERT_TRUE(rated.has_value()) << rated.error().message;
  EXPECT_EQ(counter(KpiCounter::result_dissatisfied), dissatisfied + 1) << "as the callback by phone above";
  EXPECT_EQ(counter(KpiCounter::result_dissatisfied_called_back_in_time), in_time + 1);
  const Ticket stored = ticket_repo_.get(id).value();
  EXPECT_EQ(stored.rating, Rating::dissatisfied);
  EXPECT_TRUE(check_may(Action::redo, stored, kCallbackAgent, reference_.snapshot()->units).has_value());
  EXPECT_EQ(ticket_repo_.history(id).value().back().reason, "夜里仍在施工");
}

TEST_F(PortalTrackingTest, WebRequestsAreToldWhenRegisteredAndWhenTheReplyIsApproved) {
  const TicketId id = registered();
  const TicketId by_phone = registered(Channel::phone);
  auto told = messages(MessageKind::ticket_registered);
  ASSERT_EQ(told.size(), 1u) << "only the web request";
  EXPECT_EQ(told.front().recipient, "13800138000");
  EXPECT_NE(told.front().text.find("您的诉求已受理，工单编号 " + std::to_string(id)), std::string::npos);
  handle(id, false);
  handle(by_phone);
  EXPECT_TRUE(messages(MessageKind::ticket_replied).empty()) << "the web reply is not approved yet";
  act(kDispatcher, id, request_for(Action::review_reply));
  auto replied = messages(MessageKind::ticket_replied);
  ASSERT_EQ(replied.size(), 1u);
  EXPECT_NE(replied.front().text.find("您的诉求 " + std::to_string(id) + " 已答复，可凭编号查询并评价"), std::string::npos);
  EXPECT_EQ(replied.front().ticket_id, id);
  registered(Channel::web, "020-12345678");
  EXPECT_EQ(messages(MessageKind::ticket_registered).size(), 1u) << "no mobile number, no message";
}

TEST(PublicStep, EveryStateHasACitizensWord) {
  EXPECT_EQ(public_step(TicketState::pending_review), PublicStep::accepted);
  EXPECT_EQ(public_step(TicketState::replied), PublicStep::handling);
  EXPECT_EQ(public_step(TicketState::callback_pending), PublicStep::answered);
  EXPECT_EQ(public_step(TicketState::resolved_at_intake), PublicStep::answered);
  EXPECT_EQ(public_step(TicketState::archived), PublicStep::closed);
  EXPECT_EQ(public_step(TicketState::merged), PublicStep::merged);
  for (TicketState s : all_ticket_states()) EXPECT_FALSE(to_string(public_step(s)).empty());
}

}  // namespace
}  // namespace hotline::core
