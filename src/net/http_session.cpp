#include "net/http_session.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "net/error_response.hpp"
#include "net/router.hpp"
#include "net/security_headers.hpp"

namespace hotline::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// After refusing a body we read (and drop) what the client still sends, so closing does not reset
// the connection before it has read our 413; bounded in bytes and time.
constexpr std::chrono::seconds kLingerTimeout{5};
constexpr std::size_t kLingerBytes = 4 << 20;

// Peer gone, timeout, stop: the normal ends of a connection.
bool is_quiet_end(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message || ec == beast::error::timeout ||
         ec == asio::error::operation_aborted || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::not_connected;
}

bool is_http_parse_error(const boost::system::error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::bad_method).category();
}

http::response<http::string_body> to_beast(Response response, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(response.status), version};
  out.set(http::field::server, "hotline");
  if (!response.content_type.empty()) out.set(http::field::content_type, response.content_type);
  out.set(http::field::cache_control, response.cache_control);
  for (const auto& [name, value] : kSecurityHeaders) out.set(name, value);
  for (auto& [name, value] : response.headers) out.set(name, value);
  out.keep_alive(keep_alive);
  out.body() = std::move(response.body);
  out.prepare_payload();
  return out;
}

// What a failed read of a request answers (413, 431, 400); other errors are thrown.
Response refusal_for(const boost::system::error_code& ec, std::size_t max_body_bytes) {
  if (ec == http::error::body_limit)
    return protocol_error(413, "payload_too_large", "request body exceeds " + std::to_string(max_body_bytes) + " bytes");
  if (ec == http::error::header_limit) return protocol_error(431, "header_too_large", "request header is too large");
  if (is_http_parse_error(ec)) return protocol_error(400, "bad_request", "malformed HTTP request");
  throw boost::system::system_error(ec);
}

// POST /api/v1/tickets/{id}/attachments and POST /api/v1/portal/requests/{id}/photos (the query
// aside): the upload routes, whose body is a file and may exceed the general limit. Known from the
// headers, before the body is read.
bool is_attachment_upload(const http::request<http::string_body>& message) {
  if (message.method() != http::verb::post) return false;
  std::string_view path = message.target();
  path = path.substr(0, path.find('?'));
  auto between = [&](std::string_view prefix, std::string_view suffix) {
    if (path.size() <= prefix.size() + suffix.size() || !path.starts_with(prefix) || !path.ends_with(suffix))
      return false;
    return path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()).find('/') == std::string_view::npos;
  };
  return between("/api/v1/tickets/", "/attachments") || between("/api/v1/portal/requests/", "/photos");
}

bool expects_continue(const http::request<http::string_body>& message) {
  auto expect = message[http::field::expect];
  return message.version() >= 11 && beast::iequals(expect, "100-continue");
}

// Runs on the blocking pool: routing, decoding, the core call and encoding.
asio::awaitable<Response> route_and_handle(const Router* router, Request request) {
  co_return router->handle(request);
}

// Hops to the blocking pool and back to the session's strand with the response. A plain coroutine
// function rather than a capturing lambda: its parameters live in its own frame.
asio::awaitable<Response> handle_on_pool(SessionContext context, Request request) {
  co_return co_await asio::co_spawn(context.blocking, route_and_handle(context.router, std::move(request)),
                                    asio::use_awaitable);
}

// The session boundary of STYLE.md §6: a handler exception abandons this request only.
asio::awaitable<Response> handle_safely(SessionContext context, Request request) {
  std::string method = request.method;
  std::string target = request.target;
  std::string failure;
  try {
    co_return co_await handle_on_pool(context, std::move(request));
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  spdlog::error("{} {} failed: {}", method, target, failure);
  co_return error_response(core::make_error(core::ErrorCode::internal, "internal server error"));
}

// True when the response went out; false when the peer went away meanwhile. The caller owns
// `session` (by shared_ptr) for the whole call.
asio::awaitable<bool> write_response(HttpSession& session, Response response, unsigned version, bool keep_alive,
                                     std::chrono::seconds timeout, bool head = false) {
  auto message = to_beast(std::move(response), version, keep_alive);
  session.stream().expires_after(timeout);
  boost::system::error_code ec;
  if (head) {
    // The headers GET would send, Content-Length included, and no body (RFC 9110 9.3.2).
    http::response<http::empty_body> headers_only{std::move(message.base())};
    auto [write_ec, bytes] = co_await http::async_write(session.stream(), headers_only, kUseTuple);
    ec = write_ec;
  } else {
    auto [write_ec, bytes] = co_await http::async_write(session.stream(), message, kUseTuple);
    ec = write_ec;
  }
  if (ec && !is_quiet_end(ec)) throw boost::system::system_error(ec);
  co_return !ec;
}

// The interim answer to `Expect: 100-continue`, once the headers were accepted.
asio::awaitable<bool> write_continue(HttpSession& session, unsigned version, std::chrono::seconds timeout) {
  http::response<http::empty_body> interim{http::status::continue_, version};
  session.stream().expires_after(timeout);
  auto [ec, bytes] = co_await http::async_write(session.stream(), interim, kUseTuple);
  if (ec && !is_quiet_end(ec)) throw boost::system::system_error(ec);
  co_return !ec;
}

asio::awaitable<void> linger(HttpSession& session) {
  boost::system::error_code ignored;
  session.stream().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  std::array<char, 8192> scratch;
  std::size_t total = 0;
  session.stream().expires_after(kLingerTimeout);
  session.set_reading(true);
  while (total < kLingerBytes && !session.stop_requested()) {
    auto [ec, bytes] = co_await session.stream().async_read_some(asio::buffer(scratch), kUseTuple);
    if (ec) break;
    total += bytes;
  }
  session.set_reading(false);
}

}  // namespace

