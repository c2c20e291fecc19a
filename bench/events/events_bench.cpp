// Live event stream benchmark: N WebSocket subscribers (GET /api/v1/events) on loopback while
// HTTP creates run at a fixed rate; reports, per delivered register event, the time from the
// create's 201 to the event at a subscriber (negative: the event beat the response) and from the
// request being sent, p50/p99/max; and the server's RSS per idle subscriber (/proc/PID/status).
// Usage: events_bench --port P --pid PID --token T --agent-token A [--clients 1000] [--rate 1000] [--seconds 5]
//        [--connections 8] [--quiet-token Q --watchers N]   (bench/run-events-bench sets it all up)

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Args {
  unsigned short port = 0;
  int pid = 0;
  std::string token;        // the subscribers' (a dispatcher sees every event)
  std::string agent_token;  // the creates'
  int clients = 1000;
  int rate = 1000;
  int seconds = 5;
  int connections = 8;
  // With `quiet_token` (e.g. a district's unit handler, who sees no registrations), only the first
  // `watchers` clients subscribe with `token`; the rest subscribe with `quiet_token`, as the unit
  // desks of a deployment do, and are counted for memory but expect no register events.
  std::string quiet_token;
  int watchers = -1;  // -1: every client watches
};

struct Sample {
  std::int64_t sequence;
  Clock::time_point at;
};

struct State {
  Args args;
  tcp::endpoint endpoint;
  std::atomic<int> ready{0};   // progress counters, read by the main thread
  std::atomic<int> ready_watchers{0};
  std::atomic<int> quiet_frames{0};  // register events a quiet subscriber got (must stay 0)
  std::atomic<int> closed{0};
  std::string last_close_reason;  // WS thread only
  std::vector<Sample> samples;  // WS thread only
  bool measuring = false;
};

long rss_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// The N of a register event's title "bench N", by a plain search: parsing 1,000,000 frames as
// JSON would measure the client.
std::int64_t sequence_of(std::string_view frame) {
  if (frame.find("\"action\":\"register\"") == std::string_view::npos) return -1;
  auto at = frame.find("\"title\":\"bench ");
  if (at == std::string_view::npos) return -1;
  std::int64_t n = 0;
  for (auto i = at + 15; i < frame.size() && frame[i] >= '0' && frame[i] <= '9'; ++i) n = n * 10 + (frame[i] - '0');
  return n;
}

asio::awaitable<void> subscriber(State& state, bool watcher) {
  websocket::stream<beast::tcp_stream> ws(co_await asio::this_coro::executor);
  auto [ec] = co_await beast::get_lowest_layer(ws).async_connect(state.endpoint, kTuple);
  if (ec) {
    ++state.closed;
    state.last_close_reason = "connect: " + ec.message();
    co_return;
  }
  std::string token = watcher ? state.args.token : state.args.quiet_token;
  ws.set_option(websocket::stream_base::decorator(
      [token](websocket::request_type& request) { request.set(http::field::authorization, "Bearer " + token); }));
  auto [hec] = co_await ws.async_handshake("127.0.0.1", "/api/v1/events", kTuple);
  if (hec) {
    ++state.closed;
    state.last_close_reason = "handshake: " + hec.message();
    co_return;
  }
  beast::flat_buffer buffer;
  bool counted = false;
  for (;;) {
    buffer.clear();
    auto [rec, bytes] = co_await ws.async_read(buffer, kTuple);
    auto now = Clock::now();
    if (rec) {
      ++state.closed;
      state.last_close_reason = rec == websocket::error::closed ? std::string(ws.reason().reason.c_str()) : rec.message();
      co_return;
    }
    std::string_view frame(static_cast<const char*>(buffer.data().data()), buffer.size());
    if (!counted && frame.find("\"type\":\"ready\"") != std::string_view::npos) {
      counted = true;
      ++state.ready;
      if (watcher) ++state.ready_watchers;
      continue;
    }
    if (!state.measuring) continue;
    auto n = sequence_of(frame);
    if (n < 0) continue;
    if (watcher) state.samples.push_back({n, now});
    else ++state.quiet_frames;
  }
}

