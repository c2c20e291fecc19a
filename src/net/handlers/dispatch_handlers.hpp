#pragma once
// Intelligent dispatch over HTTP: POST /api/v1/classify, the dispatch catalogue
// (/api/v1/dispatch-catalogue) and GET /metrics (Prometheus text). Thin: decode, call
// `DispatchService` (which enforces roles), encode. Run concurrently on the blocking pool.
// Registration with suggestions is `create_ticket` (ticket_handlers.hpp).

#include "net/router.hpp"

namespace hotline::net::handlers {

Response classify_message(const Services& services, const Call& call);
// POST /dispatch-catalogue/try {text}: which rule the catalogue picks for a message, and its units.
Response try_dispatch_catalogue(const Services& services, const Call& call);
Response list_dispatch_catalogue(const Services& services, const Call& call);
Response put_dispatch_rule(const Services& services, const Call& call);
Response delete_dispatch_rule(const Services& services, const Call& call);
Response metrics(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
