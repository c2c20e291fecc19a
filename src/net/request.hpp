#pragma once
// The HTTP request and response as routes and handlers see them. No Beast types: only
// http_session.cpp converts to and from the wire, so handlers compile fast and are testable
// without sockets.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "wire/query_string.hpp"

namespace hotline::net {

struct Request {
  std::string method;                 // "GET", "POST", ... as sent
  std::string target;                 // raw request target, for logs
  std::vector<std::string> segments;  // percent-decoded path segments: "/api/v1/me" -> {"api","v1","me"}
  wire::QueryParams query;            // percent-decoded, in order
  std::string authorization;          // raw Authorization header, may be empty
  std::string body;
  std::string client_address;         // the client's IP address: the socket's peer, or what a trusted
                                      // proxy forwarded (client_address.hpp); empty in tests
  std::string accept_encoding;        // raw Accept-Encoding header, may be empty (static files)
  std::string if_none_match;          // raw If-None-Match header, may be empty (static files)

  // The value of the first query parameter `name`, or nullopt.
  std::optional<std::string> query_value(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string body;                                          // JSON for the API; see `content_type`
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Allow
  // Every API response is JSON and never cached; the web app's files set their own. An empty
  // `content_type` sends none (a 304).
  std::string content_type = "application/json; charset=utf-8";
  std::string cache_control = "no-store";
};

// Builds a `Request` from an origin-form target ("/path?query"), decoded by `wire::decode_target`.
// Errors: invalid_argument when the target is not origin-form, its percent-encoding is broken or it
// decodes to invalid UTF-8.
[[nodiscard]] core::Result<Request> make_request(std::string method, std::string_view target, std::string authorization,
                                                 std::string body);

// The token of "Authorization: Bearer <token>", empty when absent or of another scheme.
std::string bearer_token(std::string_view authorization);

inline Response json_response(int status, std::string body) {
  return Response{status, std::move(body), {}};
}

}  // namespace hotline::net
