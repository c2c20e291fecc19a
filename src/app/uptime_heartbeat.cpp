#include "app/uptime_heartbeat.hpp"

#include <spdlog/spdlog.h>

#include "core/kpi_service.hpp"

namespace hotline::app {

UptimeHeartbeat::UptimeHeartbeat(core::KpiRepository& repository, const core::Clock& clock,
                                 std::chrono::seconds interval)
    : repository_(repository), clock_(clock), interval_(interval) {}

UptimeHeartbeat::~UptimeHeartbeat() { stop(); }

core::Result<void> UptimeHeartbeat::beat() {
  core::Timestamp now = clock_.now();
  std::optional<core::Timestamp> from;
  {
    std::lock_guard lock(mutex_);
    from = last_;
    if (!from) {
      last_ = now;
      return {};
    }
  }
  if (now <= *from) return {};
  core::KpiRecordBatch batch;
  batch.platform.push_back(core::PlatformRecord{*from, now, true});
  core::SingleBatchSource source(std::move(batch));
  auto stored = repository_.import_records(source);
  if (!stored) return stored.error();
  std::lock_guard lock(mutex_);
  last_ = now;
  return {};
}

void UptimeHeartbeat::start() {
  if (auto first = beat(); !first) spdlog::warn("uptime heartbeat: {}", first.error().message);
  thread_ = std::thread([this] { loop(); });
}

void UptimeHeartbeat::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  if (auto last = beat(); !last) spdlog::warn("uptime heartbeat: {}", last.error().message);
}

void UptimeHeartbeat::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    if (auto beaten = beat(); !beaten) spdlog::warn("uptime heartbeat: {}", beaten.error().message);
    lock.lock();
  }
}

}  // namespace hotline::app
