#pragma once
// Account administration (admins only, checked by core::AuthService) and the signed-in user's own
// password and sessions. Run concurrently on the blocking pool.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response create_user(const Services& services, const Call& call);
Response list_users(const Services& services, const Call& call);
Response get_user(const Services& services, const Call& call);                // GET /users/{id}
Response deactivate_user(const Services& services, const Call& call);         // POST /users/{id}/deactivate
Response reactivate_user(const Services& services, const Call& call);         // POST /users/{id}/reactivate
Response put_user_role(const Services& services, const Call& call);           // PUT /users/{id}/role
Response put_user_password(const Services& services, const Call& call);       // PUT /users/{id}/password
Response logout_user_everywhere(const Services& services, const Call& call);  // POST /users/{id}/logout-all
Response logout_everywhere(const Services& services, const Call& call);       // POST /auth/logout-all (self)
Response put_own_password(const Services& services, const Call& call);        // PUT /me/password

}  // namespace hotline::net::handlers
