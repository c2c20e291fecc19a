#include "app/outbox_worker.hpp"

#include <unistd.h>

#include <atomic>

#include <spdlog/spdlog.h>

namespace hotline::app {

std::string outbox_worker_name() {
  static std::atomic<int> counter{0};
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(++counter);
}

OutboxWorker::OutboxWorker(core::OutboxRepository& outbox, core::MessageSender& sender, const core::Clock& clock,
                           core::DeliveryOptions options, std::chrono::milliseconds poll)
    : sender_(sender),
      batch_(options.batch),
      poll_(poll),
      random_(std::random_device{}()),
      delivery_(outbox, sender, clock, std::move(options), [this] {
        return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
      }) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::start() {
  if (thread_.joinable() || !sender_.delivers()) return;
  thread_ = std::thread([this] { loop(); });
}

void OutboxWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

bool OutboxWorker::run_round() {
  auto round = delivery_.run_once();
  if (!round) {
    if (!failing_) spdlog::warn("outbox: cannot claim messages: {}", round.error().message);
    failing_ = true;
    return false;
  }
  for (const auto& failed : round->failed) spdlog::warn("outbox: message {} given up: {}", failed.id, failed.reason);
  if (round->retried > 0 && !failing_)
    spdlog::warn("outbox: the SMS gateway is failing ({}); retrying with backoff", round->last_retry_reason);
  if (round->retried > 0) failing_ = true;
  if (round->sent > 0 && round->retried == 0 && failing_) {
    spdlog::info("outbox: the SMS gateway delivers again");
    failing_ = false;
  }
  return round->claimed >= batch_;
}

void OutboxWorker::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const bool more = run_round();
    lock.lock();
    if (!more) wake_.wait_for(lock, poll_, [this] { return stopping_; });
  }
}

}  // namespace hotline::app
