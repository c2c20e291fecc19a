#pragma once

#include "text/labelled_file.hpp"

#include <cstddef>
#include <vector>

namespace hotline::text {

struct DeduplicationResult {
  std::vector<LabelledText> kept;      // first occurrence of each message, input order
  std::size_t removed = 0;             // exact duplicates dropped
  std::size_t conflicting_labels = 0;  // of those, how many carried a different label
};

// Drops messages whose normalised text (NFKC, case-folded, simplified, letters and digits
// only, so punctuation and token spacing do not matter) equals an earlier message's. The
// first occurrence wins, also when the labels disagree.
[[nodiscard]] DeduplicationResult deduplicate(const std::vector<LabelledText>& data);

// Groups near-duplicates: the same message in two forms (raw text and stop-word-stripped
// tokens) or lightly edited copies. Two messages are linked when at least `min_containment`
// of the character 3-grams of the shorter one occur in the other; groups are the connected
// components. Returns a group number per message (0..groups-1). Cross-validation keeps a group
// in one fold so a test message never has its twin in the training folds.
[[nodiscard]] std::vector<std::size_t> near_duplicate_groups(const std::vector<LabelledText>& data,
                                                             double min_containment = 0.6);

}  // namespace hotline::text
