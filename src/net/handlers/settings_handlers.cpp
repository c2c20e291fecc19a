#include "net/handlers/settings_handlers.hpp"

#include <chrono>

#include "net/handlers/respond.hpp"
#include "net/json/settings_json.hpp"

namespace hotline::net::handlers {

Response get_settings(const Services& services, const Call& call) {
  auto current = services.settings.get(call.actor);
  if (!current) return error_response(current.error());
  return json_response(200, json::encode_settings(*current, core::Settings{}));
}

Response put_deadline_settings(const Services& services, const Call& call) {
  auto policy = json::decode_deadline_policy(call.request.body);
  if (!policy) return error_response(policy.error());
  return respond(services.settings.put_deadlines(call.actor, *policy), 200, json::encode_deadlines_saved);
}

Response put_kpi_settings(const Services& services, const Call& call) {
  auto config = json::decode_kpi_config(call.request.body);
  if (!config) return error_response(config.error());
  const auto started = std::chrono::steady_clock::now();
  auto rebuilt = services.settings.put_kpi(call.actor, *config);
  if (!rebuilt) return error_response(rebuilt.error());
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  return json_response(200, json::encode_kpi_saved(*config, *rebuilt, elapsed));
}

}  // namespace hotline::net::handlers
