#pragma once
// UTF-8 validation for text that crosses the wire (request targets, CSV files): core and error
// messages promise valid UTF-8, and Excel in China often saves GBK. Standard library only.

#include <string_view>

namespace hotline::wire {

// True when `text` is well-formed UTF-8: no stray continuation bytes, no truncated sequences, no
// overlong forms, no surrogates (U+D800-U+DFFF), nothing above U+10FFFF.
[[nodiscard]] bool is_valid_utf8(std::string_view text);

}  // namespace hotline::wire
