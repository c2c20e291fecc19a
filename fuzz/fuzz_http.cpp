// libFuzzer target: the HTTP request path. The input is the bytes a client sends; Beast's request
// parser reads them as the server's session does (same body limit), the request is built by
// net::make_request and answered by the Router over in-memory services (src/net/test_services).
// Any Authorization header is replaced by a valid admin token so the fuzzer reaches the handlers
// behind sign-in; without one, the signed-in routes answer 401. Every answer must be a status
// 200..599 whose body is JSON when its type says so; only the web app's paths (`/`, `/desk/...`,
// over a tiny fake build) and /metrics answer other types (and attachment downloads, which the
// admin token never reaches: admins read no tickets). A handler exception is a finding
// (the session would answer 500).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <unistd.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/request.hpp"
#include "net/router.hpp"
#include "net/static_site.hpp"
#include "net/test_services.hpp"

namespace {

namespace http = boost::beast::http;

// A small built web app (index, an asset with both precompressed forms), so the fuzzer reaches
// the static paths' routing, Accept-Encoding and If-None-Match parsing. Written once per process.
const hotline::net::StaticSite& web_app() {
  static const hotline::net::StaticSite site = [] {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / ("hotline-fuzz-web-" + std::to_string(::getpid()));
    fs::create_directories(root / "assets");
    for (const char* name : {"index.html", "assets/app.js", "assets/app.js.br", "assets/app.js.gz"})
      std::ofstream(root / name) << name;
    auto loaded = hotline::net::StaticSite::load(root.string());
    fs::remove_all(root);
    return loaded;
  }();
  return site;
}

struct World {
  hotline::net::TestServices services;
  hotline::net::Router router{services.services(), &web_app()};
  std::string admin_token;
  World() {
    auto login = services.auth.login("admin1", hotline::net::kTestPassword, "");
    if (!login) __builtin_trap();
    admin_token = "Bearer " + login->token;
  }
};

// Rebuilt now and then so what the fuzzer creates (tickets, users) does not pile up.
std::unique_ptr<World> world;
std::size_t runs = 0;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!world || ++runs % 5000 == 0) world = std::make_unique<World>();
  http::request_parser<http::string_body> parser;
  parser.body_limit(64 * 1024);
  parser.header_limit(8 * 1024);
  boost::system::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec == http::error::need_more) break;
    if (ec) return 0;  // the session answers 400 and closes
    if (n == 0) break;
    used += n;
  }
  if (!parser.is_done()) {
    // The session's async_read ends an empty read itself; Beast asserts got_some() in put_eof.
    if (!parser.got_some()) return 0;
    parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;
  }
  auto& message = parser.get();
  std::string authorization;
  if (message.find(http::field::authorization) != message.end()) authorization = world->admin_token;
  auto request = hotline::net::make_request(std::string(message.method_string()), message.target(), authorization,
                                            message.body());
  if (!request) return 0;  // answered 400 by the session
  request->accept_encoding = std::string(message[http::field::accept_encoding]);
  request->if_none_match = std::string(message[http::field::if_none_match]);
  auto response = world->router.handle(*request);
  if (response.status < 200 || response.status > 599) __builtin_trap();
  const bool json = response.content_type.rfind("application/json", 0) == 0;
  if (json && (response.body.empty() || (response.body.front() != '{' && response.body.front() != '[')))
    __builtin_trap();
  if (!json && !hotline::net::is_static_path(*request) && response.content_type.rfind("text/plain", 0) != 0)
    __builtin_trap();
  return 0;
}
