#include "net/ws/websocket_session.hpp"

#include <algorithm>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include "core/visibility.hpp"
#include "net/json/event_json.hpp"
#include "net/json/ticket_json.hpp"
#include "net/security_headers.hpp"

namespace hotline::net::ws {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxCloseReason = 123;  // RFC 6455: a control frame's payload is at most 125 bytes

websocket::close_reason reason_of(websocket::close_code code, std::string text) {
  if (text.size() > kMaxCloseReason) {
    text.resize(kMaxCloseReason);
    // Do not cut a UTF-8 character in half.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    if (!text.empty() && (static_cast<unsigned char>(text.back()) & 0x80) != 0) text.pop_back();
  }
  return websocket::close_reason(code, text);
}

void log_exception(std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("event stream coroutine ended with an exception: {}", e.what());
  } catch (...) {
    spdlog::error("event stream coroutine ended with an unknown exception");
  }
}

// Blocking work, run on the pool: plain coroutine functions, so their parameters live in their frames.
// co_spawn needs a default-constructible result, hence the optional around `Result`.
asio::awaitable<std::optional<core::Result<core::Actor>>> authenticate_on_pool(core::AuthService* auth,
                                                                               std::string token) {
  co_return auth->authenticate(token);
}

struct ReplayFrames {
  std::vector<std::string> frames;
  bool truncated = false;
  std::int64_t scanned_to = 0;
};

asio::awaitable<std::optional<core::Result<ReplayFrames>>> replay_on_pool(core::TicketService* tickets, core::Actor actor,
                                                           std::int64_t after_id, int limit) {
  auto replay = tickets->events_since(actor, after_id, limit);
  if (!replay) co_return core::Result<ReplayFrames>(replay.error());
  ReplayFrames out;
  out.truncated = replay->truncated;
  out.scanned_to = replay->scanned_to;
  const auto now = tickets->now();
  out.frames.reserve(replay->events.size());
  for (const auto& e : replay->events)
    out.frames.push_back(json::encode_event_message(e, now, tickets->allowed_actions(actor, e.ticket)));
  co_return core::Result<ReplayFrames>(std::move(out));
}

}  // namespace

WebSocketSession::WebSocketSession(beast::tcp_stream stream, WebSocketContext context)
    : ws_(std::move(stream)),
      executor_(ws_.get_executor()),
      context_(std::move(context)),
      timer_(executor_),
      close_done_(executor_),
      reauth_timer_(executor_) {}

WebSocketSession::~WebSocketSession() { detach(); }

void WebSocketSession::detach() {
  if (hub_key_ && context_.hub != nullptr) context_.hub->detach(*hub_key_);
  hub_key_.reset();
}

asio::awaitable<void> WebSocketSession::run(http::request<http::string_body> upgrade, std::string bearer,
                                            std::optional<std::int64_t> last_event_id) {
  co_await serve(std::move(upgrade), std::move(bearer), last_event_id);
  // A close this session started (shutdown, slow consumer, auth) finishes before the session ends:
  // the server drains sessions before it stops its threads, and a socket dropped in the middle of
  // the handshake reaches the client as a reset instead of the close frame and its reason.
  if (close_in_flight_) {
    close_done_.expires_at(asio::steady_timer::time_point::max());
    co_await close_done_.async_wait(kUseTuple);
  }
}

