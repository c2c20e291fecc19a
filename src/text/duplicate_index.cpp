#include "text/duplicate_index.hpp"

#include "text/stop_words.hpp"
#include "text/text_normalizer.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
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

namespace {

// Distinct n-gram shingles of `content[0, end)`, sorted, stored exactly (no spare capacity: the
// index keeps one such vector per entry). Code points have 21 bits, so up to three pack into a
// 64-bit key, which a splitmix64 finaliser reduces to the stored 32 bits.
std::vector<DuplicateIndex::Shingle> ngram_keys(const std::u32string& content, std::size_t end, std::size_t n) {
  std::vector<DuplicateIndex::Shingle> out;
  out.reserve(end);
  for (std::size_t k = 0; k + n <= end; ++k) {
    std::uint64_t key = 0;
    for (std::size_t j = 0; j < n; ++j) key = (key << 21) | static_cast<std::uint64_t>(content[k + j]);
    key = (key ^ (key >> 30)) * 0xBF58476D1CE4E5B9ULL;
    key = (key ^ (key >> 27)) * 0x94D049BB133111EBULL;
    out.push_back(static_cast<DuplicateIndex::Shingle>((key ^ (key >> 31)) >> 32));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.shrink_to_fit();
  return out;
}

}  // namespace

DuplicateIndex::Shingles DuplicateIndex::shingle_text(std::string_view text) const {
  // Letters and digits of the normalised text without stop characters (的, 了, …), so
  // punctuation, spacing and filler words do not break shingles. `first_line_end` counts the
  // content characters before the first line break.
  const std::string normalized = normalizer_->normalize(bounded_prefix(text));
  std::u32string content;
  std::size_t first_line_end = std::string::npos;
  const auto* s = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto length = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if ((c == '\n' || c == '\r') && first_line_end == std::string::npos) first_line_end = content.size();
    if (c < 0 || !u_isalnum(c)) continue;
    if (!is_stop_character(static_cast<char32_t>(c))) content.push_back(static_cast<char32_t>(c));
    if (options_.max_content_chars > 0 && content.size() >= options_.max_content_chars) break;
  }
  const auto n = static_cast<std::size_t>(std::clamp(options_.shingle_chars, 1, 3));
  Shingles out;
  out.all = ngram_keys(content, content.size(), n);
  // A first line too long for a title is a paragraph: then the whole text is the summary.
  if (first_line_end != std::string::npos && first_line_end <= options_.max_summary_chars)
    out.summary = ngram_keys(content, first_line_end, n);
  if (out.summary.size() == out.all.size()) out.summary.clear();  // the summary is the whole text
  return out;
}

std::vector<DuplicateIndex::Shingle> DuplicateIndex::shingles(std::string_view text) const { return shingle_text(text).all; }

std::vector<DuplicateIndex::Shingle> DuplicateIndex::summary_shingles(std::string_view text) const {
  return shingle_text(text).summary;
}

double DuplicateIndex::weight(Shingle shingle) const {
  const auto it = postings_.find(shingle);
  const std::size_t df = it == postings_.end() ? 0 : it->second.count;
  if (df > options_.max_posting) return 0.0;
  const double idf = std::log((1.0 + static_cast<double>(by_id_.size())) / (1.0 + static_cast<double>(df))) + 1.0;
  return idf * idf;
}

double DuplicateIndex::norm2(const std::vector<Shingle>& shingles) const {
  double sum = 0.0;
  for (const Shingle s : shingles) sum += weight(s);
  return sum;
}

double DuplicateIndex::shared_weight(const std::vector<Shingle>& part, const std::vector<Shingle>& whole) const {
  double sum = 0.0;
  // `part` is usually a short summary and `whole` a long text: binary search each.
  for (const Shingle s : part) {
    if (std::binary_search(whole.begin(), whole.end(), s)) sum += weight(s);
  }
  return sum;
}

