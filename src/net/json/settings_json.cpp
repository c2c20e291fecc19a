#include "net/json/settings_json.hpp"

#include <algorithm>
#include <array>

#include "wire/json_reader.hpp"

namespace hotline::net::json {
namespace {

constexpr std::array<core::TicketType, 6> kTicketTypes{core::TicketType::inquiry,   core::TicketType::help,
                                                       core::TicketType::complaint, core::TicketType::report,
                                                       core::TicketType::suggestion, core::TicketType::praise};

// An integer field as an int; values beyond any valid range become -1 so core names the field.
int small_int(wire::ObjectReader& reader, std::string_view key) {
  auto value = reader.integer(key, wire::Need::required);
  if (!value) return 0;
  if (*value < -1 || *value > 1'000'000) return -1;
  return static_cast<int>(*value);
}

}  // namespace

std::string encode_settings(const core::Settings& current, const core::Settings& defaults) {
  return "{\"deadlines\":" + core::deadline_policy_json(current.deadlines) +
         ",\"kpi\":" + core::kpi_config_json(current.kpi) +
         ",\"defaults\":{\"deadlines\":" + core::deadline_policy_json(defaults.deadlines) +
         ",\"kpi\":" + core::kpi_config_json(defaults.kpi) + "}}";
}

std::string encode_deadlines_saved(const core::DeadlinePolicy& policy) {
  return "{\"deadlines\":" + core::deadline_policy_json(policy) + "}";
}

std::string encode_kpi_saved(const core::KpiConfig& config, const core::KpiRebuildSummary& rebuilt,
                             std::int64_t elapsed_ms) {
  return "{\"kpi\":" + core::kpi_config_json(config) + ",\"recomputed_months\":" + std::to_string(rebuilt.months) +
         ",\"elapsed_ms\":" + std::to_string(elapsed_ms) + "}";
}

core::Result<core::DeadlinePolicy> decode_deadline_policy(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed, "deadlines.");
  core::DeadlinePolicy out;
  if (const auto* days = reader.object("working_days", wire::Need::required)) {
    wire::ObjectReader inner(*days, "deadlines.working_days.");
    for (auto type : kTicketTypes) out.working_days[type] = small_int(inner, core::to_string(type));
    if (auto done = inner.finish(); !done) reader.fail(done.error());
  }
  out.urgent_hours = small_int(reader, "urgent_hours");
  out.acknowledge_working_days = small_int(reader, "acknowledge_working_days");
  out.max_extension_working_days = small_int(reader, "max_extension_working_days");
  out.callback_working_days = small_int(reader, "callback_working_days");
  out.callback_max_attempts = small_int(reader, "callback_max_attempts");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<core::KpiConfig> decode_kpi_config(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed, "kpi.");
  core::KpiConfig out;
  if (auto levels = reader.string_array("satisfied_levels", wire::Need::required)) {
    out.satisfied_levels = {false, false, false, false};
    for (const auto& text : *levels) {
      auto rating = core::parse_rating(text);
      if (!rating) {
        reader.fail_field("satisfied_levels", "unknown rating \"" + text + "\"");
        break;
      }
      out.satisfied_levels[static_cast<std::size_t>(*rating)] = true;
    }
  }
  if (auto limit = reader.integer("dispatch_limit_seconds", wire::Need::required)) out.dispatch_limit_seconds = *limit;
  if (auto limit = reader.integer("online_response_limit_seconds", wire::Need::required))
    out.online_response_limit_seconds = *limit;
  if (const auto* targets = reader.object("targets", wire::Need::required)) {
    wire::ObjectReader inner(*targets, "kpi.targets.");
    for (auto key : core::all_kpi_keys()) {
      const auto* target = inner.object(core::to_string(key), wire::Need::required);
      if (target == nullptr) continue;
      wire::ObjectReader one(*target, "kpi.targets." + std::string(core::to_string(key)) + ".");
      auto& into = out.targets[static_cast<std::size_t>(key)];
      if (auto points = one.integer("basis_points", wire::Need::required))
        into.basis_points = std::clamp<std::int64_t>(*points, -1, 1'000'000);
      into.all_required = one.boolean("all_required").value_or(false);
      if (auto done = one.finish(); !done) inner.fail(done.error());
    }
    if (auto done = inner.finish(); !done) reader.fail(done.error());
  }
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

}  // namespace hotline::net::json
