#pragma once

#include <boost/container/small_vector.hpp>
#include <boost/unordered/unordered_flat_map.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hotline::text {

class TextNormalizer;

struct DuplicateOptions {
  std::chrono::seconds window = std::chrono::days(30);  // only entries this close in time are candidates
  int shingle_chars = 2;           // characters per shingle (2 or 3)
  // Similarity: false = idf-weighted cosine; true = idf-weighted overlap coefficient (shared
  // weight / weight of the lighter text), which does not punish a short message for what a
  // long one adds.
  bool overlap = false;
  // Share of the summary term in the score (see `DuplicateIndex`): 0 = whole-text similarity
  // only (the scorer before issue #4's second round), 1 = summary term only.
  double summary_weight = 0.5;
  // A first line of at most this many content characters (letters and digits) is the text's
  // summary line (the ticket title: `message_of` in core joins title and text with a line break).
  std::size_t max_summary_chars = 64;
  // Only the first this many content characters of a text are shingled (0 = all): bounds the
  // memory per entry; the matter is named at the start of a message.
  std::size_t max_content_chars = 300;
  double min_score = 0.3;          // `query` returns entries scoring at least this (see docs/benchmarks.md)
  std::size_t max_results = 10;    // `query` returns at most this many, best first
  std::size_t max_posting = 300;   // shingles in more entries than this are too common to link anything
  std::size_t candidate_cap = 50;  // entries with most shared weight that are fully scored per query
};

struct DuplicateMatch {
  std::int64_t id = 0;
  std::chrono::sys_seconds time{};
  double score = 0.0;  // similarity in [0, 1]
};

// Near-duplicate search for 并单: which open tickets of the last weeks are about the same matter
// as a new message (many citizens about one construction site, one person writing twice).
//
// Each entry's text is normalised (`TextNormalizer`), reduced to letters and digits without stop
// characters, and cut into distinct character n-gram shingles (`shingle_chars`). An inverted index maps each
// shingle to the entries holding it. Shingles weigh idf^2, idf(s) = ln((1 + N) / (1 + df(s))) + 1
// with N entries and df computed over the index's current contents, so shared rare shingles (a
// housing estate's name) count much more than shared common ones ("小区"); shingles in more than
// `max_posting` entries weigh 0, which bounds the work per query.
//
// The score of texts a and b mixes two terms, (1 - `summary_weight`) * whole + `summary_weight` * summary:
// - whole: cosine of the weighted shingle vectors of the whole texts (or the overlap coefficient,
//   `overlap`). High for re-posts and edited copies, low for the same matter in other words: the
//   many shingles of a long text that the other does not use weigh in its norm.
// - summary: sqrt(c(a, b) * c(b, a)), where c(a, b) is the weighted share of a's summary shingles
//   that occur anywhere in b's text. A text's summary is its first line when that line has 2 to
//   `max_summary_chars` content characters (a ticket title such as "魅力之城小区底层商铺油烟扰民"
//   names the place and the problem), else the whole text. Two messages about one matter tend to
//   mention each other's title words even when their bodies differ; a text without a summary line
//   makes this term its plain whole-text cosine, so without titles the score is the cosine.
// Identical texts score 1; scores are in [0, 1].
//
// Not thread-safe: one owner calls `add`, `remove`, `query` in turn (const calls may run
// concurrently with each other, never with a mutation).
class DuplicateIndex {
 public:
  // A shingle as stored: a 32-bit hash of its characters (half the memory of the 64-bit packed
  // code points; ~10 colliding pairs among the ~400,000 distinct 2-grams of 20,000 messages,
  // which only merges two rare shingles' counts).
  using Shingle = std::uint32_t;

  explicit DuplicateIndex(DuplicateOptions options = {});
  ~DuplicateIndex();
  DuplicateIndex(DuplicateIndex&&) noexcept;
  DuplicateIndex& operator=(DuplicateIndex&&) noexcept;

  // Adds an open ticket; an existing entry with the same `id` is replaced.
  void add(std::int64_t id, std::chrono::sys_seconds time, std::string_view text);
  // Removes the entry (ticket closed or merged). Returns false if there was none.
  bool remove(std::int64_t id);
  // Removes entries older than `cutoff`; returns how many.
  std::size_t expire_before(std::chrono::sys_seconds cutoff);

