#include "core/portal_tracking.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "core/outbound_message.hpp"
#include "core/pii_mask.hpp"

namespace hotline::core {
namespace {

Error invalid(const std::string& field, const std::string& message) {
  return Error{ErrorCode::invalid_argument, message, field, {}};
}

bool six_digits(std::string_view code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Uniform over 000000..999999: 32 random bits, redrawn above the last whole million.
std::string random_code(ChallengeCrypto& crypto) {
  constexpr std::uint64_t kLimit = 4294000000ULL;  // 4294 * 10^6 <= 2^32
  for (;;) {
    const std::uint64_t value = std::stoull(crypto.random_hex(4), nullptr, 16);
    if (value >= kLimit) continue;
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06u", static_cast<unsigned>(value % 1000000));
    return digits;
  }
}

Result<std::string> mobile(std::string_view phone) {
  std::string normalized = normalize_phone(phone);
  if (!is_mobile_number(normalized)) return invalid("phone", "请填写 11 位手机号码");
  return normalized;
}

Result<void> positive(TicketId id) {
  if (id <= 0) return invalid("ticket_id", "请填写正确的工单编号");
  return {};
}

}  // namespace

std::string_view to_string(PublicStep step) {
  switch (step) {
    case PublicStep::accepted: return "accepted";
    case PublicStep::handling: return "handling";
    case PublicStep::answered: return "answered";
    case PublicStep::closed: return "closed";
    case PublicStep::merged: return "merged";
  }
  return "accepted";
}

PublicStep public_step(TicketState state) {
  switch (state) {
    case TicketState::registered:
    case TicketState::pending_review: return PublicStep::accepted;
    case TicketState::dispatched:
    case TicketState::acknowledged:
    case TicketState::in_progress:
    case TicketState::return_requested:
    case TicketState::extension_requested:
    case TicketState::replied: return PublicStep::handling;  // a reply is public once approved
    case TicketState::resolved_at_intake:
    case TicketState::callback_pending: return PublicStep::answered;
    case TicketState::closed:
    case TicketState::archived: return PublicStep::closed;
    case TicketState::merged: return PublicStep::merged;
  }
  return PublicStep::accepted;
}

TrackingView tracking_view(const Ticket& ticket, const UnitTree& units) {
  TrackingView view;
  view.id = ticket.id;
  view.type = ticket.type;
  view.title = ticket.title;
  view.step = public_step(ticket.state);
  view.registered_at = ticket.created_at;
  if (view.step == PublicStep::accepted || view.step == PublicStep::handling) view.deadline = ticket.deadline;
  if (view.step != PublicStep::accepted && view.step != PublicStep::merged && !ticket.lead_unit.empty()) {
    const Unit* unit = units.find(ticket.lead_unit);
    view.unit = unit != nullptr ? unit->name : std::string{};
  }
  if (ticket.state == TicketState::resolved_at_intake) view.reply = ticket.intake_answer;
  else if (view.step == PublicStep::answered || view.step == PublicStep::closed) view.reply = ticket.reply;
  if (view.step == PublicStep::closed) view.closed_at = ticket.closed_at;
  if (view.step != PublicStep::merged) view.rating = ticket.rating;
  view.can_rate = ticket.state == TicketState::callback_pending && !ticket.rating;
  return view;
}

PortalTracking::PortalTracking(TicketRepository& repository, TicketService& tickets, ReferenceService& reference,
                               Notifier& notifier, ChallengeCrypto& crypto, const Clock& clock, TrackingPolicy policy)
    : repository_(repository),
      tickets_(tickets),
      reference_(reference),
      notifier_(notifier),
      crypto_(crypto),
      clock_(clock),
      policy_(policy),
      per_address_(clock, policy.per_address),
      per_ticket_(clock, policy.per_ticket) {}

Actor PortalTracking::rating_actor() {
  return Actor{0, std::string(kPortalUsername), Role::callback_agent, {}};
}

std::string PortalTracking::code_mac(TicketId id, const std::string& phone, std::string_view code) {
  return crypto_.mac_hex("track-code:" + std::to_string(id) + ":" + phone + ":" + std::string(code));
}

Result<void> PortalTracking::request_code(TicketId id, std::string_view phone, std::string_view client) {
  if (auto ok = positive(id); !ok) return ok.error();
  auto number = mobile(phone);
  if (!number) return number.error();
  if (auto allowed = per_address_.take("address:" + std::string(client), "client", "获取验证码过于频繁"); !allowed) {
    Error refused = allowed.error();
    refused.message = "获取验证码过于频繁，请 " + wait_in_chinese(refused.retry_after) + "后再试";
    return refused;
  }
  if (auto allowed = per_ticket_.take("ticket:" + std::to_string(id), "ticket_id", "该工单获取验证码过于频繁");
      !allowed) {
    Error refused = allowed.error();
    refused.message = "该工单获取验证码过于频繁，请 " + wait_in_chinese(refused.retry_after) + "后再试";
    return refused;
  }
  auto ticket = repository_.get(id);
  if (!ticket) {
    if (ticket.error().code == ErrorCode::not_found) return {};  // the same answer as a match
    return ticket.error();
  }
  if (!constant_time_equal(normalize_phone(ticket->caller.phone), *number)) return {};

  const std::string code = random_code(crypto_);
  const Timestamp now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    std::erase_if(codes_, [&](const auto& entry) { return entry.second.until < now; });
    if (codes_.size() >= policy_.max_entries && !codes_.contains(id))
      return fail(ErrorCode::unavailable, "查询服务繁忙，请稍后再试");
    codes_[id] = Code{code_mac(id, *number, code), now + policy_.code_lifetime, 0};
  }
  const std::string text = "【12345】您查询工单 " + std::to_string(id) + " 的验证码为 " + code +
                           "，10 分钟内有效。如非本人操作，请忽略本短信。";
  if (auto queued = notifier_.enqueue(MessageKind::one_time_code, *number, text, id); !queued) {
    std::lock_guard lock(mutex_);
    codes_.erase(id);
    return queued.error();
  }
  return {};
}

Result<TrackingGrant> PortalTracking::verify(TicketId id, std::string_view phone, std::string_view code) {
  if (auto ok = positive(id); !ok) return ok.error();
  auto number = mobile(phone);
  if (!number) return number.error();
  if (!six_digits(code)) return invalid("code", "请输入短信中的 6 位验证码");
  const Timestamp now = clock_.now();
  TrackingGrant grant;
  {
    std::lock_guard lock(mutex_);
    auto found = codes_.find(id);
    if (found == codes_.end() || found->second.until < now) {
      if (found != codes_.end()) codes_.erase(found);
      return invalid("code", "验证码已失效，请重新获取");
    }
    if (!constant_time_equal(found->second.mac, code_mac(id, *number, code))) {
      const int left = policy_.max_tries - ++found->second.tries;
      if (left <= 0) {
        codes_.erase(found);
        return invalid("code", "验证码错误次数过多，已失效，请重新获取");
      }
      return invalid("code", "验证码错误，还可以再试 " + std::to_string(left) + " 次");
    }
    codes_.erase(found);  // one use
    std::erase_if(tokens_, [&](const auto& entry) { return entry.second.until < now; });
    if (tokens_.size() >= policy_.max_entries) return fail(ErrorCode::unavailable, "查询服务繁忙，请稍后再试");
    grant.token = crypto_.random_hex(24);
    grant.expires_at = now + policy_.token_lifetime;
    tokens_[crypto_.mac_hex("track-token:" + grant.token)] = Grant{id, grant.expires_at};
  }
  auto view = load_view(id);
  if (!view) return view.error();
  grant.view = std::move(*view);
  return grant;
}

Result<void> PortalTracking::check_token(TicketId id, std::string_view token) {
  const Error refused{ErrorCode::unauthenticated, "查询凭证无效或已过期，请重新获取验证码", "authorization", {}};
  if (token.empty()) return refused;
  const std::string mac = crypto_.mac_hex("track-token:" + std::string(token));
  std::lock_guard lock(mutex_);
  auto found = tokens_.find(mac);
  if (found == tokens_.end()) return refused;
  if (found->second.until < clock_.now()) {
    tokens_.erase(found);
    return refused;
  }
  if (found->second.ticket != id) return refused;
  return {};
}

Result<TrackingView> PortalTracking::load_view(TicketId id) {
  auto ticket = repository_.get(id);
  if (!ticket) return ticket.error();
  return tracking_view(*ticket, reference_.snapshot()->units);
}

Result<TrackingView> PortalTracking::view(TicketId id, std::string_view token) {
  if (auto ok = check_token(id, token); !ok) return ok.error();
  return load_view(id);
}

Result<TrackingView> PortalTracking::rate(TicketId id, std::string_view token, Rating level,
                                          const std::string& reason) {
  if (auto ok = check_token(id, token); !ok) return ok.error();
  if (level == Rating::very_satisfied) return invalid("level", "请选择：满意、基本满意或不满意");
  if (utf8_length(reason).value_or(reason.size()) > policy_.max_reason_chars)
    return invalid("reason", "原因不能超过 " + std::to_string(policy_.max_reason_chars) + " 个字");
  const bool blank = std::all_of(reason.begin(), reason.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
  if (level == Rating::dissatisfied && blank) return invalid("reason", "请说明不满意的原因，以便重新办理");
  auto current = load_view(id);
  if (!current) return current.error();
  if (current->rating) return fail(ErrorCode::conflict, "您已评价过这件诉求", "level");
  if (!current->can_rate) return fail(ErrorCode::conflict, "答复审核通过后才能评价", "level");

  ActionRequest request;
  request.action = Action::callback;
  request.outcome = CallbackOutcome::rated;
  request.rating = level;
  request.reason = blank ? std::string{} : reason;
  auto rated = tickets_.act(rating_actor(), id, request);
  if (!rated) {
    // A callback agent reached the citizen first, or the ticket moved on meanwhile.
    if (rated.error().code == ErrorCode::conflict) return fail(ErrorCode::conflict, "这件诉求已评价或已办结，无法再评价", "level");
    return rated.error();
  }
  return load_view(id);
}

}  // namespace hotline::core
