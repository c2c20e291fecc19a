#include "core/outbound_message.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/pii_mask.hpp"

namespace hotline::core {
namespace {

constexpr std::array<std::pair<MessageKind, std::string_view>, 4> kKinds{{
    {MessageKind::one_time_code, "one_time_code"},
    {MessageKind::ticket_registered, "ticket_registered"},
    {MessageKind::ticket_replied, "ticket_replied"},
    {MessageKind::other, "other"},
}};

constexpr std::array<std::pair<MessageState, std::string_view>, 4> kStates{{
    {MessageState::pending, "pending"},
    {MessageState::sending, "sending"},
    {MessageState::sent, "sent"},
    {MessageState::failed, "failed"},
}};

}  // namespace

std::string to_string(MessageKind kind) {
  for (const auto& [k, name] : kKinds)
    if (k == kind) return std::string(name);
  return "other";
}

std::optional<MessageKind> parse_message_kind(std::string_view text) {
  for (const auto& [k, name] : kKinds)
    if (name == text) return k;
  return std::nullopt;
}

std::string to_string(MessageState state) {
  for (const auto& [s, name] : kStates)
    if (s == state) return std::string(name);
  return "pending";
}

std::optional<MessageState> parse_message_state(std::string_view text) {
  for (const auto& [s, name] : kStates)
    if (name == text) return s;
  return std::nullopt;
}

std::optional<std::chrono::seconds> next_attempt_delay(const RetryPolicy& policy, int attempts, double jitter) {
  if (attempts >= policy.max_attempts) return std::nullopt;
  const std::int64_t base = std::max<std::int64_t>(1, policy.base.count());
  const std::int64_t cap = std::max<std::int64_t>(base, policy.cap.count());
  // Doubling stops at the cap, so the product never overflows whatever `attempts` is.
  std::int64_t delay = base;
  for (int n = 1; n < attempts && delay < cap; ++n) delay *= 2;
  delay = std::min(delay, cap);
  jitter = std::clamp(jitter, 0.0, 1.0);
  const auto scaled = static_cast<std::int64_t>(static_cast<double>(delay) * (0.5 + jitter / 2.0));
  return std::chrono::seconds{std::max<std::int64_t>(1, scaled)};
}

Result<void> validate_recipient(std::string_view phone) {
  if (!is_mobile_number(phone))
    return fail(ErrorCode::invalid_argument, "recipient must be a mainland mobile number (11 digits, 1[3-9]...)",
                "recipient");
  return {};
}

std::optional<std::size_t> utf8_length(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      code = lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      code = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      code = lead & 0x07;
    } else {
      return std::nullopt;  // a continuation byte, an overlong lead (C0, C1) or above U+10FFFF
    }
    if (i + extra >= text.size()) return std::nullopt;  // truncated sequence (never for ASCII: i < size)
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      code = (code << 6) | (next & 0x3F);
    }
    const bool overlong = (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000);
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    if (overlong || surrogate || code > 0x10FFFF) return std::nullopt;
    i += extra + 1;
    ++count;
  }
  return count;
}

Result<void> validate_message_text(std::string_view text) {
  auto length = utf8_length(text);
  if (!length) return fail(ErrorCode::invalid_argument, "text is not valid UTF-8", "text");
  const bool blank = std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
  if (blank) return fail(ErrorCode::invalid_argument, "text is empty", "text");
  if (*length > kMaxOutboundTextChars)
    return fail(ErrorCode::invalid_argument, "text is longer than 500 characters", "text");
  return {};
}

}  // namespace hotline::core
