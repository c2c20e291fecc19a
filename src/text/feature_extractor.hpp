#pragma once

#include "text/word_dictionary.hpp"

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace hotline::text {

// Which features describe a message. Stored in the model file, so a model always extracts
// the features it was trained on.
struct FeatureOptions {
  int char_ngram_max = 3;       // character n-grams of length 1..char_ngram_max (0 = none)
  // Words of two or more characters (and adjacent pairs of them), from the segmentation below.
  // +0.003 macro-F1 in cross-validation with the dictionary (docs/benchmarks.md).
  bool word_unigrams = true;
  bool word_bigrams = true;
  bool punctuation_breaks = false;  // n-grams stop at punctuation (else punctuation is skipped)
  // true: words come from a `WordDictionary` learned from the tokenised training messages (the
  // jieba tokens of the full 附件2): a unigram segmentation like jieba's, ~15 us per
  // message; no words if the training data has no tokenised messages. false: ICU's dictionary
  // word break (stop words removed), ~120 us per message, which halves throughput.
  bool dictionary_words = true;
  // The lead of a message (its first `lead_units` units: the title, as title and text are joined,
  // or its opening words) counts twice: dictionary words and character n-grams of length
  // 2..min(lead_ngram_max, char_ngram_max) that start there are also features of their own.
  // +0.005 to +0.009 macro-F1 in cross-validation (docs/benchmarks.md). 0 = no lead features.
  int lead_units = 15;
  int lead_ngram_max = 2;
};

// A feature and the text it stands for ("物业费"), for explanations.
struct FeatureSurface {
  std::uint64_t hash = 0;
  // From its first unit to its last in the normalised text (may hold skipped punctuation); for
  // an ICU word, the word in a thread-local buffer valid until the next `explain` on this thread.
  std::string_view text;
  std::uint32_t first = 0;  // it spans units [first, end) of the message; first == end for ICU
  std::uint32_t end = 0;    // words, which are not aligned to units
  bool word = false;        // a word or its lead copy, not a character n-gram
  bool pair = false;        // a pair of adjacent words (spans both)
};

// Turns normalised text (see `TextNormalizer`) into a bag of 64-bit feature hashes.
//
// The text is reduced to "units": one per Han character, one per run of other letters or
// digits ("a3", "12345"). Whitespace is skipped, so space-separated tokens ("小区 物业") and the
// raw text ("小区物业") give the same character n-grams; single Latin letters (the anonymised
// "A市") are dropped. Stateless; thread-safe.
class FeatureExtractor {
 public:
  explicit FeatureExtractor(FeatureOptions options = {}, std::shared_ptr<const WordDictionary> dictionary = nullptr);

  // Appends one hash per feature occurrence (repeats count as term frequency).
  void extract(std::string_view normalized, std::vector<std::uint64_t>& features) const;

  // The features of `extract`, in the same order, with their text and place, for explaining a
  // classification. Views into `normalized`.
  void explain(std::string_view normalized, std::vector<FeatureSurface>& features) const;

  [[nodiscard]] const FeatureOptions& options() const { return options_; }

  // Counts the space-separated tokens of a normalised, already tokenised text into `counts`
  // (words of up to `WordDictionary::kMaxUnits` units and their prefixes), each `weight` times.
  static void count_tokens(std::string_view normalized, WordDictionary::Counts& counts, std::uint32_t weight = 1);

  // Whether `text` looks like space-separated tokens rather than running Chinese text.
  [[nodiscard]] static bool looks_tokenized(std::string_view text);

  // Words of `normalized` (views into it) as the dictionary segments it: for tests and tools.
  void dictionary_words(std::string_view normalized, std::vector<std::string_view>& words) const;

 private:
  FeatureOptions options_;
  std::shared_ptr<const WordDictionary> dictionary_;
};

}  // namespace hotline::text