void HttpSession::request_stop() {
  stop_requested_ = true;
  if (auto websocket = upgraded_.lock()) {
    websocket->request_stop();
    return;
  }
  if (reading_) stream_.cancel();
}

namespace {

bool is_event_stream(const Request& request) {
  return request.method == "GET" && request.segments == std::vector<std::string>{"api", "v1", "events"};
}

// `last_event_id` of the query: not secret, so it may sit in a logged URL (the token may not).
std::optional<std::int64_t> last_event_id_of(const Request& request) {
  auto text = request.query_value("last_event_id");
  if (!text || text->empty()) return std::nullopt;
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (ec != std::errc{} || end != text->data() + text->size() || id < 0) return std::nullopt;
  return id;
}

}  // namespace

asio::awaitable<void> run_http_session(std::shared_ptr<HttpSession> session, SessionContext context) {
  beast::flat_buffer buffer;
  while (!session->stop_requested()) {
    http::request_parser<http::string_body> parser;
    // Beast checks a declared Content-Length against the limit as the headers end, before we know
    // the route: read them under the larger limit, then hold every other route to the general one.
    parser.body_limit(std::max(context.max_body_bytes, context.max_attachment_bytes));
    session->stream().expires_after(context.read_timeout);
    session->set_reading(true);
    // The headers first: a declared body over the limit is refused (413) before it is sent, and
    // `Expect: 100-continue` is answered before the body is read.
    auto [ec, bytes] = co_await http::async_read_header(session->stream(), buffer, parser, kUseTuple);
    session->set_reading(false);
    // The request line is parsed even when a declared length failed: the refusal names the route's limit.
    const bool upload = is_attachment_upload(parser.get());
    const std::size_t body_limit =
        upload ? std::max(context.max_body_bytes, context.max_attachment_bytes) : context.max_body_bytes;
    if (!ec && !upload) {
      auto declared = parser.content_length();
      if (declared && *declared > body_limit) ec = http::error::body_limit;
      else parser.body_limit(body_limit);  // a chunked body counts down from here
    }
    if (!ec && !parser.is_done()) {
      bool go_on = true;
      if (expects_continue(parser.get()))
        go_on = co_await write_continue(*session, parser.get().version(), context.read_timeout);
      if (!go_on) break;
      session->stream().expires_after(context.read_timeout);
      session->set_reading(true);
      auto [body_ec, body_bytes] = co_await http::async_read(session->stream(), buffer, parser, kUseTuple);
      session->set_reading(false);
      ec = body_ec;
    }
    if (ec) {
      if (is_quiet_end(ec)) break;
      Response refusal = refusal_for(ec, body_limit);
      bool written = co_await write_response(*session, std::move(refusal), 11, false, context.read_timeout);
      if (written) co_await linger(*session);
      break;
    }

    auto& message = parser.get();
    unsigned version = message.version();
    const bool head = message.method() == http::verb::head;
    bool keep_alive = message.keep_alive();
    auto authorization = message[http::field::authorization];
    auto request = make_request(std::string(message.method_string()), message.target(), std::string(authorization),
                                std::move(message.body()));
    if (request) {
      request->accept_encoding = std::string(message[http::field::accept_encoding]);
      request->if_none_match = std::string(message[http::field::if_none_match]);
    }
    if (request && context.ws.hub != nullptr && is_event_stream(*request) &&
        boost::beast::websocket::is_upgrade(message)) {
      // The connection becomes the event stream; this coroutine runs it to its end.
      auto websocket = std::make_shared<ws::WebSocketSession>(session->release_stream(), context.ws);
      session->set_upgraded(websocket);
      co_await websocket->run(parser.release(), bearer_token(request->authorization), last_event_id_of(*request));
      co_return;
    }
    // Plain statements around co_await: GCC 12 mishandles temporaries of a co_await inside a
    // conditional expression.
    Response response;
    if (request) {
      boost::system::error_code no_peer;
      auto peer = session->stream().socket().remote_endpoint(no_peer);
      if (!no_peer) {
        request->client_address = peer.address().to_string();
        if (context.trusted_proxies != nullptr && !context.trusted_proxies->empty()) {
          std::string forwarded;  // every X-Forwarded-For header, in order, joined as one list
          auto [first, last] = message.base().equal_range("X-Forwarded-For");
          for (auto field = first; field != last; ++field) {
            if (!forwarded.empty()) forwarded += ',';
            forwarded += field->value();
          }
          request->client_address = context.trusted_proxies->client_address(request->client_address, forwarded);
        }
      }
      response = co_await handle_safely(context, std::move(*request));
    } else {
      response = error_response(request.error());
    }
    keep_alive = keep_alive && !session->stop_requested();
    bool written =
        co_await write_response(*session, std::move(response), version, keep_alive, context.read_timeout, head);
    if (!written || !keep_alive) break;
  }
  boost::system::error_code ignored;
  session->stream().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

}  // namespace hotline::net
