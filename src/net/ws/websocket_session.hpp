#pragma once
// One subscriber of the live event stream, GET /api/v1/events upgraded to a WebSocket (STYLE.md
// §3: the upgrade is a branch in `http_session`'s loop, which then runs this session to its end).
// Authenticates (bearer header on the upgrade, or a first {"type":"auth"} message within
// `auth_timeout`), attaches to the `EventHub`, replays from storage what the client missed since
// its `last_event_id`, then streams live events. Outbound frames wait in a queue bounded by count
// and bytes; a client that cannot keep up is closed with 1008 "too slow: N messages queued"
// rather than growing memory. Heartbeats are Beast's keep-alive pings.
// Internal to net: includes Beast, so only http_session.cpp and websocket_session.cpp include it.
//
// Ownership: shared by its coroutines, the hub (weakly) and the http session (weakly, for a
// graceful stop). Thread-safety: `deliver` may be called from any thread and posts to the
// session's strand; everything else runs on that strand.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "core/auth_service.hpp"
#include "core/ticket_service.hpp"
#include "net/ws/event_hub.hpp"
#include "net/ws/websocket_options.hpp"

namespace hotline::net::ws {

// What every WebSocket session needs; all outlive the sessions (see `SessionContext`).
struct WebSocketContext {
  EventHub* hub = nullptr;  // null: no event stream (the route answers 426 to plain GETs only)
  core::AuthService* auth = nullptr;
  core::TicketService* tickets = nullptr;
  boost::asio::thread_pool::executor_type blocking;
  WebSocketOptions options;
};

class WebSocketSession final : public EventSink, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(boost::beast::tcp_stream stream, WebSocketContext context);
  ~WebSocketSession() override;

  // Accepts `upgrade` and serves the stream until either side closes. `bearer` is the token of the
  // upgrade's Authorization header (empty: expect the auth message); `last_event_id` from the query.
  boost::asio::awaitable<void> run(boost::beast::http::request<boost::beast::http::string_body> upgrade,
                                   std::string bearer, std::optional<std::int64_t> last_event_id);

  // EventSink
  void deliver(std::shared_ptr<const EncodedEvent> event) override;

  // Strand: close with 1001 "server shutting down".
  void request_stop();

 private:
  enum class State { authenticating, replaying, live };

  void on_delivered(std::shared_ptr<const EncodedEvent> event);
  void enqueue(std::shared_ptr<const EncodedEvent> event);
  void cut_off_slow();
  void close_soon(boost::beast::websocket::close_code code, std::string reason);
  static boost::asio::awaitable<void> write_loop(std::shared_ptr<WebSocketSession> self);
  static boost::asio::awaitable<void> close_with(std::shared_ptr<WebSocketSession> self,
                                                 boost::beast::websocket::close_reason reason);
  static boost::asio::awaitable<void> auth_deadline(std::shared_ptr<WebSocketSession> self);
  // Checks the token again every `reauth_interval` while live (see WebSocketOptions).
  static boost::asio::awaitable<void> reauth_loop(std::shared_ptr<WebSocketSession> self);
  boost::asio::awaitable<bool> write_text(std::string text);  // false when the socket failed
  // `run` without waiting for a close in flight.
  boost::asio::awaitable<void> serve(boost::beast::http::request<boost::beast::http::string_body> upgrade,
                                     std::string bearer, std::optional<std::int64_t> last_event_id);
  void detach();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::asio::any_io_executor executor_;  // the strand, copied once: read from `deliver` on any thread
  WebSocketContext context_;
  boost::asio::steady_timer timer_;  // the auth deadline, then the close deadline
  core::Actor actor_;
  State state_ = State::authenticating;
  bool accepted_ = false;      // the handshake completed: a close frame may be written
  bool stop_pending_ = false;  // request_stop came before that
  bool closing_ = false;
  bool close_in_flight_ = false;      // close_with has not finished
  boost::asio::steady_timer close_done_;  // cancelled when close_with finishes; `run` waits on it
  boost::asio::steady_timer reauth_timer_;
  std::string token_;  // the session's bearer token, checked again by reauth_loop
  bool writing_ = false;
  std::optional<std::uint64_t> hub_key_;
  std::deque<std::shared_ptr<const EncodedEvent>> queue_;    // live frames waiting for the socket
  std::deque<std::shared_ptr<const EncodedEvent>> pending_;  // live frames that came during the replay
  std::size_t queued_bytes_ = 0;                             // of queue_ and pending_
};

}  // namespace hotline::net::ws
