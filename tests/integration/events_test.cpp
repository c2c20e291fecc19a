// End-to-end tests of the live event stream, GET /api/v1/events (a WebSocket), against the real
// `hotline` binary on SQLite: who receives which events, masking, resume from a last event id,
// the cut-off of a client too slow to read, and the refusals (bad token, late auth, too many
// connections, oversized messages).

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "documented_api.hpp"
#include "net/test_client.hpp"
#include "server_process.hpp"
#include "ws_client.hpp"

namespace hotline::tests {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

const std::string kBinary = HOTLINE_BINARY;
constexpr const char* kPassword = "secret-pass";
constexpr const char* kTianhe = "440106";
constexpr const char* kYuexiu = "440104";

// (ticket id, action) of an event frame.
using Seen = std::pair<std::int64_t, std::string>;

class EventStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("hotline-ev-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "hotline.db").string();
    check_against_documented_api(true);
    std::string out;
    ASSERT_EQ(run({kBinary, "migrate", "--db", db_}, out), 0) << out;
    ASSERT_EQ(run({kBinary, "units", "--db", db_, "--city", "4401"}, out), 0) << out;
    for (auto [user, role, unit] : {std::tuple{"agent", "agent", ""}, {"disp", "dispatcher", ""},
                                    {"tianhe", "unit_handler", kTianhe}, {"yuexiu", "unit_handler", kYuexiu}}) {
      std::vector<std::string> args{kBinary, "user", "add", "--db", db_, "--username", user,
                                    "--role", role, "--password", kPassword};
      if (*unit) args.insert(args.end(), {"--unit", unit});
      ASSERT_EQ(run(args, out), 0) << out;
    }
  }
  void TearDown() override {
    check_against_documented_api(false);
    server_.reset();
    fs::remove_all(dir_);
  }

