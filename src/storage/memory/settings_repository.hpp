#pragma once
// `InMemorySettingsRepository`: the `core::SettingsRepository` port in process memory (tests,
// demos). Nothing survives the process. Thread-safe: every method locks `mutex_`.

#include <mutex>
#include <optional>

#include "core/settings_repository.hpp"

namespace hotline::storage::memory {

class InMemorySettingsRepository final : public core::SettingsRepository {
 public:
  // core::SettingsRepository
  [[nodiscard]] core::Result<std::optional<core::DeadlinePolicy>> deadline_policy() override {
    std::lock_guard lock(mutex_);
    return deadlines_;
  }
  [[nodiscard]] core::Result<void> put_deadline_policy(const core::DeadlinePolicy& policy) override {
    std::lock_guard lock(mutex_);
    deadlines_ = policy;
    return {};
  }

 private:
  std::mutex mutex_;  // guards deadlines_
  std::optional<core::DeadlinePolicy> deadlines_;
};

}  // namespace hotline::storage::memory
