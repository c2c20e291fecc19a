// The listener out of file descriptors (accept fails with EMFILE): the server must back off
// instead of spinning, log a few throttled warnings instead of one per try, keep serving the
// connections it has, and take the queued ones once descriptors free up. The server runs in a
// forked child (its own descriptor limit, CPU time and log), driven over two pipes.

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "net/accept_backoff.hpp"
#include "net/server.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

using namespace std::chrono_literals;

TEST(AcceptBackoff, DoublesFromTenMillisecondsToOneSecondAndResetsOnSuccess) {
  AcceptBackoff backoff;
  EXPECT_EQ(backoff.current(), 0ms);
  std::vector<std::chrono::milliseconds> pauses;
  for (int i = 0; i < 9; ++i) pauses.push_back(backoff.on_failure());
  EXPECT_EQ(pauses, (std::vector<std::chrono::milliseconds>{10ms, 20ms, 40ms, 80ms, 160ms, 320ms, 640ms, 1000ms,
                                                            1000ms}));
  backoff.on_success();
  EXPECT_EQ(backoff.current(), 0ms);
  EXPECT_EQ(backoff.on_failure(), 10ms);
}

TEST(ThrottledWarning, LetsOnePerIntervalThroughWithTheCountHeldBack) {
  ThrottledWarning warning{10s};
  ThrottledWarning::clock::time_point t0{};
  EXPECT_EQ(warning.occur(t0), std::optional<std::uint64_t>{0});
  EXPECT_EQ(warning.occur(t0 + 1s), std::nullopt);
  EXPECT_EQ(warning.occur(t0 + 9s), std::nullopt);
  EXPECT_EQ(warning.suppressed(), 2u);
  EXPECT_EQ(warning.occur(t0 + 10s), std::optional<std::uint64_t>{2});
  EXPECT_EQ(warning.occur(t0 + 25s), std::optional<std::uint64_t>{0});
}

// Counts the lines the child's server logs.
class CountingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::atomic<std::int64_t> lines{0};

 protected:
  void sink_it_(const spdlog::details::log_msg&) override { ++lines; }
  void flush_() override {}
};

struct Report {
  std::int64_t cpu_us = 0;  // CPU time (user + system) of the child while out of descriptors
  std::int64_t log_lines = 0;
};

bool write_all(int fd, const void* data, std::size_t size) {
  return ::write(fd, data, size) == static_cast<ssize_t>(size);
}
bool read_all(int fd, void* data, std::size_t size) {
  auto* bytes = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::read(fd, bytes, size);
    if (n <= 0) return false;
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}
std::int64_t cpu_us() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto us = [](const timeval& t) { return std::int64_t{t.tv_sec} * 1'000'000 + t.tv_usec; };
  return us(usage.ru_utime) + us(usage.ru_stime);
}

// The child: a server with at most 256 descriptors. Commands from the parent, one byte each:
// 'E' exhaust the descriptors, 'R' report and free them, 'Q' stop. Returns the exit status.
int run_child(int commands, int replies) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 256);
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) return 2;
  auto sink = std::make_shared<CountingSink>();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("counted", sink));

  TestServices world;
  ServerOptions options;
  options.port = 0;
  options.worker_threads = 2;
  Server server(options, world.services());
  unsigned short port = server.start();
  if (!write_all(replies, &port, sizeof port)) return 3;

  std::vector<int> filler;
  Report report;
  std::int64_t cpu_before = 0;
  std::int64_t lines_before = 0;
  for (char command = 0; read_all(commands, &command, 1);) {
    if (command == 'E') {
      for (;;) {
        int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (fd < 0) break;
        filler.push_back(fd);
      }
      if (errno != EMFILE) return 4;
      cpu_before = cpu_us();
      lines_before = sink->lines.load();
    } else if (command == 'R') {
      report.cpu_us = cpu_us() - cpu_before;
      report.log_lines = sink->lines.load() - lines_before;
      for (int fd : filler) ::close(fd);
      filler.clear();
    } else if (command == 'Q') {
      break;
    }
    if (!write_all(replies, command == 'R' ? static_cast<const void*>(&report) : &command,
                   command == 'R' ? sizeof report : 1))
      return 5;
  }
  server.stop(std::chrono::seconds{2});
  return 0;
}

TEST(ServerFdExhaustion, BacksOffLogsLittleKeepsServingAndRecovers) {
  int to_child[2];
  int to_parent[2];
  ASSERT_EQ(::pipe(to_child), 0);
  ASSERT_EQ(::pipe(to_parent), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(to_child[1]);
    ::close(to_parent[0]);
    ::_exit(run_child(to_child[0], to_parent[1]));
  }
  ::close(to_child[0]);
  ::close(to_parent[1]);
  int commands = to_child[1];
  int replies = to_parent[0];
  auto command = [&](char c) {
    char echo = 0;
    return write_all(commands, &c, 1) && read_all(replies, &echo, 1) && echo == c;
  };

  unsigned short port = 0;
  ASSERT_TRUE(read_all(replies, &port, sizeof port));
  TestClient open_before(port, "127.0.0.1", 10s);
  ASSERT_EQ(open_before.get("/healthz").status, 200);

  ASSERT_TRUE(command('E'));
  // The kernel completes these handshakes into the backlog; each makes the listener's accept fail.
  std::vector<std::unique_ptr<TestClient>> queued;
  for (int i = 0; i < 8; ++i) {
    queued.push_back(std::make_unique<TestClient>(port, "127.0.0.1", 10s));
    ASSERT_TRUE(queued.back()->connect());
  }
  std::this_thread::sleep_for(2500ms);
  // The connection opened before keeps being answered.
  auto health = open_before.get("/healthz");
  EXPECT_EQ(health.status, 200) << health.body;

  Report report;
  char c = 'R';
  ASSERT_TRUE(write_all(commands, &c, 1));
  ASSERT_TRUE(read_all(replies, &report, sizeof report));
  // A spinning listener burns a core (≈2.5 s of CPU here) and logs a line per try.
  EXPECT_LT(report.cpu_us, 300'000) << "CPU time while out of descriptors";
  EXPECT_LE(report.log_lines, 3) << "log lines while out of descriptors";

  // Descriptors are free again: the queued connections and new ones are served.
  auto queued_health = queued.front()->get("/healthz");
  EXPECT_EQ(queued_health.status, 200) << queued_health.body;
  TestClient fresh(port, "127.0.0.1", 10s);
  EXPECT_EQ(fresh.get("/healthz").status, 200);

  queued.clear();
  c = 'Q';  // the child stops its server and exits without an echo
  ASSERT_TRUE(write_all(commands, &c, 1));
  ::close(commands);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  ::close(replies);
}

}  // namespace
}  // namespace hotline::net