struct CreateTimes {
  std::vector<Clock::time_point> sent;
  std::vector<Clock::time_point> created;
  std::vector<int> status;
};

asio::awaitable<void> creator(const Args& args, tcp::endpoint endpoint, CreateTimes& times, std::int64_t& next,
                              std::int64_t total, Clock::time_point start) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  auto [ec] = co_await stream.async_connect(endpoint, kTuple);
  if (ec) co_return;
  beast::flat_buffer buffer;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    std::int64_t n = next++;
    if (n >= total) co_return;
    timer.expires_at(start + std::chrono::microseconds(n * 1'000'000 / args.rate));
    co_await timer.async_wait(kTuple);
    http::request<http::string_body> request{http::verb::post, "/api/v1/tickets", 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, "Bearer " + args.agent_token);
    request.set(http::field::content_type, "application/json");
    request.body() = R"({"type":"complaint","channel":"phone","title":"bench )" + std::to_string(n) +
                     R"(","text":"小区门口的路灯坏了两个星期，晚上出行很不方便，请尽快维修。","caller":{"name":"陈大文","phone":"13800138000"}})";
    request.prepare_payload();
    times.sent[static_cast<std::size_t>(n)] = Clock::now();
    auto [wec, written] = co_await http::async_write(stream, request, kTuple);
    if (wec) co_return;
    http::response<http::string_body> response;
    auto [rec, read] = co_await http::async_read(stream, buffer, response, kTuple);
    if (rec) co_return;
    times.created[static_cast<std::size_t>(n)] = Clock::now();
    times.status[static_cast<std::size_t>(n)] = response.result_int();
  }
}

double percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

