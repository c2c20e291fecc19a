// The staff web app at /desk/ through the real server: routing, traversal refusals, types,
// caching, ETags, precompressed forms, HEAD, and the security headers on every response.

#include <gtest/gtest.h>

#include <memory>

#include "core/event_bus.hpp"

#include "net/openapi.hpp"
#include "net/openapi_validator_test_support.hpp"
#include "net/security_headers.hpp"
#include "net/server.hpp"
#include "net/static_site.hpp"
#include "net/static_site_test_support.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kImmutable = "public, max-age=31536000, immutable";

const OpenApiValidator& validator() {
  static const OpenApiValidator instance(openapi_document());
  return instance;
}

void expect_security_headers(const HttpResult& result, std::string_view what) {
  for (const auto& [name, value] : kSecurityHeaders) EXPECT_EQ(result.header(name), value) << what << ": " << name;
}

class WebAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TestClient::set_response_check([](std::string_view method, std::string_view target, const HttpResult& result) {
      for (const auto& problem : validator().check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
    start(std::make_shared<const StaticSite>(StaticSite::load(web_.root())));
  }
  void TearDown() override {
    server_->stop();
    TestClient::set_response_check({});
  }

  void start(std::shared_ptr<const StaticSite> site) {
    if (server_) server_->stop();
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    options.max_body_bytes = 1024;
    options.web_app = std::move(site);
    server_ = std::make_unique<Server>(options, world_.services(), &events_);
    client_ = std::make_unique<TestClient>(server_->start());
  }

  HttpResult get(std::string_view target, const Headers& headers = {}) {
    return client_->request("GET", target, headers);
  }

  FakeWebApp web_{"server"};
  TestServices world_;
  core::InProcessEventBus events_;  // so GET /api/v1/events upgrades
  std::unique_ptr<Server> server_;
  std::unique_ptr<TestClient> client_;
};

TEST_F(WebAppTest, RootAndItsClientRoutesAnswerThePortal) {
  for (const char* target : {"/", "/?a=1", "/track", "/track/123", "/%E5%9B%9E%E6%89%A7"}) {
    auto portal = get(target);
    EXPECT_EQ(portal.status, 200) << target;
    EXPECT_EQ(portal.body, FakeWebApp::kPortal) << target;
    EXPECT_EQ(portal.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(portal.header("Cache-Control"), "no-cache");
    EXPECT_NE(portal.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos)
        << portal.header("Content-Security-Policy");
  }
  for (const char* missing : {"/index.html", "/portal.js", "/robots.txt", "/track/x.json", "/assets/app-1a2b.js"}) {
    auto response = get(missing);
    EXPECT_EQ(response.status, 404) << missing;
    EXPECT_EQ(response.header("Content-Type"), "text/plain; charset=utf-8") << missing;
  }
  EXPECT_EQ(get("/../desk/index.html").status, 404);
  EXPECT_EQ(get("/%2e%2e/outside/secret.txt").status, 404);
  EXPECT_EQ(get("/api/v1/nothing").header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(get("/healthz").status, 200);
}

TEST_F(WebAppTest, DeskRedirectsToTheSlashedMount) {
  auto desk = get("/desk");
  EXPECT_EQ(desk.status, 301);
  EXPECT_EQ(desk.header("Location"), "/desk/");
  EXPECT_EQ(get("/desk?state=x").header("Location"), "/desk/?state=x");
}

TEST_F(WebAppTest, ServesFilesWithTheirTypesAndCaching) {
  auto index = get("/desk/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, FakeWebApp::kIndex);
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  EXPECT_FALSE(index.header("ETag").empty());
  auto direct = get("/desk/index.html");
  EXPECT_EQ(direct.body, FakeWebApp::kIndex);
  EXPECT_EQ(direct.header("Cache-Control"), "no-cache");

  auto script = get("/desk/assets/app-1a2b.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.body, FakeWebApp::kScript);
  EXPECT_EQ(script.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script.header("Cache-Control"), kImmutable);
  EXPECT_EQ(get("/desk/assets/app-1a2b.css").header("Content-Type"), "text/css; charset=utf-8");
  auto font = get("/desk/assets/deep/nested/font.woff2");
  EXPECT_EQ(font.body, "wOF2");
  EXPECT_EQ(font.header("Content-Type"), "font/woff2");
  EXPECT_EQ(font.header("Cache-Control"), kImmutable);
  auto robots = get("/desk/robots.txt");
  EXPECT_EQ(robots.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(robots.header("Cache-Control"), "no-cache");
  EXPECT_EQ(get("/desk/favicon.ico").header("Content-Type"), "image/x-icon");
}

TEST_F(WebAppTest, ClientRoutesGetTheIndexAndMissingFilesA404) {
  for (const char* route :
       {"/desk/tickets/42", "/desk/dispatch?state=x", "/desk/tickets/", "/desk/assets", "/desk/%E5%B7%A5%E5%8D%95"}) {
    auto page = get(route);
    EXPECT_EQ(page.status, 200) << route;
    EXPECT_EQ(page.body, FakeWebApp::kIndex) << route;
    EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8") << route;
    EXPECT_EQ(page.header("Cache-Control"), "no-cache") << route;
  }
  for (const char* missing : {"/desk/missing.js", "/desk/assets/app-0000.css", "/desk/tickets/42.json"}) {
    auto result = get(missing);
    EXPECT_EQ(result.status, 404) << missing;
    EXPECT_EQ(result.header("Content-Type"), "text/plain; charset=utf-8") << missing;
    EXPECT_EQ(result.header("Cache-Control"), "no-store") << missing;
  }
}

TEST_F(WebAppTest, TraversalAndEncodingTricksNeverReachAFile) {
  const char* tricks[] = {
      "/desk/../outside/secret.txt",  // dot-dot
      "/desk/assets/../../outside/secret.txt",
      "/desk/%2e%2e/outside/secret.txt",  // encoded dot-dot
      "/desk/%2E%2E/%2e%2e/outside/secret.txt",
      "/desk/.%2e/outside/secret.txt",
      "/desk/./index.html",  // dot
      "/desk/%2e/index.html",
      "/desk/assets//app-1a2b.js",  // empty segment in the middle
      "/desk//index.html",
      "/desk/assets%2fapp-1a2b.js",  // encoded slash
      "/desk/..%2foutside%2fsecret.txt",
      "/desk/assets%5capp-1a2b.js",  // encoded backslash
      "/desk/..%5coutside%5csecret.txt",
      "/desk/link-out.txt",           // symlink leading outside
      "/desk/linkdir/secret.txt",     // symlinked folder
      "/desk/.env",                   // hidden file
      "/desk/assets/app-1a2b.js.gz",  // precompressed forms are not resources
      "/desk/assets/app-1a2b.js.br",
  };
  for (const char* target : tricks) {
    auto result = get(target);
    EXPECT_EQ(result.status, 404) << target;
    EXPECT_EQ(result.header("Content-Type"), "text/plain; charset=utf-8") << target;
    EXPECT_EQ(result.body.find(FakeWebApp::kSecret), std::string::npos) << target;
    EXPECT_EQ(result.body.find("desk"), std::string::npos) << target << ": " << result.body;
  }
  // A NUL is refused by the request decoder before any route: 400, never a file.
  for (const char* target : {"/desk/index.html%00", "/desk/%00/index.html"}) {
    auto result = get(target);
    EXPECT_EQ(result.status, 400) << target;
    EXPECT_EQ(result.body.find(FakeWebApp::kIndex), std::string::npos) << target;
  }
  // A raw backslash is not a path character: the target is refused or the segment is.
  auto backslash = get("/desk/assets\\app-1a2b.js");
  EXPECT_TRUE(backslash.status == 400 || backslash.status == 404) << backslash.status;
  EXPECT_EQ(backslash.body.find(FakeWebApp::kScript), std::string::npos);
  // A .gz without a base file is a plain file (sent as bytes); a link inside the folder is served.
  auto lone = get("/desk/lone.txt.gz");
  EXPECT_EQ(lone.status, 200);
  EXPECT_EQ(lone.header("Content-Type"), "application/octet-stream");
  EXPECT_TRUE(lone.header("Content-Encoding").empty());
  EXPECT_EQ(get("/desk/link-in.js").body, FakeWebApp::kScript);
}

TEST_F(WebAppTest, SendsThePrecompressedFormTheClientAccepts) {
  struct Case {
    const char* accept;
    const char* encoding;  // "" for identity
    const char* body;
  };
  const Case cases[] = {
      {"gzip, deflate, br", "br", FakeWebApp::kScriptBrotli},
      {"br", "br", FakeWebApp::kScriptBrotli},
      {"gzip", "gzip", FakeWebApp::kScriptGzip},
      {"br;q=0, gzip", "gzip", FakeWebApp::kScriptGzip},
      {"br; q=0.0 ,gzip;q=0.8", "gzip", FakeWebApp::kScriptGzip},
      {"gzip;q=1, br;q=0.5", "gzip", FakeWebApp::kScriptGzip},
      {"gzip;q=0.5, br;q=0.9", "br", FakeWebApp::kScriptBrotli},
      {"gzip;level=9;q=0, br;q=0", "", FakeWebApp::kScript},
      {"*", "br", FakeWebApp::kScriptBrotli},
      {"*;q=0", "", FakeWebApp::kScript},
      {"*, br;q=0", "gzip", FakeWebApp::kScriptGzip},
      {"BR", "br", FakeWebApp::kScriptBrotli},
      {"identity", "", FakeWebApp::kScript},
      {"deflate", "", FakeWebApp::kScript},
      {"br;q=abc", "", FakeWebApp::kScript},
      {"", "", FakeWebApp::kScript},
  };
  for (const auto& c : cases) {
    Headers headers;
    if (*c.accept != '\0') headers.emplace_back("Accept-Encoding", c.accept);
    auto result = get("/desk/assets/app-1a2b.js", headers);
    EXPECT_EQ(result.status, 200) << c.accept;
    EXPECT_EQ(result.header("Content-Encoding"), c.encoding) << c.accept;
    EXPECT_EQ(result.body, c.body) << c.accept;
    EXPECT_EQ(result.header("Content-Type"), "text/javascript; charset=utf-8") << c.accept;
    EXPECT_EQ(result.header("Vary"), "Accept-Encoding") << c.accept;
  }
  // Only a gzip form: br is not invented.
  auto style = get("/desk/assets/app-1a2b.css", {{"Accept-Encoding", "br"}});
  EXPECT_TRUE(style.header("Content-Encoding").empty());
  EXPECT_EQ(style.header("Vary"), "Accept-Encoding");
  EXPECT_EQ(get("/desk/assets/app-1a2b.css", {{"Accept-Encoding", "br, gzip"}}).header("Content-Encoding"), "gzip");
  // No compressed form: no Vary.
  auto robots = get("/desk/robots.txt", {{"Accept-Encoding", "br, gzip"}});
  EXPECT_TRUE(robots.header("Content-Encoding").empty());
  EXPECT_TRUE(robots.header("Vary").empty());
}

TEST_F(WebAppTest, MatchingIfNoneMatchGets304) {
  auto first = get("/desk/assets/app-1a2b.js");
  const std::string etag = first.header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');
  EXPECT_EQ(etag.back(), '"');
  for (const std::string& condition : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    auto again = get("/desk/assets/app-1a2b.js", {{"If-None-Match", condition}});
    EXPECT_EQ(again.status, 304) << condition;
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("ETag"), etag);
    EXPECT_EQ(again.header("Cache-Control"), kImmutable);
    EXPECT_EQ(again.header("Vary"), "Accept-Encoding");
  }
  EXPECT_EQ(get("/desk/assets/app-1a2b.js", {{"If-None-Match", "\"other\""}}).status, 200);
  // Each encoding has its own ETag: the identity one does not validate the gzip form.
  auto gzip = get("/desk/assets/app-1a2b.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_NE(gzip.header("ETag"), etag);
  EXPECT_EQ(get("/desk/assets/app-1a2b.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}}).status, 200);
  EXPECT_EQ(
      get("/desk/assets/app-1a2b.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip.header("ETag")}}).status,
      304);
  // The history fallback revalidates like index.html itself.
  const std::string index_etag = get("/desk/").header("ETag");
  auto route = get("/desk/tickets/42", {{"If-None-Match", index_etag}});
  EXPECT_EQ(route.status, 304);
  EXPECT_EQ(route.header("Cache-Control"), "no-cache");
}

TEST_F(WebAppTest, HeadSendsTheHeadersWithoutTheBody) {
  for (const char* target : {"/desk/", "/desk/assets/app-1a2b.js", "/desk/tickets/42"}) {
    auto got = get(target, {{"Accept-Encoding", "gzip"}});
    auto head = client_->request("HEAD", target, {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(head.status, 200) << target;
    EXPECT_TRUE(head.body.empty()) << target;
    for (const char* name : {"Content-Type", "Content-Length", "Cache-Control", "ETag", "Content-Encoding", "Vary"})
      EXPECT_EQ(head.header(name), got.header(name)) << target << " " << name;
  }
  EXPECT_EQ(client_->request("HEAD", "/desk").status, 301);
}

TEST_F(WebAppTest, OtherMethodsAre405) {
  for (const char* method : {"POST", "PUT", "DELETE"}) {
    auto result = client_->request(method, "/desk/", std::string_view("{}"));
    EXPECT_EQ(result.status, 405) << method;
    EXPECT_EQ(result.header("Allow"), "GET, HEAD");
  }
}

TEST_F(WebAppTest, SecurityHeadersOnEveryResponse) {
  auto health = get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(health.header("Cache-Control"), "no-store");
  expect_security_headers(health, "/healthz");
  auto unauthenticated = get("/api/v1/me");
  EXPECT_EQ(unauthenticated.status, 401);
  EXPECT_EQ(unauthenticated.header("Content-Type"), "application/json; charset=utf-8");
  expect_security_headers(unauthenticated, "401");
  auto no_route = get("/api/v1/nothing");
  EXPECT_EQ(no_route.status, 404);
  EXPECT_EQ(no_route.header("Content-Type"), "application/json; charset=utf-8");
  expect_security_headers(no_route, "API 404");
  auto metrics = get("/metrics");
  EXPECT_EQ(metrics.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(metrics.header("Cache-Control"), "no-store");
  expect_security_headers(metrics, "/metrics");
  expect_security_headers(get("/desk/"), "index");
  expect_security_headers(get("/desk/assets/app-1a2b.js"), "asset");
  expect_security_headers(get("/desk/missing.js"), "static 404");
  expect_security_headers(get("/"), "redirect");
  expect_security_headers(get("/desk/", {{"If-None-Match", "*"}}), "304");
  expect_security_headers(get("/desk/%00"), "bad target");
  // A refusal written before any routing (the body is over the limit).
  auto refused = client_->send_raw("POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
  EXPECT_EQ(refused.status, 413);
  expect_security_headers(refused, "413");
  // The WebSocket handshake of the event stream is a response too.
  auto upgraded = client_->send_raw(
      "GET /api/v1/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  EXPECT_EQ(upgraded.status, 101) << upgraded.body;
  expect_security_headers(upgraded, "101");
}

TEST_F(WebAppTest, WithoutABuiltAppDeskSaysSoAndTheApiStillWorks) {
  start(std::make_shared<const StaticSite>(StaticSite::load(web_.root() + "-missing")));
  for (const char* target : {"/desk/", "/desk/tickets/42", "/desk/assets/app-1a2b.js"}) {
    auto result = get(target);
    EXPECT_EQ(result.status, 404) << target;
    EXPECT_EQ(result.header("Content-Type"), "text/plain; charset=utf-8");
    EXPECT_NE(result.body.find("not built"), std::string::npos) << result.body;
    EXPECT_NE(result.body.find("make web"), std::string::npos) << result.body;
    expect_security_headers(result, target);
  }
  EXPECT_EQ(get("/healthz").status, 200);
  start(nullptr);
  EXPECT_NE(get("/desk/").body.find("not built"), std::string::npos);
}

}  // namespace
}  // namespace hotline::net
