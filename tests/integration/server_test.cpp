// End-to-end tests of the real `hotline` binary on SQLite: durability across kill -9, graceful
// SIGTERM, the demo database with unit visibility, the login throttle, the web app at /desk/ and CLI
// error reporting.

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <signal.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include "documented_api.hpp"
#include "net/test_client.hpp"
#include "server_process.hpp"

namespace hotline::tests {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const std::string kBinary = HOTLINE_BINARY;

class IntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hotline-it-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "hotline.db").string();
    log_ = (dir_ / "server.log").string();
    check_against_documented_api(true);
  }
  void TearDown() override {
    check_against_documented_api(false);
    fs::remove_all(dir_);
  }

  int run(std::vector<std::string> args, std::string& output) {
    args.insert(args.begin(), kBinary);
    return run_command(args, output);
  }

  // Creates the database with one agent account, `kAgent` / `kAgentPassword`.
  void create_database_with_agent() {
    std::string out;
    ASSERT_EQ(run({"migrate", "--db", db_}, out), 0) << out;
    ASSERT_EQ(run({"user", "add", "--db", db_, "--username", kAgent, "--role", "agent", "--password", kAgentPassword}, out), 0)
        << out;
  }
  static constexpr const char* kAgent = "agent1";
  static constexpr const char* kAgentPassword = "secret-pass";

  std::unique_ptr<ServerProcess> start_server(unsigned short& port) {
    auto server = std::make_unique<ServerProcess>(
        kBinary, std::vector<std::string>{"serve", "--db", db_, "--listen", "127.0.0.1:0"}, log_);
    port = server->wait_listening();
    return server;
  }

  static std::string login(net::TestClient& client, const std::string& user, const std::string& password) {
    auto res = client.post("/api/v1/auth/login", json::serialize(json::object{{"username", user}, {"password", password}}));
    EXPECT_EQ(res.status, 200) << res.body;
    if (res.status != 200) return {};
    return std::string(json::parse(res.body).at("token").as_string());
  }

  fs::path dir_;
  std::string db_;
  std::string log_;
};

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS+08:00" as the API writes it.
long long epoch_of_china_time(const std::string& text) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
  EXPECT_FALSE(in.fail()) << text;
  EXPECT_EQ(text.substr(19), "+08:00");
  return static_cast<long long>(timegm(&tm)) - 8 * 3600;
}

TEST_F(IntegrationTest, SessionLifetimeIsAnOperatorSettingAndSignInsAreRecorded) {
  std::string out;
  ASSERT_NO_FATAL_FAILURE(create_database_with_agent());
  ServerProcess server(kBinary,
                       {"serve", "--db", db_, "--listen", "127.0.0.1:0", "--session-lifetime", "90",
                        "--session-idle-timeout", "15"},
                       log_);
  unsigned short port = server.wait_listening();
  ASSERT_NE(port, 0) << "server did not start";
  net::TestClient client(port);
  auto res = client.post("/api/v1/auth/login",
                         json::serialize(json::object{{"username", kAgent}, {"password", kAgentPassword}}));
  ASSERT_EQ(res.status, 200) << res.body;
  auto body = json::parse(res.body);
  const auto signed_in = epoch_of_china_time(std::string(body.at("user").at("last_login_at").as_string()));
  const auto expires = epoch_of_china_time(std::string(body.at("expires_at").as_string()));
  EXPECT_EQ(expires - signed_in, 90 * 60);
  client.set_token(std::string(body.at("token").as_string()));
  EXPECT_EQ(client.get("/api/v1/me").status, 200);
  std::string help;
  ASSERT_EQ(run({"serve", "--help"}, help), 0);
  EXPECT_NE(help.find("--session-idle-timeout"), std::string::npos);
  std::string refused;
  EXPECT_NE(run({"serve", "--db", db_, "--session-idle-timeout", "0"}, refused), 0);
}

