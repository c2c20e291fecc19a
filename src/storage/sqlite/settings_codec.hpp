#pragma once
// The text form of the settings in the `settings` table: one "name=value" line per field
// ("working_days.complaint=15", "targets.dispatch_timeliness=10000!"). Decoding starts from the
// defaults and takes the lines it knows, so a row written by an older program (fewer fields) or a
// newer one (more fields) still reads; a malformed value keeps that field's default.

#include <string>
#include <string_view>

#include "core/calendar.hpp"
#include "core/kpi.hpp"

namespace hotline::storage::sqlite {

std::string encode_deadline_policy(const core::DeadlinePolicy& policy);
core::DeadlinePolicy decode_deadline_policy(std::string_view text);

std::string encode_kpi_config(const core::KpiConfig& config);
core::KpiConfig decode_kpi_config(std::string_view text);

}  // namespace hotline::storage::sqlite
