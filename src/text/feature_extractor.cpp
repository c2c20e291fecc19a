#include "text/feature_extractor.hpp"

#include "text/stop_words.hpp"
#include "text/word_segmenter.hpp"

#include <unicode/uchar.h>

#include <algorithm>
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
constexpr std::uint64_t kDictionarySeed = 0x400;
constexpr std::uint64_t kLeadSeed = 0x500;

// Key of a unit sequence in a `WordDictionary`: extended one unit at a time.
std::uint64_t extend_key(std::uint64_t key, std::uint64_t unit_hash) { return mix(key * 31 + unit_hash); }

bool is_han(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xF900 && c <= 0xFAFF);
}

struct Unit {
  std::string_view bytes;
  std::uint64_t hash;
  bool stop;  // a single stop character such as 的
  bool space_before;  // whitespace separates it from the previous unit (token boundary)
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
  bool space_pending = false;
  auto flush_word = [&](std::size_t end) {
    if (word_begin == std::string_view::npos) return;
    const std::string_view word = text.substr(word_begin, end - word_begin);
    word_begin = std::string_view::npos;
    // A lone Latin letter is an anonymised place code ("A市"), not content.
    if (word.size() == 1 && ((word[0] >= 'a' && word[0] <= 'z') || (word[0] >= 'A' && word[0] <= 'Z'))) return;
    units.push_back({word, fnv1a(word), false, space_pending});
    space_pending = false;
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
      units.push_back({ch, fnv1a(ch), is_stop_character(static_cast<char32_t>(c)), space_pending});
      space_pending = false;
    } else if (u_isalnum(c)) {
      if (word_begin == std::string_view::npos) word_begin = begin;
    } else {
      flush_word(begin);
      space_pending = true;
      if (punctuation_breaks && !u_isspace(c)) end_run();
    }
  }
  flush_word(text.size());
  end_run();
}

// Best segmentation of units [begin, end) under `dictionary`: `length[i]` is the number of
// units of the word starting at i on the best path (maximum sum of log-probabilities, the
// unigram model jieba uses). Words never cross a token boundary (`space_before`).
void segment_run(const WordDictionary& dictionary, const std::vector<Unit>& units, std::size_t begin, std::size_t end,
                 std::vector<float>& best, std::vector<std::uint8_t>& length) {
  const std::size_t n = end - begin;
  best.assign(n + 1, 0.0F);
  length.assign(n, 1);
  for (std::size_t i = n; i-- > 0;) {
    std::uint64_t key = kDictionarySeed;
    float chosen = 0.0F;
    bool have = false;
    for (std::size_t j = i; j < n && j - i < WordDictionary::kMaxUnits; ++j) {
      if (j > i && units[begin + j].space_before) break;
      key = extend_key(key, units[begin + j].hash);
      float log_probability = 0.0F;
      const auto match = dictionary.find(key, log_probability);
      if (match == WordDictionary::Match::none) {
        if (j == i) {
          chosen = dictionary.unknown_log_probability() + best[i + 1];
          have = true;
        }
        break;
      }
      if (match == WordDictionary::Match::word) {
        const float score = log_probability + best[j + 1];
        if (!have || score > chosen) {
          chosen = score;
          length[i] = static_cast<std::uint8_t>(j - i + 1);
          have = true;
        }
      } else if (j == i) {
        chosen = dictionary.unknown_log_probability() + best[i + 1];
        have = true;
      }
    }
    best[i] = chosen;
  }
}

// What produced a feature, for explanations (`FeatureExtractor::explain`).
enum class FeatureKind { char_unigram, char_ngram, lead_ngram, word, lead_word, word_pair };