TEST_F(IntegrationTest, AcknowledgedCreatesSurviveKill9) {
  std::string out;
  ASSERT_NO_FATAL_FAILURE(create_database_with_agent());
  unsigned short port = 0;
  auto server = start_server(port);
  ASSERT_NE(port, 0) << "server did not start";
  net::TestClient client(port);
  client.set_token(login(client, kAgent, kAgentPassword));
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 20; ++i) {
    auto body = json::serialize(json::object{{"type", "complaint"},
                                             {"channel", "phone"},
                                             {"title", "夜间施工噪音 " + std::to_string(i)},
                                             {"text", "凌晨仍在施工"},
                                             {"caller", json::object{{"name", "陈先生"}, {"phone", "13800138000"}}}});
    auto res = client.post("/api/v1/tickets", body);
    ASSERT_EQ(res.status, 201) << res.body;
    ids.push_back(json::parse(res.body).at("id").as_int64());
  }
  // No graceful anything: the process dies right after the last acknowledgement.
  server->signal(SIGKILL);
  EXPECT_EQ(server->wait_exit(), 128 + SIGKILL);

  auto restarted = start_server(port);
  ASSERT_NE(port, 0) << "server did not restart";
  net::TestClient again(port);
  again.set_token(login(again, kAgent, kAgentPassword));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto res = again.get("/api/v1/tickets/" + std::to_string(ids[i]));
    ASSERT_EQ(res.status, 200) << res.body;
    EXPECT_EQ(json::parse(res.body).at("title").as_string(), "夜间施工噪音 " + std::to_string(i));
    auto history = again.get("/api/v1/tickets/" + std::to_string(ids[i]) + "/history");
    ASSERT_EQ(history.status, 200) << history.body;
  }
}

// The duplicate index's capacity is an operator setting; after a restart the index is refilled
// from the database's open tickets, newest first, up to that capacity.
// The in-memory index holds `--duplicate-capacity` tickets; the rest of the 30 days is searched
// in the SQLite full-text index, so a restart with a tiny capacity still finds every duplicate.
TEST_F(IntegrationTest, DuplicatesBeyondTheIndexCapacityComeFromStorageAcrossRestarts) {
  std::string out;
  ASSERT_NO_FATAL_FAILURE(create_database_with_agent());
  const auto body = json::serialize(json::object{{"type", "complaint"},
                                                 {"channel", "phone"},
                                                 {"title", "石牌街道工地夜间施工噪音扰民"},
                                                 {"text", "每晚十一点后仍在打桩，居民无法休息，请尽快处理"}});
  auto duplicates_of_new_ticket = [&](ServerProcess&, unsigned short port) {
    net::TestClient client(port);
    client.set_token(login(client, kAgent, kAgentPassword));
    auto res = client.post("/api/v1/tickets", body);
    EXPECT_EQ(res.status, 201) << res.body;
    return json::parse(res.body).at("possible_duplicates").as_array().size();
  };
  unsigned short port = 0;
  {
    auto server = start_server(port);
    ASSERT_NE(port, 0);
    EXPECT_EQ(duplicates_of_new_ticket(*server, port), 0U);
    EXPECT_EQ(duplicates_of_new_ticket(*server, port), 1U);
    EXPECT_EQ(duplicates_of_new_ticket(*server, port), 2U);  // default capacity: all held
    server->signal(SIGTERM);
    EXPECT_EQ(server->wait_exit(), 0);
  }
  ServerProcess small(kBinary, {"serve", "--db", db_, "--listen", "127.0.0.1:0", "--duplicate-capacity", "1"}, log_);
  port = small.wait_listening();
  ASSERT_NE(port, 0) << "server did not start";
  EXPECT_EQ(duplicates_of_new_ticket(small, port), 3U);  // the newest from memory, two from storage

  EXPECT_NE(run({"serve", "--db", db_, "--duplicate-capacity", "0"}, out), 0);
  EXPECT_NE(out.find("--duplicate-capacity"), std::string::npos) << out;
}

TEST_F(IntegrationTest, SigtermStopsCleanly) {
  std::string out;
  ASSERT_EQ(run({"migrate", "--db", db_}, out), 0) << out;
  unsigned short port = 0;
  auto server = start_server(port);
  ASSERT_NE(port, 0);
  net::TestClient client(port);
  EXPECT_EQ(client.get("/healthz").status, 200);
  server->signal(SIGTERM);
  EXPECT_EQ(server->wait_exit(), 0);
}

