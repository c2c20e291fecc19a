#pragma once
// Port: the deployment settings an administrator edits in the console (the deadline policy; the
// KPI settings are stored by `KpiRepository::change_config`, which must rebuild the counters in the
// same transaction). Implemented in storage/{memory,sqlite} and checked by storage/conformance.
// Nothing stored means the built-in defaults (`DeadlinePolicy{}`).
// Every method is synchronous and thread-safe; a method that returns success is durable.

#include <optional>

#include "core/calendar.hpp"
#include "core/result.hpp"

namespace hotline::core {

class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;

  // The stored deadline policy; nullopt when none was ever stored.
  [[nodiscard]] virtual Result<std::optional<DeadlinePolicy>> deadline_policy() = 0;
  // Replaces the stored deadline policy. Errors: unavailable on storage failure.
  [[nodiscard]] virtual Result<void> put_deadline_policy(const DeadlinePolicy& policy) = 0;
};

}  // namespace hotline::core
