#include "ws_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace hotline::tests {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class WsClient::Impl {
 public:
  explicit Impl(unsigned short port) : port_(port), ws_(ioc_) {}

  // Runs the io_context until the started operation completes; the stream's expiry bounds it.
  void run() {
    ioc_.restart();
    ioc_.run();
  }

  unsigned short port_;
  asio::io_context ioc_;
  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
};

WsClient::WsClient(unsigned short port) : impl_(std::make_unique<Impl>(port)) {}
WsClient::~WsClient() = default;

bool WsClient::connect(const std::string& target, const std::string& bearer, int receive_buffer) {
  auto& stream = beast::get_lowest_layer(impl_->ws_);
  boost::system::error_code ec;
  stream.socket().open(tcp::v4(), ec);
  if (!ec && receive_buffer > 0) stream.socket().set_option(asio::socket_base::receive_buffer_size(receive_buffer), ec);
  if (ec) {
    error_ = ec.message();
    return false;
  }
  stream.expires_after(std::chrono::seconds{10});
  stream.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), impl_->port_),
                       [&](boost::system::error_code e) { ec = e; });
  impl_->run();
  if (ec) {
    error_ = "connect: " + ec.message();
    return false;
  }
  impl_->ws_.set_option(websocket::stream_base::decorator([bearer](websocket::request_type& request) {
    if (!bearer.empty()) request.set(beast::http::field::authorization, "Bearer " + bearer);
  }));
  stream.expires_after(std::chrono::seconds{10});
  impl_->ws_.async_handshake("127.0.0.1", target, [&](boost::system::error_code e) { ec = e; });
  impl_->run();
  if (ec) {
    error_ = "handshake: " + ec.message();
    return false;
  }
  return true;
}

bool WsClient::send(const std::string& text) {
  boost::system::error_code ec;
  beast::get_lowest_layer(impl_->ws_).expires_after(std::chrono::seconds{10});
  impl_->ws_.text(true);
  impl_->ws_.async_write(asio::buffer(text), [&](boost::system::error_code e, std::size_t) { ec = e; });
  impl_->run();
  if (ec) error_ = "write: " + ec.message();
  return !ec;
}

namespace {

std::function<void(const std::string&)>& frame_check() {
  static std::function<void(const std::string&)> check;
  return check;
}

}  // namespace

std::optional<std::string> WsClient::read(std::chrono::milliseconds timeout) {
  if (closed_) return std::nullopt;
  boost::system::error_code ec;
  impl_->buffer_.clear();
  beast::get_lowest_layer(impl_->ws_).expires_after(timeout);
  impl_->ws_.async_read(impl_->buffer_, [&](boost::system::error_code e, std::size_t) { ec = e; });
  impl_->run();
  if (ec == websocket::error::closed) {
    closed_ = true;
    close_code_ = impl_->ws_.reason().code;
    close_reason_ = std::string(impl_->ws_.reason().reason.c_str());
    return std::nullopt;
  }
  if (ec) {
    closed_ = true;
    error_ = "read: " + ec.message();
    return std::nullopt;
  }
  auto text = beast::buffers_to_string(impl_->buffer_.data());
  if (frame_check()) frame_check()(text);
  return text;
}

void WsClient::set_frame_check(std::function<void(const std::string&)> check) { frame_check() = std::move(check); }

std::optional<std::string> WsClient::read_type(const std::string& type, std::chrono::milliseconds timeout) {
  for (;;) {
    auto message = read(timeout);
    if (!message) return std::nullopt;
    auto parsed = boost::json::parse(*message);
    if (parsed.as_object().at("type").as_string() == type) return message;
  }
}

void WsClient::close() {
  if (closed_) return;
  boost::system::error_code ec;
  beast::get_lowest_layer(impl_->ws_).expires_after(std::chrono::seconds{5});
  impl_->ws_.async_close(websocket::close_code::normal, [&](boost::system::error_code e) { ec = e; });
  impl_->run();
  closed_ = true;
}

}  // namespace hotline::tests
