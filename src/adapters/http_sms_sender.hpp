#pragma once
// Implementations of `core::MessageSender` (core/message_sender.hpp):
//   - `HttpSmsSender`: one HTTP/1.1 request per message to an SMS gateway, shaped by an
//     `SmsTemplate` (sms_template.hpp), over a fresh connection with one deadline for the whole
//     exchange (connect, write, read). 2xx: sent (the gateway's id read from the answer when the
//     template names its field); 429, 5xx, timeouts and network errors: retryable; any other
//     status: refused for good. Boost.Beast stays inside the .cpp.
//   - `NoSender`: no gateway configured; messages stay pending in the outbox for admins to read.
// Thread-safe: `send` keeps no state between calls.

#include "adapters/sms_template.hpp"
#include "core/message_sender.hpp"

namespace hotline::adapters {

class HttpSmsSender final : public core::MessageSender {
 public:
  explicit HttpSmsSender(SmsTemplate sms);

  // core::MessageSender
  bool delivers() const override { return true; }
  core::SendOutcome send(const core::OutboundMessage& message) override;

 private:
  SmsTemplate template_;
};

class NoSender final : public core::MessageSender {
 public:
  // core::MessageSender
  bool delivers() const override { return false; }
  // Never called by `OutboxDelivery`; answers a permanent failure for any other caller.
  core::SendOutcome send(const core::OutboundMessage&) override {
    return core::SendOutcome{core::SendFailure{false, "no SMS sender configured"}};
  }
};

}  // namespace hotline::adapters
