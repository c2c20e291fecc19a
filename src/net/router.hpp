#pragma once
// The explicit route table (router.cpp, read top to bottom) and the dispatch that picks a handler
// by method and path, authenticates the caller and runs the handler. Beast-free: it sees only
// `Request`/`Response`. `handle` is synchronous and is run on the blocking pool; the router holds
// no mutable state, so many threads may call it at once.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ticket_event.hpp"
#include "net/request.hpp"
#include "net/services.hpp"

namespace hotline::net {

class StaticSite;  // net/static_site.hpp

// Values captured by `{name}` segments of a route pattern.
class RouteParams {
 public:
  void add(std::string_view name, std::string value) { values_.emplace_back(name, std::move(value)); }
  // The captured value, empty when the pattern has no such name.
  const std::string& get(std::string_view name) const;

 private:
  std::vector<std::pair<std::string_view, std::string>> values_;
};

// What a handler receives. `actor` and `token` are empty for public routes.
struct Call {
  const Request& request;
  const RouteParams& params;
  const core::Actor& actor;
  const std::string& token;
};

// Handlers decode, call one core service, encode; they run concurrently on the blocking pool.
using Handler = Response (*)(const Services& services, const Call& call);

enum class Access { open, signed_in };

struct Route {
  std::string_view method;
  std::string_view pattern;  // "/api/v1/tickets/{id}"; `{name}` matches one non-empty segment
  Access access;
  Handler handler;
};

class Router {
 public:
  // `web_app` (may be null: not built) answers "/" and "/desk/..." (see static_site.hpp); it
  // must outlive the router.
  explicit Router(Services services, const StaticSite* web_app = nullptr);

  // "/" and "/desk/..." go to the web app (`respond_static`), outside the table. Otherwise 404
  // for an unknown path, 405 (with Allow) for a known path with another method, 401 without a
  // valid bearer token on signed-in routes; otherwise the handler's response. Exceptions from
  // handlers propagate to the session, which turns them into 500.
  Response handle(const Request& request) const;

  // The table, in order; the OpenAPI test checks that it documents every entry.
  static const std::vector<Route>& routes();

 private:
  Services services_;
  const StaticSite* web_app_;
};

}  // namespace hotline::net
