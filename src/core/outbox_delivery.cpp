#include "core/outbox_delivery.hpp"

#include <utility>

namespace hotline::core {

OutboxDelivery::OutboxDelivery(OutboxRepository& outbox, MessageSender& sender, const Clock& clock,
                               DeliveryOptions options, std::function<double()> jitter)
    : outbox_(outbox), sender_(sender), clock_(clock), options_(std::move(options)), jitter_(std::move(jitter)) {}

Result<DeliveryRound> OutboxDelivery::run_once() {
  DeliveryRound round;
  if (!sender_.delivers()) return round;
  const Timestamp now = clock_.now();
  auto claimed = outbox_.claim_due(now, now + options_.lease, options_.worker, options_.batch);
  if (!claimed) return claimed.error();
  round.claimed = static_cast<int>(claimed->size());
  for (const auto& message : *claimed) {
    const SendOutcome outcome = sender_.send(message);
    const Timestamp done = clock_.now();
    Result<void> marked;
    if (outcome.sent()) {
      marked = outbox_.mark_sent(message.id, options_.worker, outcome.gateway_message_id(), done);
      if (marked) ++round.sent;
    } else {
      const SendFailure& failure = outcome.failure();
      auto delay = failure.retryable ? next_attempt_delay(options_.retry, message.attempts, jitter_())
                                     : std::nullopt;
      if (delay) {
        marked = outbox_.mark_retry(message.id, options_.worker, done + *delay, failure.reason);
        if (marked) {
          ++round.retried;
          round.last_retry_reason = failure.reason;
        }
      } else {
        const std::string reason = failure.retryable
                                       ? failure.reason + " (gave up after " + std::to_string(message.attempts) + " attempts)"
                                       : failure.reason;
        marked = outbox_.mark_failed(message.id, options_.worker, reason);
        if (marked) round.failed.push_back({message.id, reason});
      }
    }
    if (!marked) ++round.lost_leases;
  }
  return round;
}

}  // namespace hotline::core
