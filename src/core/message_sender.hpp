#pragma once
// Port: what hands one outbox message to the outside world (an SMS gateway). Implemented in
// src/adapters (`HttpSmsSender`, `NoSender`). Synchronous: `send` returns once the gateway has
// answered or the attempt timed out. Implementations must be safe to call from one worker thread
// at a time at least; `OutboxDelivery` calls it from its own thread only.

#include <string>
#include <variant>

#include "core/outbound_message.hpp"

namespace hotline::core {

// A failed attempt: `retryable` when trying again later may succeed (timeouts, refused
// connections, 429, 5xx); otherwise the gateway refused the message itself (other 4xx) and the
// message is given up.
struct SendFailure {
  bool retryable = true;
  std::string reason;  // for the outbox's last_error and the log, e.g. "HTTP 503", "timeout"
};

// The gateway's own id of the accepted message ("" when it gave none), or a failure.
struct SendOutcome {
  std::variant<std::string, SendFailure> value;

  bool sent() const { return value.index() == 0; }
  const std::string& gateway_message_id() const { return std::get<0>(value); }
  const SendFailure& failure() const { return std::get<1>(value); }
};

class MessageSender {
 public:
  virtual ~MessageSender() = default;
  // False when no sender is configured: messages then stay pending in the outbox (admins read
  // them there) and `OutboxDelivery` claims nothing.
  virtual bool delivers() const = 0;
  virtual SendOutcome send(const OutboundMessage& message) = 0;
};

}  // namespace hotline::core
