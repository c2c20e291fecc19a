#pragma once
// Port: durable storage of the dispatch catalogue (dispatch_catalogue.hpp). Rules are
// configuration, so the port is a plain keyed set: list, upsert by id, delete by id. Implemented
// in storage/{memory,sqlite}, checked by storage/conformance. Synchronous, thread-safe, durable on
// success; validation is the caller's (`validate_rule`).

#include <string>
#include <vector>

#include "core/dispatch_catalogue.hpp"
#include "core/result.hpp"

namespace hotline::core {

class DispatchCatalogueRepository {
 public:
  virtual ~DispatchCatalogueRepository() = default;
  // Every rule, ordered by id.
  [[nodiscard]] virtual Result<std::vector<DispatchRule>> list() = 0;
  // Stores `rule`, replacing the rule with the same id if there is one.
  [[nodiscard]] virtual Result<void> upsert(const DispatchRule& rule) = 0;
  // Stores all `rules` (same semantics as `upsert`) atomically; for seeding.
  [[nodiscard]] virtual Result<void> upsert_all(const std::vector<DispatchRule>& rules) = 0;
  // Errors: not_found when no rule has this id.
  [[nodiscard]] virtual Result<void> remove(const std::string& id) = 0;
};

}  // namespace hotline::core
