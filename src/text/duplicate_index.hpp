#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
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
  double min_score = 0.2;          // `query` returns entries scoring at least this (see docs/benchmarks.md)
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
// shingle to the entries holding it. The similarity of two texts is the cosine of their binary
// shingle vectors weighted by idf, idf(s) = ln((1 + N) / (1 + df(s))) + 1 with N entries and df
// computed over the index's current contents, so shared rare shingles (a housing estate's name)
// count much more than shared common ones ("小区"); shingles in more than `max_posting` entries
// are ignored altogether, which bounds the work per query.
//
// Not thread-safe: one owner calls `add`, `remove`, `query` in turn (const calls may run
// concurrently with each other, never with a mutation).
class DuplicateIndex {
 public:
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

  [[nodiscard]] std::size_t size() const { return by_id_.size(); }
  [[nodiscard]] const DuplicateOptions& options() const { return options_; }

  // Distinct shingles of a text as the index sees it (sorted); exposed for tests and tools.
  [[nodiscard]] std::vector<std::uint64_t> shingles(std::string_view text) const;

 private:
  struct Entry {
    std::int64_t id = 0;
    std::chrono::sys_seconds time{};
    std::vector<std::uint64_t> shingles;
    bool alive = false;
  };

  [[nodiscard]] double weight(std::uint64_t shingle) const;  // idf^2, 0 if absent or too common
  [[nodiscard]] double norm2(const std::vector<std::uint64_t>& shingles) const;
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
    std::vector<std::uint32_t> slots;
  };
  std::unordered_map<std::uint64_t, Posting> postings_;
};

}  // namespace hotline::text
