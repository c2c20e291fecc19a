// End to end over HTTP: files on tickets (附件). POST /api/v1/tickets/{id}/attachments with the raw
// bytes, GET (and HEAD) /api/v1/tickets/{id}/attachments/{sha256}, the session's body limit for
// the upload route, and the `attach` action in allowed_actions and the history.

#include <gtest/gtest.h>

#include <sstream>

#include <boost/json/parse.hpp>

#include "adapters/attachment_stores.hpp"
#include "net/handlers/attachment_handlers.hpp"
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

std::vector<std::string> actions_of(const bj::value& ticket) {
  std::vector<std::string> out;
  for (const auto& a : ticket.at("allowed_actions").as_array()) out.emplace_back(a.as_string());
  return out;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Tiny files of each supported type: the magic bytes and a little after them.
std::string ooxml() {
  const std::string name = "[Content_Types].xml";
  return "PK\x03\x04"s + std::string(22, '\0') + static_cast<char>(name.size()) + std::string(3, '\0') + name +
         "<Types/>";
}

struct Sample {
  std::string filename;
  std::string bytes;
  std::string content_type;
};

const std::vector<Sample>& samples() {
  static const std::vector<Sample> all{
      {"现场照片.jpg", "\xFF\xD8\xFF\xE0\0\x10JFIF\0"s, "image/jpeg"},
      {"photo.PNG", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, "image/png"},
      {"anim.gif", "GIF89a\x01\0\x01\0"s, "image/gif"},
      {"x.webp", "RIFF\x1A\0\0\0WEBPVP8 "s, "image/webp"},
      {"整改报告.pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"s, "application/pdf"},
      {"回复函.docx", ooxml() + "word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"台账.xlsx", ooxml() + "sheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  };
  return all;
}

// Percent-encodes a query value (every byte but unreserved ones).
std::string encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (std::isalnum(b) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

// Every answer is checked against the served OpenAPI document, as in server_test.cpp.
const OpenApiValidator& validator() {
  static const OpenApiValidator instance(openapi_document());
  return instance;
}

class AttachmentsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TestClient::set_response_check([](std::string_view method, std::string_view target, const HttpResult& result) {
      for (const auto& problem : validator().check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    options.max_body_bytes = 1024;        // the general limit, small to show the upload may exceed it
    options.max_attachment_bytes = 4096;  // small, so "too big" is quick
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
    agent_ = client_for("agent1");
    dispatcher_ = client_for("dispatcher1");
  }
  void TearDown() override {
    server_->stop();
    TestClient::set_response_check({});
  }

  std::unique_ptr<TestClient> client_for(const std::string& username) {
    auto client = std::make_unique<TestClient>(port_);
    auto login = client->post("/api/v1/auth/login",
                              R"({"username":")" + username + R"(","password":")" + kTestPassword + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    if (login.status == 200) client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }

  std::string create_ticket(const std::string& type = "complaint") {
    auto created = agent_->post("/api/v1/tickets", R"({"type":")" + type + R"(","channel":"phone","title":"噪音扰民"})");
    EXPECT_EQ(created.status, 201) << created.body;
    return "/api/v1/tickets/" + std::to_string(parse(created).at("id").as_int64());
  }
  // Registered, submitted and dispatched to 天河区 (440106).
  std::string dispatched_ticket() {
    std::string path = create_ticket();
    EXPECT_EQ(agent_->post(path + "/submit").status, 200);
    auto dispatched = dispatcher_->post(path + "/dispatch", R"({"lead_unit":"440106"})");
    EXPECT_EQ(dispatched.status, 200) << dispatched.body;
    return path;
  }

  HttpResult upload(TestClient& client, const std::string& ticket, const std::string& filename, std::string_view bytes,
                    const std::string& claimed_type = "application/octet-stream") {
    return client.request("POST", ticket + "/attachments?filename=" + encode(filename),
                          {{"Content-Type", claimed_type}}, bytes);
  }

  adapters::InMemoryAttachmentStore store_;
  TestServices world_{&store_};
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<TestClient> agent_;
  std::unique_ptr<TestClient> dispatcher_;
};

TEST_F(AttachmentsApiTest, EachAllowedTypeUploadsListsAndDownloadsByteForByte) {
  const std::string ticket = create_ticket();
  std::size_t count = 0;
  for (const auto& sample : samples()) {
    // The client's claim is not what decides: text/plain for all of them.
    auto uploaded = upload(*agent_, ticket, sample.filename, sample.bytes, "text/plain");
    ASSERT_EQ(uploaded.status, 201) << sample.filename << ": " << uploaded.body;
    const bj::value body = parse(uploaded);
    const auto& files = body.at("attachments").as_array();
    ASSERT_EQ(files.size(), ++count);
    const auto& file = files.back().as_object();  // upload order
    const std::string sha = std::string(file.at("sha256").as_string());
    EXPECT_EQ(sha, adapters::sha256_hex(sample.bytes));
    EXPECT_EQ(file.at("filename").as_string(), sample.filename);
    EXPECT_EQ(file.at("content_type").as_string(), sample.content_type);
    EXPECT_EQ(file.at("size").as_int64(), static_cast<std::int64_t>(sample.bytes.size()));
    EXPECT_EQ(file.at("uploaded_by").as_string(), "agent1");
    EXPECT_EQ(file.at("uploaded_at").as_string(), "2024-05-06T10:00:00+08:00");
    EXPECT_TRUE(has(actions_of(body), "attach"));

    auto downloaded = dispatcher_->get(ticket + "/attachments/" + sha);
    ASSERT_EQ(downloaded.status, 200) << downloaded.body;
    EXPECT_EQ(downloaded.body, sample.bytes);
    EXPECT_EQ(downloaded.header("Content-Type"), sample.content_type);
    EXPECT_EQ(downloaded.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(downloaded.header("Cache-Control"), "private, max-age=0");
    const std::string disposition = downloaded.header("Content-Disposition");
    const bool image = sample.content_type.starts_with("image/");
    EXPECT_EQ(disposition.substr(0, disposition.find(';')), image ? "inline" : "attachment");
    EXPECT_NE(disposition.find("filename*=UTF-8''" + encode(sample.filename)), std::string::npos) << disposition;
    EXPECT_FALSE(downloaded.header("Content-Security-Policy").empty());  // the usual headers too

    auto head = dispatcher_->request("HEAD", ticket + "/attachments/" + sha);
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("Content-Length"), std::to_string(sample.bytes.size()));
    EXPECT_EQ(head.header("Content-Type"), sample.content_type);
  }
  // Every ticket response carries the list: the single read and the list items.
  EXPECT_EQ(parse(agent_->get(ticket)).at("attachments").as_array().size(), samples().size());
  auto listed = parse(agent_->get("/api/v1/tickets"));
  EXPECT_EQ(listed.at("items").as_array().at(0).at("attachments").as_array().size(), samples().size());
}

TEST_F(AttachmentsApiTest, WhatTheContentIsDecidesNotTheNameOrTheClaim) {
  const std::string ticket = create_ticket();
  const std::string png = "\x89PNG\r\n\x1A\n"s + "IHDR";
  auto html = upload(*agent_, ticket, "x.jpg", "<!DOCTYPE html><script>alert(1)</script>", "image/jpeg");
  EXPECT_EQ(html.status, 400);
  EXPECT_EQ(html.error_field(), "file");
  EXPECT_NE(html.body.find("unsupported file type"), std::string::npos) << html.body;
  auto svg = upload(*agent_, ticket, "x.png", R"(<svg xmlns="http://www.w3.org/2000/svg"/>)", "image/svg+xml");
  EXPECT_EQ(svg.error_field(), "file");
  auto zip = upload(*agent_, ticket, "x.docx", "PK\x03\x04"s + std::string(26, '\0') + "readme.txt");
  EXPECT_EQ(zip.error_field(), "file");
  auto misnamed = upload(*agent_, ticket, "x.pdf", png, "application/pdf");
  EXPECT_EQ(misnamed.status, 400);
  EXPECT_EQ(misnamed.error_field(), "filename");
  auto empty = upload(*agent_, ticket, "x.png", "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.error_field(), "file");
  for (const std::string& name : {""s, "a/b.png"s, "a\\b.png"s, "a\nb.png"s, std::string(201, 'a') + ".png"}) {
    auto refused = upload(*agent_, ticket, name, png);
    EXPECT_EQ(refused.status, 400) << name;
    EXPECT_EQ(refused.error_field(), "filename") << name;
  }
  auto no_name = agent_->post(ticket + "/attachments", png);
  EXPECT_EQ(no_name.error_field(), "filename");
  EXPECT_TRUE(parse(agent_->get(ticket)).at("attachments").as_array().empty());
  // The same file twice on one ticket is refused; the first stays.
  ASSERT_EQ(upload(*agent_, ticket, "a.png", png).status, 201);
  auto again = upload(*agent_, ticket, "b.png", png);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(parse(agent_->get(ticket)).at("attachments").as_array().size(), 1u);
}

TEST_F(AttachmentsApiTest, TheUploadRouteAloneMayExceedTheGeneralBodyLimit) {
  const std::string ticket = create_ticket();
  const std::string png = "\x89PNG\r\n\x1A\n"s;
  auto big = upload(*agent_, ticket, "big.png", png + std::string(3000, 'x'));  // > 1024, <= 4096
  EXPECT_EQ(big.status, 201) << big.body;
  TestClient client(port_);  // the refusal closes its connection
  client.set_token(parse(agent_->post("/api/v1/auth/login",
                                      R"({"username":"agent1","password":")"s + kTestPassword + R"("})"))
                       .at("token")
                       .as_string()
                       .c_str());
  auto too_big = upload(client, ticket, "huge.png", png + std::string(5000, 'x'));
  EXPECT_EQ(too_big.status, 413);
  EXPECT_NE(too_big.body.find("payload_too_large"), std::string::npos) << too_big.body;
  EXPECT_NE(too_big.body.find("4096"), std::string::npos) << too_big.body;
  // Any other route keeps the general limit.
  TestClient other(port_);
  auto note = other.post(ticket + "/handle", std::string(2000, ' ') + "{}");
  EXPECT_EQ(note.status, 413);
  EXPECT_EQ(parse(agent_->get(ticket)).at("attachments").as_array().size(), 1u);

  // Declared lengths are refused before the body is sent, each against its route's limit; a chunked
  // body elsewhere counts against the general one.
  TestClient raw(port_);
  auto declared = raw.send_raw("POST " + ticket + "/attachments?filename=a.png HTTP/1.1\r\nHost: x\r\n"
                               "Content-Length: 5000\r\n\r\n");
  EXPECT_EQ(declared.status, 413);
  EXPECT_NE(declared.body.find("4096"), std::string::npos) << declared.body;
  auto elsewhere = raw.send_raw("POST " + ticket + "/handle HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n");
  EXPECT_EQ(elsewhere.status, 413);
  EXPECT_NE(elsewhere.body.find("1024"), std::string::npos) << elsewhere.body;
  std::ostringstream chunked;
  chunked << "POST " << ticket << "/handle HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          << std::hex << 2000 << "\r\n" << std::string(2000, ' ') << "\r\n0\r\n\r\n";
  EXPECT_EQ(raw.send_raw(chunked.str()).status, 413);
}

TEST_F(AttachmentsApiTest, TheTicketsReadRuleAndTheAttachRolesDecideWhoUploadsAndDownloads) {
  const std::string ticket = dispatched_ticket();
  const std::string pdf = "%PDF-1.4 整改";
  auto tianhe = client_for("tianhe1");
  auto uploaded = upload(*tianhe, ticket, "整改.pdf", pdf);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string sha = adapters::sha256_hex(pdf);
  EXPECT_EQ(tianhe->get(ticket + "/attachments/" + sha).status, 200);

  auto yuexiu = client_for("yuexiu1");  // another district's handler: the ticket does not exist for them
  EXPECT_EQ(upload(*yuexiu, ticket, "a.pdf", "%PDF-1.4 other").status, 404);
  EXPECT_EQ(yuexiu->get(ticket + "/attachments/" + sha).status, 404);
  EXPECT_EQ(yuexiu->request("HEAD", ticket + "/attachments/" + sha).status, 404);

  auto manager = client_for("manager1");  // reads tickets and their files, attaches none
  EXPECT_EQ(manager->get(ticket + "/attachments/" + sha).status, 200);
  EXPECT_EQ(upload(*manager, ticket, "a.pdf", "%PDF-1.4 manager").status, 403);
  EXPECT_FALSE(has(actions_of(parse(manager->get(ticket))), "attach"));

  // A hash alone gives nothing: not under another ticket, nor an unknown one.
  const std::string other = create_ticket();
  EXPECT_EQ(agent_->get(other + "/attachments/" + sha).status, 404);
  EXPECT_EQ(agent_->get(ticket + "/attachments/" + std::string(64, 'a')).status, 404);
  EXPECT_EQ(agent_->get(ticket + "/attachments/not-a-hash").status, 404);

  // No token, no file.
  TestClient anonymous(port_);
  EXPECT_EQ(anonymous.get(ticket + "/attachments/" + sha).status, 401);
}

TEST_F(AttachmentsApiTest, AnUploadIsAnAttachEventInTheHistory) {
  const std::string ticket = create_ticket();
  const std::string gif = "GIF87a\x01\0\x01\0"s;
  ASSERT_EQ(upload(*agent_, ticket, "动图.gif", gif).status, 201);
  auto history = parse(agent_->get(ticket + "/history"));
  const auto& last = history.at("items").as_array().back();
  EXPECT_EQ(last.at("action").as_string(), "attach");
  EXPECT_EQ(last.at("actor").as_string(), "agent1");
  const auto& payload = last.at("payload");
  EXPECT_EQ(payload.at("sha256").as_string(), adapters::sha256_hex(gif));
  EXPECT_EQ(payload.at("filename").as_string(), "动图.gif");
  EXPECT_EQ(payload.at("content_type").as_string(), "image/gif");
  EXPECT_EQ(payload.at("size").as_string(), std::to_string(gif.size()));
}

TEST_F(AttachmentsApiTest, AllowedActionsListAttachExactlyWhenAnUploadWouldBeAccepted) {
  const std::string registered = create_ticket();
  EXPECT_TRUE(has(actions_of(parse(agent_->get(registered))), "attach"));

  // An inquiry answered at intake, closed and archived: no more files.
  const std::string archived = create_ticket("inquiry");
  ASSERT_EQ(agent_->post(archived + "/resolve_at_intake", R"({"answer":"已当场解答"})").status, 200);
  ASSERT_EQ(agent_->post(archived + "/close").status, 200);
  auto supervisor = client_for("supervisor1");
  auto archiving = supervisor->post(archived + "/archive");
  ASSERT_EQ(archiving.status, 200) << archiving.body;
  EXPECT_FALSE(has(actions_of(parse(archiving)), "attach"));
  EXPECT_FALSE(has(actions_of(parse(agent_->get(archived))), "attach"));
  auto refused = upload(*supervisor, archived, "late.png", "\x89PNG\r\n\x1A\n"s);
  EXPECT_EQ(refused.status, 409) << refused.body;
}

TEST_F(AttachmentsApiTest, TheGenericActionRouteSendsUploadsToTheAttachmentsRoute) {
  const std::string ticket = create_ticket();
  auto refused = agent_->post(ticket + "/attach", "{}");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.error_field(), "file");
  EXPECT_NE(refused.body.find("/attachments"), std::string::npos) << refused.body;
}

TEST(ContentDisposition, NamesAreRfc8187PercentEncoded) {
  EXPECT_EQ(handlers::content_disposition("a b.pdf", false), "attachment; filename*=UTF-8''a%20b.pdf");
  EXPECT_EQ(handlers::content_disposition("照.png", true), "inline; filename*=UTF-8''%E7%85%A7.png");
  EXPECT_EQ(handlers::content_disposition("\"x\";y.pdf", false), "attachment; filename*=UTF-8''%22x%22%3By.pdf");
}

}  // namespace
}  // namespace hotline::net
