#include "net/handlers/dispatch_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/dispatch_json.hpp"

namespace hotline::net::handlers {

Response try_dispatch_catalogue(const Services& services, const Call& call) {
  auto request = json::decode_classify_request(call.request.body);
  if (!request) return error_response(request.error());
  return respond(services.dispatch.try_catalogue(call.actor, request->text), 200, json::encode_catalogue_trial);
}

Response classify_message(const Services& services, const Call& call) {
  auto request = json::decode_classify_request(call.request.body);
  if (!request) return error_response(request.error());
  return respond(services.dispatch.classify(call.actor, request->title, request->text), 200, json::encode_advice);
}

Response list_dispatch_catalogue(const Services& services, const Call& call) {
  return respond(services.dispatch.rules(call.actor), 200, json::encode_rules);
}

Response put_dispatch_rule(const Services& services, const Call& call) {
  auto rule = json::decode_rule(call.params.get("id"), call.request.body);
  if (!rule) return error_response(rule.error());
  return respond(services.dispatch.put_rule(call.actor, *rule), 200, json::encode_rule);
}

Response delete_dispatch_rule(const Services& services, const Call& call) {
  auto removed = services.dispatch.delete_rule(call.actor, call.params.get("id"));
  if (!removed) return error_response(removed.error());
  return json_response(200, R"({"status":"deleted"})");
}

Response metrics(const Services& services, const Call&) {
  const core::DispatchMetrics& m = services.dispatch.metrics();
  auto counter = [](const char* name, const char* help, std::uint64_t value) {
    return std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n" + name + " " +
           std::to_string(value) + "\n";
  };
  std::string body =
      counter("hotline_classified_total", "Messages the classifier labelled.", m.classified.load()) +
      counter("hotline_unclassified_total", "Messages left unclassified (no model or model failure).",
              m.unclassified.load()) +
      counter("hotline_dispatch_suggestions_total", "Dispatch suggestion lists produced.", m.suggestions.load()) +
      counter("hotline_duplicate_hits_total", "Registrations with possible duplicates.", m.duplicate_hits.load());
  Response response{200, std::move(body), {}};
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return response;
}

}  // namespace hotline::net::handlers
