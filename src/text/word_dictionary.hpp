#pragma once

#include "text/binary_io.hpp"
#include "text/feature_index.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace hotline::text {

// A unigram word dictionary for segmenting Chinese text, learned from messages that were
// already segmented (the jieba tokens of the full 附件2): each word with its log-probability.
// Words are identified by a 64-bit key of their sequence of text units (see `FeatureExtractor`),
// so the dictionary holds no strings. Every proper prefix of a word is also stored (without a
// probability), which lets the segmenter stop extending a candidate as soon as no word starts
// that way. Immutable after `build`/`load`; thread-safe.
class WordDictionary {
 public:
  static constexpr std::size_t kMaxUnits = 6;  // longest word, in units

  struct Counts {
    // key of a whole word -> occurrences; prefix keys of words -> nothing (kept in `prefixes`)
    std::unordered_map<std::uint64_t, std::uint32_t> words;
    std::unordered_map<std::uint64_t, std::uint8_t> prefixes;
    std::uint64_t tokens = 0;  // all tokens counted, also single units
  };

  WordDictionary() = default;

  // Keeps words seen at least `min_count` times.
  static WordDictionary build(const Counts& counts, std::uint32_t min_count);

  enum class Match { none, prefix, word };
  // What `key` is: not a prefix of any word, only a prefix, or a word (then `log_probability`).
  [[nodiscard]] Match find(std::uint64_t key, float& log_probability) const {
    const std::int32_t column = index_.find(key);
    if (column < 0) return Match::none;
    log_probability = log_probability_[static_cast<std::size_t>(column)];
    return log_probability > 0.0F ? Match::prefix : Match::word;
  }
  // Log-probability given to a unit that is not in the dictionary.
  [[nodiscard]] float unknown_log_probability() const { return unknown_; }
  [[nodiscard]] std::size_t word_count() const { return words_; }
  [[nodiscard]] bool empty() const { return words_ == 0; }

  void save(BinaryWriter& out) const;
  // Throws std::runtime_error on malformed data.
  static WordDictionary load(BinaryReader& in);

 private:
  std::vector<std::uint64_t> keys_;       // sorted, distinct
  std::vector<float> log_probability_;    // per key; +1 marks a prefix that is not a word
  FeatureIndex index_;
  float unknown_ = -20.0F;
  std::size_t words_ = 0;
};

}  // namespace hotline::text
