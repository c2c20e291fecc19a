#include "storage/memory/dispatch_catalogue_repository.hpp"

namespace hotline::storage::memory {

core::Result<std::vector<core::DispatchRule>> InMemoryDispatchCatalogueRepository::list() {
  std::lock_guard lock(mutex_);
  std::vector<core::DispatchRule> out;
  out.reserve(rules_.size());
  for (const auto& [id, rule] : rules_) out.push_back(rule);
  return out;
}

core::Result<void> InMemoryDispatchCatalogueRepository::upsert(const core::DispatchRule& rule) {
  std::lock_guard lock(mutex_);
  rules_[rule.id] = rule;
  return {};
}

core::Result<void> InMemoryDispatchCatalogueRepository::upsert_all(const std::vector<core::DispatchRule>& rules) {
  std::lock_guard lock(mutex_);
  for (const auto& rule : rules) rules_[rule.id] = rule;
  return {};
}

core::Result<void> InMemoryDispatchCatalogueRepository::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (rules_.erase(id) == 0) return core::fail(core::ErrorCode::not_found, "no dispatch rule " + id);
  return {};
}

}  // namespace hotline::storage::memory
