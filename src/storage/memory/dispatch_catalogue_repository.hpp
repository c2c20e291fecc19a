#pragma once
// `InMemoryDispatchCatalogueRepository`: the dispatch catalogue in a map, for tests and demos.
// Thread-safe.

#include <map>
#include <mutex>
#include <string>

#include "core/dispatch_catalogue_repository.hpp"

namespace hotline::storage::memory {

class InMemoryDispatchCatalogueRepository final : public core::DispatchCatalogueRepository {
 public:
  // core::DispatchCatalogueRepository
  [[nodiscard]] core::Result<std::vector<core::DispatchRule>> list() override;
  [[nodiscard]] core::Result<void> upsert(const core::DispatchRule& rule) override;
  [[nodiscard]] core::Result<void> upsert_all(const std::vector<core::DispatchRule>& rules) override;
  [[nodiscard]] core::Result<void> remove(const std::string& id) override;

 private:
  std::mutex mutex_;                                 // guards rules_
  std::map<std::string, core::DispatchRule> rules_;  // by id, so `list` is ordered
};

}  // namespace hotline::storage::memory
