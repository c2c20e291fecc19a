#pragma once
// One HTTP/1.1 connection: the keep-alive loop of STYLE.md §3. Reads a request (timeout, body
// limit), routes and handles it on the blocking pool, writes the response, repeats.
// Internal to net: includes Asio/Beast, so only server.cpp and http_session.cpp include it.

#include <chrono>
#include <cstddef>
#include <atomic>
#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "net/client_address.hpp"
#include "net/ws/websocket_session.hpp"

namespace hotline::net {

class Router;

// What every session needs; `router` and the pool outlive all sessions (Server joins the io
// threads, where sessions run, before it destroys either).
struct SessionContext {
  const Router* router = nullptr;
  boost::asio::thread_pool::executor_type blocking;
  std::size_t max_body_bytes = 0;
  std::size_t max_attachment_bytes = 0;  // the body limit of POST /api/v1/tickets/{id}/attachments
  std::chrono::seconds read_timeout{30};
  ws::WebSocketContext ws;  // GET /api/v1/events upgrades
  const TrustedProxies* trusted_proxies = nullptr;  // whose X-Forwarded-For names the client
};

// The connection and the stop flag the server's drain sets. Shared by the session coroutine and
// the server's registry (weakly); every member but the atomic stop flag is touched only on the
// stream's strand.
class HttpSession {
 public:
  explicit HttpSession(boost::beast::tcp_stream stream)
      : stream_(std::move(stream)), executor_(stream_.get_executor()) {}

  // Valid until `upgrade` hands the stream to a WebSocket session.
  boost::beast::tcp_stream& stream() { return stream_; }
  // The session's strand; stays valid after an upgrade.
  const boost::asio::any_io_executor& executor() const { return executor_; }
  // The stream, moved out for the WebSocket session that `set_upgraded` names.
  boost::beast::tcp_stream release_stream() { return std::move(stream_); }
  void set_upgraded(std::weak_ptr<ws::WebSocketSession> websocket) { upgraded_ = std::move(websocket); }
  // Graceful stop: an idle connection (waiting for a request) is cancelled now; a busy one
  // finishes its current response with "Connection: close"; an upgraded one closes its WebSocket.
  void request_stop();
  bool stop_requested() const { return stop_requested_; }
  // Any thread: from now on responses carry "Connection: close". Set before the listener closes,
  // so that no response written after the server stopped accepting can keep its connection.
  void mark_stop_requested() { stop_requested_ = true; }
  void set_reading(bool reading) { reading_ = reading; }

 private:
  boost::beast::tcp_stream stream_;
  boost::asio::any_io_executor executor_;
  std::weak_ptr<ws::WebSocketSession> upgraded_;
  bool reading_ = false;
  std::atomic<bool> stop_requested_{false};
};

// Serves `session` until the peer closes, a timeout, a protocol error or a stop request. Expected
// network conditions end it quietly; anything else is thrown to the spawner's handler.
boost::asio::awaitable<void> run_http_session(std::shared_ptr<HttpSession> session, SessionContext context);

}  // namespace hotline::net
