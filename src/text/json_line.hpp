#pragma once

#include <map>
#include <string>
#include <string_view>

namespace hotline::text {

// Minimal JSON for JSON Lines files of flat records, so `text` needs no JSON library.

// Parses one flat JSON object. String values are unescaped (\uXXXX incl. surrogate pairs ->
// UTF-8); numbers, true, false and null are kept as their literal text. Throws
// std::runtime_error on malformed input or nested arrays/objects.
[[nodiscard]] std::map<std::string, std::string> parse_json_string_object(std::string_view line);

// Appends `value` to `out` as a quoted JSON string (escapes ", \ and control characters).
void append_json_string(std::string& out, std::string_view value);

}  // namespace hotline::text
