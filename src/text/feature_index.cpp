#include "text/feature_index.hpp"

namespace hotline::text {

FeatureIndex::FeatureIndex(const std::vector<std::uint64_t>& hashes) : size_(hashes.size()) {
  std::size_t capacity = 16;
  while (capacity < 2 * hashes.size()) capacity *= 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (std::size_t column = 0; column < hashes.size(); ++column) {
    std::size_t slot = hashes[column] & mask_;
    while (slots_[slot].column >= 0) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{static_cast<std::uint32_t>(hashes[column] >> 32), static_cast<std::int32_t>(column)};
  }
}

}  // namespace hotline::text
