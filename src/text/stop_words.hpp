#pragma once

#include <string_view>

namespace hotline::text {

// Built-in list of Chinese function words and fillers common in citizen messages (的, 了, 请问,
// 您好, …), in simplified, case-folded form. They carry no topic and are also absent from the
// pre-tokenized training corpus, so dropping them keeps raw and tokenized text alike.
// Thread-safe (immutable data).
[[nodiscard]] bool is_stop_word(std::string_view word);

// Same for a word of one code point, by table lookup (the per-character hot path).
[[nodiscard]] bool is_stop_character(char32_t c);

}  // namespace hotline::text
