#include "adapters/sms_template.hpp"

#include <algorithm>
#include <cctype>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace hotline::adapters {
namespace {

namespace bj = boost::json;

enum class Escape { percent, form, json, none };

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string percent_encode(std::string_view text, bool space_as_plus) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ' && space_as_plus) {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

std::string escape(std::string_view value, Escape how) {
  switch (how) {
    case Escape::percent: return percent_encode(value, false);
    case Escape::form: return percent_encode(value, true);
    case Escape::json: {
      std::string quoted = bj::serialize(bj::value(bj::string(value)));
      return quoted.substr(1, quoted.size() - 2);
    }
    case Escape::none: break;
  }
  return std::string(value);
}

// `text` with {phone}, {text} and {id} replaced in one pass (a value containing "{id}" stays as is).
std::string fill(std::string_view text, const core::OutboundMessage& message, Escape how) {
  const std::pair<std::string_view, std::string> values[] = {
      {"{phone}", message.recipient}, {"{text}", message.text}, {"{id}", std::to_string(message.id)}};
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    if (text[i] == '{') {
      for (const auto& [name, value] : values) {
        if (text.substr(i, name.size()) == name) {
          out += escape(value, how);
          i += name.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

core::Unexpected bad(std::string field, std::string message) {
  return core::fail(core::ErrorCode::invalid_argument, std::move(message), std::move(field));
}

}  // namespace

core::Result<SmsTemplate> parse_sms_template(std::string_view json) {
  boost::system::error_code ec;
  bj::value root = bj::parse(json, ec);
  if (ec || !root.is_object()) return bad("template", "the SMS template must be a JSON object");
  const bj::object& object = root.as_object();
  SmsTemplate out;
  if (auto* method = object.if_contains("method")) {
    if (!method->is_string()) return bad("method", "method must be GET, POST or PUT");
    out.method = std::string(method->as_string());
    std::transform(out.method.begin(), out.method.end(), out.method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  }
  if (out.method != "GET" && out.method != "POST" && out.method != "PUT")
    return bad("method", "method must be GET, POST or PUT");

  auto* url_value = object.if_contains("url");
  if (!url_value || !url_value->is_string()) return bad("url", "url is required (http://host[:port]/path)");
  std::string_view url = url_value->as_string();
  if (lower(url.substr(0, 8)) == "https://")
    return bad("url", "https is not supported (no TLS library in this build); use http:// or a local TLS proxy");
  if (lower(url.substr(0, 7)) != "http://") return bad("url", "url must start with http://");
  url.remove_prefix(7);
  const auto end_of_authority = std::min(url.find('/'), url.find('?'));
  std::string_view authority = url.substr(0, end_of_authority);
  std::string_view rest = end_of_authority == std::string_view::npos ? std::string_view{} : url.substr(end_of_authority);
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    out.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
    if (out.port.empty() || !std::all_of(out.port.begin(), out.port.end(), [](unsigned char c) { return std::isdigit(c); }))
      return bad("url", "url has a bad port");
  }
  if (authority.empty() || authority.find_first_of("{}@ ") != std::string_view::npos)
    return bad("url", "url must name a host (no placeholders or credentials in it)");
  out.host = std::string(authority);
  out.target = rest.empty() ? "/" : (rest.front() == '?' ? "/" + std::string(rest) : std::string(rest));

  if (auto* headers = object.if_contains("headers")) {
    if (!headers->is_object()) return bad("headers", "headers must be an object of strings");
    for (const auto& [name, value] : headers->as_object()) {
      if (!value.is_string() || name.empty()) return bad("headers", "headers must be an object of strings");
      out.headers.emplace_back(std::string(name), std::string(value.as_string()));
    }
  }
  if (auto* body = object.if_contains("body")) {
    if (!body->is_string()) return bad("body", "body must be a string");
    out.body = std::string(body->as_string());
  }
  if (auto* field = object.if_contains("gateway_id_field")) {
    if (!field->is_string()) return bad("gateway_id_field", "gateway_id_field must be a string");
    out.gateway_id_field = std::string(field->as_string());
  }
  if (auto* timeout = object.if_contains("timeout_ms")) {
    if (!timeout->is_int64() || timeout->as_int64() < 100 || timeout->as_int64() > 60000)
      return bad("timeout_ms", "timeout_ms must be an integer 100-60000");
    out.timeout = std::chrono::milliseconds{timeout->as_int64()};
  }
  return out;
}

SmsRequest render_sms_request(const SmsTemplate& sms, const core::OutboundMessage& message) {
  SmsRequest out;
  out.method = sms.method;
  out.host = sms.host;
  out.port = sms.port;
  out.target = fill(sms.target, message, Escape::percent);
  Escape body_escape = Escape::none;
  for (const auto& [name, value] : sms.headers) {
    out.headers.emplace_back(name, fill(value, message, Escape::percent));
    if (lower(name) == "content-type") {
      const std::string type = lower(value);
      if (type.find("json") != std::string::npos) body_escape = Escape::json;
      else if (type.find("application/x-www-form-urlencoded") != std::string::npos) body_escape = Escape::form;
    }
  }
  out.body = fill(sms.body, message, body_escape);
  return out;
}

std::string gateway_id_from(std::string_view body, std::string_view path) {
  if (path.empty()) return {};
  boost::system::error_code ec;
  bj::value root = bj::parse(body, ec);
  if (ec) return {};
  const bj::value* at = &root;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const std::string_view key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (!at->is_object()) return {};
    at = at->as_object().if_contains(key);
    if (!at) return {};
  }
  if (at->is_string()) return std::string(at->as_string());
  if (at->is_int64() || at->is_uint64()) return bj::serialize(*at);
  return {};
}

}  // namespace hotline::adapters