// `--web-root`: the built staff app is served at /desk/, the portal at / (read once at start); a missing folder
// still starts the server, with one warning naming it and `make web`.
TEST_F(IntegrationTest, ServesTheWebAppFromWebRootAndWarnsWhenItIsMissing) {
  std::string out;
  ASSERT_EQ(run({"migrate", "--db", db_}, out), 0) << out;
  const fs::path dist = dir_ / "dist";
  fs::create_directories(dist / "assets");
  std::ofstream(dist / "index.html") << "<!doctype html><title>desk</title>";
  std::ofstream(dist / "portal.html") << "<!doctype html><title>portal</title>";
  std::ofstream(dist / "assets" / "app-1a2b.js") << "console.log(1)";
  {
    ServerProcess server(kBinary, {"serve", "--db", db_, "--listen", "127.0.0.1:0", "--web-root", dist.string()}, log_);
    unsigned short port = server.wait_listening();
    ASSERT_NE(port, 0);
    net::TestClient client(port);
    auto index = client.get("/desk/tickets/42");
    EXPECT_EQ(index.status, 200);
    EXPECT_EQ(index.body, "<!doctype html><title>desk</title>");
    auto script = client.get("/desk/assets/app-1a2b.js");
    EXPECT_EQ(script.body, "console.log(1)");
    EXPECT_EQ(script.header("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(client.get("/").body, "<!doctype html><title>portal</title>");
    EXPECT_EQ(client.get("/track").body, "<!doctype html><title>portal</title>");
    EXPECT_EQ(client.get("/healthz").status, 200);
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait_exit(), 0);
  }
  const std::string missing = (dir_ / "no-such-dist").string();
  ServerProcess server(kBinary, {"serve", "--db", db_, "--listen", "127.0.0.1:0", "--web-root", missing}, log_);
  unsigned short port = server.wait_listening();
  ASSERT_NE(port, 0);
  net::TestClient client(port);
  auto desk = client.get("/desk/");
  EXPECT_EQ(desk.status, 404);
  EXPECT_NE(desk.body.find("not built"), std::string::npos) << desk.body;
  EXPECT_EQ(client.get("/healthz").status, 200);
  // The log (stdout) warns once, naming the folder and how to build it.
  EXPECT_TRUE(server.wait_output("web app folder " + missing));
  EXPECT_TRUE(server.wait_output("make web"));
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait_exit(), 0);
  EXPECT_FALSE(server.wait_output(missing, 1000)) << "a second warning";
}

TEST_F(IntegrationTest, DemoDatabaseKeepsDistrictsApart) {
  ServerProcess demo(kBinary,
                     {"demo", "--db", db_, "--tickets", "400", "--listen", "127.0.0.1:0", "--seed", "3"}, log_);
  unsigned short port = demo.wait_listening(60000);
  ASSERT_NE(port, 0) << "demo did not start";
  net::TestClient tianhe(port);
  tianhe.set_token(login(tianhe, "tianhe", "hotline-demo"));
  auto own = tianhe.get("/api/v1/tickets?limit=500");
  ASSERT_EQ(own.status, 200) << own.body;
  auto items = json::parse(own.body).at("items").as_array();
  ASSERT_FALSE(items.empty());

  net::TestClient dispatcher(port);
  dispatcher.set_token(login(dispatcher, "dispatcher", "hotline-demo"));
  auto all = dispatcher.get("/api/v1/tickets?limit=500");
  ASSERT_EQ(all.status, 200);
  EXPECT_GT(json::parse(all.body).at("items").as_array().size(), items.size());

  net::TestClient yuexiu(port);
  yuexiu.set_token(login(yuexiu, "yuexiu", "hotline-demo"));
  auto yuexiu_list = yuexiu.get("/api/v1/tickets?limit=500");
  ASSERT_EQ(yuexiu_list.status, 200);
  std::set<std::int64_t> yuexiu_ids;
  auto yuexiu_doc = json::parse(yuexiu_list.body);
  for (const auto& t : yuexiu_doc.at("items").as_array()) yuexiu_ids.insert(t.at("id").as_int64());
  int checked = 0;
  for (const auto& t : items) {
    std::int64_t id = t.at("id").as_int64();
    if (yuexiu_ids.count(id)) continue;  // a ticket shared by both districts as co-handlers
    auto read = yuexiu.get("/api/v1/tickets/" + std::to_string(id));
    EXPECT_EQ(read.status, 404) << read.body;
    auto act = yuexiu.post("/api/v1/tickets/" + std::to_string(id) + "/acknowledge", "{}");
    EXPECT_EQ(act.status, 404) << act.body;
    if (++checked == 10) break;
  }
  EXPECT_GT(checked, 0);
}

