#pragma once
// POST /auth/login, POST /auth/logout, GET /me. Run concurrently on the blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response login(const Services& services, const Call& call);
Response logout(const Services& services, const Call& call);
Response me(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
