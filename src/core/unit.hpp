#pragma once
// Handling units (承办单位) and the tree they form: city -> districts -> streets/towns, plus city
// departments, merged hotlines and utilities under the city.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

enum class UnitKind { city, district, street, department, hotline, utility };
std::string_view to_string(UnitKind v);
std::optional<UnitKind> parse_unit_kind(std::string_view s);

struct Unit {
  UnitId id;
  UnitId parent_id;  // empty for the root
  UnitKind kind = UnitKind::department;
  std::string name;
  bool active = true;
};

// An immutable snapshot of the unit tree with ancestor queries. Cheap to copy by shared_ptr;
// thread-safe for concurrent reads.
class UnitTree {
 public:
  UnitTree() = default;
  explicit UnitTree(std::vector<Unit> units);

  const Unit* find(std::string_view id) const;
  // True when `unit` equals `ancestor` or lies below it.
  bool is_within(std::string_view unit, std::string_view ancestor) const;
  // `root` and every unit below it.
  std::vector<UnitId> subtree(std::string_view root) const;
  const std::vector<Unit>& units() const { return units_; }

 private:
  std::vector<Unit> units_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// Checks a unit before it is stored: id, name, kind, an existing parent, no cycles.
[[nodiscard]] Result<void> validate_unit(const Unit& unit, const UnitTree& tree);

}  // namespace hotline::core
