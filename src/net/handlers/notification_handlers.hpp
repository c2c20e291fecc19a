#pragma once
// The notification outbox over HTTP (/api/v1/notifications): admins and supervisors read the
// messages to citizens and their delivery state. Thin: decode, call `Notifier` (which enforces
// the role, masks and audits), encode. Handlers run concurrently.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response list_notifications(const Services& services, const Call& call);
Response get_notification(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
