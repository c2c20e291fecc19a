#include "net/request.hpp"

namespace hotline::net {

std::optional<std::string> Request::query_value(std::string_view name) const {
  return wire::find_param(query, name);
}

core::Result<Request> make_request(std::string method, std::string_view target, std::string authorization,
                                   std::string body) {
  auto decoded = wire::decode_target(target);
  if (!decoded) return decoded.error();
  Request out;
  out.method = std::move(method);
  out.target = std::string(target);
  out.segments = std::move(decoded->segments);
  out.query = std::move(decoded->query);
  out.authorization = std::move(authorization);
  out.body = std::move(body);
  return out;
}

std::string bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    char c = authorization[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    char k = kScheme[i];
    if (k >= 'A' && k <= 'Z') k = static_cast<char>(k - 'A' + 'a');
    if (c != k) return {};
  }
  auto token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return std::string(token);
}

}  // namespace hotline::net
