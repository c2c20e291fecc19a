#pragma once

#include <cstdint>
#include <vector>

namespace hotline::text {

// Maps the 64-bit hashes of the features a model knows to dense column numbers 0..size()-1.
// An open-addressing table (linear probing, load factor <= 0.5) of 8-byte slots: one cache
// miss per lookup, which dominates at ~1,000 lookups per message. A slot keeps the high 32 bits
// of the hash as a tag (the low bits chose the slot); two known features with equal low bits
// and equal tags would shadow one another, about once per 4e9 pairs, so we accept it.
// Immutable after construction; thread-safe.
class FeatureIndex {
 public:
  FeatureIndex() = default;
  // `hashes` must be distinct; column i is hashes[i].
  explicit FeatureIndex(const std::vector<std::uint64_t>& hashes);

  // Column of `hash`, or -1 if unknown.
  [[nodiscard]] std::int32_t find(std::uint64_t hash) const {
    if (slots_.empty()) return -1;
    for (std::size_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
      const Slot& s = slots_[slot];
      if (s.column < 0) return -1;
      if (s.tag == static_cast<std::uint32_t>(hash >> 32)) return s.column;
    }
  }
  [[nodiscard]] std::size_t size() const { return size_; }
  // Starts loading the slot of `hash` into the cache: lookups into a large table are cache
  // misses, and issuing them ahead lets several be in flight at once.
  void prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & mask_]);
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;
    std::int32_t column = -1;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace hotline::text