  void start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"serve", "--db", db_, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<ServerProcess>(kBinary, args, (dir_ / "server.log").string());
    port_ = server_->wait_listening();
    ASSERT_NE(port_, 0) << "server did not start";
    agent_ = std::make_unique<net::TestClient>(port_);
    agent_->set_token(login("agent"));
    dispatcher_ = std::make_unique<net::TestClient>(port_);
    dispatcher_->set_token(login("disp"));
  }

  std::string login(const std::string& user) {
    net::TestClient client(port_);
    auto res = client.post("/api/v1/auth/login",
                           json::serialize(json::object{{"username", user}, {"password", kPassword}}));
    EXPECT_EQ(res.status, 200) << res.body;
    if (res.status != 200) return {};
    return std::string(json::parse(res.body).at("token").as_string());
  }

  // Registers a ticket (no place); returns its id.
  std::int64_t create(const std::string& title, const std::string& text = "正文") {
    auto res = agent_->post("/api/v1/tickets", json::serialize(json::object{
                                                   {"type", "complaint"},
                                                   {"channel", "phone"},
                                                   {"title", title},
                                                   {"text", text},
                                                   {"caller", {{"name", "陈大文"}, {"phone", "13800138000"}}}}));
    EXPECT_EQ(res.status, 201) << res.body;
    return res.status == 201 ? json::parse(res.body).at("id").as_int64() : 0;
  }

  // Registers, submits and dispatches a ticket to `lead` (and `co`); returns its id.
  std::int64_t create_dispatched(const std::string& title, const std::string& lead, const std::string& co = {}) {
    std::int64_t id = create(title);
    const std::string path = "/api/v1/tickets/" + std::to_string(id);
    EXPECT_EQ(agent_->post(path + "/submit", "{}").status, 200);
    json::object body{{"lead_unit", lead}};
    if (!co.empty()) body["co_units"] = json::array{json::value(co)};
    auto res = dispatcher_->post(path + "/dispatch", json::serialize(body));
    EXPECT_EQ(res.status, 200) << res.body;
    return id;
  }

  // Connects, authenticating with the header (or the first message when `by_message`), and waits for
  // "ready". Null (with a test failure) when that does not happen.
  std::unique_ptr<WsClient> subscribe(const std::string& token, bool by_message, std::string query = {},
                                      std::optional<std::int64_t> last_event_id = {}, int receive_buffer = 0) {
    auto client = std::make_unique<WsClient>(port_);
    EXPECT_TRUE(client->connect("/api/v1/events" + query, by_message ? std::string{} : token, receive_buffer))
        << client->error();
    if (by_message) {
      json::object auth{{"type", "auth"}, {"token", token}};
      if (last_event_id) auth["last_event_id"] = *last_event_id;
      EXPECT_TRUE(client->send(json::serialize(auth)));
    }
    return client;
  }

  // Reads event frames until the one of `until` (ticket, action); returns all event frames read.
  static std::vector<json::object> read_until(WsClient& client, const Seen& until) {
    std::vector<json::object> events;
    for (;;) {
      auto message = client.read();
      if (!message) {
        ADD_FAILURE() << "stream ended before " << until.first << " " << until.second << ": "
                      << client.close_code() << " " << client.close_reason() << client.error();
        return events;
      }
      auto frame = json::parse(*message).as_object();
      if (frame.at("type").as_string() != "event") continue;
      events.push_back(frame);
      if (Seen{frame.at("ticket_id").as_int64(), std::string(frame.at("action").as_string())} == until) return events;
    }
  }

  static std::vector<Seen> seen_of(const std::vector<json::object>& events) {
    std::vector<Seen> out;
    for (const auto& e : events) out.emplace_back(e.at("ticket_id").as_int64(), std::string(e.at("action").as_string()));
    return out;
  }

  static void expect_increasing_ids(const std::vector<json::object>& events) {
    for (std::size_t i = 1; i < events.size(); ++i)
      EXPECT_LT(events[i - 1].at("id").as_int64(), events[i].at("id").as_int64()) << "at " << i;
  }

  static int run(const std::vector<std::string>& argv, std::string& out) { return run_command(argv, out); }

  fs::path dir_;
  std::string db_;
  std::unique_ptr<ServerProcess> server_;
  unsigned short port_ = 0;
  std::unique_ptr<net::TestClient> agent_;
  std::unique_ptr<net::TestClient> dispatcher_;
};

