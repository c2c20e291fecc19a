#include "net/json/portal_json.hpp"

#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {

namespace bj = boost::json;

core::Result<core::PortalRequest> decode_portal_request(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::PortalRequest out;
  if (auto v = reader.enumeration<core::TicketType>("type", core::parse_ticket_type, wire::Need::required)) out.type = *v;
  out.text = reader.string("text", wire::Need::required).value_or("");
  if (const auto* place = reader.object("place")) {
    wire::ObjectReader nested(*place, "place.");
    out.district = nested.string("district").value_or("");
    out.street = nested.string("street").value_or("");
    out.address = nested.string("address").value_or("");
    out.latitude = nested.number("latitude");
    out.longitude = nested.number("longitude");
    if (auto done = nested.finish(); !done) reader.fail(done.error());
  }
  out.name = reader.string("name", wire::Need::required).value_or("");
  out.phone = reader.string("phone", wire::Need::required).value_or("");
  out.confidential = reader.boolean("confidential").value_or(false);
  out.consent = reader.boolean("consent").value_or(false);
  out.challenge = reader.string("challenge", wire::Need::required).value_or("");
  out.nonce = reader.string("nonce", wire::Need::required).value_or("");
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

std::string encode_challenge(const core::IssuedChallenge& challenge) {
  return wire::serialize(bj::object{{"challenge", challenge.challenge},
                                    {"difficulty", challenge.difficulty},
                                    {"algorithm", "sha256-leading-zero-bits"},
                                    {"expires_at", core::format_timestamp(challenge.expires_at)}});
}

std::string encode_portal_receipt(const core::PortalReceipt& receipt) {
  const auto& t = receipt.ticket;
  return wire::serialize(bj::object{{"ticket_id", t.id},
                                    {"state", core::to_string(t.state)},
                                    {"type", core::to_string(t.type)},
                                    {"registered_at", core::format_timestamp(t.created_at)},
                                    {"deadline", core::format_timestamp(t.deadline)},
                                    {"upload_token", receipt.upload_token},
                                    {"upload_until", core::format_timestamp(receipt.upload_until)},
                                    {"photos_allowed", receipt.photos_allowed}});
}

std::string encode_portal_photo(const core::PortalPhoto& photo) {
  return wire::serialize(bj::object{{"filename", photo.attachment.filename},
                                    {"content_type", photo.attachment.content_type},
                                    {"size", photo.attachment.size},
                                    {"sha256", photo.attachment.sha256},
                                    {"metadata_removed_bytes", static_cast<std::int64_t>(photo.removed_bytes)},
                                    {"photos_left", photo.photos_left}});
}

std::string encode_portal_places(const std::vector<core::Unit>& places) {
  bj::array districts;
  bj::array streets;
  for (const auto& unit : places) {
    bj::object item{{"id", unit.id}, {"name", unit.name}, {"parent", unit.parent_id}};
    (unit.kind == core::UnitKind::district ? districts : streets).emplace_back(std::move(item));
  }
  return wire::serialize(bj::object{{"districts", std::move(districts)}, {"streets", std::move(streets)}});
}

}  // namespace hotline::net::json
