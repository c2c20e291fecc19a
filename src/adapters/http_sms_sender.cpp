#include "adapters/http_sms_sender.hpp"

#include <optional>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace hotline::adapters {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxAnswerBytes = 64 * 1024;  // gateways answer a few hundred bytes

core::SendOutcome retry(std::string reason) { return core::SendOutcome{core::SendFailure{true, std::move(reason)}}; }

// A network failure: timeouts say so, anything else names the stage and the error.
core::SendOutcome network_failure(const char* stage, const boost::system::error_code& ec) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) return retry("timeout");
  return retry(std::string(stage) + ": " + ec.message());
}

core::SendOutcome classify(const http::response<http::string_body>& answer, const std::string& id_field) {
  const unsigned status = answer.result_int();
  const std::string reason = "HTTP " + std::to_string(status);
  if (status >= 200 && status < 300) return core::SendOutcome{gateway_id_from(answer.body(), id_field)};
  if (status == 429 || status >= 500) return retry(reason);
  std::string detail = answer.body().substr(0, 200);
  return core::SendOutcome{core::SendFailure{false, detail.empty() ? reason : reason + ": " + detail}};
}

asio::awaitable<core::SendOutcome> exchange(SmsRequest request, std::string id_field,
                                            std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  beast::tcp_stream stream(executor);
  // One deadline for the whole exchange; the resolver is covered by the caller's run_for.
  stream.expires_after(timeout);
  auto [resolve_error, endpoints] = co_await resolver.async_resolve(request.host, request.port, kUseTuple);
  if (resolve_error) co_return network_failure("resolve", resolve_error);
  auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, kUseTuple);
  if (connect_error) co_return network_failure("connect", connect_error);
  (void)endpoint;

  http::request<http::string_body> out;
  out.method(http::string_to_verb(request.method));
  out.target(request.target);
  out.version(11);
  out.set(http::field::host, request.port == "80" ? request.host : request.host + ":" + request.port);
  out.set(http::field::user_agent, "hotline-12345");
  out.set(http::field::connection, "close");
  for (const auto& [name, value] : request.headers) out.set(name, value);
  if (out.method() != http::verb::get || !request.body.empty()) {
    out.body() = std::move(request.body);
    out.prepare_payload();
  }
  auto [write_error, written] = co_await http::async_write(stream, out, kUseTuple);
  if (write_error) co_return network_failure("write", write_error);
  (void)written;

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxAnswerBytes);
  auto [read_error, read] = co_await http::async_read(stream, buffer, parser, kUseTuple);
  if (read_error) co_return network_failure("read", read_error);
  (void)read;
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  co_return classify(parser.get(), id_field);
}

}  // namespace

HttpSmsSender::HttpSmsSender(SmsTemplate sms) : template_(std::move(sms)) {}

core::SendOutcome HttpSmsSender::send(const core::OutboundMessage& message) {
  asio::io_context io;
  std::optional<core::SendOutcome> outcome;
  asio::co_spawn(io, exchange(render_sms_request(template_, message), template_.gateway_id_field, template_.timeout),
                 [&outcome](std::exception_ptr error, core::SendOutcome result) {
                   if (error) {
                     try {
                       std::rethrow_exception(error);
                     } catch (const std::exception& e) {
                       outcome = retry(std::string("error: ") + e.what());
                     }
                   } else {
                     outcome = std::move(result);
                   }
                 });
  // The stream's deadline ends connect, write and read; this bound also ends a hanging resolve.
  io.run_for(template_.timeout + std::chrono::milliseconds{500});
  if (!outcome) return retry("timeout");
  return *outcome;
}

}  // namespace hotline::adapters