// Calls `sink(hash, kind, units, first, end, word)` once per feature occurrence of `normalized`:
// the feature spans units [first, end) of `units`, or, for ICU words (which are not unit
// aligned), is the string `word` (then first == end). One walk for `extract` and `explain`, so
// an explanation always names the features the model scored.
template <class Sink>
void walk_features(const FeatureOptions& options, const WordDictionary* dictionary, std::string_view normalized,
                   Sink&& sink) {
  thread_local std::vector<Unit> units;
  thread_local std::vector<std::size_t> run_ends;
  units.clear();
  run_ends.clear();
  to_runs(normalized, options.punctuation_breaks, units, run_ends);

  const auto lead_end = static_cast<std::size_t>(std::max(options.lead_units, 0));
  std::size_t run_begin = 0;
  for (const std::size_t run_end : run_ends) {
    for (std::size_t i = run_begin; i < run_end; ++i) {
      if (options.char_ngram_max >= 1 && !units[i].stop) sink(mix(kCharSeed ^ units[i].hash), FeatureKind::char_unigram, units, i, i + 1, {});
      std::uint64_t h = kCharSeed ^ units[i].hash;
      for (int n = 2; n <= options.char_ngram_max && i + static_cast<std::size_t>(n) <= run_end; ++n) {
        h = mix(h * 31 + units[i + static_cast<std::size_t>(n) - 1].hash);
        const std::size_t end = i + static_cast<std::size_t>(n);
        sink(h ^ static_cast<std::uint64_t>(n), FeatureKind::char_ngram, units, i, end, {});
        if (i < lead_end && n <= options.lead_ngram_max)
          sink(mix(kLeadSeed ^ h ^ static_cast<std::uint64_t>(n)), FeatureKind::lead_ngram, units, i, end, {});
      }
    }
    run_begin = run_end;
  }

  if (!options.word_unigrams && !options.word_bigrams) return;
  if (options.dictionary_words) {
    if (dictionary == nullptr) return;
    thread_local std::vector<float> best;
    thread_local std::vector<std::uint8_t> length;
    std::uint64_t previous = 0;
    std::size_t previous_first = 0;
    run_begin = 0;
    for (const std::size_t run_end : run_ends) {
      segment_run(*dictionary, units, run_begin, run_end, best, length);
      for (std::size_t i = 0; i < run_end - run_begin; i += length[i]) {
        // Single units are already character unigrams; words must span two or more.
        if (length[i] < 2) continue;
        std::uint64_t key = kDictionarySeed;
        for (std::size_t k = 0; k < length[i]; ++k) key = extend_key(key, units[run_begin + i + k].hash);
        const std::uint64_t h = mix(kWordSeed ^ key);
        const std::size_t first = run_begin + i;
        const std::size_t end = first + length[i];
        if (options.word_unigrams) sink(h, FeatureKind::word, units, first, end, {});
        if (options.word_unigrams && first < lead_end) sink(mix(kLeadSeed ^ h), FeatureKind::lead_word, units, first, end, {});
        if (options.word_bigrams && previous != 0)
          sink(mix(kWordPairSeed ^ (previous * 31 + h)), FeatureKind::word_pair, units, previous_first, end, {});
        previous = h;
        previous_first = first;
      }
      run_begin = run_end;
    }
    return;
  }
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
    if (options.word_unigrams) sink(h, FeatureKind::word, units, 0, 0, word);
    if (options.word_bigrams && previous != 0)
      sink(mix(kWordPairSeed ^ (previous * 31 + h)), FeatureKind::word_pair, units, 0, 0, word);
    previous = h;
  }
}

}  // namespace

FeatureExtractor::FeatureExtractor(FeatureOptions options, std::shared_ptr<const WordDictionary> dictionary)
    : options_(options), dictionary_(std::move(dictionary)) {}

bool FeatureExtractor::looks_tokenized(std::string_view text) {
  std::size_t spaces = 0;
  std::size_t wide = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == ' ') ++spaces;
    else if (byte >= 0xE0) ++wide;  // lead byte of a 3- or 4-byte code point (Han)
  }
  // jieba tokens average under two characters; running text has almost no spaces.
  return spaces >= 3 && spaces * 6 >= wide;
}

void FeatureExtractor::count_tokens(std::string_view normalized, WordDictionary::Counts& counts, std::uint32_t weight) {
  thread_local std::vector<Unit> units;
  thread_local std::vector<std::size_t> run_ends;
  units.clear();
  run_ends.clear();
  to_runs(normalized, false, units, run_ends);
  for (std::size_t i = 0; i < units.size();) {
    std::size_t j = i + 1;
    while (j < units.size() && !units[j].space_before) ++j;
    counts.tokens += weight;
    if (j - i <= WordDictionary::kMaxUnits) {
      std::uint64_t key = kDictionarySeed;
      for (std::size_t k = i; k < j; ++k) {
        key = extend_key(key, units[k].hash);
        if (k + 1 < j) counts.prefixes.emplace(key, 0);
      }
      counts.words[key] += weight;
    }
    i = j;
  }
}

void FeatureExtractor::dictionary_words(std::string_view normalized, std::vector<std::string_view>& words) const {
  if (!dictionary_) return;
  std::vector<Unit> units;
  std::vector<std::size_t> run_ends;
  to_runs(normalized, options_.punctuation_breaks, units, run_ends);
  std::vector<float> best;
  std::vector<std::uint8_t> length;
  std::size_t run_begin = 0;
  for (const std::size_t run_end : run_ends) {
    segment_run(*dictionary_, units, run_begin, run_end, best, length);
    for (std::size_t i = 0; i < run_end - run_begin; i += length[i]) {
      const Unit& first = units[run_begin + i];
      const Unit& last = units[run_begin + i + length[i] - 1];
      words.emplace_back(first.bytes.data(), static_cast<std::size_t>(last.bytes.data() + last.bytes.size() - first.bytes.data()));
    }
    run_begin = run_end;
  }
}

void FeatureExtractor::extract(std::string_view normalized, std::vector<std::uint64_t>& features) const {
  walk_features(options_, dictionary_.get(), normalized,
                [&](std::uint64_t hash, FeatureKind, const std::vector<Unit>&, std::size_t, std::size_t,
                    std::string_view) { features.push_back(hash); });
}

void FeatureExtractor::explain(std::string_view normalized, std::vector<FeatureSurface>& features) const {
  walk_features(options_, dictionary_.get(), normalized,
                [&](std::uint64_t hash, FeatureKind kind, const std::vector<Unit>& units, std::size_t first,
                    std::size_t end, std::string_view word) {
                  FeatureSurface out{hash,
                                     word,
                                     static_cast<std::uint32_t>(first),
                                     static_cast<std::uint32_t>(end),
                                     kind == FeatureKind::word || kind == FeatureKind::lead_word,
                                     kind == FeatureKind::word_pair};
                  if (end > first) {
                    const char* begin = units[first].bytes.data();
                    out.text = std::string_view(begin, static_cast<std::size_t>(
                                                           units[end - 1].bytes.data() + units[end - 1].bytes.size() - begin));
                  }
                  features.push_back(out);
                });
}

}  // namespace hotline::text
