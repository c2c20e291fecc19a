#pragma once
// The HTTP API server: a listener and one `http_session` coroutine per connection on `io_threads`
// io_context threads; every request is routed and handled on a separate blocking pool of
// `worker_threads`, so io threads never block (STYLE.md §2, §3). Beast and Asio stay behind the
// pimpl; this header is cheap to include.
//
// Ownership: `Server` borrows the services in `Services` (they must outlive `stop()`), owns its
// threads and sockets. Thread-safety: `start`, `stop` and `wait` may be called from any thread;
// `stop` and `wait` may race with each other; `start` is called once.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/event_publisher.hpp"
#include "net/client_address.hpp"
#include "net/services.hpp"
#include "net/ws/websocket_options.hpp"

namespace hotline::net {

class StaticSite;  // net/static_site.hpp

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port; `start` returns it
  int io_threads = 2;
  int worker_threads = 32;                // the blocking pool that runs core calls
  std::size_t max_body_bytes = 1 << 20;   // larger bodies get 413 and the connection is closed
  // The one route that may exceed `max_body_bytes`: POST /api/v1/tickets/{id}/attachments (a file).
  std::size_t max_attachment_bytes = 10 << 20;
  std::chrono::seconds read_timeout{30};  // per request, from the first byte wait to the full body
  // GET /api/v1/events (WebSocket): limits, heartbeats, replay; see ws/websocket_options.hpp.
  ws::WebSocketOptions events;
  std::size_t events_max_connections_per_user = 8;  // further ones are closed with a reason
  // The staff web app served at /desk/, loaded once by the caller; null answers "not built".
  std::shared_ptr<const StaticSite> web_app;
  // Reverse proxies whose X-Forwarded-For names the client (client_address.hpp); none by default.
  TrustedProxies trusted_proxies;
};

class Server {
 public:
  // `events`, when given, feeds the live event stream GET /api/v1/events; it must outlive `stop()`.
  Server(ServerOptions options, Services services, core::EventFeed* events = nullptr);
  ~Server();  // stops (with the default grace) if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the io and worker threads; returns the bound port.
  // Throws std::runtime_error naming the address and the reason when it cannot bind.
  unsigned short start();

  // Graceful: stops accepting, closes idle keep-alive connections, lets requests in flight finish
  // and be answered (bounded by `grace`), then stops and joins the pools. Idempotent.
  void stop(std::chrono::seconds grace = std::chrono::seconds{10});

  // Blocks until `stop` has finished; returns at once if the server was never started.
  void wait();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotline::net