// Another city: `hotline units --city` stores its districts and streets, and the server then
// reads that city's places in messages (Changsha, 4301), with no Guangzhou left in the way.
TEST_F(IntegrationTest, AnyCityByItsCodeStoresItsUnitsAndReadsItsPlaces) {
  ASSERT_NO_FATAL_FAILURE(create_database_with_agent());
  std::string out;
  ASSERT_EQ(run({"units", "--db", db_, "--city", "4301"}, out), 0) << out;
  EXPECT_NE(out.find("长沙市 (4301) with 9 districts and 172 streets/towns"), std::string::npos) << out;
  ASSERT_EQ(run({"units", "--db", db_, "--city", "4301"}, out), 0) << "idempotent: " << out;
  EXPECT_NE(run({"units", "--db", db_, "--city", "4401"}, out), 0);
  EXPECT_NE(out.find("already holds the units of city 4301"), std::string::npos) << out;
  EXPECT_NE(run({"units", "--db", db_, "--city", "9999"}, out), 0);
  EXPECT_NE(out.find("city code '9999' not in"), std::string::npos) << out;

  unsigned short port = 0;
  auto server = start_server(port);
  net::TestClient client(port);
  client.set_token(login(client, kAgent, kAgentPassword));
  auto res = client.post("/api/v1/classify", R"({"title":"路灯不亮","text":"岳麓区望月湖街道的路灯坏了一个月"})");
  ASSERT_EQ(res.status, 200) << res.body;
  const auto body = json::parse(res.body);
  ASSERT_TRUE(body.at("place").is_object()) << res.body;
  EXPECT_EQ(body.at("place").at("district").as_string(), "430104") << res.body;
  EXPECT_EQ(body.at("place").at("street").as_string(), "430104001") << res.body;
  EXPECT_EQ(body.at("place").at("name").as_string(), "望月湖街道") << res.body;
  res = client.post("/api/v1/classify", R"({"title":"路灯不亮","text":"天河区石牌街道的路灯坏了"})");
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(json::parse(res.body).at("place").is_null()) << "not a place of this city: " << res.body;
  server->signal(SIGTERM);
  EXPECT_EQ(server->wait_exit(), 0);
}

// A deployment retrains (`hotline train --from-db`) while it serves: SIGHUP puts the new model
// in place without a restart, and a broken file keeps the model being served.
TEST_F(IntegrationTest, SighupReloadsTheModelsWithoutARestart) {
  ASSERT_NO_FATAL_FAILURE(create_database_with_agent());
  std::string out;
  unsigned short port = 0;
  auto server = start_server(port);
  net::TestClient client(port);
  client.set_token(login(client, kAgent, kAgentPassword));
  // The classifier offers only categories of the taxonomy: an admin adds the one expected below.
  ASSERT_EQ(run({"user", "add", "--db", db_, "--username", "admin1", "--role", "admin", "--password", kAgentPassword}, out),
            0)
      << out;
  net::TestClient admin(port);
  admin.set_token(login(admin, "admin1", kAgentPassword));
  auto added = admin.post("/api/v1/categories", R"({"name":"交通运输"})");
  ASSERT_EQ(added.status, 201) << added.body;
  auto classification = [&] {
    auto res = client.post("/api/v1/classify", R"({"title":"出租车拒载","text":"火车站出租车拒载，司机挑客绕路。"})");
    EXPECT_EQ(res.status, 200) << res.body;
    return json::parse(res.body).at("classification");
  };
  EXPECT_TRUE(classification().is_null()) << "no model yet";

  const std::string model = (dir_ / "hotline.model").string();  // the database's sibling
  ASSERT_EQ(run({"train", "--data", std::string(HOTLINE_TEXT_TEST_DATA) + "/tiny_corpus.csv", "--out", model, "--folds", "0"},
                out),
            0)
      << out;
  server->signal(SIGHUP);
  ASSERT_TRUE(server->wait_output("classifier model " + model + " reloaded"));
  auto now = classification();
  ASSERT_TRUE(now.is_object());
  EXPECT_EQ(now.at("label").as_string(), "交通运输");

  std::ofstream(model, std::ios::trunc) << "not a model";
  server->signal(SIGHUP);
  ASSERT_TRUE(server->wait_output("not reloaded, the current one stays"));
  now = classification();
  ASSERT_TRUE(now.is_object()) << "the model being served stays";
  EXPECT_EQ(now.at("label").as_string(), "交通运输");

  server->signal(SIGTERM);
  EXPECT_EQ(server->wait_exit(), 0);
}

