#pragma once
// `OutboxWorker`: the thread that sends the notification outbox while `hotline serve` runs. Every
// `poll` (at once again after a full batch) it runs one `core::OutboxDelivery` round: claim the
// due messages under a lease, send them, record sent / retry with backoff / failed. Logging is
// one line per message given up, and one line when delivery starts failing (retries follow
// quietly with backoff) and one when it works again - never a line per retry. Several workers,
// in one process or on several nodes, may share an outbox (the lease keeps them apart); the
// worker's name is unique per process and instance. Owns its thread; `stop` (or the destructor)
// lets the current send finish (bounded by the sender's timeout) and joins.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "core/outbox_delivery.hpp"

namespace hotline::app {

// A lease-owner name unique to this process and call: "<host>:<pid>:<n>".
std::string outbox_worker_name();

class OutboxWorker {
 public:
  OutboxWorker(core::OutboxRepository& outbox, core::MessageSender& sender, const core::Clock& clock,
               core::DeliveryOptions options, std::chrono::milliseconds poll = std::chrono::seconds{1});
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Starts the thread (once); a sender that does not deliver (`NoSender`) starts none.
  void start();
  void stop();
  // One round as the thread runs it, with its logging; returns whether a full batch was claimed.
  bool run_round();

 private:
  void loop();

  core::MessageSender& sender_;
  int batch_;
  std::chrono::milliseconds poll_;
  std::mt19937_64 random_;  // the retry jitter; used by the worker thread only
  core::OutboxDelivery delivery_;
  bool failing_ = false;  // the last round had a retryable failure or an outbox error (for the log)
  std::mutex mutex_;      // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace hotline::app
