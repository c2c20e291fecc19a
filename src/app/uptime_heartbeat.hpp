#pragma once
// `UptimeHeartbeat`: the server's own record of its service time for the platform-availability
// KPI. While serving it stores, every `interval`, a platform record "normal operation from the
// previous beat until now" through the same KPI import path as any record. Outages are the
// monitoring system's to report (platform records with normal=false): a process that is down
// cannot record its own downtime. Owns its thread; `stop` (or the destructor) makes a last beat
// and joins. `beat` is also callable directly (tests).

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.hpp"
#include "core/kpi_repository.hpp"

namespace hotline::app {

class UptimeHeartbeat {
 public:
  UptimeHeartbeat(core::KpiRepository& repository, const core::Clock& clock,
                  std::chrono::seconds interval = std::chrono::seconds{60});
  ~UptimeHeartbeat();
  UptimeHeartbeat(const UptimeHeartbeat&) = delete;
  UptimeHeartbeat& operator=(const UptimeHeartbeat&) = delete;

  // Records [previous beat, now) as normal operation; the first call only marks the start.
  // Errors: the repository's (the span is kept and retried at the next beat).
  [[nodiscard]] core::Result<void> beat();
  void start();
  void stop();

 private:
  void loop();

  core::KpiRepository& repository_;
  const core::Clock& clock_;
  std::chrono::seconds interval_;
  std::mutex mutex_;  // guards last_, stopping_
  std::condition_variable wake_;
  std::optional<core::Timestamp> last_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hotline::app
