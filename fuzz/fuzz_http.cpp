// libFuzzer target: the HTTP request path. The input is the bytes a client sends; Beast's request
// parser reads them as the server's session does (same body limit), the request is built by
// net::make_request and answered by the Router over in-memory services (src/net/test_services).
// Any Authorization header is replaced by a valid admin token so the fuzzer reaches the handlers
// behind sign-in; without one, the signed-in routes answer 401. Every answer must be a status
// 200..599 with a JSON body; a handler exception is a finding (the session would answer 500).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/request.hpp"
#include "net/router.hpp"
#include "net/test_services.hpp"

namespace {

namespace http = boost::beast::http;

struct World {
  hotline::net::TestServices services;
  hotline::net::Router router{services.services()};
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
  auto response = world->router.handle(*request);
  if (response.status < 200 || response.status > 599) __builtin_trap();
  if (response.body.empty() || (response.body.front() != '{' && response.body.front() != '[')) __builtin_trap();
  return 0;
}
