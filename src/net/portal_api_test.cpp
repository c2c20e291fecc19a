// End to end over HTTP: the citizens' portal. A challenge, a submission solved with real SHA-256,
// the receipt, staff reading the ticket (channel web, the portal in the history), photos with the
// upload token (metadata gone when staff download them; beyond the general body limit), and the
// refusals: the form, a spent challenge, the rate limits (429 with Retry-After), bad uploads.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "adapters/attachment_stores.hpp"
#include "adapters/sodium_crypto.hpp"
#include "net/openapi.hpp"
#include "net/openapi_validator_test_support.hpp"
#include "net/server.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;
using namespace std::string_literals;

bj::value parse(const HttpResult& result) {
  boost::system::error_code ec;
  auto value = bj::parse(result.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << result.body;
  return value;
}

std::string field_of(const HttpResult& result) {
  auto value = parse(result);
  if (!value.is_object() || !value.as_object().contains("error")) return {};
  const auto& error = value.at("error").as_object();
  return error.contains("field") ? std::string(error.at("field").as_string()) : std::string{};
}

const OpenApiValidator& validator() {
  static const OpenApiValidator instance(openapi_document());
  return instance;
}

std::string be16(std::size_t v) { return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)}; }
std::string segment(unsigned marker, const std::string& data) {
  return "\xFF"s + static_cast<char>(marker) + be16(data.size() + 2) + data;
}
// A JPEG carrying where it was taken, and more than the general body limit of the test server.
std::string photo(char fill) {
  return "\xFF\xD8"s + segment(0xE1, "Exif\0\0II\x2A\x00\x08\x00\x00\x00\x00\x00GPS 23.13N 113.26E"s) +
         segment(0xFE, std::string(1500, 'c')) + segment(0xC0, "\x08\x00\x10\x00\x10\x01\x01\x11\x00"s) +
         segment(0xDA, "\x01\x01\x00\x00\x3F\x00"s) + std::string(1200, fill) + "\xFF\xD9"s;
}

class PortalApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    adapters::init_sodium();
    TestClient::set_response_check([](std::string_view method, std::string_view target, const HttpResult& result) {
      for (const auto& problem : validator().check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    options.max_body_bytes = 2048;  // small: a photo exceeds it, as the upload route may
    configure(options);
    auto services = world_.services();
    services.portal = &portal_;
    server_ = std::make_unique<Server>(options, services);
    port_ = server_->start();
    citizen_ = std::make_unique<TestClient>(port_);
  }
  virtual void configure(ServerOptions&) {}
  void TearDown() override {
    server_->stop();
    TestClient::set_response_check({});
  }

  std::unique_ptr<TestClient> staff(const std::string& username) {
    auto client = std::make_unique<TestClient>(port_);
    auto login = client->post("/api/v1/auth/login", R"({"username":")" + username + R"(","password":")" + kTestPassword + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    if (login.status == 200) client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }

  // A solved challenge as the two JSON members the request carries.
  std::string solved() {
    auto issued = citizen_->post("/api/v1/portal/challenges", "");
    EXPECT_EQ(issued.status, 201) << issued.body;
    const auto body = parse(issued);
    const std::string challenge(body.at("challenge").as_string());
    const auto difficulty = static_cast<int>(body.at("difficulty").as_int64());
    for (long n = 0;; ++n)
      if (core::leading_zero_bits(crypto_.sha256(challenge + ":" + std::to_string(n))) >= difficulty)
        return R"("challenge":")" + challenge + R"(","nonce":")" + std::to_string(n) + R"(")";
  }

  std::string form(const std::string& phone = "13800138000", const std::string& extra = R"("consent":true)") {
    return R"({"type":"complaint","text":"五山路夜间施工噪音扰民，持续到凌晨两点。","place":{"district":"440106","street":"440106001","address":"五山路 100 号"},"name":"陈女士","phone":")" +
           phone + R"(",)" + extra + "," + solved() + "}";
  }

  HttpResult upload(std::int64_t id, const std::string& token, const std::string& bytes) {
    return citizen_->request("POST", "/api/v1/portal/requests/" + std::to_string(id) + "/photos",
                             {{"Authorization", "Upload " + token}, {"Content-Type", "image/jpeg"}}, bytes);
  }

  adapters::InMemoryAttachmentStore attachments_;
  TestServices world_{&attachments_};
  adapters::SodiumChallengeCrypto crypto_;
  core::PortalService portal_{world_.dispatch, world_.tickets, crypto_, world_.clock,
                              core::PortalPolicy{.per_address = {.limit = 4, .period = std::chrono::seconds{3600}, .burst = 4},
                                                 .proof_of_work = {.difficulty = 10}}};
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<TestClient> citizen_;
};