double DuplicateIndex::score(const ScoreParts& parts) const {
  const double whole_denominator =
      options_.overlap ? std::min(parts.norm_a, parts.norm_b) : std::sqrt(parts.norm_a * parts.norm_b);
  const double whole = whole_denominator > 0.0 ? std::min(1.0, parts.dot / whole_denominator) : 0.0;
  const double found_a = parts.summary_a > 0.0 ? parts.summary_a_found / parts.summary_a : 0.0;
  const double found_b = parts.summary_b > 0.0 ? parts.summary_b_found / parts.summary_b : 0.0;
  const double summary = std::min(1.0, std::sqrt(found_a * found_b));
  const double mix = std::clamp(options_.summary_weight, 0.0, 1.0);
  return (1.0 - mix) * whole + mix * summary;
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
  entry = {id, time, shingle_text(text), true};
  for (const Shingle s : entry.shingles.all) {
    Posting& posting = postings_[s];
    ++posting.count;
    if (posting.slots.size() <= options_.max_posting) posting.slots.push_back(slot);
  }
  by_id_.emplace(id, slot);
}

void DuplicateIndex::erase_slot(std::uint32_t slot) {
  Entry& entry = entries_[slot];
  for (const Shingle s : entry.shingles.all) {
    auto it = postings_.find(s);
    // Every shingle of a live entry has a posting counting it (added together in `add`).
    auto& slots = it->second.slots;
    slots.erase(std::remove(slots.begin(), slots.end(), slot), slots.end());
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
  const Shingles own = shingle_text(text);
  struct Shared {
    double dot = 0.0;      // weight of the whole-text shingles shared with the entry
    double summary = 0.0;  // weight of our summary's shingles found in the entry
  };
  double own_norm = 0.0;
  double own_summary_norm = 0.0;
  std::unordered_map<std::uint32_t, Shared> shared;
  for (const Shingle s : own.all) {
    const double w = weight(s);
    own_norm += w;
    const bool in_summary = own.summary.empty() || std::binary_search(own.summary.begin(), own.summary.end(), s);
    if (in_summary) own_summary_norm += w;
    const auto it = postings_.find(s);
    if (w == 0.0 || it == postings_.end()) continue;
    for (const std::uint32_t slot : it->second.slots) {
      const Entry& entry = entries_[slot];
      if (entry.id == exclude || entry.time < time - options_.window || entry.time > time + options_.window) continue;
      Shared& sum = shared[slot];
      sum.dot += w;
      if (in_summary) sum.summary += w;
    }
  }
  // Full scoring walks the candidate's shingles, so only the `candidate_cap` entries with most
  // shared whole-text weight and the `candidate_cap` with most of our summary are scored: the
  // first pick re-posts of long texts, the second short texts that name our place and problem.
  std::vector<std::pair<double, std::uint32_t>> by_dot;
  std::vector<std::pair<double, std::uint32_t>> by_summary;
  by_dot.reserve(shared.size());
  by_summary.reserve(shared.size());
  for (const auto& [slot, sum] : shared) {
    by_dot.emplace_back(sum.dot, slot);
    by_summary.emplace_back(sum.summary, slot);
  }
  std::vector<std::uint32_t> candidates;
  for (auto* list : {&by_dot, &by_summary}) {
    const std::size_t keep = std::min(options_.candidate_cap, list->size());
    std::partial_sort(list->begin(), list->begin() + static_cast<std::ptrdiff_t>(keep), list->end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (std::size_t k = 0; k < keep; ++k) candidates.push_back((*list)[k].second);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<DuplicateMatch> out;
  for (const std::uint32_t slot : candidates) {
    const Entry& entry = entries_[slot];
    const Shared& sum = shared.at(slot);
    const std::vector<Shingle>& other_summary = entry.shingles.summary_or_all();
    ScoreParts parts;
    parts.dot = sum.dot;
    parts.norm_a = own_norm;
    parts.norm_b = norm2(entry.shingles.all);
    parts.summary_a = own_summary_norm;
    parts.summary_a_found = sum.summary;
    parts.summary_b = entry.shingles.summary.empty() ? parts.norm_b : norm2(other_summary);
    parts.summary_b_found = entry.shingles.summary.empty() ? sum.dot : shared_weight(other_summary, own.all);
    const double value = score(parts);
    if (value >= options_.min_score) out.push_back({entry.id, entry.time, value});
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
  return score_pair(entries_[ia->second].shingles, entries_[ib->second].shingles);
}

std::vector<double> DuplicateIndex::similarities(std::string_view text, const std::vector<std::string_view>& others) const {
  const Shingles own = shingle_text(text);
  std::vector<double> out;
  out.reserve(others.size());
  for (const std::string_view other : others) out.push_back(score_pair(own, shingle_text(other)));
  return out;
}

std::string_view DuplicateIndex::bounded_prefix(std::string_view text) const {
  // Shingles come from the first `max_content_chars` content characters: normalising a long
  // message's whole text would be wasted. A content character takes at most 4 bytes; the bound
  // leaves as much again for spaces and punctuation, then backs off to a code point boundary.
  if (options_.max_content_chars == 0) return text;
  std::size_t end = options_.max_content_chars * 8;
  if (text.size() <= end) return text;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

double DuplicateIndex::score_pair(const Shingles& sa, const Shingles& sb) const {
  ScoreParts parts;
  // Both sorted: merge.
  for (std::size_t i = 0, j = 0; i < sa.all.size() && j < sb.all.size();) {
    if (sa.all[i] < sb.all[j]) ++i;
    else if (sb.all[j] < sa.all[i]) ++j;
    else {
      parts.dot += weight(sa.all[i]);
      ++i;
      ++j;
    }
  }
  parts.norm_a = norm2(sa.all);
  parts.norm_b = norm2(sb.all);
  parts.summary_a = sa.summary.empty() ? parts.norm_a : norm2(sa.summary);
  parts.summary_a_found = sa.summary.empty() ? parts.dot : shared_weight(sa.summary, sb.all);
  parts.summary_b = sb.summary.empty() ? parts.norm_b : norm2(sb.summary);
  parts.summary_b_found = sb.summary.empty() ? parts.dot : shared_weight(sb.summary, sa.all);
  return score(parts);
}

std::vector<std::string> DuplicateIndex::rare_phrases(std::string_view text, std::size_t count) const {
  std::string normalized = normalizer_->normalize(bounded_prefix(text));
  // The summary line (the title) when the text has one: it names the place and the problem; its
  // 6 rarest phrases reach 63 of 67 labelled duplicates, the whole text's 56 (docs/benchmarks.md).
  if (const auto line_end = normalized.find_first_of("\r\n"); line_end != std::string::npos) {
    const Shingles own = shingle_text(text);
    if (!own.summary.empty()) normalized.resize(line_end);
  }
  // Runs of Han characters, as the shingler sees them (stop characters and everything else end
  // a run), so every phrase is a substring of the normalised text.
  struct Phrase {
    std::size_t df;
    std::size_t position;
    std::string text;
  };
  std::vector<Phrase> phrases;
  const auto n = static_cast<std::size_t>(std::clamp(options_.shingle_chars, 1, 3));
  std::u32string run;                  // the current run of Han characters
  std::vector<std::size_t> run_begins;  // byte offset of each
  const auto* s = reinterpret_cast<const uint8_t*>(normalized.data());
  const auto length = static_cast<int32_t>(normalized.size());
  std::size_t content = 0;
  for (int32_t i = 0; i < length;) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const bool stop = c >= 0 && is_stop_character(static_cast<char32_t>(c));
    if (c < 0 || stop || u_getIntPropertyValue(c, UCHAR_SCRIPT) != USCRIPT_HAN) {
      run.clear();
      run_begins.clear();
      if (c >= 0 && !stop && u_isalnum(c)) ++content;
    } else {
      run.push_back(static_cast<char32_t>(c));
      run_begins.push_back(static_cast<std::size_t>(begin));
      ++content;
      if (run.size() >= n) {
        const std::u32string gram = run.substr(run.size() - n);
        const auto it = postings_.find(ngram_keys(gram, n, n).front());
        const std::size_t df = it == postings_.end() ? 0 : it->second.count;
        const std::size_t from = run_begins[run.size() - n];
        // As common as the index's own cut-off (`max_posting`): links nothing, as in `weight`.
        if (df <= options_.max_posting)
          phrases.push_back({df, phrases.size(), normalized.substr(from, static_cast<std::size_t>(i) - from)});
      }
    }
    if (options_.max_content_chars > 0 && content >= options_.max_content_chars) break;
  }
  std::sort(phrases.begin(), phrases.end(), [](const Phrase& a, const Phrase& b) {
    return a.df != b.df ? a.df < b.df : a.position < b.position;
  });
  std::vector<std::string> out;
  for (auto& phrase : phrases) {
    if (out.size() == count) break;
    if (std::find(out.begin(), out.end(), phrase.text) == out.end()) out.push_back(std::move(phrase.text));
  }
  return out;
}

}  // namespace hotline::text
