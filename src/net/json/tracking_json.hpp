#pragma once
// JSON of portal tracking (/api/v1/portal/track...): the code request, the verification and the
// rating in; the grant and the public view out (core/portal_tracking.hpp says what a view holds).

#include <string>
#include <string_view>

#include "core/portal_tracking.hpp"
#include "core/result.hpp"

namespace hotline::net::json {

struct TrackingCodeRequest {
  core::TicketId ticket_id = 0;
  std::string phone;
};
struct TrackingVerifyRequest {
  core::TicketId ticket_id = 0;
  std::string phone;
  std::string code;
};
struct TrackingRatingRequest {
  core::Rating level = core::Rating::satisfied;
  std::string reason;
};

// {"ticket_id","phone"}. Errors: invalid_argument naming the field.
[[nodiscard]] core::Result<TrackingCodeRequest> decode_tracking_code_request(std::string_view body);
// {"ticket_id","phone","code"}.
[[nodiscard]] core::Result<TrackingVerifyRequest> decode_tracking_verify_request(std::string_view body);
// {"level": satisfied|basically_satisfied|dissatisfied, "reason"?}.
[[nodiscard]] core::Result<TrackingRatingRequest> decode_tracking_rating(std::string_view body);
std::string encode_tracking_view(const core::TrackingView& view);
std::string encode_tracking_grant(const core::TrackingGrant& grant);

}  // namespace hotline::net::json
