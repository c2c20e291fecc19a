#include "text/duplicate_index.hpp"

#include "text/stop_words.hpp"
#include "text/text_normalizer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace hotline::text {

DuplicateIndex::DuplicateIndex(DuplicateOptions options)
    : options_(options), normalizer_(std::make_unique<const TextNormalizer>()) {}
DuplicateIndex::~DuplicateIndex() = default;
DuplicateIndex::DuplicateIndex(DuplicateIndex&&) noexcept = default;
DuplicateIndex& DuplicateIndex::operator=(DuplicateIndex&&) noexcept = default;

std::vector<std::uint64_t> DuplicateIndex::shingles(std::string_view text) const {
  // Letters and digits of the normalised text without stop characters (的, 了, …), so
  // punctuation, spacing and filler words do not break shingles.
  const std::string normalized = normalizer_->normalize(text);
  std::u32string content;
  const auto* s = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto length = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < length;) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !u_isalnum(c)) continue;
    const std::string_view character(normalized.data() + begin, static_cast<std::size_t>(i - begin));
    if (!is_stop_word(character)) content.push_back(static_cast<char32_t>(c));
  }
  std::vector<std::uint64_t> out;
  // Code points have 21 bits, so up to three pack into a 64-bit key without collisions.
  const auto n = static_cast<std::size_t>(std::clamp(options_.shingle_chars, 1, 3));
  for (std::size_t k = 0; k + n <= content.size(); ++k) {
    std::uint64_t key = 0;
    for (std::size_t j = 0; j < n; ++j) key = (key << 21) | static_cast<std::uint64_t>(content[k + j]);
    out.push_back(key);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double DuplicateIndex::weight(std::uint64_t shingle) const {
  const auto it = postings_.find(shingle);
  const std::size_t df = it == postings_.end() ? 0 : it->second.count;
  if (df > options_.max_posting) return 0.0;
  const double idf = std::log((1.0 + static_cast<double>(by_id_.size())) / (1.0 + static_cast<double>(df))) + 1.0;
  return idf * idf;
}

double DuplicateIndex::norm2(const std::vector<std::uint64_t>& shingles) const {
  double sum = 0.0;
  for (const std::uint64_t s : shingles) sum += weight(s);
  return sum;
}

void DuplicateIndex::add(std::int64_t id, std::chrono::sys_seconds time, std::string_view text) {
  remove(id);
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(entries_.size());
    entries_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  Entry& entry = entries_[slot];
  entry = {id, time, shingles(text), true};
  for (const std::uint64_t s : entry.shingles) {
    Posting& posting = postings_[s];
    ++posting.count;
    if (posting.slots.size() <= options_.max_posting) posting.slots.push_back(slot);
  }
  by_id_.emplace(id, slot);
}

void DuplicateIndex::erase_slot(std::uint32_t slot) {
  Entry& entry = entries_[slot];
  for (const std::uint64_t s : entry.shingles) {
    auto it = postings_.find(s);
    // Every shingle of a live entry has a posting counting it (added together in `add`).
    std::erase(it->second.slots, slot);
    if (--it->second.count == 0) postings_.erase(it);
  }
  by_id_.erase(entry.id);
  entry = {};
  free_slots_.push_back(slot);
}

bool DuplicateIndex::remove(std::int64_t id) {
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return false;
  erase_slot(it->second);
  return true;
}

std::size_t DuplicateIndex::expire_before(std::chrono::sys_seconds cutoff) {
  std::size_t removed = 0;
  for (std::uint32_t slot = 0; slot < entries_.size(); ++slot) {
    if (entries_[slot].alive && entries_[slot].time < cutoff) {
      erase_slot(slot);
      ++removed;
    }
  }
  return removed;
}

std::vector<DuplicateMatch> DuplicateIndex::query(std::string_view text, std::chrono::sys_seconds time,
                                                  std::int64_t exclude) const {
  const std::vector<std::uint64_t> own = shingles(text);
  double own_norm = 0.0;
  std::unordered_map<std::uint32_t, double> shared;  // slot -> sum of weights of shared shingles
  for (const std::uint64_t s : own) {
    const double w = weight(s);
    own_norm += w;
    const auto it = postings_.find(s);
    if (w == 0.0 || it == postings_.end()) continue;
    for (const std::uint32_t slot : it->second.slots) {
      const Entry& entry = entries_[slot];
      if (entry.id == exclude || entry.time < time - options_.window || entry.time > time + options_.window) continue;
      shared[slot] += w;
    }
  }
  std::vector<std::pair<double, std::uint32_t>> candidates;
  candidates.reserve(shared.size());
  for (const auto& [slot, dot] : shared) candidates.emplace_back(dot, slot);
  const std::size_t keep = std::min(options_.candidate_cap, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end(),
                    [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<DuplicateMatch> out;
  for (std::size_t k = 0; k < keep; ++k) {
    const Entry& entry = entries_[candidates[k].second];
    const double other_norm = norm2(entry.shingles);
    const double denominator = options_.overlap ? std::min(own_norm, other_norm) : std::sqrt(own_norm * other_norm);
    const double score = denominator > 0.0 ? std::min(1.0, candidates[k].first / denominator) : 0.0;
    if (score >= options_.min_score) out.push_back({entry.id, entry.time, score});
  }
  std::sort(out.begin(), out.end(), [](const DuplicateMatch& a, const DuplicateMatch& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if (out.size() > options_.max_results) out.resize(options_.max_results);
  return out;
}

double DuplicateIndex::similarity(std::int64_t a, std::int64_t b) const {
  const auto ia = by_id_.find(a);
  const auto ib = by_id_.find(b);
  if (ia == by_id_.end() || ib == by_id_.end()) return 0.0;
  const auto& sa = entries_[ia->second].shingles;
  const auto& sb = entries_[ib->second].shingles;
  double dot = 0.0;
  // Both sorted: merge.
  for (std::size_t i = 0, j = 0; i < sa.size() && j < sb.size();) {
    if (sa[i] < sb[j]) ++i;
    else if (sb[j] < sa[i]) ++j;
    else {
      dot += weight(sa[i]);
      ++i;
      ++j;
    }
  }
  const double na = norm2(sa);
  const double nb = norm2(sb);
  const double denominator = options_.overlap ? std::min(na, nb) : std::sqrt(na * nb);
  return denominator > 0.0 ? std::min(1.0, dot / denominator) : 0.0;
}

}  // namespace hotline::text
