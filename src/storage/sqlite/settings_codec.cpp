#include "storage/sqlite/settings_codec.hpp"

#include <charconv>
#include <functional>
#include <map>

#include "core/ticket.hpp"

namespace hotline::storage::sqlite {
namespace {

const std::array<core::TicketType, 6> kTicketTypes{core::TicketType::inquiry,   core::TicketType::help,
                                                   core::TicketType::complaint, core::TicketType::report,
                                                   core::TicketType::suggestion, core::TicketType::praise};
const std::array<core::Rating, 4> kRatings{core::Rating::very_satisfied, core::Rating::satisfied,
                                           core::Rating::basically_satisfied, core::Rating::dissatisfied};

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Calls `take(name, value)` for every "name=value" line of `text`.
void for_each_line(std::string_view text, const std::function<void(std::string_view, std::string_view)>& take) {
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    take(line.substr(0, eq), line.substr(eq + 1));
  }
}

void put_int(std::string_view text, int& into) {
  if (auto v = parse_int(text)) into = static_cast<int>(*v);
}

}  // namespace

std::string encode_deadline_policy(const core::DeadlinePolicy& policy) {
  std::string out;
  for (const auto& [type, days] : policy.working_days)
    out += "working_days." + std::string(core::to_string(type)) + "=" + std::to_string(days) + "\n";
  out += "urgent_hours=" + std::to_string(policy.urgent_hours) + "\n";
  out += "acknowledge_working_days=" + std::to_string(policy.acknowledge_working_days) + "\n";
  out += "max_extension_working_days=" + std::to_string(policy.max_extension_working_days) + "\n";
  out += "callback_working_days=" + std::to_string(policy.callback_working_days) + "\n";
  out += "callback_max_attempts=" + std::to_string(policy.callback_max_attempts) + "\n";
  return out;
}

core::DeadlinePolicy decode_deadline_policy(std::string_view text) {
  core::DeadlinePolicy policy;
  std::map<std::string, int*, std::less<>> fields{
      {"urgent_hours", &policy.urgent_hours},
      {"acknowledge_working_days", &policy.acknowledge_working_days},
      {"max_extension_working_days", &policy.max_extension_working_days},
      {"callback_working_days", &policy.callback_working_days},
      {"callback_max_attempts", &policy.callback_max_attempts},
  };
  for (auto type : kTicketTypes)
    fields.emplace("working_days." + std::string(core::to_string(type)), &policy.working_days[type]);
  for_each_line(text, [&](std::string_view name, std::string_view value) {
    if (auto it = fields.find(name); it != fields.end()) put_int(value, *it->second);
  });
  return policy;
}

std::string encode_kpi_config(const core::KpiConfig& config) {
  std::string out;
  for (std::size_t i = 0; i < kRatings.size(); ++i)
    out += "satisfied." + std::string(core::to_string(kRatings[i])) + "=" + (config.satisfied_levels[i] ? "1" : "0") + "\n";
  out += "dispatch_limit_seconds=" + std::to_string(config.dispatch_limit_seconds) + "\n";
  out += "online_response_limit_seconds=" + std::to_string(config.online_response_limit_seconds) + "\n";
  for (auto key : core::all_kpi_keys()) {
    const auto& target = config.target(key);
    out += "targets." + std::string(core::to_string(key)) + "=" + std::to_string(target.basis_points) +
           (target.all_required ? "!" : "") + "\n";
  }
  return out;
}

core::KpiConfig decode_kpi_config(std::string_view text) {
  core::KpiConfig config;
  for_each_line(text, [&](std::string_view name, std::string_view value) {
    if (name == "dispatch_limit_seconds") {
      if (auto v = parse_int(value)) config.dispatch_limit_seconds = *v;
    } else if (name == "online_response_limit_seconds") {
      if (auto v = parse_int(value)) config.online_response_limit_seconds = *v;
    } else if (name.starts_with("satisfied.")) {
      auto rating = core::parse_rating(name.substr(10));
      if (rating && (value == "0" || value == "1"))
        config.satisfied_levels[static_cast<std::size_t>(*rating)] = value == "1";
    } else if (name.starts_with("targets.")) {
      auto key = core::parse_kpi_key(name.substr(8));
      bool all_required = value.ends_with('!');
      if (all_required) value.remove_suffix(1);
      auto points = parse_int(value);
      if (key && points)
        config.targets[static_cast<std::size_t>(*key)] = core::KpiTarget{*points, all_required};
    }
  });
  return config;
}

}  // namespace hotline::storage::sqlite
