#pragma once
// Request targets and their query strings: percent-decoding (Boost.URL, kept out of this header),
// UTF-8 checks, and the small readers every URL parameter decoder uses. Unknown parameters are
// refused like unknown JSON fields; errors are `invalid_argument` naming the parameter.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace hotline::wire {

// Percent-decoded name/value pairs in the order sent.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct RequestTarget {
  std::vector<std::string> segments;  // percent-decoded path segments: "/api/v1/me" -> {"api","v1","me"}
  QueryParams query;
};

// Decodes an origin-form target ("/path?query"). Decoded segments and parameters reach core and
// error messages, which promise valid UTF-8. Errors: invalid_argument on field "target" when the
// target is not origin-form, its percent-encoding is broken, or what it decodes to is not UTF-8.
[[nodiscard]] core::Result<RequestTarget> decode_target(std::string_view target);

// The value of the first parameter `name`, or nullopt.
std::optional<std::string> find_param(const QueryParams& query, std::string_view name);

// invalid_argument "<name>: <message>" on field `name`.
core::Error bad_param(const std::string& name, const std::string& message);

// Refuses the first parameter not in `known` ("<name>: unknown parameter").
[[nodiscard]] core::Result<void> only_params(const QueryParams& query, std::initializer_list<std::string_view> known);

// The whole of `text` as a decimal integer (optional '-'), or nullopt.
std::optional<std::int64_t> parse_integer(std::string_view text);

// "a,,b" -> {"a","b"}: comma-separated items, empty ones dropped.
std::vector<std::string> split_list(std::string_view text);

}  // namespace hotline::wire