TEST_F(EventStreamTest, EachSubscriberGetsExactlyTheEventsOfTicketsItMayReadAndResumes) {
  ASSERT_NO_FATAL_FAILURE(start());
  const std::string tianhe_token = login("tianhe");
  const std::string yuexiu_token = login("yuexiu");
  auto tianhe = subscribe(tianhe_token, false);                    // bearer header
  auto yuexiu = subscribe(yuexiu_token, true);                     // first message
  auto dispatcher = subscribe(login("disp"), true);
  for (auto* client : {tianhe.get(), yuexiu.get(), dispatcher.get()}) ASSERT_TRUE(client->read_type("ready"));

  std::int64_t a = create_dispatched("天河的工单", kTianhe);
  std::int64_t b = create_dispatched("越秀的工单", kYuexiu);
  std::int64_t shared = create_dispatched("两区共办", kTianhe, kYuexiu);  // the last event: both see it
  const Seen last{shared, "dispatch"};

  auto tianhe_events = read_until(*tianhe, last);
  EXPECT_EQ(seen_of(tianhe_events), (std::vector<Seen>{{a, "dispatch"}, {shared, "dispatch"}}));
  auto yuexiu_events = read_until(*yuexiu, last);
  EXPECT_EQ(seen_of(yuexiu_events), (std::vector<Seen>{{b, "dispatch"}, {shared, "dispatch"}}));
  auto all = read_until(*dispatcher, last);
  std::vector<Seen> expected;
  for (auto id : {a, b, shared})
    for (const char* action : {"register", "submit", "dispatch"}) expected.emplace_back(id, action);
  EXPECT_EQ(seen_of(all), expected);
  expect_increasing_ids(all);

  // Masked everywhere: the register event's payload and the ticket it carries.
  const auto& registered = all.front();
  EXPECT_EQ(registered.at("payload").at("caller_phone").as_string(), "138****8000");
  EXPECT_EQ(registered.at("payload").at("caller_name").as_string(), "陈**");
  EXPECT_EQ(registered.at("ticket").at("caller").at("phone").as_string(), "138****8000");
  EXPECT_EQ(tianhe_events.front().at("ticket").at("lead_unit").as_string(), kTianhe);
  EXPECT_EQ(tianhe_events.front().at("ticket").at("state").as_string(), "dispatched");

  // Yuexiu goes away; what it misses comes back from storage when it returns with its last id.
  const std::int64_t last_seen = yuexiu_events.back().at("id").as_int64();
  yuexiu->close();
  std::int64_t missed = create_dispatched("越秀错过的", kYuexiu);
  std::int64_t elsewhere = create_dispatched("天河又一单", kTianhe);
  auto back = subscribe(yuexiu_token, false, "?last_event_id=" + std::to_string(last_seen));
  // Replayed: the whole history of the ticket it may read now, nothing of the other.
  auto replayed = read_until(*back, {missed, "dispatch"});
  EXPECT_EQ(seen_of(replayed), (std::vector<Seen>{{missed, "register"}, {missed, "submit"}, {missed, "dispatch"}}));
  EXPECT_GT(replayed.front().at("id").as_int64(), last_seen);
  auto ready = back->read();
  ASSERT_TRUE(ready);
  EXPECT_EQ(json::parse(*ready).at("type").as_string(), "ready") << *ready;
  EXPECT_EQ(json::parse(*ready).at("resumed_after").as_int64(), last_seen);
  // Then live, without a gap or a repeat.
  std::int64_t live = create_dispatched("越秀直播", kYuexiu);
  auto after = read_until(*back, {live, "dispatch"});
  EXPECT_EQ(seen_of(after), (std::vector<Seen>{{live, "dispatch"}}));
  EXPECT_GT(after.front().at("id").as_int64(), replayed.back().at("id").as_int64());
  // The same resume with the auth message instead of the query.
  auto again = subscribe(yuexiu_token, true, {}, last_seen);
  auto replayed_again = read_until(*again, {live, "dispatch"});
  EXPECT_EQ(seen_of(replayed_again), (std::vector<Seen>{{missed, "register"}, {missed, "submit"},
                                                         {missed, "dispatch"}, {live, "register"},
                                                         {live, "submit"}, {live, "dispatch"}}));
  (void)elsewhere;
}

TEST_F(EventStreamTest, SlowClientIsClosedWithAReasonWhileOthersKeepReceiving) {
  ASSERT_NO_FATAL_FAILURE(start({"--events-queue", "8", "--events-send-buffer", "4096"}));
  const std::string token = login("disp");
  auto slow = subscribe(token, false, {}, {}, 4096);  // a small receive buffer, and it stops reading
  ASSERT_TRUE(slow->read_type("ready"));
  auto steady = subscribe(token, false);
  ASSERT_TRUE(steady->read_type("ready"));

  constexpr int kTickets = 150;
  std::vector<std::int64_t> received;
  std::thread reader([&] {
    while (static_cast<int>(received.size()) < kTickets) {
      auto message = steady->read();
      if (!message) break;
      auto frame = json::parse(*message).as_object();
      if (frame.at("type").as_string() == "event") received.push_back(frame.at("ticket_id").as_int64());
    }
  });
  std::vector<std::int64_t> created;
  const std::string long_text(600, 'x');
  for (int i = 0; i < kTickets; ++i) created.push_back(create("慢客户端 " + std::to_string(i), long_text));
  reader.join();
  EXPECT_EQ(received, created) << steady->close_code() << " " << steady->close_reason() << steady->error();

  int events = 0;
  while (slow->read()) ++events;
  EXPECT_EQ(slow->close_code(), 1008) << slow->error();
  EXPECT_EQ(slow->close_reason().rfind("too slow: ", 0), 0u) << slow->close_reason();
  EXPECT_LT(events, kTickets);
}