asio::awaitable<void> WebSocketSession::serve(http::request<http::string_body> upgrade, std::string bearer,
                                              std::optional<std::int64_t> last_event_id) {
  auto self = shared_from_this();
  const WebSocketOptions& options = context_.options;
  // Beast's websocket timeouts replace the stream's own (which must then be off).
  beast::get_lowest_layer(ws_).expires_never();
  boost::system::error_code ignored;
  auto& socket = beast::get_lowest_layer(ws_).socket();
  socket.set_option(asio::socket_base::send_buffer_size(options.send_buffer_bytes), ignored);
  // Events are small and each should leave at once: no Nagle delay behind an unacknowledged one.
  socket.set_option(asio::ip::tcp::no_delay(true), ignored);
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.idle_timeout = options.idle_timeout;
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
    response.set(http::field::server, "hotline");
    for (const auto& [name, value] : kSecurityHeaders) response.set(name, value);
  }));
  ws_.read_message_max(options.max_message_bytes);
  ws_.auto_fragment(false);  // whole frames, and no per-session fragment buffer
  ws_.text(true);

  auto [accept_error] = co_await ws_.async_accept(upgrade, kUseTuple);
  if (accept_error) co_return;
  accepted_ = true;
  if (stop_pending_) {  // the server stopped while the handshake was being written
    close_soon(websocket::close_code::going_away, "server shutting down");
    co_return;
  }
  upgrade = {};  // its memory is not needed while the stream idles

  std::string token = std::move(bearer);
  if (token.empty()) {
    asio::co_spawn(executor_, auth_deadline(self), log_exception);
    beast::flat_buffer first(options.max_message_bytes);
    auto [read_error, bytes] = co_await ws_.async_read(first, kUseTuple);
    timer_.cancel();
    if (read_error || closing_) co_return;  // gone, too big (Beast closed with 1009), or the deadline passed
    auto message = json::decode_auth_message(beast::buffers_to_string(first.data()));
    if (!message) {
      close_soon(websocket::close_code::policy_error, "expected {\"type\":\"auth\",\"token\":...}: " +
                                                          message.error().message);
      co_return;
    }
    token = std::move(message->token);
    if (message->last_event_id) last_event_id = message->last_event_id;
  }
  auto actor = *co_await asio::co_spawn(context_.blocking, authenticate_on_pool(context_.auth, token),
                                        asio::use_awaitable);
  if (closing_) co_return;
  if (!actor) {
    close_soon(websocket::close_code::policy_error, "authentication failed: " + actor.error().message);
    co_return;
  }
  actor_ = *actor;
  token_ = std::move(token);
  if (!core::can_read_tickets(actor_.role)) {
    close_soon(websocket::close_code::policy_error, "role may not read tickets");
    co_return;
  }
  // Subscribe before reading storage: an event committed meanwhile is either in the replay or
  // waits in `pending_`; the replay's last id tells the two apart.
  auto key = context_.hub->attach(actor_, weak_from_this());
  if (!key) {
    close_soon(websocket::close_code::policy_error, key.error().message);
    co_return;
  }
  hub_key_ = *key;
  state_ = State::replaying;
  std::int64_t replayed_to = 0;
  if (last_event_id) {
    auto replay = *co_await asio::co_spawn(
        context_.blocking, replay_on_pool(context_.tickets, actor_, *last_event_id, options.replay_limit),
        asio::use_awaitable);
    if (closing_) co_return;
    if (!replay) {
      close_soon(websocket::close_code::internal_error, "cannot replay: " + replay.error().message);
      co_return;
    }
    // Plain statements around co_await: GCC 12 mishandles temporaries of a co_await inside a
    // conditional expression.
    for (auto& frame : replay->frames) {
      bool written = co_await write_text(std::move(frame));
      if (!written || closing_) co_return;
    }
    if (replay->truncated) {
      bool written = co_await write_text(json::encode_reset_message(options.replay_limit));
      if (!written || closing_) co_return;
    }
    replayed_to = replay->scanned_to;
  }
  bool ready = co_await write_text(json::encode_ready_message(actor_, last_event_id));
  if (!ready || closing_) co_return;
  state_ = State::live;
  asio::co_spawn(executor_, reauth_loop(self), log_exception);
  auto waiting = std::move(pending_);
  pending_.clear();
  queued_bytes_ = 0;
  for (auto& event : waiting) {
    if (event->id > replayed_to) enqueue(std::move(event));  // the others were in the replay
  }

  // Clients have nothing more to say; reading keeps pings, pongs and the close handshake going.
  beast::flat_buffer buffer(options.max_message_bytes);
  for (;;) {
    auto [read_error, bytes] = co_await ws_.async_read(buffer, kUseTuple);
    if (read_error) break;
    buffer.consume(buffer.size());
  }
  closing_ = true;
  reauth_timer_.cancel();
  detach();
}

asio::awaitable<bool> WebSocketSession::write_text(std::string text) {
  auto [ec, bytes] = co_await ws_.async_write(asio::buffer(text), kUseTuple);
  co_return !ec;
}

void WebSocketSession::deliver(std::shared_ptr<const EncodedEvent> event) {
  asio::post(executor_, [self = shared_from_this(), event = std::move(event)]() mutable {
    self->on_delivered(std::move(event));
  });
}

void WebSocketSession::on_delivered(std::shared_ptr<const EncodedEvent> event) {
  if (closing_) return;
  if (state_ == State::live) {
    enqueue(std::move(event));
    return;
  }
  queued_bytes_ += event->text.size();
  pending_.push_back(std::move(event));
  if (pending_.size() > context_.options.max_queued_messages || queued_bytes_ > context_.options.max_queued_bytes)
    cut_off_slow();
}