  // Entries within `window` of `time` whose similarity to `text` is at least `min_score`, best
  // first, at most `max_results`; an entry with id `exclude` (the message itself) is skipped.
  [[nodiscard]] std::vector<DuplicateMatch> query(std::string_view text, std::chrono::sys_seconds time,
                                                  std::int64_t exclude = -1) const;
  // Similarity of two indexed entries with the current idf; 0 if either is missing.
  [[nodiscard]] double similarity(std::int64_t a, std::int64_t b) const;
  // Similarity of `text` to each of `others`, indexed or not, with the current idf (the score
  // `query` gives).
  [[nodiscard]] std::vector<double> similarities(std::string_view text, const std::vector<std::string_view>& others) const;
  // The `count` runs of `shingle_chars` adjacent Han characters of the text's summary line (of
  // the whole text, within its first `max_content_chars` content characters, when it has none)
  // that the fewest entries hold (none held by more than `max_posting`), rarest first (ties:
  // earlier first), normalised, as UTF-8: what a full-text search outside the index should look
  // for to find the entries `query` would rank high. Empty for a text without such a phrase.
  [[nodiscard]] std::vector<std::string> rare_phrases(std::string_view text, std::size_t count) const;

  [[nodiscard]] std::size_t size() const { return by_id_.size(); }
  [[nodiscard]] const DuplicateOptions& options() const { return options_; }

  // Distinct shingles of a text as the index sees it (sorted); exposed for tests and tools.
  [[nodiscard]] std::vector<Shingle> shingles(std::string_view text) const;
  // Distinct shingles of the text's summary line (sorted), empty when the text has none (then the
  // whole text serves as its summary); exposed for tests and tools.
  [[nodiscard]] std::vector<Shingle> summary_shingles(std::string_view text) const;

 private:
  // Shingles of one text: `all` of it, and `summary` those of its summary line (a subset of
  // `all`; empty when the text has no summary line, meaning "same as `all`"). Both sorted.
  struct Shingles {
    std::vector<Shingle> all;
    std::vector<Shingle> summary;
    [[nodiscard]] const std::vector<Shingle>& summary_or_all() const { return summary.empty() ? all : summary; }
  };
  struct Entry {
    std::int64_t id = 0;
    std::chrono::sys_seconds time{};
    Shingles shingles;
    bool alive = false;
  };

  [[nodiscard]] Shingles shingle_text(std::string_view text) const;
  // The part of `text` that can hold its first `max_content_chars` content characters.
  [[nodiscard]] std::string_view bounded_prefix(std::string_view text) const;
  [[nodiscard]] double score_pair(const Shingles& a, const Shingles& b) const;
  [[nodiscard]] double weight(Shingle shingle) const;  // idf^2, 0 if absent or too common
  [[nodiscard]] double norm2(const std::vector<Shingle>& shingles) const;
  // Weight of the shingles of `part` that are in `whole` (both sorted).
  [[nodiscard]] double shared_weight(const std::vector<Shingle>& part, const std::vector<Shingle>& whole) const;
  // The score of the class comment from its parts: `dot` = shared weight of the whole texts,
  // `norm_*` = weights of the whole texts, `summary_*` = weights of the summaries, `summary_*_found`
  // = weight of each summary's shingles found in the other text.
  struct ScoreParts {
    double dot = 0.0, norm_a = 0.0, norm_b = 0.0;
    double summary_a = 0.0, summary_a_found = 0.0, summary_b = 0.0, summary_b_found = 0.0;
  };
  [[nodiscard]] double score(const ScoreParts& parts) const;
  void erase_slot(std::uint32_t slot);

  DuplicateOptions options_;
  std::unique_ptr<const TextNormalizer> normalizer_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> free_slots_;
  std::unordered_map<std::int64_t, std::uint32_t> by_id_;
  // Shingle -> live entries holding it: `count` is exact (it gives the idf); `slots` lists them
  // only up to `max_posting` + 1, since a shingle that common is ignored by queries anyway. This
  // bounds the cost of removing an entry (a burst of identical messages would otherwise make every
  // removal walk lists as long as the index). A shingle that falls back below the limit may then
  // list fewer slots than it has: a small loss of recall, never a false match.
  struct Posting {
    std::uint32_t count = 0;
    // Most shingles are in one to three entries: those slots live inline, without an allocation.
    boost::container::small_vector<std::uint32_t, 3> slots;
  };
  // Open addressing: no node allocation per shingle (~400,000 distinct 2-grams in 20,000 messages).
  boost::unordered_flat_map<Shingle, Posting> postings_;
};

}  // namespace hotline::text