TEST_F(EventStreamTest, RefusesBadTokensLateAuthTooManyConnectionsAndBigMessages) {
  ASSERT_NO_FATAL_FAILURE(start({"--events-max-per-user", "2", "--events-auth-timeout", "1"}));
  // A plain GET is told to upgrade.
  EXPECT_EQ(agent_->get("/api/v1/events").status, 426);

  auto bad_header = subscribe("not-a-token", false);
  EXPECT_FALSE(bad_header->read());
  EXPECT_EQ(bad_header->close_code(), 1008);
  EXPECT_NE(bad_header->close_reason().find("authentication failed"), std::string::npos) << bad_header->close_reason();

  auto bad_message = subscribe("not-a-token", true);
  EXPECT_FALSE(bad_message->read());
  EXPECT_EQ(bad_message->close_code(), 1008);
  EXPECT_NE(bad_message->close_reason().find("authentication failed"), std::string::npos);

  WsClient wrong_first(port_);
  ASSERT_TRUE(wrong_first.connect("/api/v1/events"));
  ASSERT_TRUE(wrong_first.send(R"({"type":"hello"})"));
  EXPECT_FALSE(wrong_first.read());
  EXPECT_EQ(wrong_first.close_code(), 1008);
  EXPECT_NE(wrong_first.close_reason().find("expected {\"type\":\"auth\""), std::string::npos) << wrong_first.close_reason();

  WsClient silent(port_);
  ASSERT_TRUE(silent.connect("/api/v1/events"));
  EXPECT_FALSE(silent.read(5s));
  EXPECT_EQ(silent.close_code(), 1008);
  EXPECT_NE(silent.close_reason().find("authentication timeout"), std::string::npos) << silent.close_reason();

  WsClient big(port_);
  ASSERT_TRUE(big.connect("/api/v1/events"));
  ASSERT_TRUE(big.send(R"({"type":"auth","token":")" + std::string(5000, 'a') + "\"}"));
  EXPECT_FALSE(big.read());
  // Over the 4 KiB read limit: Beast sends 1009 and drops the connection; the unread rest of the
  // message can turn that into a reset that overtakes the close frame.
  if (big.close_code() != 0) {
    EXPECT_EQ(big.close_code(), 1009);
  }
  EXPECT_TRUE(big.closed()) << big.error();

  const std::string token = login("agent");
  auto first = subscribe(token, false);
  auto second = subscribe(token, true);
  ASSERT_TRUE(first->read_type("ready"));
  ASSERT_TRUE(second->read_type("ready"));
  auto third = subscribe(token, false);
  EXPECT_FALSE(third->read());
  EXPECT_EQ(third->close_code(), 1008);
  EXPECT_NE(third->close_reason().find("too many connections: at most 2 per user"), std::string::npos)
      << third->close_reason();
  // Others may connect, and once one of the two leaves, the user may again.
  auto other = subscribe(login("disp"), false);
  EXPECT_TRUE(other->read_type("ready"));
  first->close();
  // The server counts the leaver out when its read of the close frame completes, which can be a
  // moment after the client saw the close handshake end: a client reconnecting at once may be
  // refused once, as the desk's reconnect with backoff would be. It gets in within a second.
  bool readmitted = false;
  for (int attempt = 0; attempt < 20 && !readmitted; ++attempt) {
    auto after_leaving = subscribe(token, false);
    readmitted = after_leaving->read_type("ready").has_value();
    if (!readmitted) {
      EXPECT_EQ(after_leaving->close_code(), 1008) << after_leaving->error();
      std::this_thread::sleep_for(50ms);
    }
  }
  EXPECT_TRUE(readmitted);

  // The signed-in still receive: the first two were not disturbed by the refusals.
  std::int64_t id = create("仍在推送");
  auto event = second->read_type("event");
  ASSERT_TRUE(event);
  EXPECT_EQ(json::parse(*event).at("ticket_id").as_int64(), id);
}

