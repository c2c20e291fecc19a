#pragma once
// Port: the outbox, durable storage of every message to a citizen (outbound_message.hpp) and its
// delivery state. Messages are claimed by workers with a lease: a claim moves due messages to
// `sending` atomically (no two claims, from threads or server nodes, ever hold one message at the
// same time), and a message whose lease ran out (its worker crashed mid-send) is due again, so it
// is sent after the lease rather than lost. Delivery is at least once: a worker that crashes
// after the gateway accepted a message but before `mark_sent` leads to a second send.
// Implemented in storage/{memory,sqlite}, checked by storage/conformance. Synchronous,
// thread-safe, durable on success; validation and roles are the caller's (`Notifier`).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/outbound_message.hpp"
#include "core/result.hpp"

namespace hotline::core {

// Filters are ANDed; newest (highest id) first; `before_id` is the cursor (exclusive).
struct OutboxQuery {
  std::optional<MessageState> state;
  std::optional<MessageKind> kind;
  std::optional<std::int64_t> before_id;
  int limit = 50;  // 1..500
};

class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;

  // Stores `message` with the next id, state pending, 0 attempts, due at `next_attempt_at`, no
  // lease, no result fields; returns it as stored. Durable when it returns.
  [[nodiscard]] virtual Result<OutboundMessage> enqueue(const OutboundMessage& message) = 0;

  // Claims, oldest first, up to `limit` messages that are due at `now`: pending with
  // next_attempt_at <= now, or sending with lease_until <= now (an abandoned claim). Each becomes
  // sending, leased to `worker` until `lease_until`, with attempts + 1; they are returned so.
  [[nodiscard]] virtual Result<std::vector<OutboundMessage>> claim_due(Timestamp now, Timestamp lease_until,
                                                                       std::string_view worker, int limit) = 0;

  // The outcome of a claimed message's attempt. Each applies only to a message in state sending
  // leased to `worker` (the claim that sent it); errors: not_found, conflict otherwise (the lease
  // ran out and another worker holds it, or it is no longer sending). The lease is cleared.
  // sent, with `gateway_message_id` and `sent_at`:
  [[nodiscard]] virtual Result<void> mark_sent(std::int64_t id, std::string_view worker,
                                               std::string_view gateway_message_id, Timestamp sent_at) = 0;
  // pending again, due at `next_attempt_at`, with `error` as last_error:
  [[nodiscard]] virtual Result<void> mark_retry(std::int64_t id, std::string_view worker, Timestamp next_attempt_at,
                                                std::string_view error) = 0;
  // failed (given up), with `error` as last_error:
  [[nodiscard]] virtual Result<void> mark_failed(std::int64_t id, std::string_view worker, std::string_view error) = 0;

  [[nodiscard]] virtual Result<std::vector<OutboundMessage>> list(const OutboxQuery& query) = 0;
  // Errors: not_found.
  [[nodiscard]] virtual Result<OutboundMessage> get(std::int64_t id) = 0;
};

}  // namespace hotline::core
