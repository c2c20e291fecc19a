#pragma once
// JSON of the citizens' portal (/api/v1/portal/...): a submission in, the challenge, the receipt
// and a photo's result out. A receipt says nothing a citizen did not send or may not know: the
// number, state, type, times and the upload allowance.

#include <string>
#include <string_view>
#include <vector>

#include "core/portal_service.hpp"
#include "core/result.hpp"

namespace hotline::net::json {

// {"type","text","place":{district,street,address,latitude,longitude},"name","phone",
//  "confidential","consent","challenge","nonce"}. Errors: invalid_argument naming the field.
[[nodiscard]] core::Result<core::PortalRequest> decode_portal_request(std::string_view body);
std::string encode_challenge(const core::IssuedChallenge& challenge);
std::string encode_portal_receipt(const core::PortalReceipt& receipt);
std::string encode_portal_photo(const core::PortalPhoto& photo);
// {"districts":[{id,name,parent}],"streets":[{id,name,parent}]} from `core::portal_places`.
std::string encode_portal_places(const std::vector<core::Unit>& places);

}  // namespace hotline::net::json
