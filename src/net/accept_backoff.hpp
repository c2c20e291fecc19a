#pragma once
// What the listener does when `accept` fails (EMFILE/ENFILE when the process or the system is out
// of file descriptors, ENOBUFS, ...): the pending connection stays in the backlog, so retrying at
// once fails again and spins a core while writing a log line per try. `AcceptBackoff` gives the
// pause before the next try (10 ms doubling to 1 s, back to 10 ms after an accept succeeds) and
// `ThrottledWarning` lets one warning through per interval with the count of the ones it held back.
// Pure and clock-free (the caller passes the time); not thread-safe (the listener's strand owns them).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>

namespace hotline::net {

class AcceptBackoff {
 public:
  using duration = std::chrono::milliseconds;
  static constexpr duration kFirst{10};
  static constexpr duration kMax{1000};

  // One more failed accept: the pause to take before the next one.
  duration on_failure() {
    current_ = current_.count() == 0 ? kFirst : std::min(current_ * 2, kMax);
    return current_;
  }
  void on_success() { current_ = duration{0}; }
  // The last pause given; zero after a success or before any failure.
  duration current() const { return current_; }

 private:
  duration current_{0};
};

class ThrottledWarning {
 public:
  using clock = std::chrono::steady_clock;
  explicit ThrottledWarning(clock::duration interval = std::chrono::seconds{10}) : interval_(interval) {}

  // One more occurrence at `now`. Returns the number of occurrences held back since the last one
  // let through when this one is to be logged, nothing when it is to be held back.
  std::optional<std::uint64_t> occur(clock::time_point now) {
    if (last_ && now - *last_ < interval_) {
      ++suppressed_;
      return std::nullopt;
    }
    last_ = now;
    std::uint64_t held = suppressed_;
    suppressed_ = 0;
    return held;
  }
  std::uint64_t suppressed() const { return suppressed_; }

 private:
  clock::duration interval_;
  std::optional<clock::time_point> last_;
  std::uint64_t suppressed_ = 0;
};

}  // namespace hotline::net
