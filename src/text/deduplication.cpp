#include "text/deduplication.hpp"

#include "text/stop_words.hpp"
#include "text/text_normalizer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace hotline::text {

namespace {

// Letters and digits of the normalised message, as code points.
std::u32string letters_and_digits(const TextNormalizer& normalizer, const LabelledText& item) {
  const std::string normalized = normalizer.normalize(item.title + "\n" + item.text);
  std::u32string out;
  const auto* s = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto length = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && u_isalnum(c)) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

struct DisjointSets {
  explicit DisjointSets(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
  std::vector<std::size_t> parent;
};

}  // namespace

DeduplicationResult deduplicate(const std::vector<LabelledText>& data) {
  const TextNormalizer normalizer;
  std::unordered_map<std::u32string, std::size_t> first;  // key -> index in result.kept
  DeduplicationResult result;
  for (const auto& item : data) {
    auto [it, inserted] = first.emplace(letters_and_digits(normalizer, item), result.kept.size());
    if (inserted) {
      result.kept.push_back(item);
    } else {
      ++result.removed;
      if (result.kept[it->second].label != item.label) ++result.conflicting_labels;
    }
  }
  return result;
}

std::vector<std::size_t> near_duplicate_groups(const std::vector<LabelledText>& data, double min_containment) {
  const TextNormalizer normalizer;
  // Distinct 3-gram shingles per message, stop characters removed first so the raw text and
  // its stop-word-stripped tokens share most shingles.
  std::vector<std::vector<std::uint64_t>> shingles(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    std::u32string key = letters_and_digits(normalizer, data[i]);
    std::u32string content;
    for (const char32_t c : key) {
      char buffer[4];
      int32_t length = 0;
      U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buffer), length, static_cast<UChar32>(c));
      if (!is_stop_word(std::string_view(buffer, static_cast<std::size_t>(length)))) content.push_back(c);
    }
    auto& s = shingles[i];
    for (std::size_t k = 0; k + 3 <= content.size(); ++k) {
      s.push_back((static_cast<std::uint64_t>(content[k]) << 42) ^ (static_cast<std::uint64_t>(content[k + 1]) << 21) ^
                  static_cast<std::uint64_t>(content[k + 2]));
    }
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
  }
  // Inverted index; shingles shared by very many messages ("有限公司") link nothing useful and
  // would make the pass quadratic, so they are left out of candidate generation.
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (const std::uint64_t h : shingles[i]) postings[h].push_back(static_cast<std::uint32_t>(i));
  }
  constexpr std::size_t kMaxPosting = 50;
  std::vector<std::size_t> rare(data.size(), 0);  // shingles of each message that are indexed
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (const std::uint64_t h : shingles[i]) rare[i] += postings[h].size() <= kMaxPosting ? 1 : 0;
  }
  DisjointSets sets(data.size());
  std::unordered_map<std::uint32_t, std::uint32_t> shared;
  for (std::size_t i = 0; i < data.size(); ++i) {
    shared.clear();
    for (const std::uint64_t h : shingles[i]) {
      const auto& list = postings[h];
      if (list.size() > kMaxPosting) continue;
      for (const std::uint32_t j : list) {
        if (j < i) ++shared[j];
      }
    }
    for (const auto& [j, count] : shared) {
      const std::size_t smaller = std::min(rare[i], rare[j]);
      if (smaller > 0 && static_cast<double>(count) >= min_containment * static_cast<double>(smaller)) sets.unite(i, j);
    }
  }
  std::vector<std::size_t> group(data.size());
  std::unordered_map<std::size_t, std::size_t> number;
  for (std::size_t i = 0; i < data.size(); ++i) {
    group[i] = number.emplace(sets.find(i), number.size()).first->second;
  }
  return group;
}

}  // namespace hotline::text
