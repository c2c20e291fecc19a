#include "net/server.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "net/accept_backoff.hpp"
#include "net/http_session.hpp"
#include "net/router.hpp"
#include "net/ws/event_hub.hpp"

namespace hotline::net {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

void log_exception(std::string_view what, std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("{} ended with an exception: {}", what, e.what());
  } catch (...) {
    spdlog::error("{} ended with an unknown exception", what);
  }
}

}  // namespace

// Threads: `io_threads_` run `io_`; the listener, the session registry and the drain all run on
// the `control_` strand, so `acceptor_`, `sessions_`, `stopping_` and `drain_timer_` need no lock.
class Server::Impl {
 public:
  Impl(ServerOptions options, Services services, core::EventFeed* events)
      : options_(std::move(options)),
        services_(services),
        router_(services, options_.web_app.get()),
        hub_(events == nullptr ? nullptr
                               : std::make_unique<ws::EventHub>(*events, services.tickets, services.reference,
                                                                options_.events_max_connections_per_user)),
        control_(asio::make_strand(io_)),
        acceptor_(control_),
        accept_timer_(control_),
        drain_timer_(control_) {}

  ~Impl() { stop(std::chrono::seconds{10}); }

  unsigned short start();
  void stop(std::chrono::seconds grace);
  void wait();

 private:
  enum class State { idle, running, stopping, stopped };

  asio::awaitable<void> listen();
  asio::awaitable<void> drain(std::chrono::seconds grace);
  void on_session_end(std::uint64_t id);
  [[noreturn]] void fail_to_bind(const std::string& step, const boost::system::error_code& ec) const;

  ServerOptions options_;
  Services services_;
  Router router_;
  // Before `io_`: sessions that die with the io_context detach from it.
  std::unique_ptr<ws::EventHub> hub_;
  asio::io_context io_;
  asio::strand<asio::io_context::executor_type> control_;
  tcp::acceptor acceptor_;
  asio::steady_timer accept_timer_;  // the pause after a failed accept; cancelled by the drain
  asio::steady_timer drain_timer_;
  std::map<std::uint64_t, std::weak_ptr<HttpSession>> sessions_;
  std::uint64_t next_session_id_ = 0;
  bool stopping_ = false;
  std::unique_ptr<asio::thread_pool> blocking_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> io_threads_;

  std::mutex state_mutex_;  // guards state_
  std::condition_variable state_changed_;
  State state_ = State::idle;
};

void Server::Impl::fail_to_bind(const std::string& step, const boost::system::error_code& ec) const {
  throw std::runtime_error("cannot " + step + " " + options_.address + ":" + std::to_string(options_.port) + ": " +
                           ec.message());
}

unsigned short Server::Impl::start() {
  {
    std::lock_guard lock(state_mutex_);
    if (state_ != State::idle) throw std::runtime_error("server already started");
  }
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options_.address, ec);
  if (ec) fail_to_bind("parse listen address", ec);
  tcp::endpoint endpoint{address, options_.port};
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) fail_to_bind("open socket for", ec);
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  acceptor_.bind(endpoint, ec);
  if (ec) fail_to_bind("bind", ec);
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail_to_bind("listen on", ec);
  unsigned short port = acceptor_.local_endpoint().port();

  blocking_ = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(std::max(1, options_.worker_threads)));
  work_.emplace(io_.get_executor());
  asio::co_spawn(control_, listen(), [](std::exception_ptr e) { log_exception("listener", e); });
  for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
    io_threads_.emplace_back([this] {
      // Completion handlers log their own exceptions; this loop only keeps a thread alive should
      // one escape anyway.
      for (;;) {
        try {
          io_.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("io thread: {}", e.what());
        }
      }
    });
  }
  {
    std::lock_guard lock(state_mutex_);
    state_ = State::running;
  }
  spdlog::info("listening on {}:{}", options_.address, port);
  return port;
}

