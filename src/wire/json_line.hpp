#pragma once

#include <map>
#include <string>
#include <string_view>

namespace hotline::wire {

// JSON Lines input: one flat JSON object per line (labelled message files). Lines are written with
// `JsonWriter` (wire/json_writer.hpp) and a '\n'.

// Parses one flat JSON object. String values are unescaped (\uXXXX incl. surrogate pairs ->
// UTF-8); numbers, true, false and null are kept as their literal text. Throws
// std::runtime_error on malformed input or nested arrays/objects.
[[nodiscard]] std::map<std::string, std::string> parse_json_string_object(std::string_view line);

}  // namespace hotline::wire
