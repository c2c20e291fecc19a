#pragma once
// Account administration (admins only, checked by core::AuthService). Run concurrently on the blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response create_user(const Services& services, const Call& call);
Response list_users(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