TEST_F(PortalApiTest, PlacesAreTheActiveDistrictsAndTheirStreetsOnly) {
  using core::UnitKind;
  ASSERT_TRUE(world_.reference.save_unit({"440106002", "440106", UnitKind::street, "石牌街道", false}).has_value());
  ASSERT_TRUE(world_.reference.save_unit({"440111", "440100", UnitKind::district, "白云区", false}).has_value());
  ASSERT_TRUE(world_.reference.save_unit({"440111001", "440111", UnitKind::street, "京溪街道", true}).has_value());
  auto places = citizen_->get("/api/v1/portal/places");  // no session
  ASSERT_EQ(places.status, 200) << places.body;
  const auto body = parse(places);
  std::vector<std::string> districts;
  for (const auto& d : body.at("districts").as_array())
    districts.push_back(std::string(d.at("name").as_string()) + "<" + std::string(d.at("parent").as_string()));
  std::vector<std::string> streets;
  for (const auto& s : body.at("streets").as_array())
    streets.push_back(std::string(s.at("id").as_string()) + "<" + std::string(s.at("parent").as_string()));
  EXPECT_EQ(districts, (std::vector<std::string>{"越秀区<440100", "天河区<440100"}));  // the snapshot's order (by id)
  EXPECT_EQ(streets, (std::vector<std::string>{"440104001<440104", "440106001<440106"}))
      << "a retired street, and the street of a retired district, are left out";
  EXPECT_EQ(places.body.find("dept-housing"), std::string::npos);
  EXPECT_EQ(places.body.find("广州市"), std::string::npos);
}

TEST_F(PortalApiTest, ACitizenSubmitsAndStaffSeeAWebTicketWithThePhotosCleaned) {
  auto submitted = citizen_->post("/api/v1/portal/requests", form());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto receipt = parse(submitted);
  const auto id = receipt.at("ticket_id").as_int64();
  EXPECT_EQ(receipt.at("state").as_string(), "registered");
  EXPECT_EQ(receipt.at("photos_allowed").as_int64(), 5);
  EXPECT_FALSE(receipt.as_object().contains("phone")) << "the receipt repeats nothing personal";
  const std::string token(receipt.at("upload_token").as_string());

  auto stored = upload(id, token, photo('\x11'));
  ASSERT_EQ(stored.status, 201) << stored.body;
  const auto file = parse(stored);
  EXPECT_EQ(file.at("filename").as_string(), "照片1.jpg");
  EXPECT_GT(file.at("metadata_removed_bytes").as_int64(), 1500);
  EXPECT_EQ(file.at("photos_left").as_int64(), 4);

  auto dispatcher = staff("dispatcher1");
  auto ticket = dispatcher->get("/api/v1/tickets/" + std::to_string(id));
  ASSERT_EQ(ticket.status, 200) << ticket.body;
  const auto t = parse(ticket);
  EXPECT_EQ(t.at("channel").as_string(), "web");
  EXPECT_EQ(t.at("category").as_string(), "");
  ASSERT_EQ(t.at("attachments").as_array().size(), 1u);
  const std::string sha(t.at("attachments").as_array()[0].at("sha256").as_string());
  auto download = dispatcher->get("/api/v1/tickets/" + std::to_string(id) + "/attachments/" + sha);
  ASSERT_EQ(download.status, 200);
  EXPECT_EQ(download.body.find("GPS"), std::string::npos);
  EXPECT_EQ(download.body.find(std::string(1200, '\x11')) != std::string::npos, true) << "the pixels are kept";
  auto history = dispatcher->get("/api/v1/tickets/" + std::to_string(id) + "/history");
  EXPECT_NE(history.body.find("citizen-portal"), std::string::npos);
}

