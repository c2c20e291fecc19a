#pragma once
// A small blocking HTTP/1.1 client for tests: net's own and tests/integration. One keep-alive
// connection to `host:port`, reopened after the server closes it. Every operation has a timeout
// (30 s by default) so a broken server fails a test instead of hanging it. Network failures are
// reported as `status == 0` with the reason in `body`. Not thread-safe: one client per thread.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotline::net {

struct HttpResult {
  int status = 0;  // 0: no response (connection failed or closed); see `body`
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool keep_alive = false;

  // The first header named `name` (case-insensitive), empty when absent.
  std::string header(std::string_view name) const;

  // The `field` of an API error body {"error":{"code","message","field"}}: empty when the error
  // names none, "(no error)" when the body is not an error.
  std::string error_field() const;
};

// Sees every exchange of `TestClient::request` (method, target, answer), e.g. to check it
// against the OpenAPI document.
using ResponseCheck = std::function<void(std::string_view method, std::string_view target, const HttpResult&)>;

class TestClient {
 public:
  // Installs `check` for every client of the process until replaced (an empty function removes
  // it). Set it before clients run, from the test's main thread.
  static void set_response_check(ResponseCheck check);

  explicit TestClient(unsigned short port, std::string host = "127.0.0.1",
                      std::chrono::seconds timeout = std::chrono::seconds{30});
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  // Sent as "Authorization: Bearer <token>" on every request; empty to send none.
  void set_token(std::string token);

  HttpResult request(std::string_view method, std::string_view target, std::string_view body = {});
  // The same with extra request headers (e.g. Accept-Encoding, If-None-Match).
  HttpResult request(std::string_view method, std::string_view target,
                     const std::vector<std::pair<std::string, std::string>>& headers, std::string_view body = {});
  HttpResult get(std::string_view target) { return request("GET", target); }
  HttpResult post(std::string_view target, std::string_view body = {}) { return request("POST", target, body); }
  HttpResult put(std::string_view target, std::string_view body) { return request("PUT", target, body); }

  // Opens the connection now (requests do it on demand). False when the server refuses it.
  bool connect();
  // Writes `bytes` verbatim on a fresh connection and reads one response.
  HttpResult send_raw(std::string_view bytes);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotline::net
