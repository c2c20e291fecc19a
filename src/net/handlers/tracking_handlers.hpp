#pragma once
// Portal tracking over HTTP (/api/v1/portal/track...), open to anyone: ask for a one-time code
// (always 202, whether or not number and ticket match), spend it for a tracking token, read the
// request's public view and rate the result with `Authorization: Track <token>`. Thin: decode,
// call `PortalTracking` (which limits, checks and acts), encode. The client's address for the
// rate limits is the socket's peer, as for submissions.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response portal_track_code(const Services& services, const Call& call);
Response portal_track_verify(const Services& services, const Call& call);
Response portal_track_view(const Services& services, const Call& call);
Response portal_track_rate(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
