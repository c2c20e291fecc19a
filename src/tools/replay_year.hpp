#pragma once
// `replay_year`: generates a year of raw KPI records whose monthly counts are a `YearSpec`'s, with
// realistic times (hourly and weekday profile of a hotline, answer and response delays, dispatch
// delays within and beyond the limit where the spec has misses), and loads them through the same
// import path as `hotline import` (`KpiRepository::import_records`), one transaction per month.
// Records are generated on a second thread while the repository stores the previous batch;
// memory stays bounded (one month's dispatched tickets plus a few batches).

#include <cstdint>
#include <functional>

#include "tools/year_spec.hpp"
#include "core/kpi_repository.hpp"
#include "core/result.hpp"

namespace hotline::tools {

struct ReplayProgress {
  std::int64_t records_done = 0;
  std::int64_t records_total = 0;
};

struct ReplayOptions {
  std::uint64_t seed = 2023;
  // Called from the importing thread after each batch.
  std::function<void(const ReplayProgress&)> on_progress;
};

struct ReplaySummary {
  std::int64_t records = 0;
};

// The number of records a replay of `spec` generates.
std::int64_t replay_record_count(const YearSpec& spec);

// Generates and imports the year, then stores the spec's evaluation inputs. `spec` is already
// scaled. Errors: the repository's.
[[nodiscard]] core::Result<ReplaySummary> replay_year(core::KpiRepository& repository, const YearSpec& spec,
                                                      const core::KpiConfig& config, const ReplayOptions& options);

}  // namespace hotline::tools
