#include "text/feature_extractor.hpp"

#include "text/stop_words.hpp"
#include "text/word_segmenter.hpp"

#include <unicode/uchar.h>

#include <string>

namespace hotline::text {

namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = kFnvOffset) {
  std::uint64_t h = seed;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

// splitmix64 finaliser: spreads combined hashes over all 64 bits.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// Distinct seeds keep feature kinds apart: the word "小区" is not the bigram "小区".
constexpr std::uint64_t kCharSeed = 0x100;
constexpr std::uint64_t kWordSeed = 0x200;
constexpr std::uint64_t kWordPairSeed = 0x300;

bool is_han(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xF900 && c <= 0xFAFF);
}

struct Unit {
  std::string_view bytes;
  std::uint64_t hash;
  bool stop;  // a single stop character such as 的
};

// Decodes one code point at `pos`, advancing it; malformed bytes yield U+FFFD.
UChar32 next_code_point(std::string_view s, std::size_t& pos) {
  const auto byte = static_cast<unsigned char>(s[pos]);
  int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
  if (byte >= 0x80 && byte < 0xC0) length = 1;
  if (pos + static_cast<std::size_t>(length) > s.size()) {
    pos = s.size();
    return 0xFFFD;
  }
  UChar32 c = length == 1 ? byte : length == 2 ? (byte & 0x1F) : length == 3 ? (byte & 0x0F) : (byte & 0x07);
  for (int k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(s[pos + static_cast<std::size_t>(k)]) & 0x3F);
  pos += static_cast<std::size_t>(length);
  return (byte >= 0x80 && byte < 0xC0) ? 0xFFFD : c;
}

// Splits text into runs of units; a run ends at punctuation when `punctuation_breaks`.
void to_runs(std::string_view text, bool punctuation_breaks, std::vector<Unit>& units,
             std::vector<std::size_t>& run_ends) {
  std::size_t pos = 0;
  std::size_t word_begin = std::string_view::npos;  // start of a pending letter/digit run
  auto flush_word = [&](std::size_t end) {
    if (word_begin == std::string_view::npos) return;
    const std::string_view word = text.substr(word_begin, end - word_begin);
    word_begin = std::string_view::npos;
    // A lone Latin letter is an anonymised place code ("A市"), not content.
    if (word.size() == 1 && ((word[0] >= 'a' && word[0] <= 'z') || (word[0] >= 'A' && word[0] <= 'Z'))) return;
    units.push_back({word, fnv1a(word), false});
  };
  auto end_run = [&] {
    if (!units.empty() && (run_ends.empty() || run_ends.back() != units.size())) run_ends.push_back(units.size());
  };
  while (pos < text.size()) {
    const std::size_t begin = pos;
    const UChar32 c = next_code_point(text, pos);
    if (is_han(c)) {
      flush_word(begin);
      const std::string_view ch = text.substr(begin, pos - begin);
      units.push_back({ch, fnv1a(ch), is_stop_word(ch)});
    } else if (u_isalnum(c)) {
      if (word_begin == std::string_view::npos) word_begin = begin;
    } else {
      flush_word(begin);
      if (punctuation_breaks && !u_isspace(c)) end_run();
    }
  }
  flush_word(text.size());
  end_run();
}

}  // namespace

FeatureExtractor::FeatureExtractor(FeatureOptions options) : options_(options) {}

void FeatureExtractor::extract(std::string_view normalized, std::vector<std::uint64_t>& features) const {
  thread_local std::vector<Unit> units;
  thread_local std::vector<std::size_t> run_ends;
  units.clear();
  run_ends.clear();
  to_runs(normalized, options_.punctuation_breaks, units, run_ends);

  std::size_t run_begin = 0;
  for (const std::size_t run_end : run_ends) {
    for (std::size_t i = run_begin; i < run_end; ++i) {
      if (options_.char_ngram_max >= 1 && !units[i].stop) features.push_back(mix(kCharSeed ^ units[i].hash));
      std::uint64_t h = kCharSeed ^ units[i].hash;
      for (int n = 2; n <= options_.char_ngram_max && i + static_cast<std::size_t>(n) <= run_end; ++n) {
        h = mix(h * 31 + units[i + static_cast<std::size_t>(n) - 1].hash);
        features.push_back(h ^ static_cast<std::uint64_t>(n));
      }
    }
    run_begin = run_end;
  }

  if (!options_.word_unigrams && !options_.word_bigrams) return;
  // Re-join the units so ICU sees "小区物业" whether the input was raw or space-tokenised.
  thread_local std::string joined;
  thread_local std::vector<std::string_view> words;
  joined.clear();
  words.clear();
  run_begin = 0;
  for (const std::size_t run_end : run_ends) {
    for (std::size_t i = run_begin; i < run_end; ++i) {
      // Keep letter/digit runs apart from each other so "a3" "12" do not merge.
      if (i > run_begin && units[i].bytes.size() > 0 && static_cast<unsigned char>(units[i].bytes[0]) < 0x80) joined.push_back(' ');
      joined.append(units[i].bytes);
    }
    joined.push_back('\n');
    run_begin = run_end;
  }
  segment_words(joined, words);
  std::uint64_t previous = 0;
  for (const std::string_view word : words) {
    // Single characters are already unigram features; words must span two or more.
    if (word.size() <= 3 && static_cast<unsigned char>(word[0]) >= 0x80) continue;
    if (is_stop_word(word)) continue;
    const std::uint64_t h = fnv1a(word, kFnvOffset ^ kWordSeed);
    if (options_.word_unigrams) features.push_back(h);
    if (options_.word_bigrams && previous != 0) features.push_back(mix(kWordPairSeed ^ (previous * 31 + h)));
    previous = h;
  }
}

}  // namespace hotline::text
