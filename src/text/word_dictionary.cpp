#include "text/word_dictionary.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hotline::text {

WordDictionary WordDictionary::build(const Counts& counts, std::uint32_t min_count) {
  WordDictionary d;
  const double total = std::max<double>(1.0, static_cast<double>(counts.tokens));
  std::vector<std::pair<std::uint64_t, float>> entries;
  for (const auto& [key, count] : counts.words) {
    if (count < std::max<std::uint32_t>(min_count, 1)) continue;
    entries.emplace_back(key, static_cast<float>(std::log(static_cast<double>(count) / total)));
    ++d.words_;
  }
  // Words are also prefixes of longer words; a word entry wins over a prefix entry.
  std::sort(entries.begin(), entries.end());
  const std::size_t word_entries = entries.size();
  for (const auto& [key, length] : counts.prefixes) {
    (void)length;
    const auto end = entries.begin() + static_cast<std::ptrdiff_t>(word_entries);
    const auto at = std::lower_bound(entries.begin(), end, key, [](const auto& e, std::uint64_t k) { return e.first < k; });
    if (at == end || at->first != key) entries.emplace_back(key, 1.0F);
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& [key, value] : entries) {
    d.keys_.push_back(key);
    d.log_probability_.push_back(value);
  }
  // Unknown units score as a word seen half a time: below every known word.
  d.unknown_ = static_cast<float>(std::log(0.5 / total));
  d.index_ = FeatureIndex(d.keys_);
  return d;
}

void WordDictionary::save(BinaryWriter& out) const {
  out.put_vector(keys_);
  out.put_vector(log_probability_);
  out.put<float>(unknown_);
  out.put<std::uint64_t>(words_);
}

WordDictionary WordDictionary::load(BinaryReader& in) {
  WordDictionary d;
  d.keys_ = in.get_vector<std::uint64_t>();
  d.log_probability_ = in.get_vector<float>();
  d.unknown_ = in.get<float>();
  d.words_ = static_cast<std::size_t>(in.get<std::uint64_t>());
  if (d.keys_.size() != d.log_probability_.size() || d.words_ > d.keys_.size()) {
    throw std::runtime_error("word dictionary sizes differ");
  }
  if (!std::is_sorted(d.keys_.begin(), d.keys_.end()) ||
      std::adjacent_find(d.keys_.begin(), d.keys_.end()) != d.keys_.end()) {
    throw std::runtime_error("word dictionary is not sorted and distinct");
  }
  if (!std::isfinite(d.unknown_)) throw std::runtime_error("bad word dictionary");
  d.index_ = FeatureIndex(d.keys_);
  return d;
}

}  // namespace hotline::text
