#include "core/settings_service.hpp"

#include <array>

#include "core/change_audit.hpp"

namespace hotline::core {
namespace {

constexpr std::array<TicketType, 6> kTicketTypes{TicketType::inquiry,   TicketType::help,
                                                 TicketType::complaint, TicketType::report,
                                                 TicketType::suggestion, TicketType::praise};
constexpr std::array<Rating, 4> kRatings{Rating::very_satisfied, Rating::satisfied, Rating::basically_satisfied,
                                         Rating::dissatisfied};
constexpr std::int64_t kWeekSeconds = 7 * 24 * 3600;

bool may_read(Role role) { return role == Role::admin || role == Role::manager || role == Role::supervisor; }

Result<void> check_range(std::int64_t value, std::int64_t low, std::int64_t high, const std::string& field) {
  if (value < low || value > high)
    return fail(ErrorCode::invalid_argument,
                field + " must be " + std::to_string(low) + "-" + std::to_string(high), field);
  return {};
}

}  // namespace

Result<void> validate_deadline_policy(const DeadlinePolicy& policy) {
  for (auto type : kTicketTypes) {
    const std::string field = "deadlines.working_days." + std::string(to_string(type));
    auto it = policy.working_days.find(type);
    if (it == policy.working_days.end()) return fail(ErrorCode::invalid_argument, field + " is required", field);
    if (auto ok = check_range(it->second, 1, 60, field); !ok) return ok;
  }
  if (auto ok = check_range(policy.urgent_hours, 1, 168, "deadlines.urgent_hours"); !ok) return ok;
  if (auto ok = check_range(policy.acknowledge_working_days, 1, 10, "deadlines.acknowledge_working_days"); !ok)
    return ok;
  if (auto ok = check_range(policy.max_extension_working_days, 1, 90, "deadlines.max_extension_working_days"); !ok)
    return ok;
  if (auto ok = check_range(policy.callback_working_days, 1, 10, "deadlines.callback_working_days"); !ok) return ok;
  return check_range(policy.callback_max_attempts, 1, 10, "deadlines.callback_max_attempts");
}

Result<void> validate_kpi_config(const KpiConfig& config) {
  if (auto ok = check_range(config.dispatch_limit_seconds, 60, kWeekSeconds, "kpi.dispatch_limit_seconds"); !ok)
    return ok;
  if (auto ok = check_range(config.online_response_limit_seconds, 10, 3600, "kpi.online_response_limit_seconds"); !ok)
    return ok;
  for (auto key : all_kpi_keys())
    if (auto ok = check_range(config.target(key).basis_points, 0, 10000, "kpi.targets." + std::string(to_string(key)));
        !ok)
      return ok;
  for (bool satisfied : config.satisfied_levels)
    if (satisfied) return {};
  return fail(ErrorCode::invalid_argument, "kpi.satisfied_levels must name at least one level", "kpi.satisfied_levels");
}

std::string deadline_policy_json(const DeadlinePolicy& policy) {
  std::string out = "{\"working_days\":{";
  bool first = true;
  for (auto type : kTicketTypes) {
    auto it = policy.working_days.find(type);
    if (it == policy.working_days.end()) continue;
    out += (first ? "" : ",") + json_quote(std::string(to_string(type))) + ":" + std::to_string(it->second);
    first = false;
  }
  out += "},\"urgent_hours\":" + std::to_string(policy.urgent_hours) +
         ",\"acknowledge_working_days\":" + std::to_string(policy.acknowledge_working_days) +
         ",\"max_extension_working_days\":" + std::to_string(policy.max_extension_working_days) +
         ",\"callback_working_days\":" + std::to_string(policy.callback_working_days) +
         ",\"callback_max_attempts\":" + std::to_string(policy.callback_max_attempts) + "}";
  return out;
}

std::string kpi_config_json(const KpiConfig& config) {
  std::string out = "{\"satisfied_levels\":[";
  bool first = true;
  for (std::size_t i = 0; i < kRatings.size(); ++i) {
    if (!config.satisfied_levels[i]) continue;
    out += (first ? "" : ",") + json_quote(std::string(to_string(kRatings[i])));
    first = false;
  }
  out += "],\"dispatch_limit_seconds\":" + std::to_string(config.dispatch_limit_seconds) +
         ",\"online_response_limit_seconds\":" + std::to_string(config.online_response_limit_seconds) +
         ",\"targets\":{";
  first = true;
  for (auto key : all_kpi_keys()) {
    const auto& target = config.target(key);
    out += (first ? "" : ",") + json_quote(std::string(to_string(key))) +
           ":{\"basis_points\":" + std::to_string(target.basis_points) +
           ",\"all_required\":" + (target.all_required ? "true" : "false") + "}";
    first = false;
  }
  return out + "}}";
}

SettingsService::SettingsService(SettingsRepository& settings, KpiRepository& kpi, TicketService& tickets,
                                 AuditRepository& audit, const Clock& clock)
    : settings_(settings), kpi_(kpi), tickets_(tickets), audit_(audit), clock_(clock) {}

Result<void> SettingsService::load() {
  auto stored = settings_.deadline_policy();
  if (!stored) return stored.error();
  tickets_.set_policy(stored->value_or(DeadlinePolicy{}));
  return {};
}

Result<Settings> SettingsService::get(const Actor& actor) {
  if (!may_read(actor.role)) return fail(ErrorCode::forbidden, "role may not read the settings");
  return Settings{*tickets_.policy(), kpi_.config()};
}

Result<DeadlinePolicy> SettingsService::put_deadlines(const Actor& actor, const DeadlinePolicy& policy) {
  if (actor.role != Role::admin) return fail(ErrorCode::forbidden, "only administrators may change the settings");
  if (auto ok = validate_deadline_policy(policy); !ok) return ok.error();
  std::lock_guard lock(change_mutex_);
  const DeadlinePolicy before = *tickets_.policy();
  if (auto stored = settings_.put_deadline_policy(policy); !stored) return stored.error();
  tickets_.set_policy(policy);
  auto audited = record_change(audit_, clock_, actor, "settings_changed", "settings:deadlines",
                               deadline_policy_json(before), deadline_policy_json(policy));
  if (!audited) return audited.error();
  return policy;
}

Result<KpiRebuildSummary> SettingsService::put_kpi(const Actor& actor, const KpiConfig& config) {
  if (actor.role != Role::admin) return fail(ErrorCode::forbidden, "only administrators may change the settings");
  if (auto ok = validate_kpi_config(config); !ok) return ok.error();
  std::lock_guard lock(change_mutex_);
  const KpiConfig before = kpi_.config();
  auto rebuilt = kpi_.change_config(config);
  if (!rebuilt) return rebuilt.error();
  auto audited = record_change(audit_, clock_, actor, "settings_changed", "settings:kpi", kpi_config_json(before),
                               kpi_config_json(config));
  if (!audited) return audited.error();
  return *rebuilt;
}

}  // namespace hotline::core
