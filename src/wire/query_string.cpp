#include "wire/query_string.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>

#include "wire/utf8.hpp"

namespace hotline::wire {

namespace {

// Bytes a URL may not hold raw (non-ASCII, as curl sends Chinese unencoded) in their
// percent-encoded form, so a raw UTF-8 target reads like its encoding. ASCII is left as it is:
// a malformed target stays malformed.
std::string encode_raw_bytes(std::string_view target) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(target.size() + 16);
  for (char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
      continue;
    }
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

}  // namespace

core::Result<RequestTarget> decode_target(std::string_view raw_target) {
  const std::string target = encode_raw_bytes(raw_target);
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return core::fail(core::ErrorCode::invalid_argument, "malformed request target", "target");
  RequestTarget out;
  for (auto segment : url->segments()) out.segments.push_back(segment);
  for (auto param : url->params()) out.query.emplace_back(param.key, param.value);
  for (const auto& segment : out.segments) {
    if (!is_valid_utf8(segment))
      return core::fail(core::ErrorCode::invalid_argument, "path is not valid UTF-8", "target");
  }
  for (const auto& [key, value] : out.query) {
    if (!is_valid_utf8(key) || !is_valid_utf8(value))
      return core::fail(core::ErrorCode::invalid_argument, "query is not valid UTF-8", "target");
  }
  // "%00" decodes to a NUL, which no name, id or search text holds and C strings cut short.
  for (const auto& segment : out.segments) {
    if (segment.find('\0') != std::string::npos)
      return core::fail(core::ErrorCode::invalid_argument, "path contains a NUL character (U+0000)", "target");
  }
  for (const auto& [key, value] : out.query) {
    if (key.find('\0') != std::string::npos)
      return core::fail(core::ErrorCode::invalid_argument, "query contains a NUL character (U+0000)", "target");
    if (value.find('\0') != std::string::npos) return bad_param(key, "contains a NUL character (U+0000)");
  }
  return out;
}

std::optional<std::string> find_param(const QueryParams& query, std::string_view name) {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

core::Error bad_param(const std::string& name, const std::string& message) {
  return core::make_error(core::ErrorCode::invalid_argument, name + ": " + message, name);
}

core::Result<void> only_params(const QueryParams& query, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : query) {
    if (std::find(known.begin(), known.end(), name) == known.end()) return bad_param(name, "unknown parameter");
  }
  return {};
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = text.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace hotline::wire
