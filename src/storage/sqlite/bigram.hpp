#pragma once
// Character bigrams for the `ticket_fts` full-text table, so substring search works for Chinese,
// which has no spaces: "市民投诉" is indexed as 市民 民投 投诉 诉<end>. Each bigram becomes one ASCII
// token - the hex code points of its two characters joined by 'x' ("5e02x6c11") - which the FTS5
// `ascii` tokenizer keeps whole. The last character of a field is paired with the end marker "0" so
// that a one-character query can be a prefix query ("8bc9x*").
// A query of n >= 2 characters becomes the phrase of its n - 1 bigrams: a superset of the true
// matches (callers confirm with an exact substring check). Bytes that are not valid UTF-8 are taken
// one at a time, the same way in documents and queries. Pure functions, thread-safe.

#include <string>
#include <string_view>

namespace hotline::storage::sqlite {

// The token text to index for a ticket: bigrams of `title`, then of `text` (none spanning the two).
std::string bigram_document(std::string_view title, std::string_view text);

// The FTS5 MATCH expression for a substring `needle`; empty when `needle` is empty. The result
// contains only [0-9a-fx"* ], never user text, so it cannot change the query's meaning.
std::string bigram_query(std::string_view needle);

}  // namespace hotline::storage::sqlite
