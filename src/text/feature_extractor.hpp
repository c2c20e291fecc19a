#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace hotline::text {

// Which features describe a message. Stored in the model file, so a model always extracts
// the features it was trained on.
struct FeatureOptions {
  int char_ngram_max = 3;       // character n-grams of length 1..char_ngram_max (0 = none)
  // ICU words of two or more characters, stop words removed. Off by default: +0.003 macro-F1
  // in cross-validation but ICU dictionary segmentation is ~120 us per message, which halves
  // throughput (docs/benchmarks.md).
  bool word_unigrams = false;
  bool word_bigrams = false;    // adjacent pairs of those words
  bool punctuation_breaks = false;  // n-grams stop at punctuation (else punctuation is skipped)
};

// Turns normalised text (see `TextNormalizer`) into a bag of 64-bit feature hashes.
//
// The text is reduced to "units": one per Han character, one per run of other letters or
// digits ("a3", "12345"). Whitespace is skipped, so space-separated tokens ("小区 物业") and the
// raw text ("小区物业") give the same character n-grams; single Latin letters (the anonymised
// "A市") are dropped. Stateless; thread-safe.
class FeatureExtractor {
 public:
  explicit FeatureExtractor(FeatureOptions options = {});

  // Appends one hash per feature occurrence (repeats count as term frequency).
  void extract(std::string_view normalized, std::vector<std::uint64_t>& features) const;

  [[nodiscard]] const FeatureOptions& options() const { return options_; }

 private:
  FeatureOptions options_;
};

}  // namespace hotline::text
