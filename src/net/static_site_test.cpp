#include "net/static_site.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "net/router.hpp"
#include "net/static_site_test_support.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

std::string header_of(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

Request get(std::string_view target) {
  auto request = make_request("GET", target, {}, {});
  EXPECT_TRUE(request) << target;
  return request ? *request : Request{};
}

TEST(StaticSite, LoadsNestedFilesWithTheirTypes) {
  FakeWebApp web("nested");
  const auto site = StaticSite::load(web.root());
  EXPECT_TRUE(site.available());
  ASSERT_NE(site.find("assets/deep/nested/font.woff2"), nullptr);
  EXPECT_EQ(site.find("assets/deep/nested/font.woff2")->identity.bytes, "wOF2");
  EXPECT_EQ(site.find("assets/deep/nested/font.woff2")->content_type, "font/woff2");
  ASSERT_NE(site.find("index.html"), nullptr);
  EXPECT_EQ(site.find("index.html")->identity.bytes, FakeWebApp::kIndex);
  EXPECT_EQ(site.find("index.html")->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(site.find("favicon.ico")->identity.bytes.size(), 4u);
  EXPECT_EQ(site.find("assets"), nullptr) << "a folder is not a file";
}

TEST(StaticSite, AttachesPrecompressedSiblingsInsteadOfServingThem) {
  FakeWebApp web("siblings");
  const auto site = StaticSite::load(web.root());
  const StaticFile* script = site.find("assets/app-1a2b.js");
  ASSERT_NE(script, nullptr);
  ASSERT_TRUE(script->brotli);
  ASSERT_TRUE(script->gzip);
  EXPECT_EQ(script->brotli->bytes, FakeWebApp::kScriptBrotli);
  EXPECT_EQ(script->gzip->bytes, FakeWebApp::kScriptGzip);
  EXPECT_NE(script->identity.etag, script->brotli->etag);
  EXPECT_NE(script->identity.etag, script->gzip->etag);
  EXPECT_NE(script->brotli->etag, script->gzip->etag);
  const StaticFile* style = site.find("assets/app-1a2b.css");
  ASSERT_NE(style, nullptr);
  EXPECT_FALSE(style->brotli);
  EXPECT_TRUE(style->gzip);
  EXPECT_EQ(site.find("assets/app-1a2b.js.br"), nullptr);
  EXPECT_EQ(site.find("assets/app-1a2b.js.gz"), nullptr);
  // A .gz with no base file is a file of its own, sent as bytes.
  ASSERT_NE(site.find("lone.txt.gz"), nullptr);
  EXPECT_EQ(site.find("lone.txt.gz")->content_type, "application/octet-stream");
}

TEST(StaticSite, RefusesSymlinksLeadingOutsideAndHiddenNames) {
  FakeWebApp web("links");
  const auto site = StaticSite::load(web.root());
  for (const char* name : {"link-out.txt", "linkdir/secret.txt", ".env"}) EXPECT_EQ(site.find(name), nullptr) << name;
  // A link to a file inside the folder is that file under the link's name.
  ASSERT_NE(site.find("link-in.js"), nullptr);
  EXPECT_EQ(site.find("link-in.js")->identity.bytes, FakeWebApp::kScript);
}

TEST(StaticSite, RootWithATrailingSlashNamesTheSameFiles) {
  FakeWebApp web("slash");
  const auto site = StaticSite::load(web.root() + "/");
  EXPECT_TRUE(site.available());
  EXPECT_NE(site.find("assets/app-1a2b.js"), nullptr);
  EXPECT_EQ(site.file_count(), StaticSite::load(web.root()).file_count());
}

TEST(StaticSite, ReadsOnceAtLoad) {
  FakeWebApp web("once");
  const auto site = StaticSite::load(web.root());
  web.write("later.js", "added after start");
  web.write("index.html", "changed after start");
  EXPECT_EQ(site.find("later.js"), nullptr);
  EXPECT_EQ(site.find("index.html")->identity.bytes, FakeWebApp::kIndex);
}

TEST(StaticSite, MissingFolderIsAnEmptySiteAndAFileIsAnError) {
  const auto missing = StaticSite::load("/nonexistent/hotline/web/dist");
  EXPECT_FALSE(missing.available());
  EXPECT_EQ(missing.file_count(), 0u);
  FakeWebApp web("notafolder");
  EXPECT_THROW(StaticSite::load(web.root() + "/index.html"), std::runtime_error);
}

TEST(StaticSite, FolderWithoutIndexIsNotAvailable) {
  FakeWebApp web("noindex");
  std::filesystem::remove(web.root() + "/index.html");
  const auto site = StaticSite::load(web.root());
  EXPECT_FALSE(site.available());
  auto response = respond_static(&site, get("/desk/"));
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("not built"), std::string::npos) << response.body;
}

TEST(StaticContentType, KnowsTheWebAppsTypes) {
  const std::pair<const char*, const char*> cases[] = {
      {"a.html", "text/html; charset=utf-8"},
      {"a.js", "text/javascript; charset=utf-8"},
      {"a.mjs", "text/javascript; charset=utf-8"},
      {"a.css", "text/css; charset=utf-8"},
      {"a.json", "application/json; charset=utf-8"},
      {"a.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"a.jpg", "image/jpeg"},
      {"A.JPG", "image/jpeg"},
      {"a.webp", "image/webp"},
      {"a.ico", "image/x-icon"},
      {"a.woff", "font/woff"},
      {"a.woff2", "font/woff2"},
      {"a.ttf", "font/ttf"},
      {"a.js.map", "application/json; charset=utf-8"},
      {"a.txt", "text/plain; charset=utf-8"},
      {"a.wasm", "application/wasm"},
      {"a.exe", "application/octet-stream"},
      {"README", "application/octet-stream"},
  };
  for (const auto& [name, type] : cases) EXPECT_EQ(content_type_for(name), type) << name;
}

// Segments the HTTP decoder already refuses (NUL) are refused here too, for any other caller.
TEST(StaticRouting, RefusesHandMadeSegmentsWithNulSlashOrBackslash) {
  FakeWebApp web("handmade");
  const auto site = StaticSite::load(web.root());
  for (std::string bad : {std::string("index.html\0", 11), std::string("assets/app-1a2b.js"),
                          std::string("assets\\app-1a2b.js"), std::string(".."), std::string(".")}) {
    Request request;
    request.method = "GET";
    request.segments = {"desk", bad};
    auto response = respond_static(&site, request);
    EXPECT_EQ(response.status, 404) << bad;
    EXPECT_EQ(response.content_type, "text/plain; charset=utf-8");
  }
}

TEST(StaticRouting, WithoutASiteDeskSaysNotBuilt) {
  for (const char* target : {"/", "/track", "/desk/", "/desk/tickets/42", "/desk/assets/app.js"}) {
    auto response = respond_static(nullptr, get(target));
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_NE(response.body.find("make web"), std::string::npos) << response.body;
  }
}

TEST(StaticRouting, RouterSendsEverythingButTheApiToTheSite) {
  FakeWebApp web("router");
  const auto site = StaticSite::load(web.root());
  TestServices world;
  Router router(world.services(), &site);
  EXPECT_EQ(router.handle(get("/desk/")).body, FakeWebApp::kIndex);
  EXPECT_EQ(router.handle(get("/")).body, FakeWebApp::kPortal);
  EXPECT_EQ(router.handle(get("/track")).body, FakeWebApp::kPortal);
  auto api = router.handle(get("/api/v1/nothing"));
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(router.handle(get("/index.html")).status, 404) << "files live under /desk/ only";
  EXPECT_EQ(router.handle(get("/metrics")).content_type.find("text/html"), std::string::npos);
  EXPECT_EQ(router.handle(get("/healthz")).status, 200);
  EXPECT_EQ(header_of(router.handle(get("/desk/assets/app-1a2b.js")), "ETag"),
            site.find("assets/app-1a2b.js")->identity.etag);
}

}  // namespace
}  // namespace hotline::net
