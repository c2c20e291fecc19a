#pragma once
// The citizens' portal over HTTP (/api/v1/portal/...), open to anyone: the places to pick from
// (active districts and their streets, from the reference snapshot), a proof-of-work challenge,
// a request, its photos (with the receipt's upload token as `Authorization: Upload <token>`).
// Thin: decode, call `PortalService` (which checks, limits and registers), encode. The client's
// address for the rate limits is the socket's peer (no proxy header is trusted).

#include "net/router.hpp"

namespace hotline::net::handlers {

Response portal_places(const Services& services, const Call& call);
Response portal_challenge(const Services& services, const Call& call);
Response portal_submit(const Services& services, const Call& call);
Response portal_photo(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