// Learning from the hotline's own decisions, through the real binary and SQLite: the demo trains
// the units of its dispatches next to the database; `train --from-db` trains both kinds of model
// from the stored tickets; `serve --unit-model` weighs the learned units in every suggestion.
TEST_F(IntegrationTest, LearnsCategoriesAndUnitsFromTheDatabasesOwnDispatches) {
  std::string out;
  ASSERT_EQ(run({"demo", "--db", db_, "--tickets", "1500", "--seed", "5", "--no-serve"}, out), 0) << out;
  EXPECT_NE(out.find("unit model "), std::string::npos) << out;
  EXPECT_TRUE(fs::exists(dir_ / "hotline.units.model"));

  const std::string units = (dir_ / "units.model").string();
  ASSERT_EQ(run({"train", "--from-db", db_, "--target", "unit", "--out", units, "--folds", "0"}, out), 0) << out;
  EXPECT_NE(out.find("labelled with their lead unit"), std::string::npos) << out;
  EXPECT_NE(out.find("left out "), std::string::npos) << out;
  const std::string categories = (dir_ / "categories.model").string();
  ASSERT_EQ(run({"train", "--from-db", db_, "--out", categories, "--folds", "2"}, out), 0) << out;
  EXPECT_NE(out.find("labelled with their category"), std::string::npos) << out;
  EXPECT_NE(out.find("macro-F1"), std::string::npos) << out;
  EXPECT_NE(run({"train", "--from-db", db_, "--target", "street", "--out", units}, out), 0);
  EXPECT_NE(out.find("--target"), std::string::npos) << out;
  EXPECT_NE(run({"train", "--data", std::string(HOTLINE_TEXT_TEST_DATA) + "/tiny_corpus.csv", "--target", "unit",
                 "--out", units},
                out),
            0);
  EXPECT_NE(out.find("give --from-db"), std::string::npos) << out;

  ServerProcess server(kBinary,
                       {"serve", "--db", db_, "--listen", "127.0.0.1:0", "--model", categories, "--unit-model", units},
                       log_);
  const unsigned short port = server.wait_listening();
  ASSERT_NE(port, 0) << "server did not start";
  net::TestClient dispatcher(port);
  dispatcher.set_token(login(dispatcher, "dispatcher", "hotline-demo"));
  auto result = dispatcher.post("/api/v1/classify",
                                R"({"title":"学校乱收费","text":"某小学每学期向家长收取资料费，学生负担重，请教育部门查处。"})");
  ASSERT_EQ(result.status, 200) << result.body;
  bool learned = false;
  const auto doc = json::parse(result.body);
  for (const auto& suggestion : doc.at("dispatch_suggestions").as_array()) {
    for (const auto& reason : suggestion.at("reasons").as_array())
      learned = learned || std::string(reason.as_string()).rfind("历史派单", 0) == 0;
  }
  EXPECT_TRUE(learned) << result.body;
}