void WebSocketSession::enqueue(std::shared_ptr<const EncodedEvent> event) {
  queued_bytes_ += event->text.size();
  queue_.push_back(std::move(event));
  if (queue_.size() > context_.options.max_queued_messages || queued_bytes_ > context_.options.max_queued_bytes) {
    cut_off_slow();
    return;
  }
  if (!writing_) {
    writing_ = true;
    asio::co_spawn(executor_, write_loop(shared_from_this()), log_exception);
  }
}

asio::awaitable<void> WebSocketSession::write_loop(std::shared_ptr<WebSocketSession> self) {
  while (!self->queue_.empty() && !self->closing_) {
    auto next = self->queue_.front();  // a copy: cut_off_slow may clear the queue meanwhile
    auto [ec, bytes] = co_await self->ws_.async_write(asio::buffer(next->text), kUseTuple);
    if (ec || self->closing_) break;
    self->queue_.pop_front();
    self->queued_bytes_ -= next->text.size();
  }
  self->writing_ = false;
}

void WebSocketSession::cut_off_slow() {
  const std::size_t queued = queue_.size() + pending_.size();
  spdlog::warn("event stream of {} closed: too slow, {} messages queued", actor_.username, queued);
  queue_.clear();
  pending_.clear();
  queued_bytes_ = 0;
  close_soon(websocket::close_code::policy_error, "too slow: " + std::to_string(queued) + " messages queued");
}

void WebSocketSession::close_soon(websocket::close_code code, std::string reason) {
  if (closing_) return;
  closing_ = true;
  close_in_flight_ = true;
  reauth_timer_.cancel();
  detach();  // no more events for a closing session
  asio::co_spawn(executor_, close_with(shared_from_this(), reason_of(code, std::move(reason))), log_exception);
}

asio::awaitable<void> WebSocketSession::close_with(std::shared_ptr<WebSocketSession> self,
                                                   websocket::close_reason reason) {
  // The close frame waits behind a write in progress; a peer that reads nothing for
  // `close_timeout` loses its socket instead.
  self->timer_.expires_after(self->context_.options.close_timeout);
  self->timer_.async_wait([weak = std::weak_ptr<WebSocketSession>(self)](boost::system::error_code ec) {
    if (ec) return;
    if (auto session = weak.lock()) beast::get_lowest_layer(session->ws_).close();
  });
  auto [ec] = co_await self->ws_.async_close(reason, kUseTuple);
  if (ec) beast::get_lowest_layer(self->ws_).close();
  self->timer_.cancel();
  self->close_in_flight_ = false;
  self->close_done_.cancel();
  // The read loop ends when the peer answers the close (or the socket closes); it cancels nothing here.
}

asio::awaitable<void> WebSocketSession::auth_deadline(std::shared_ptr<WebSocketSession> self) {
  self->timer_.expires_after(self->context_.options.auth_timeout);
  auto [ec] = co_await self->timer_.async_wait(kUseTuple);
  if (ec || self->state_ != State::authenticating || self->closing_) co_return;
  self->close_soon(websocket::close_code::policy_error,
                   "authentication timeout: send {\"type\":\"auth\",\"token\":...} within " +
                       std::to_string(self->context_.options.auth_timeout.count()) + " s");
}

asio::awaitable<void> WebSocketSession::reauth_loop(std::shared_ptr<WebSocketSession> self) {
  for (;;) {
    self->reauth_timer_.expires_after(self->context_.options.reauth_interval);
    auto [ec] = co_await self->reauth_timer_.async_wait(kUseTuple);
    if (ec || self->closing_) co_return;
    auto actor = *co_await asio::co_spawn(self->context_.blocking,
                                          authenticate_on_pool(self->context_.auth, self->token_), asio::use_awaitable);
    if (self->closing_) co_return;
    if (!actor) {
      self->close_soon(websocket::close_code::policy_error, "signed out: " + actor.error().message);
      co_return;
    }
    // The hub filters by the actor the session attached with: a changed account reconnects.
    if (actor->role != self->actor_.role || actor->unit_id != self->actor_.unit_id) {
      self->close_soon(websocket::close_code::policy_error, "account changed: reconnect");
      co_return;
    }
  }
}

void WebSocketSession::request_stop() {
  if (closing_) return;
  // A close frame must not be written while the handshake's own write may still be in flight:
  // the session closes as soon as the handshake completes.
  if (!accepted_) {
    stop_pending_ = true;
    return;
  }
  close_soon(websocket::close_code::going_away, "server shutting down");
}

}  // namespace hotline::net::ws
