#pragma once
// Quality inspection over HTTP (/api/v1/quality/...): checklists, agents to sample, teams, samples, inspections,
// scores. Thin: decode, call `QualityService` (which enforces roles and audits), encode.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response list_quality_checklists(const Services& services, const Call& call);
Response create_quality_checklist(const Services& services, const Call& call);
Response put_quality_checklist(const Services& services, const Call& call);
Response list_quality_agents(const Services& services, const Call& call);
Response list_quality_teams(const Services& services, const Call& call);
Response put_quality_teams(const Services& services, const Call& call);
Response draw_quality_sample(const Services& services, const Call& call);
Response list_quality_inspections(const Services& services, const Call& call);
Response get_quality_inspection(const Services& services, const Call& call);
Response score_quality_inspection(const Services& services, const Call& call);
Response quality_scores(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
