#pragma once
// A small blocking WebSocket client for the integration tests of GET /api/v1/events (Beast
// inside). Every operation has a timeout so a broken server fails a test instead of hanging it.
// Not thread-safe: one client per thread.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace hotline::tests {

class WsClient {
 public:
  // Called with every text message any client reads while set (e.g. to check it against the
  // OpenAPI document); an empty function removes it. Set it from the test's main thread.
  static void set_frame_check(std::function<void(const std::string&)> check);

  explicit WsClient(unsigned short port);
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Connects and upgrades `target` ("/api/v1/events?last_event_id=3"), sending
  // "Authorization: Bearer <bearer>" when it is not empty. `receive_buffer` > 0 sets SO_RCVBUF
  // first (a small one makes a client that stops reading back up the server quickly).
  // False with the reason in `error()` when the upgrade fails.
  bool connect(const std::string& target, const std::string& bearer = {}, int receive_buffer = 0);
  bool send(const std::string& text);
  // The next text message; nullopt when the connection closed (see `close_code`), failed or
  // nothing came within `timeout`.
  std::optional<std::string> read(std::chrono::milliseconds timeout = std::chrono::seconds{10});
  // Reads until a message whose "type" is `type`; nullopt like `read`.
  std::optional<std::string> read_type(const std::string& type,
                                       std::chrono::milliseconds timeout = std::chrono::seconds{10});
  void close();

  bool closed() const { return closed_; }
  int close_code() const { return close_code_; }  // 0 unless the server sent a close frame
  const std::string& close_reason() const { return close_reason_; }
  const std::string& error() const { return error_; }

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  bool closed_ = false;
  int close_code_ = 0;
  std::string close_reason_;
  std::string error_;
};

}  // namespace hotline::tests
