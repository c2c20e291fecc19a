#pragma once
// `OutboxDelivery`: one round of sending the outbox. It claims the due messages under a lease,
// hands each to the `MessageSender` and records the outcome: sent, pending again after the
// retry rule's delay (`next_attempt_delay`), or failed once the gateway refused it or the
// attempts ran out. The thread that runs rounds lives in app (`OutboxWorker`); several workers
// (threads or server nodes) may run rounds on one outbox at once, the repository's claim keeps
// them apart. Not thread-safe itself: one instance per worker thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/message_sender.hpp"
#include "core/outbox_repository.hpp"

namespace hotline::core {

struct DeliveryOptions {
  std::string worker;  // this worker's name in the leases, unique per thread and node
  // How long a claim holds; longer than one send can take (the sender's timeout), so a lease
  // runs out only when its worker is gone.
  std::chrono::seconds lease{60};
  int batch = 20;  // messages claimed per round
  RetryPolicy retry;
};

// A message given up in a round, for the log.
struct DeliveryFailure {
  std::int64_t id = 0;
  std::string reason;
};

struct DeliveryRound {
  int claimed = 0;
  int sent = 0;
  int retried = 0;
  std::vector<DeliveryFailure> failed;
  std::string last_retry_reason;  // of the latest retryable failure in the round, "" when none
  int lost_leases = 0;            // outcomes not recorded: the lease had run out (another worker sends)
};

class OutboxDelivery {
 public:
  // `jitter` returns values in [0, 1] for the retry rule (random in production).
  OutboxDelivery(OutboxRepository& outbox, MessageSender& sender, const Clock& clock, DeliveryOptions options,
                 std::function<double()> jitter);

  // Claims up to `options.batch` due messages and sends them one by one. Nothing is claimed when
  // the sender does not deliver (`MessageSender::delivers`). Errors: the repository's, from the
  // claim (a failed mark is counted in `lost_leases` and the round goes on: the message is claimed
  // again after its lease).
  [[nodiscard]] Result<DeliveryRound> run_once();

 private:
  OutboxRepository& outbox_;
  MessageSender& sender_;
  const Clock& clock_;
  DeliveryOptions options_;
  std::function<double()> jitter_;
};

}  // namespace hotline::core