asio::awaitable<void> Server::Impl::listen() {
  SessionContext context{&router_, blocking_->get_executor(), options_.max_body_bytes,
                         std::max(options_.max_body_bytes, options_.max_attachment_bytes), options_.read_timeout,
                         ws::WebSocketContext{hub_.get(), &services_.auth, &services_.tickets,
                                              blocking_->get_executor(), options_.events},
                         &options_.trusted_proxies};
  AcceptBackoff backoff;
  ThrottledWarning warning{std::chrono::seconds{10}};
  std::uint64_t failures = 0;
  for (;;) {
    asio::any_io_executor session_strand = asio::make_strand(io_);
    auto [ec, socket] = co_await acceptor_.async_accept(session_strand, asio::as_tuple(asio::use_awaitable));
    if (stopping_ || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of descriptors (EMFILE/ENFILE) the connection stays queued and the next accept fails
      // at once: pause (10 ms doubling to 1 s) and warn once per interval, with the count held
      // back. Open connections keep being served meanwhile; queued ones are taken once
      // descriptors free up.
      ++failures;
      auto pause = backoff.on_failure();
      if (auto held = warning.occur(std::chrono::steady_clock::now()))
        spdlog::warn("accept failed: {}; retrying in {} ms ({} similar failure(s) not logged since the last warning)",
                     ec.message(), pause.count(), *held);
      accept_timer_.expires_after(pause);
      co_await accept_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
      if (stopping_) co_return;
      continue;
    }
    if (backoff.current().count() != 0) {
      spdlog::info("accepting again after {} failed accept(s)", failures);
      backoff.on_success();
      failures = 0;
    }
    auto session = std::make_shared<HttpSession>(boost::beast::tcp_stream(std::move(socket)));
    std::uint64_t id = next_session_id_++;
    sessions_.emplace(id, session);
    asio::co_spawn(session_strand, run_http_session(session, context), [this, id](std::exception_ptr e) {
      log_exception("http session", e);
      asio::post(control_, [this, id] { on_session_end(id); });
    });
  }
}

void Server::Impl::on_session_end(std::uint64_t id) {
  sessions_.erase(id);
  if (stopping_ && sessions_.empty()) drain_timer_.cancel();
}

asio::awaitable<void> Server::Impl::drain(std::chrono::seconds grace) {
  stopping_ = true;
  for (auto& [id, weak] : sessions_) {
    if (auto session = weak.lock()) session->mark_stop_requested();
  }
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  accept_timer_.cancel();
  for (auto& [id, weak] : sessions_) {
    if (auto session = weak.lock()) {
      asio::post(session->executor(), [session] { session->request_stop(); });
    }
  }
  if (sessions_.empty()) co_return;
  // Cancelled by on_session_end when the last session ends; both run on `control_`.
  drain_timer_.expires_after(grace);
  auto [ec] = co_await drain_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  if (!ec)
    spdlog::warn("{} connection(s) still busy after {}s grace; stopping anyway", sessions_.size(), grace.count());
}

void Server::Impl::stop(std::chrono::seconds grace) {
  {
    std::unique_lock lock(state_mutex_);
    if (state_ == State::idle || state_ == State::stopped) {
      state_ = State::stopped;
      state_changed_.notify_all();
      return;
    }
    if (state_ == State::stopping) {
      state_changed_.wait(lock, [this] { return state_ == State::stopped; });
      return;
    }
    state_ = State::stopping;
  }
  std::promise<void> drained;
  asio::co_spawn(control_, drain(grace), [&drained](std::exception_ptr e) {
    log_exception("drain", e);
    drained.set_value();
  });
  drained.get_future().wait();

  work_.reset();
  io_.stop();
  for (auto& thread : io_threads_) thread.join();
  io_threads_.clear();
  // Requests still running on the pool (only after the grace ran out) finish their core call;
  // their responses are dropped with the stopped io_context.
  blocking_->stop();
  blocking_->join();
  spdlog::info("server stopped");

  std::lock_guard lock(state_mutex_);
  state_ = State::stopped;
  state_changed_.notify_all();
}

void Server::Impl::wait() {
  std::unique_lock lock(state_mutex_);
  state_changed_.wait(lock, [this] { return state_ == State::stopped || state_ == State::idle; });
}

Server::Server(ServerOptions options, Services services, core::EventFeed* events)
    : impl_(std::make_unique<Impl>(std::move(options), services, events)) {}
Server::~Server() = default;
unsigned short Server::start() {
  return impl_->start();
}
void Server::stop(std::chrono::seconds grace) {
  impl_->stop(grace);
}
void Server::wait() {
  impl_->wait();
}

}  // namespace hotline::net
