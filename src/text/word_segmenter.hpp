#pragma once

#include <string_view>
#include <vector>

namespace hotline::text {

// Dictionary-based word segmentation of Chinese (and rule-based for other scripts) with ICU's
// word BreakIterator for locale "zh". Whitespace and punctuation pieces are dropped.
//
// Appends to `words` views into `utf8`, which must outlive them. Thread-safe: each thread
// uses its own clone of a shared prototype iterator. Throws std::runtime_error if ICU's
// break data is missing.
void segment_words(std::string_view utf8, std::vector<std::string_view>& words);

}  // namespace hotline::text
