#pragma once
// JSON of quality inspection (/api/v1/quality/...), shapes as in openapi.json.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/quality_service.hpp"

namespace hotline::net::json {

struct ScoreRequest {
  std::map<std::string, int> scores;
  std::string remarks;
};

std::string encode_checklists(const std::vector<core::Checklist>& checklists);
std::string encode_checklist(const core::Checklist& checklist);
std::string encode_agents(const std::vector<core::SampleableAgent>& agents);
std::string encode_teams(const std::vector<core::QualityTeam>& teams);
std::string encode_inspections(const std::vector<core::Inspection>& inspections);
std::string encode_inspection(const core::Inspection& inspection);
std::string encode_inspection_detail(const core::InspectionDetail& detail);
std::string encode_score_rows(core::ScoreGrouping by, const std::vector<core::QualityScoreRow>& rows);

[[nodiscard]] core::Result<core::Checklist> decode_checklist(std::string_view body);
[[nodiscard]] core::Result<std::vector<core::QualityTeam>> decode_teams(std::string_view body);
[[nodiscard]] core::Result<core::SampleRequest> decode_sample_request(std::string_view body);
[[nodiscard]] core::Result<ScoreRequest> decode_score_request(std::string_view body);

}  // namespace hotline::net::json
