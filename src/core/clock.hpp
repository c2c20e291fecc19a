#pragma once
// Time in the domain: UTC instants at second precision. Core never reads a clock itself;
// it asks the injected `Clock` so tests run on fixed time.

#include <chrono>
#include <cstdint>

namespace hotline::core {

using Timestamp = std::chrono::sys_seconds;

inline std::int64_t to_epoch(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp from_epoch(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }

// Source of the current time. Implementations must be thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

// A clock that returns what it is told; for tests and replays. Not thread-safe for `set`.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp now() const override { return now_; }
  void set(Timestamp now) { now_ = now; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  Timestamp now_;
};

}  // namespace hotline::core
