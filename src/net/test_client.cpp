#include "net/test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

namespace hotline::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

HttpResult failure(std::string_view step, const boost::system::error_code& ec) {
  HttpResult result;
  result.body = std::string(step) + ": " + ec.message();
  return result;
}

ResponseCheck& response_check() {
  static ResponseCheck check;
  return check;
}

}  // namespace

void TestClient::set_response_check(ResponseCheck check) { response_check() = std::move(check); }

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

std::string HttpResult::error_field() const {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object() || !value.as_object().contains("error") || !value.at("error").is_object())
    return "(no error)";
  const auto& error = value.at("error").as_object();
  return error.contains("field") && error.at("field").is_string() ? std::string(error.at("field").as_string())
                                                                   : std::string{};
}

class TestClient::Impl {
 public:
  Impl(unsigned short port, std::string host, std::chrono::seconds timeout)
      : endpoint_(asio::ip::make_address(host), port), host_(std::move(host)), timeout_(timeout) {}

  std::string token;

  bool connect(boost::system::error_code& ec) {
    if (open_) return true;
    stream_ = std::make_unique<beast::tcp_stream>(io_);
    buffer_.clear();
    stream_->expires_after(timeout_);
    stream_->async_connect(endpoint_, [&](boost::system::error_code e) { ec = e; });
    run();
    open_ = !ec;
    return open_;
  }

  HttpResult request(std::string_view method, std::string_view target, std::string_view body,
                     const std::vector<std::pair<std::string, std::string>>& headers) {
    boost::system::error_code ec;
    if (!connect(ec)) return failure("connect", ec);
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    if (req.method() == http::verb::unknown) req.method_string(method);
    req.set(http::field::host, host_);
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = std::string(body);
    req.keep_alive(true);
    req.prepare_payload();
    stream_->expires_after(timeout_);
    http::async_write(*stream_, req, [&](boost::system::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) {
      // The server may refuse early (413) and close; its answer can still be waiting.
      auto answer = read_response(req.method() == http::verb::head);
      if (answer.status != 0) return answer;
      close();
      return failure("write", ec);
    }
    return read_response(req.method() == http::verb::head);
  }

  HttpResult send_raw(std::string_view bytes) {
    close();
    boost::system::error_code ec;
    if (!connect(ec)) return failure("connect", ec);
    stream_->expires_after(timeout_);
    asio::async_write(*stream_, asio::buffer(bytes), [&](boost::system::error_code e, std::size_t) { ec = e; });
    run();
    auto answer = read_response();
    close();
    if (answer.status == 0 && ec) return failure("write", ec);
    return answer;
  }

  void close() {
    if (stream_) {
      boost::system::error_code ignored;
      stream_->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      stream_->close();
    }
    open_ = false;
  }

 private:
  void run() {
    io_.restart();
    io_.run();
  }

  // `head`: the answer to a HEAD request, whose Content-Length announces no body.
  HttpResult read_response(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(head);
    boost::system::error_code ec;
    stream_->expires_after(timeout_);
    http::async_read(*stream_, buffer_, parser, [&](boost::system::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) {
      close();
      return failure("read", ec);
    }
    auto& message = parser.get();
    HttpResult result;
    result.status = static_cast<int>(message.result_int());
    result.body = std::move(message.body());
    for (const auto& field : message) result.headers.emplace_back(field.name_string(), field.value());
    result.keep_alive = message.keep_alive();
    if (!result.keep_alive) close();
    return result;
  }

  asio::io_context io_;
  asio::ip::tcp::endpoint endpoint_;
  std::string host_;
  std::chrono::seconds timeout_;
  std::unique_ptr<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  bool open_ = false;
};

TestClient::TestClient(unsigned short port, std::string host, std::chrono::seconds timeout)
    : impl_(std::make_unique<Impl>(port, std::move(host), timeout)) {}
TestClient::~TestClient() {
  impl_->close();
}
void TestClient::set_token(std::string token) {
  impl_->token = std::move(token);
}
HttpResult TestClient::request(std::string_view method, std::string_view target, std::string_view body) {
  return request(method, target, {}, body);
}
HttpResult TestClient::request(std::string_view method, std::string_view target,
                               const std::vector<std::pair<std::string, std::string>>& headers, std::string_view body) {
  auto result = impl_->request(method, target, body, headers);
  if (result.status != 0 && response_check()) response_check()(method, target, result);
  return result;
}
bool TestClient::connect() {
  boost::system::error_code ec;
  return impl_->connect(ec);
}
HttpResult TestClient::send_raw(std::string_view bytes) {
  return impl_->send_raw(bytes);
}

}  // namespace hotline::net