TEST_F(EventStreamTest, TooManyMissedEventsEndTheReplayWithAReset) {
  ASSERT_NO_FATAL_FAILURE(start({"--events-replay-limit", "4"}));
  std::int64_t first = create_dispatched("一", kTianhe);  // events 1-3
  std::int64_t second = create_dispatched("二", kTianhe);  // events 4-6
  const std::string token = login("disp");
  auto all = subscribe(token, false, "?last_event_id=0");
  std::vector<std::string> types;
  std::vector<Seen> replayed;
  for (;;) {
    auto message = all->read();
    ASSERT_TRUE(message) << all->close_reason() << all->error();
    auto frame = json::parse(*message).as_object();
    types.emplace_back(frame.at("type").as_string());
    if (types.back() == "event")
      replayed.emplace_back(frame.at("ticket_id").as_int64(), std::string(frame.at("action").as_string()));
    if (types.back() == "ready") break;
  }
  EXPECT_EQ(types, (std::vector<std::string>{"event", "event", "event", "event", "reset", "ready"}));
  EXPECT_EQ(replayed, (std::vector<Seen>{{first, "register"}, {first, "submit"}, {first, "dispatch"},
                                         {second, "register"}}));
  // Exactly the limit missed: no reset.
  auto exact = subscribe(token, false, "?last_event_id=2");
  auto events = read_until(*exact, {second, "dispatch"});
  EXPECT_EQ(events.size(), 4u);
  auto ready = exact->read();
  ASSERT_TRUE(ready);
  EXPECT_EQ(json::parse(*ready).at("type").as_string(), "ready");
}

// A subscription does not outlive its sign-in: after a logout the token is checked again within
// `--events-reauth-interval` and the stream is closed, while another user's stream goes on.
TEST_F(EventStreamTest, SigningOutClosesTheStreamOfThatToken) {
  ASSERT_NO_FATAL_FAILURE(start({"--events-reauth-interval", "1"}));
  const std::string token = login("disp");
  auto leaving = subscribe(token, false);
  auto staying = subscribe(login("disp"), false);
  ASSERT_TRUE(leaving->read_type("ready"));
  ASSERT_TRUE(staying->read_type("ready"));
  net::TestClient client(port_);
  client.set_token(token);
  ASSERT_EQ(client.post("/api/v1/auth/logout", "{}").status, 200);
  EXPECT_FALSE(leaving->read(std::chrono::seconds{5}));
  EXPECT_EQ(leaving->close_code(), 1008) << leaving->error();
  EXPECT_EQ(leaving->close_reason().rfind("signed out", 0), 0u) << leaving->close_reason();
  create("退出登录后");
  auto event = staying->read_type("event");
  EXPECT_TRUE(event) << "the other session stopped receiving";
}

TEST_F(EventStreamTest, SigtermClosesSubscribersAsGoingAwayAndExitsCleanly) {
  ASSERT_NO_FATAL_FAILURE(start());
  auto subscriber = subscribe(login("disp"), false);
  ASSERT_TRUE(subscriber->read_type("ready"));
  server_->signal(SIGTERM);
  EXPECT_FALSE(subscriber->read());
  EXPECT_EQ(subscriber->close_code(), 1001) << subscriber->error();
  EXPECT_EQ(subscriber->close_reason(), "server shutting down");
  EXPECT_EQ(server_->wait_exit(), 0);
}

}  // namespace
}  // namespace hotline::tests
