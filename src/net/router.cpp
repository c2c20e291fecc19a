#include "net/router.hpp"

#include "net/error_response.hpp"
#include "net/handlers/attachment_handlers.hpp"
#include "net/handlers/auth_handlers.hpp"
#include "net/handlers/dashboard_handlers.hpp"
#include "net/handlers/dispatch_handlers.hpp"
#include "net/handlers/portal_handlers.hpp"
#include "net/handlers/tracking_handlers.hpp"
#include "net/handlers/notification_handlers.hpp"
#include "net/handlers/quality_handlers.hpp"
#include "net/handlers/reference_handlers.hpp"
#include "net/handlers/report_handlers.hpp"
#include "net/handlers/settings_handlers.hpp"
#include "net/handlers/system_handlers.hpp"
#include "net/handlers/ticket_handlers.hpp"
#include "net/handlers/user_handlers.hpp"
#include "net/static_site.hpp"

namespace hotline::net {

const std::vector<Route>& Router::routes() {
  // Read top to bottom: this is the whole API. Patterns are matched segment by segment.
  static const std::vector<Route> table{
      {"GET", "/healthz", Access::open, handlers::healthz},
      {"GET", "/api/v1/openapi.json", Access::open, handlers::openapi},
      {"GET", "/metrics", Access::open, handlers::metrics},

      {"POST", "/api/v1/auth/login", Access::open, handlers::login},
      {"POST", "/api/v1/auth/logout", Access::signed_in, handlers::logout},
      {"POST", "/api/v1/auth/logout-all", Access::signed_in, handlers::logout_everywhere},
      {"GET", "/api/v1/me", Access::signed_in, handlers::me},
      {"PUT", "/api/v1/me/password", Access::signed_in, handlers::put_own_password},
      // A WebSocket (live ticket events); only a request without the upgrade reaches the table.
      {"GET", "/api/v1/events", Access::open, handlers::events_without_upgrade},

      // The citizens' portal: anyone, guarded by proof of work and rate limits (PortalService).
      {"GET", "/api/v1/portal/places", Access::open, handlers::portal_places},
      {"POST", "/api/v1/portal/challenges", Access::open, handlers::portal_challenge},
      {"POST", "/api/v1/portal/requests", Access::open, handlers::portal_submit},
      {"POST", "/api/v1/portal/requests/{id}/photos", Access::open, handlers::portal_photo},
      // Tracking with a one-time code sent to the caller's number (PortalTracking).
      {"POST", "/api/v1/portal/track/codes", Access::open, handlers::portal_track_code},
      {"POST", "/api/v1/portal/track", Access::open, handlers::portal_track_verify},
      {"GET", "/api/v1/portal/track/{id}", Access::open, handlers::portal_track_view},
      {"POST", "/api/v1/portal/track/{id}/rating", Access::open, handlers::portal_track_rate},

      {"POST", "/api/v1/tickets", Access::signed_in, handlers::create_ticket},
      {"GET", "/api/v1/tickets", Access::signed_in, handlers::list_tickets},
      {"GET", "/api/v1/tickets/{id}", Access::signed_in, handlers::get_ticket},
      {"GET", "/api/v1/tickets/{id}/history", Access::signed_in, handlers::ticket_history},
      {"GET", "/api/v1/tickets/{id}/contact", Access::signed_in, handlers::reveal_contact},
      // Before the action route: "attachments" is no action.
      {"POST", "/api/v1/tickets/{id}/attachments", Access::signed_in, handlers::upload_attachment},
      {"GET", "/api/v1/tickets/{id}/attachments/{sha256}", Access::signed_in, handlers::download_attachment},
      {"POST", "/api/v1/tickets/{id}/{action}", Access::signed_in, handlers::act_on_ticket},

      {"GET", "/api/v1/units", Access::signed_in, handlers::list_units},
      {"PUT", "/api/v1/units/{id}", Access::signed_in, handlers::put_unit},
      {"POST", "/api/v1/units/{id}/retire", Access::signed_in, handlers::retire_unit},
      {"GET", "/api/v1/categories", Access::signed_in, handlers::list_categories},
      {"POST", "/api/v1/categories", Access::signed_in, handlers::add_category},
      {"POST", "/api/v1/categories/rename", Access::signed_in, handlers::rename_category},
      {"POST", "/api/v1/categories/retire", Access::signed_in, handlers::retire_category},
      {"GET", "/api/v1/calendar", Access::signed_in, handlers::get_calendar},
      {"PUT", "/api/v1/calendar/days", Access::signed_in, handlers::put_calendar_days},
      {"DELETE", "/api/v1/calendar/days/{date}", Access::signed_in, handlers::reset_calendar_day},
      {"PUT", "/api/v1/calendar/notice", Access::signed_in, handlers::put_calendar_notice},
      {"GET", "/api/v1/deadline-preview", Access::signed_in, handlers::deadline_preview},
      {"GET", "/api/v1/audit", Access::signed_in, handlers::audit_trail},
      {"GET", "/api/v1/settings", Access::signed_in, handlers::get_settings},
      {"PUT", "/api/v1/settings/deadlines", Access::signed_in, handlers::put_deadline_settings},
      {"PUT", "/api/v1/settings/kpi", Access::signed_in, handlers::put_kpi_settings},

      {"POST", "/api/v1/classify", Access::signed_in, handlers::classify_message},
      {"GET", "/api/v1/dispatch-catalogue", Access::signed_in, handlers::list_dispatch_catalogue},
      {"POST", "/api/v1/dispatch-catalogue/try", Access::signed_in, handlers::try_dispatch_catalogue},
      {"PUT", "/api/v1/dispatch-catalogue/{id}", Access::signed_in, handlers::put_dispatch_rule},
      {"DELETE", "/api/v1/dispatch-catalogue/{id}", Access::signed_in, handlers::delete_dispatch_rule},

      {"GET", "/api/v1/quality/checklists", Access::signed_in, handlers::list_quality_checklists},
      {"POST", "/api/v1/quality/checklists", Access::signed_in, handlers::create_quality_checklist},
      {"PUT", "/api/v1/quality/checklists/{id}", Access::signed_in, handlers::put_quality_checklist},
      {"GET", "/api/v1/quality/agents", Access::signed_in, handlers::list_quality_agents},
      {"GET", "/api/v1/quality/teams", Access::signed_in, handlers::list_quality_teams},
      {"PUT", "/api/v1/quality/teams", Access::signed_in, handlers::put_quality_teams},
      {"POST", "/api/v1/quality/samples", Access::signed_in, handlers::draw_quality_sample},
      {"GET", "/api/v1/quality/inspections", Access::signed_in, handlers::list_quality_inspections},
      {"GET", "/api/v1/quality/inspections/{id}", Access::signed_in, handlers::get_quality_inspection},
      {"PUT", "/api/v1/quality/inspections/{id}/score", Access::signed_in, handlers::score_quality_inspection},
      {"GET", "/api/v1/quality/scores", Access::signed_in, handlers::quality_scores},

      {"GET", "/api/v1/notifications", Access::signed_in, handlers::list_notifications},
      {"GET", "/api/v1/notifications/{id}", Access::signed_in, handlers::get_notification},

      {"POST", "/api/v1/records/{kind}", Access::signed_in, handlers::import_records},
      {"POST", "/api/v1/calls", Access::signed_in, handlers::post_calls},
      {"GET", "/api/v1/reports/kpi", Access::signed_in, handlers::kpi_report},
      {"GET", "/api/v1/reports/tables", Access::signed_in, handlers::report_tables},
      {"GET", "/api/v1/reports/evaluation", Access::signed_in, handlers::evaluation_report},
      {"GET", "/api/v1/dashboard", Access::signed_in, handlers::get_dashboard},
      {"GET", "/api/v1/map/districts", Access::signed_in, handlers::map_districts},
      {"GET", "/api/v1/evaluation-inputs/{year}", Access::signed_in, handlers::get_evaluation_inputs},
      {"PUT", "/api/v1/evaluation-inputs/{year}", Access::signed_in, handlers::put_evaluation_inputs},

      {"POST", "/api/v1/users", Access::signed_in, handlers::create_user},
      {"GET", "/api/v1/users", Access::signed_in, handlers::list_users},
      {"GET", "/api/v1/users/{id}", Access::signed_in, handlers::get_user},
      {"POST", "/api/v1/users/{id}/deactivate", Access::signed_in, handlers::deactivate_user},
      {"POST", "/api/v1/users/{id}/reactivate", Access::signed_in, handlers::reactivate_user},
      {"PUT", "/api/v1/users/{id}/role", Access::signed_in, handlers::put_user_role},
      {"PUT", "/api/v1/users/{id}/password", Access::signed_in, handlers::put_user_password},
      {"POST", "/api/v1/users/{id}/logout-all", Access::signed_in, handlers::logout_user_everywhere},
  };
  return table;
}

namespace {

// Matches `segments` against `pattern`, capturing `{name}` segments into `params`.
bool match(std::string_view pattern, const std::vector<std::string>& segments, RouteParams& params) {
  std::size_t index = 0;
  pattern.remove_prefix(1);  // every pattern starts with '/'
  while (!pattern.empty()) {
    auto slash = pattern.find('/');
    std::string_view part = pattern.substr(0, slash);
    pattern = slash == std::string_view::npos ? std::string_view{} : pattern.substr(slash + 1);
    if (index >= segments.size()) return false;
    const std::string& segment = segments[index++];
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      if (segment.empty()) return false;
      params.add(part.substr(1, part.size() - 2), segment);
    } else if (part != segment) {
      return false;
    }
  }
  return index == segments.size();
}

}  // namespace

