#pragma once
// JSON of the deployment settings (/api/v1/settings...), shapes as in openapi.json. The deadline
// policy and KPI objects are core's audit JSON (core/settings_service.hpp), so the audit's
// before/after read exactly like the API.

#include <string>
#include <string_view>

#include "core/settings_service.hpp"

namespace hotline::net::json {

// {"deadlines","kpi","defaults":{"deadlines","kpi"}}
std::string encode_settings(const core::Settings& current, const core::Settings& defaults);
// {"deadlines"}
std::string encode_deadlines_saved(const core::DeadlinePolicy& policy);
// {"kpi","recomputed_months","elapsed_ms"}
std::string encode_kpi_saved(const core::KpiConfig& config, const core::KpiRebuildSummary& rebuilt,
                             std::int64_t elapsed_ms);

// Every field required; errors name the field with a "deadlines." / "kpi." prefix. Ranges are
// checked in core (`validate_deadline_policy`, `validate_kpi_config`).
[[nodiscard]] core::Result<core::DeadlinePolicy> decode_deadline_policy(std::string_view body);
[[nodiscard]] core::Result<core::KpiConfig> decode_kpi_config(std::string_view body);

}  // namespace hotline::net::json
