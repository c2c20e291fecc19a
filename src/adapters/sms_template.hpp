#pragma once
// The request template of `HttpSmsSender` (`hotline serve --sms-template FILE`): how one message
// becomes one HTTP request to the SMS gateway. The file is JSON (data/sms-template.example.json):
//   {"method": "POST", "url": "http://gateway:8088/sms?account=x",
//    "headers": {"Content-Type": "application/json", "Authorization": "Bearer ..."},
//    "body": "{\"mobile\":\"{phone}\",\"content\":\"{text}\",\"ref\":\"{id}\"}",
//    "gateway_id_field": "data.msg_id", "timeout_ms": 5000}
// The placeholders {phone}, {text} and {id} (the outbox id) are replaced in the URL and the
// header values percent-encoded, in the body escaped for its Content-Type: JSON-escaped when the
// type names json, form-encoded for application/x-www-form-urlencoded, as they are otherwise.
// `gateway_id_field` (a dotted path, optional) names the gateway's message id in a 2xx JSON answer.
// Only http:// URLs: the build links no TLS library (put a local TLS proxy in front for https).
// Pure functions; no I/O beyond what the caller read.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/outbound_message.hpp"
#include "core/result.hpp"

namespace hotline::adapters {

struct SmsTemplate {
  std::string method = "POST";
  std::string host;
  std::string port = "80";
  std::string target = "/";  // path and query, with placeholders
  std::vector<std::pair<std::string, std::string>> headers;  // values with placeholders
  std::string body;
  std::string gateway_id_field;  // "" when the gateway's id is not read
  std::chrono::milliseconds timeout{5000};
};

// One rendered request.
struct SmsRequest {
  std::string method;
  std::string host;
  std::string port;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Errors: invalid_argument naming the field ("method": not GET/POST/PUT; "url": not an http URL
// with a host, or https; "headers": not an object of strings; "timeout_ms": outside 100..60000;
// "template": not a JSON object).
[[nodiscard]] core::Result<SmsTemplate> parse_sms_template(std::string_view json);
SmsRequest render_sms_request(const SmsTemplate& sms, const core::OutboundMessage& message);
// The value at the dotted `path` of a JSON `body` (a string, or a number as written); "" when the
// body is not JSON or has no such string or number.
std::string gateway_id_from(std::string_view body, std::string_view path);

}  // namespace hotline::adapters