int main(int argc, char** argv) {
  State state;
  Args& args = state.args;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i];
    std::string value = argv[i + 1];
    if (key == "--port") args.port = static_cast<unsigned short>(std::stoi(value));
    else if (key == "--pid") args.pid = std::stoi(value);
    else if (key == "--token") args.token = value;
    else if (key == "--agent-token") args.agent_token = value;
    else if (key == "--clients") args.clients = std::stoi(value);
    else if (key == "--rate") args.rate = std::stoi(value);
    else if (key == "--seconds") args.seconds = std::stoi(value);
    else if (key == "--connections") args.connections = std::stoi(value);
    else if (key == "--quiet-token") args.quiet_token = value;
    else if (key == "--watchers") args.watchers = std::stoi(value);
  }
  if (args.port == 0 || args.token.empty()) {
    std::cerr << "usage: events_bench --port P --pid PID --token T [--clients N] [--rate R] [--seconds S]\n";
    return 2;
  }
  state.endpoint = tcp::endpoint(asio::ip::make_address("127.0.0.1"), args.port);

  // Subscribers: one io thread.
  asio::io_context ws_io;
  auto ws_work = asio::make_work_guard(ws_io);
  std::thread ws_thread([&] { ws_io.run(); });
  long rss_before = args.pid > 0 ? rss_kb(args.pid) : -1;
  auto connect_start = Clock::now();
  for (int i = 0; i < args.clients; ++i) {
    const bool watcher = args.quiet_token.empty() || args.watchers < 0 || i < args.watchers;
    asio::post(ws_io, [&, watcher] { asio::co_spawn(ws_io, subscriber(state, watcher), asio::detached); });
  }
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    int ready = state.ready.load();
    int closed = state.closed.load();
    if (ready + closed >= args.clients) break;
    if (Clock::now() - connect_start > std::chrono::seconds(60)) break;
  }
  double connect_seconds = std::chrono::duration<double>(Clock::now() - connect_start).count();
  std::this_thread::sleep_for(std::chrono::seconds(1));  // let the server settle
  long rss_after = args.pid > 0 ? rss_kb(args.pid) : -1;
  std::printf("subscribers: %d ready, %d closed, connected in %.2f s\n", state.ready.load(), state.closed.load(), connect_seconds);
  if (rss_before > 0) {
    std::printf("server RSS: %ld KB before, %ld KB with %d idle subscribers: %.1f KB per subscriber\n", rss_before,
                rss_after, state.ready.load(),
                state.ready ? static_cast<double>(rss_after - rss_before) / state.ready : 0.0);
  }
  if (args.seconds <= 0 || args.rate <= 0) {
    ws_work.reset();
    ws_io.stop();
    ws_thread.join();
    return 0;
  }

  // Creates: another io thread, `connections` keep-alive connections pacing a shared schedule.
  const std::int64_t total = static_cast<std::int64_t>(args.rate) * args.seconds;
  CreateTimes times{std::vector<Clock::time_point>(total), std::vector<Clock::time_point>(total),
                    std::vector<int>(static_cast<std::size_t>(total), 0)};
  asio::post(ws_io, [&] { state.measuring = true; });
  asio::io_context http_io;
  std::int64_t next = 0;
  auto start = Clock::now() + std::chrono::milliseconds(100);
  for (int c = 0; c < args.connections; ++c)
    asio::co_spawn(http_io, creator(args, state.endpoint, times, next, total, start), asio::detached);
  http_io.run();
  double load_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the last events drain
  ws_work.reset();
  asio::post(ws_io, [&] { ws_io.stop(); });
  ws_thread.join();

  std::int64_t ok = 0;
  for (auto s : times.status) ok += s == 201;
  std::vector<double> from_201;
  std::vector<double> from_sent;
  from_201.reserve(state.samples.size());
  for (const auto& sample : state.samples) {
    auto i = static_cast<std::size_t>(sample.sequence);
    if (sample.sequence >= total || times.status[i] != 201) continue;
    from_201.push_back(std::chrono::duration<double, std::milli>(sample.at - times.created[i]).count());
    from_sent.push_back(std::chrono::duration<double, std::milli>(sample.at - times.sent[i]).count());
  }
  std::vector<double> create_ms;
  for (std::int64_t i = 0; i < total; ++i) {
    if (times.status[static_cast<std::size_t>(i)] == 201)
      create_ms.push_back(std::chrono::duration<double, std::milli>(times.created[i] - times.sent[i]).count());
  }
  const double expected = static_cast<double>(ok) * state.ready_watchers.load();
  std::printf("creates: %lld of %lld answered 201 in %.2f s (%.0f/s); create latency p50 %.2f ms p99 %.2f ms\n",
              static_cast<long long>(ok), static_cast<long long>(total), load_seconds, ok / load_seconds,
              percentile(create_ms, 0.5), percentile(create_ms, 0.99));
  std::printf("events delivered: %zu of %.0f (%.1f %%), subscribers closed during the run: %d (last reason: %s)\n",
              from_201.size(), expected, expected > 0 ? 100.0 * from_201.size() / expected : 0.0, state.closed.load(),
              state.last_close_reason.c_str());
  double p50 = percentile(from_201, 0.5);
  double p99 = percentile(from_201, 0.99);
  double max = from_201.empty() ? 0 : from_201.back();  // sorted by percentile()
  if (!args.quiet_token.empty())
    std::printf("watchers: %d; quiet subscribers: %d, register events they got: %d (must be 0)\n",
                state.ready_watchers.load(), state.ready.load() - state.ready_watchers.load(), state.quiet_frames.load());
  std::printf("201 -> event: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", p50, p99, max);
  std::printf("request sent -> event: p50 %.2f ms, p99 %.2f ms\n", percentile(from_sent, 0.5),
              percentile(from_sent, 0.99));
  return 0;
}