// words -> train (with the word list) -> classify, through the real binary and files.
TEST_F(IntegrationTest, TrainAndClassifyFromTheCommandLine) {
  const std::string data = HOTLINE_TEXT_TEST_DATA;
  // A tokenised copy of the tiny corpus (two-character tokens, as jieba's output comes).
  const std::string tokens = (dir_ / "tokens.csv").string();
  {
    std::ifstream in(data + "/tiny_corpus.csv");
    std::ofstream out(tokens);
    std::string line;
    std::getline(in, line);
    out << "title,text,label\n";
    while (std::getline(in, line)) {
      const auto first = line.find(',');
      const auto last = line.rfind(',');
      const std::string text = line.substr(first + 1, last - first - 1);
      std::string spaced;
      std::size_t characters = 0;
      for (const char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && characters++ % 2 == 0 && !spaced.empty()) spaced.push_back(' ');
        spaced.push_back(c);
      }
      out << "," << spaced << "," << line.substr(last + 1) << "\n";
    }
  }
  std::string out;
  const std::string words = (dir_ / "words.tsv").string();
  ASSERT_EQ(run({"words", "--data", tokens, "--out", words}, out), 0) << out;
  EXPECT_NE(out.find("wrote "), std::string::npos) << out;
  const std::string model = (dir_ / "m.model").string();
  ASSERT_EQ(run({"train", "--data", data + "/tiny_corpus.csv", "--words", words, "--out", model, "--folds", "2"}, out), 0)
      << out;
  EXPECT_NE(out.find("macro-F1"), std::string::npos) << out;
  EXPECT_EQ(out.find(" 0 dictionary words"), std::string::npos) << out;
  EXPECT_EQ(out.find("note: no tokenised messages"), std::string::npos) << out;
  ASSERT_EQ(run({"train", "--data", data + "/tiny_corpus.csv", "--out", model, "--folds", "0"}, out), 0) << out;
  EXPECT_NE(out.find("note: no tokenised messages and no --words list"), std::string::npos) << out;
  ASSERT_EQ(run({"train", "--data", data + "/tiny_corpus.csv", "--words", words, "--out", model, "--folds", "0"}, out), 0)
      << out;

  const std::string input = (dir_ / "input.csv").string();
  std::vector<std::string> expected;
  {
    std::ifstream in(data + "/golden_classify.csv");
    std::ofstream to(input);
    std::string line;
    std::getline(in, line);
    to << "id,title,text\n";
    int id = 0;
    while (std::getline(in, line)) {
      const auto last = line.rfind(',');
      to << "g" << id++ << "," << line.substr(0, last) << "\n";
      expected.push_back(line.substr(last + 1));
    }
  }
  ASSERT_EQ(run({"classify", "--model", model, "--input", input}, out), 0) << out;
  std::istringstream lines(out);
  std::string line;
  std::size_t k = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') continue;
    const auto doc = json::parse(line);
    ASSERT_LT(k, expected.size());
    EXPECT_EQ(doc.at("id").as_string(), "g" + std::to_string(k));
    EXPECT_EQ(doc.at("label").as_string(), expected[k]) << line;
    const double score = doc.at("score").to_number<double>();
    EXPECT_GT(score, 0.0);
    EXPECT_LE(score, 1.0);
    EXPECT_EQ(doc.at("top").as_array().size(), 3U);
    EXPECT_FALSE(doc.at("top").at(0).as_object().contains("words")) << "words only with --explain";
    ++k;
  }
  EXPECT_EQ(k, expected.size());

  // --explain: the words that weigh most for each listed label, taken from the message.
  ASSERT_EQ(run({"classify", "--model", model, "--input", input, "--explain", "2"}, out), 0) << out;
  std::istringstream explained(out);
  std::size_t with_words = 0;
  while (std::getline(explained, line)) {
    if (line.empty() || line[0] != '{') continue;
    const auto doc = json::parse(line);
    const auto& words = doc.at("top").at(0).at("words").as_array();
    EXPECT_LE(words.size(), 2U) << line;
    for (const auto& word : words) EXPECT_GE(word.as_string().size(), 6U) << "two characters or more: " << line;
    if (!words.empty()) ++with_words;
  }
  // The tiny model knows few words of two characters (min_df 3 over 30 messages); most lines name some.
  EXPECT_GE(with_words, expected.size() - 1) << out;

  // A row with nothing to classify gets no label, and says why; the rows around it are classified.
  const std::string with_empty = (dir_ / "with_empty.csv").string();
  {
    std::ofstream to(with_empty);
    to << "id,title,text\n"
       << "a,,小区物业乱收停车费\n"
       << "b, ,\"\u3000 \"\n"
       << "c,学校,\n";
  }
  ASSERT_EQ(run({"classify", "--model", model, "--input", with_empty}, out), 0) << out;
  EXPECT_NE(out.find("1 row(s) with empty title and text"), std::string::npos) << out;
  std::istringstream rows(out);
  std::vector<json::value> docs;
  while (std::getline(rows, line)) {
    if (!line.empty() && line[0] == '{') docs.push_back(json::parse(line));
  }
  ASSERT_EQ(docs.size(), 3U) << out;
  EXPECT_TRUE(docs[0].at("label").is_string());
  EXPECT_TRUE(docs[1].at("label").is_null()) << out;
  EXPECT_EQ(docs[1].at("error").as_string(), "empty title and text");
  EXPECT_TRUE(docs[1].at("top").as_array().empty());
  EXPECT_TRUE(docs[2].at("label").is_string()) << "a title alone is classified";

  EXPECT_NE(run({"words", "--data", data + "/tiny_corpus.csv", "--out", words}, out), 0);
  EXPECT_NE(out.find("no tokenised messages"), std::string::npos) << out;
  EXPECT_NE(run({"classify", "--model", words, "--input", input}, out), 0);
  EXPECT_NE(out.find("not a hotline text classifier model"), std::string::npos) << out;
}

