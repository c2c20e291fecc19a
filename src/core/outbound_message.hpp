#pragma once
// Messages to citizens (issue 14): one-time codes and "your request was registered/replied" texts.
// Every message is stored in the outbox first (outbox_repository.hpp), then sent by the configured
// `MessageSender` (message_sender.hpp) with retries (`next_attempt_delay`). Pure rules here: the
// message record, its validation and the retry rule. The notifier (notifier.hpp) adds roles and
// audit; `OutboxDelivery` (outbox_delivery.hpp) drives the sending.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

// Characters (Unicode code points, not bytes) of one message text at most.
inline constexpr std::size_t kMaxOutboundTextChars = 500;

enum class MessageKind { one_time_code, ticket_registered, ticket_replied, other };
std::string to_string(MessageKind kind);
std::optional<MessageKind> parse_message_kind(std::string_view text);

// pending: waiting for its next attempt (or for a sender: with none configured it stays here);
// sending: claimed by a worker until `lease_until`; sent: the gateway accepted it; failed: given up.
enum class MessageState { pending, sending, sent, failed };
std::string to_string(MessageState state);
std::optional<MessageState> parse_message_state(std::string_view text);

struct OutboundMessage {
  std::int64_t id = 0;  // assigned by the repository, increasing
  MessageKind kind = MessageKind::other;
  std::string recipient;  // mainland mobile number, 11 ASCII digits
  std::string text;
  std::optional<TicketId> ticket_id;
  MessageState state = MessageState::pending;
  int attempts = 0;  // claims so far (a claim that crashed counts too)
  Timestamp next_attempt_at{};
  std::string last_error;  // of the latest failed attempt; "" when none
  Timestamp created_at{};
  std::optional<Timestamp> sent_at;
  std::string gateway_message_id;  // what the gateway answered, "" when it said nothing
  // The claim of a `sending` message: who holds it and until when ("" / none otherwise).
  std::string lease_owner;
  std::optional<Timestamp> lease_until;

  bool operator==(const OutboundMessage&) const = default;
};

// The retry rule: attempt n (1-based) that failed retryably waits
// min(cap, base * 2^(n-1)) scaled into [1/2, 1] by the jitter, unless n reached `max_attempts`.
struct RetryPolicy {
  std::chrono::seconds base{30};
  std::chrono::seconds cap{std::chrono::hours{1}};
  int max_attempts = 8;  // >= 1
};

// How long to wait after failed attempt `attempts` (>= 1), or nullopt when the message should be
// given up (`attempts >= policy.max_attempts`). `jitter` in [0, 1] (clamped) comes from the caller
// (a random source in production, a fixed value in tests), so the rule reads no clock or RNG.
// Never less than one second.
[[nodiscard]] std::optional<std::chrono::seconds> next_attempt_delay(const RetryPolicy& policy, int attempts,
                                                                     double jitter);

// Errors: invalid_argument "recipient" unless 11 ASCII digits matching 1[3-9]\d{9}.
[[nodiscard]] Result<void> validate_recipient(std::string_view phone);
// Errors: invalid_argument "text" when empty (or only white space), not valid UTF-8, or longer than
// `kMaxOutboundTextChars` code points.
[[nodiscard]] Result<void> validate_message_text(std::string_view text);
// Code points of valid UTF-8 `text`; nullopt when it is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

}  // namespace hotline::core
