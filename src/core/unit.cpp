#include "core/unit.hpp"

#include <array>
#include <utility>

namespace hotline::core {
namespace {

constexpr std::array<std::pair<UnitKind, std::string_view>, 6> kKinds{{
    {UnitKind::city, "city"},
    {UnitKind::district, "district"},
    {UnitKind::street, "street"},
    {UnitKind::department, "department"},
    {UnitKind::hotline, "hotline"},
    {UnitKind::utility, "utility"},
}};

}  // namespace

std::string_view to_string(UnitKind v) {
  for (const auto& [kind, name] : kKinds) {
    if (kind == v) return name;
  }
  return "unknown";
}

std::optional<UnitKind> parse_unit_kind(std::string_view s) {
  for (const auto& [kind, name] : kKinds) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

UnitTree::UnitTree(std::vector<Unit> units) : units_(std::move(units)) {
  for (std::size_t i = 0; i < units_.size(); ++i) index_.emplace(units_[i].id, i);
}

const Unit* UnitTree::find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &units_[it->second];
}

bool UnitTree::is_within(std::string_view unit, std::string_view ancestor) const {
  // Bounded walk: a tree deeper than the number of units would mean a cycle.
  std::string_view current = unit;
  for (std::size_t steps = 0; steps <= units_.size() && !current.empty(); ++steps) {
    if (current == ancestor) return true;
    const Unit* u = find(current);
    if (u == nullptr) return false;
    current = u->parent_id;
  }
  return false;
}

std::vector<UnitId> UnitTree::subtree(std::string_view root) const {
  std::vector<UnitId> out;
  if (find(root) == nullptr) return out;
  for (const auto& u : units_) {
    if (is_within(u.id, root)) out.push_back(u.id);
  }
  return out;
}

Result<void> validate_unit(const Unit& unit, const UnitTree& tree) {
  if (unit.id.empty() || unit.id.size() > 64) return fail(ErrorCode::invalid_argument, "unit id must be 1-64 characters", "id");
  if (unit.name.empty()) return fail(ErrorCode::invalid_argument, "unit name is required", "name");
  if (!unit.parent_id.empty()) {
    if (tree.find(unit.parent_id) == nullptr) return fail(ErrorCode::invalid_argument, "parent unit does not exist", "parent_id");
    if (unit.parent_id == unit.id || tree.is_within(unit.parent_id, unit.id))
      return fail(ErrorCode::invalid_argument, "a unit cannot be placed below itself", "parent_id");
  }
  return {};
}

}  // namespace hotline::core
