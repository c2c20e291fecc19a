#pragma once

#include "text/binary_io.hpp"
#include "text/feature_index.hpp"

#include <cstdint>
#include <vector>

namespace hotline::text {

// A sparse row: ascending column numbers and their values.
struct SparseVector {
  std::vector<std::int32_t> columns;
  std::vector<float> values;
};

// TF-IDF weighting of feature-hash bags: value = (1 + ln tf) * idf, idf = ln((1+N)/(1+df)) + 1,
// then L2 normalisation. Features seen in fewer than `min_df` training documents are dropped.
// Immutable after `fit`/`load`; `transform` is thread-safe.
class TfidfVectorizer {
 public:
  TfidfVectorizer() = default;

  // Learns the vocabulary and idf from training bags (each a list of hashes with repeats).
  static TfidfVectorizer fit(const std::vector<std::vector<std::uint64_t>>& bags, int min_df);

  // Replaces `out` by the weighted, L2-normalised vector of `bag`; unknown hashes are ignored.
  // With `bag_columns`, also the column of each entry of `bag` (-1 when unknown).
  void transform(const std::vector<std::uint64_t>& bag, SparseVector& out,
                 std::vector<std::int32_t>* bag_columns = nullptr) const;

  [[nodiscard]] std::size_t size() const { return hashes_.size(); }

  void save(BinaryWriter& out) const;
  // Throws std::runtime_error on malformed data.
  static TfidfVectorizer load(BinaryReader& in);

 private:
  std::vector<std::uint64_t> hashes_;  // column -> feature hash
  std::vector<float> idf_;             // column -> idf
  FeatureIndex index_;                 // feature hash -> column
};

}  // namespace hotline::text