TEST_F(PortalApiTest, RefusalsNameTheFieldAndSayWhenToComeBack) {
  auto no_consent = citizen_->post("/api/v1/portal/requests", form("13800138000", R"("consent":false)"));
  EXPECT_EQ(no_consent.status, 400);
  EXPECT_EQ(field_of(no_consent), "consent");
  auto bad_phone = citizen_->post("/api/v1/portal/requests", form("12345"));
  EXPECT_EQ(bad_phone.status, 400);
  EXPECT_EQ(field_of(bad_phone), "phone");
  auto unknown = citizen_->post("/api/v1/portal/requests", form("13800138000", R"("consent":true,"category":"x")"));
  EXPECT_EQ(unknown.status, 400);
  auto no_work = citizen_->post("/api/v1/portal/requests",
                                R"({"type":"help","text":"路灯不亮已经三天了","name":"李","phone":"13800138000","consent":true,"challenge":"v1.1.16.aa.bb","nonce":"1"})");
  EXPECT_EQ(no_work.status, 400);
  EXPECT_EQ(field_of(no_work), "challenge");

  // The same solved challenge twice: the second is refused.
  const std::string body = form("13900139000");
  EXPECT_EQ(citizen_->post("/api/v1/portal/requests", body).status, 201);
  auto again = citizen_->post("/api/v1/portal/requests", body);
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(field_of(again), "challenge");

  // The address may submit four an hour here.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(citizen_->post("/api/v1/portal/requests", form("1370013700" + std::to_string(i))).status, 201);
  auto limited = citizen_->post("/api/v1/portal/requests", form("13600136000"));
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(field_of(limited), "client");
  EXPECT_FALSE(limited.header("Retry-After").empty());
  EXPECT_NE(limited.body.find("后再试"), std::string::npos);
  // With no proxy trusted, a forwarded address changes nothing.
  auto forged = citizen_->request("POST", "/api/v1/portal/requests", {{"X-Forwarded-For", "198.51.100.20"}},
                                  form("13600136001"));
  EXPECT_EQ(forged.status, 429) << forged.body;
}

// Behind a reverse proxy (`hotline serve --trusted-proxy`), each citizen is limited by the address
// the proxy forwarded, not by the proxy's.
class PortalBehindProxyTest : public PortalApiTest {
 protected:
  void configure(ServerOptions& options) override {
    auto proxies = TrustedProxies::parse({"127.0.0.0/8"});
    ASSERT_TRUE(proxies.has_value());
    options.trusted_proxies = *proxies;
  }
  HttpResult submit_from(const std::string& forwarded_for, const std::string& phone) {
    return citizen_->request("POST", "/api/v1/portal/requests", {{"X-Forwarded-For", forwarded_for}}, form(phone));
  }
};

TEST_F(PortalBehindProxyTest, EachForwardedClientHasItsOwnLimit) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(submit_from("198.51.100.7", "1370013700" + std::to_string(i)).status, 201);
  EXPECT_EQ(submit_from("198.51.100.7", "13700137009").status, 429);
  // Another citizen through the same proxy is not limited by the first one's submissions.
  EXPECT_EQ(submit_from("203.0.113.8", "13600136000").status, 201);
  // What the client itself put at the left is not believed: the proxy's entry (rightmost) counts.
  EXPECT_EQ(submit_from("203.0.113.99, 198.51.100.7", "13600136001").status, 429);
}

TEST_F(PortalApiTest, UploadsNeedTheTokenAndAPhoto) {
  auto submitted = citizen_->post("/api/v1/portal/requests", form());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto receipt = parse(submitted);
  const auto id = receipt.at("ticket_id").as_int64();
  const std::string token(receipt.at("upload_token").as_string());
  EXPECT_EQ(upload(id, "not-the-token", photo('a')).status, 404);
  EXPECT_EQ(upload(id + 100, token, photo('a')).status, 404);
  auto gif = upload(id, token, "GIF89a\x01\0\x01\0"s);
  EXPECT_EQ(gif.status, 400);
  EXPECT_EQ(field_of(gif), "file");
  auto html = upload(id, token, "<html><script>alert(1)</script></html>");
  EXPECT_EQ(html.status, 400);
  EXPECT_EQ(upload(id, token, photo('b')).status, 201);
  auto twice = upload(id, token, photo('b'));
  EXPECT_EQ(twice.status, 409);
  // Staff's own upload route still wants a session.
  auto anonymous = citizen_->request("POST", "/api/v1/tickets/" + std::to_string(id) + "/attachments?filename=a.jpg", {}, photo('c'));
  EXPECT_EQ(anonymous.status, 401);
}

}  // namespace
}  // namespace hotline::net