const std::string& RouteParams::get(std::string_view name) const {
  static const std::string empty;
  for (const auto& [key, value] : values_) {
    if (key == name) return value;
  }
  return empty;
}

Router::Router(Services services, const StaticSite* web_app) : services_(services), web_app_(web_app) {}

Response Router::handle(const Request& request) const {
  // The web app is not part of the API: it keeps out of the table (and the OpenAPI document).
  if (is_static_path(request)) return respond_static(web_app_, request);
  std::string allowed;
  for (const Route& route : routes()) {
    RouteParams params;
    if (!match(route.pattern, request.segments, params)) continue;
    // HEAD runs the GET handler; the session sends its headers without the body.
    const bool head_of_get = request.method == "HEAD" && route.method == "GET";
    if (route.method != request.method && !head_of_get) {
      if (!allowed.empty()) allowed += ", ";
      allowed += route.method;
      if (route.method == "GET") allowed += ", HEAD";
      continue;
    }
    static const core::Actor kNobody{};
    static const std::string kNoToken;
    if (route.access == Access::open) return route.handler(services_, Call{request, params, kNobody, kNoToken});

    std::string token = bearer_token(request.authorization);
    if (token.empty())
      return error_response(core::make_error(core::ErrorCode::unauthenticated, "missing bearer token"));
    auto actor = services_.auth.authenticate(token);
    if (!actor) return error_response(actor.error());
    return route.handler(services_, Call{request, params, *actor, token});
  }
  if (!allowed.empty()) {
    Response response = protocol_error(405, "method_not_allowed", "method " + request.method + " is not allowed here");
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  return error_response(core::make_error(core::ErrorCode::not_found, "no such route"));
}

}  // namespace hotline::net
