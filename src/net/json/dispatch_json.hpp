#pragma once
// Wire format of intelligent dispatch: the registration response (ticket + advice), the classify
// request and response, and dispatch catalogue rules. Encoders return JSON text; decoders are
// strict (json_reader.hpp). Pure functions; safe from any thread.

#include <string>
#include <string_view>
#include <vector>

#include "core/dispatch_service.hpp"
#include "core/result.hpp"

namespace hotline::net::json {

struct ClassifyRequest {
  std::string title;
  std::string text;
};

// The ticket (as encode_ticket) plus "classification" ({label,score,top:[{label,score}]} or null),
// "dispatch_suggestions" ([{unit_id,unit_name,score,reasons}]) and "possible_duplicates"
// ([{id,title,state,created_at,similarity}]).
std::string encode_registered_ticket(const core::RegisteredTicket& registered, core::Timestamp now,
                                     const std::vector<core::Action>& allowed);
// {"classification","place":{district,street,name,source}|null,"dispatch_suggestions"}
std::string encode_advice(const core::DispatchAdvice& advice);
std::string encode_catalogue_trial(const core::CatalogueTrial& trial);
// {"items":[rule...]}; a rule is {id,category,district,street,lead_unit,co_units,place_co_handles,note}.
std::string encode_rules(const std::vector<core::DispatchRule>& rules);
std::string encode_rule(const core::DispatchRule& rule);

// Optional: title. Required: text.
[[nodiscard]] core::Result<ClassifyRequest> decode_classify_request(std::string_view body);
// `id` comes from the path; the body may repeat it ("id" must then be equal). Required: lead_unit.
// Optional: category, district, street, co_units, place_co_handles, note.
[[nodiscard]] core::Result<core::DispatchRule> decode_rule(const std::string& id, std::string_view body);

}  // namespace hotline::net::json
