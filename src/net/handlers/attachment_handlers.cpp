#include "net/handlers/attachment_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/ticket_json.hpp"
#include "net/ticket_query_params.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {

std::string content_disposition(std::string_view filename, bool inline_display) {
  // attr-char of RFC 8187: ALPHA DIGIT ! # $ & + - . ^ _ ` | ~; everything else percent-encoded.
  constexpr std::string_view kAttrChars = "!#$&+-.^_`|~";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = inline_display ? "inline" : "attachment";
  out += "; filename*=UTF-8''";
  for (char c : filename) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                       kAttrChars.find(c) != std::string_view::npos;
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

Response upload_attachment(const Services& services, const Call& call) {
  auto id = parse_ticket_id(call.params.get("id"));
  if (!id) return error_response(id.error());
  if (auto known = wire::only_params(call.request.query, {"filename"}); !known) return error_response(known.error());
  const std::string filename = call.request.query_value("filename").value_or("");
  return respond(services.tickets.attach(call.actor, *id, filename, call.request.body), 201,
                 [&services, &call, now = services.tickets.now()](const core::Ticket& t) {
                   return json::encode_ticket(t, now, services.tickets.allowed_actions(call.actor, t));
                 });
}

Response download_attachment(const Services& services, const Call& call) {
  auto id = parse_ticket_id(call.params.get("id"));
  if (!id) return error_response(id.error());
  auto file = services.tickets.attachment(call.actor, *id, call.params.get("sha256"));
  if (!file) return error_response(file.error());
  Response response;
  response.status = 200;
  response.body = std::move(file->bytes);
  response.content_type = file->attachment.content_type;
  response.cache_control = "private, max-age=0";
  response.headers.emplace_back("Content-Disposition", content_disposition(file->attachment.filename, file->inline_safe));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace hotline::net::handlers
