#include "net/request.hpp"

#include <cstdint>

#include <boost/url/parse.hpp>

namespace hotline::net {
namespace {

// Decoded path segments and parameters reach core and error messages, which promise valid UTF-8.
bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xE  ? 3
                         : (lead >> 3) == 0x1E ? 4
                                               : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t code = length == 1 ? lead : lead & (0xFFu >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace

std::optional<std::string> Request::query_value(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

core::Result<Request> make_request(std::string method, std::string_view target, std::string authorization,
                                   std::string body) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return core::fail(core::ErrorCode::invalid_argument, "malformed request target", "target");
  Request out;
  out.method = std::move(method);
  out.target = std::string(target);
  for (auto segment : url->segments()) out.segments.push_back(segment);
  for (auto param : url->params()) out.query.emplace_back(param.key, param.value);
  for (const auto& segment : out.segments) {
    if (!valid_utf8(segment)) return core::fail(core::ErrorCode::invalid_argument, "path is not valid UTF-8", "target");
  }
  for (const auto& [key, value] : out.query) {
    if (!valid_utf8(key) || !valid_utf8(value))
      return core::fail(core::ErrorCode::invalid_argument, "query is not valid UTF-8", "target");
  }
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
