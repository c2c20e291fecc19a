#include "core/dispatch_catalogue.hpp"

#include <algorithm>

namespace hotline::core {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

Result<void> check_unit(const UnitTree& units, const UnitId& id, const std::string& field) {
  const Unit* unit = units.find(id);
  if (unit == nullptr) return fail(ErrorCode::invalid_argument, field + ": unknown unit " + id, field);
  if (!unit->active) return fail(ErrorCode::invalid_argument, field + ": unit " + id + " is inactive", field);
  return {};
}

}  // namespace

std::optional<RuleSpecificity> rule_applies(const DispatchRule& rule, std::string_view category, const Place& place) {
  RuleSpecificity specificity;
  if (!rule.street.empty()) {
    if (rule.street != place.street) return std::nullopt;
    specificity.place_level = 2;
  } else if (!rule.district.empty()) {
    if (rule.district != place.district) return std::nullopt;
    specificity.place_level = 1;
  }
  auto wanted = segments(rule.category);
  auto have = segments(category);
  if (wanted.size() > have.size()) return std::nullopt;
  if (!std::equal(wanted.begin(), wanted.end(), have.begin())) return std::nullopt;
  specificity.category_depth = static_cast<int>(wanted.size());
  return specificity;
}

std::vector<RuleMatch> match_rules(const std::vector<DispatchRule>& rules, std::string_view category,
                                   const Place& place) {
  std::vector<RuleMatch> out;
  for (const auto& rule : rules) {
    if (auto specificity = rule_applies(rule, category, place)) out.push_back({&rule, *specificity});
  }
  std::sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    if (a.specificity != b.specificity) return a.specificity > b.specificity;
    return a.rule->id < b.rule->id;
  });
  return out;
}

std::vector<UnitId> rule_units(const DispatchRule& rule, const Place& place) {
  std::vector<UnitId> out{rule.lead_unit};
  auto add = [&](const UnitId& unit) {
    if (!unit.empty() && std::find(out.begin(), out.end(), unit) == out.end()) out.push_back(unit);
  };
  for (const auto& unit : rule.co_units) add(unit);
  if (rule.place_co_handles) add(place.district);
  return out;
}

Result<void> validate_rule(const DispatchRule& rule, const UnitTree& units) {
  if (!valid_id(rule.id)) return fail(ErrorCode::invalid_argument, "id: 1-64 characters of a-z, 0-9, '-', '_'", "id");
  if (!rule.category.empty()) {
    auto parts = segments(rule.category);
    bool empty_part = std::any_of(parts.begin(), parts.end(), [](std::string_view s) { return s.empty(); });
    if (parts.size() > 3 || empty_part)
      return fail(ErrorCode::invalid_argument, "category: 1-3 non-empty levels separated by '/'", "category");
  }
  if (rule.lead_unit.empty()) return fail(ErrorCode::invalid_argument, "lead_unit: is required", "lead_unit");
  if (auto ok = check_unit(units, rule.lead_unit, "lead_unit"); !ok) return ok;
  for (std::size_t i = 0; i < rule.co_units.size(); ++i) {
    std::string field = "co_units[" + std::to_string(i) + "]";
    if (auto ok = check_unit(units, rule.co_units[i], field); !ok) return ok;
    if (rule.co_units[i] == rule.lead_unit)
      return fail(ErrorCode::invalid_argument, field + ": the lead unit cannot also co-handle", field);
  }
  if (!rule.district.empty()) {
    if (auto ok = check_unit(units, rule.district, "district"); !ok) return ok;
    if (units.find(rule.district)->kind != UnitKind::district)
      return fail(ErrorCode::invalid_argument, "district: not a district", "district");
  }
  if (!rule.street.empty()) {
    if (auto ok = check_unit(units, rule.street, "street"); !ok) return ok;
    if (units.find(rule.street)->kind != UnitKind::street)
      return fail(ErrorCode::invalid_argument, "street: not a street or town", "street");
    if (!rule.district.empty() && !units.is_within(rule.street, rule.district))
      return fail(ErrorCode::invalid_argument, "street: not within the rule's district", "street");
  }
  return {};
}

}  // namespace hotline::core