TEST_F(IntegrationTest, FiveWrongPasswordsLockTheAccountOfTheRealServer) {
  // Issue #11: 60 wrong passwords in 6 s were answered and the 61st, right one signed in.
  ASSERT_NO_FATAL_FAILURE(create_database_with_agent());
  unsigned short port = 0;
  auto server = start_server(port);
  ASSERT_NE(port, 0) << "server did not start";
  net::TestClient client(port);
  const std::string wrong = json::serialize(json::object{{"username", kAgent}, {"password", "wrong-password"}});
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.post("/api/v1/auth/login", wrong).status, 401) << i;
  auto right = client.post("/api/v1/auth/login",
                           json::serialize(json::object{{"username", kAgent}, {"password", kAgentPassword}}));
  EXPECT_EQ(right.status, 429) << right.body;
  const int retry_after = std::atoi(right.header("Retry-After").c_str());
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 30);
  EXPECT_NE(right.body.find("try again in"), std::string::npos) << right.body;
}

TEST_F(IntegrationTest, CliErrorsAreOneLineAndNonZero) {
  std::string out;
  EXPECT_NE(run({"serve", "--db", (dir_ / "missing.db").string()}, out), 0);
  EXPECT_NE(out.find("does not exist"), std::string::npos) << out;
  ASSERT_EQ(run({"migrate", "--db", db_}, out), 0) << out;
  // A year without data says so, instead of eight zero KPIs marked "not met".
  EXPECT_NE(run({"report", "kpi", "--db", db_, "--year", "2031"}, out), 0);
  EXPECT_EQ(out, "hotline: error: no KPI data for the year 2031\n");
  EXPECT_NE(run({"user", "add", "--db", db_, "--username", "u1", "--role", "bogus", "--password", kAgentPassword}, out), 0);
  EXPECT_NE(out.find("unknown role"), std::string::npos) << out;
  EXPECT_NE(run({"user", "add", "--db", db_, "--username", "h1", "--role", "unit_handler", "--password", kAgentPassword,
                 "--unit", "nowhere"},
                out),
            0);
  EXPECT_NE(out.find("unit"), std::string::npos) << out;
  EXPECT_NE(run({"demo", "--db", db_, "--no-serve"}, out), 0);
  EXPECT_NE(out.find("already exists"), std::string::npos) << out;
  EXPECT_NE(run({"serve", "--db", db_, "--listen", "nonsense"}, out), 0);
  EXPECT_NE(out.find("HOST:PORT"), std::string::npos) << out;
  EXPECT_NE(run({"frobnicate"}, out), 0);
  EXPECT_EQ(out.rfind("hotline: error: ", 0), 0u) << out;
  EXPECT_NE(run({"classify", "--model", (dir_ / "missing.model").string(), "--input", db_}, out), 0);
  EXPECT_EQ(out.rfind("hotline: error: --model: File does not exist", 0), 0u) << out;
  EXPECT_EQ(out.find('\n'), out.size() - 1) << "one line: " << out;
}

}  // namespace
}  // namespace hotline::tests
