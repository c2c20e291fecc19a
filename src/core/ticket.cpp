#include "core/ticket.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace hotline::core {
namespace {

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<TicketType, std::string_view>, 6> kTypes{{
    {TicketType::inquiry, "inquiry"},
    {TicketType::help, "help"},
    {TicketType::complaint, "complaint"},
    {TicketType::report, "report"},
    {TicketType::suggestion, "suggestion"},
    {TicketType::praise, "praise"},
}};
constexpr std::array<std::pair<Channel, std::string_view>, 9> kChannels{{
    {Channel::phone, "phone"},
    {Channel::online_chat, "online_chat"},
    {Channel::wechat, "wechat"},
    {Channel::web, "web"},
    {Channel::app, "app"},
    {Channel::email, "email"},
    {Channel::sms, "sms"},
    {Channel::open311, "open311"},
    {Channel::other_hotline, "other_hotline"},
}};
constexpr std::array<std::pair<Urgency, std::string_view>, 2> kUrgencies{{
    {Urgency::normal, "normal"},
    {Urgency::urgent, "urgent"},
}};
constexpr std::array<std::pair<CallbackOutcome, std::string_view>, 3> kCallbackOutcomes{{
    {CallbackOutcome::rated, "rated"},
    {CallbackOutcome::unreachable, "unreachable"},
    {CallbackOutcome::refused, "refused"},
}};
constexpr std::array<std::pair<Rating, std::string_view>, 4> kRatings{{
    {Rating::very_satisfied, "very_satisfied"},
    {Rating::satisfied, "satisfied"},
    {Rating::basically_satisfied, "basically_satisfied"},
    {Rating::dissatisfied, "dissatisfied"},
}};
constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles{{
    {Role::agent, "agent"},
    {Role::dispatcher, "dispatcher"},
    {Role::unit_handler, "unit_handler"},
    {Role::callback_agent, "callback_agent"},
    {Role::supervisor, "supervisor"},
    {Role::manager, "manager"},
    {Role::admin, "admin"},
}};
constexpr std::array<std::pair<TicketState, std::string_view>, 13> kStates{{
    {TicketState::registered, "registered"},
    {TicketState::resolved_at_intake, "resolved_at_intake"},
    {TicketState::pending_review, "pending_review"},
    {TicketState::dispatched, "dispatched"},
    {TicketState::acknowledged, "acknowledged"},
    {TicketState::in_progress, "in_progress"},
    {TicketState::return_requested, "return_requested"},
    {TicketState::extension_requested, "extension_requested"},
    {TicketState::replied, "replied"},
    {TicketState::callback_pending, "callback_pending"},
    {TicketState::closed, "closed"},
    {TicketState::archived, "archived"},
    {TicketState::merged, "merged"},
}};

}  // namespace

std::string_view to_string(TicketType v) { return name_of(kTypes, v); }
std::string_view to_string(Channel v) { return name_of(kChannels, v); }
std::string_view to_string(Urgency v) { return name_of(kUrgencies, v); }
std::string_view to_string(Rating v) { return name_of(kRatings, v); }
std::string_view to_string(CallbackOutcome v) { return name_of(kCallbackOutcomes, v); }
std::optional<CallbackOutcome> parse_callback_outcome(std::string_view s) { return value_of(kCallbackOutcomes, s); }
std::string_view to_string(Role v) { return name_of(kRoles, v); }
std::string_view to_string(TicketState v) { return name_of(kStates, v); }
std::optional<TicketType> parse_ticket_type(std::string_view s) { return value_of(kTypes, s); }
std::optional<Channel> parse_channel(std::string_view s) { return value_of(kChannels, s); }
std::optional<Urgency> parse_urgency(std::string_view s) { return value_of(kUrgencies, s); }
std::optional<Rating> parse_rating(std::string_view s) { return value_of(kRatings, s); }
std::optional<Role> parse_role(std::string_view s) { return value_of(kRoles, s); }
std::optional<TicketState> parse_ticket_state(std::string_view s) { return value_of(kStates, s); }

const std::vector<TicketState>& all_ticket_states() {
  static const std::vector<TicketState> states = [] {
    std::vector<TicketState> out;
    for (const auto& [value, name] : kStates) out.push_back(value);
    return out;
  }();
  return states;
}

bool is_open_for_handling(TicketState s) {
  switch (s) {
    case TicketState::dispatched:
    case TicketState::acknowledged:
    case TicketState::in_progress:
    case TicketState::return_requested:
    case TicketState::extension_requested:
      return true;
    default:
      return false;
  }
}

bool is_final(TicketState s) {
  return s == TicketState::closed || s == TicketState::archived || s == TicketState::merged;
}

std::string normalize_phone(std::string_view phone) {
  constexpr std::string_view kIdeographicSpace = "\u3000";
  std::string out;
  out.reserve(phone.size());
  for (std::size_t i = 0; i < phone.size(); ++i) {
    if (phone.substr(i).starts_with(kIdeographicSpace)) {
      i += kIdeographicSpace.size() - 1;
      continue;
    }
    if (phone[i] == ' ' || phone[i] == '\t' || phone[i] == '-') continue;
    out += phone[i];
  }
  if (std::string_view(out).starts_with("+86")) out.erase(0, 3);
  return out;
}

}  // namespace hotline::core
