#include "adapters/text_adapters.hpp"

#include <algorithm>
#include <limits>

#include <spdlog/spdlog.h>

#include "core/dispatch_service.hpp"

namespace hotline::adapters {

namespace {

// Per rare phrase, the newest tickets of the archived part of the window that contain it.
constexpr int kArchiveTicketsPerPhrase = 20;
// Archived tickets sharing the most phrases that are read (at most `kArchiveReads`) and, when
// still open, scored in full (at most `kArchiveCandidates`).
constexpr std::size_t kArchiveReads = 40;
constexpr std::size_t kArchiveCandidates = 20;

}  // namespace

ModelClassifier::ModelClassifier(std::shared_ptr<const text::LinearClassifier> model, std::size_t evidence_words)
    : evidence_words_(evidence_words), model_(std::move(model)) {}

void ModelClassifier::set_model(text::LinearClassifier model) {
  auto loaded = std::make_shared<const text::LinearClassifier>(std::move(model));
  std::lock_guard lock(mutex_);
  model_ = std::move(loaded);
}

bool ModelClassifier::has_model() const {
  std::lock_guard lock(mutex_);
  return model_ != nullptr;
}

core::Result<core::Classification> ModelClassifier::classify(std::string_view title, std::string_view text,
                                                             int top_k) const {
  std::shared_ptr<const text::LinearClassifier> model;
  {
    std::lock_guard lock(mutex_);
    model = model_;
  }
  if (!model) return core::fail(core::ErrorCode::unavailable, "no classifier model loaded");
  try {
    auto prediction = model->classify(title, text, top_k, evidence_words_);
    core::Classification out{prediction.label, prediction.score, {}};
    for (std::size_t i = 0; i < prediction.top.size(); ++i) {
      out.top.push_back({prediction.top[i].first, prediction.top[i].second,
                         i < prediction.words.size() ? std::move(prediction.words[i]) : std::vector<std::string>{}});
    }
    return out;
  } catch (const std::exception& e) {
    // Degraded mode (STYLE §6): the ticket still registers, unclassified; core counts it.
    spdlog::warn("classifier failed, message left unclassified: {}", e.what());
    return core::fail(core::ErrorCode::internal, std::string("classifier failed: ") + e.what());
  }
}

DivisionPlaceFinder::DivisionPlaceFinder(const text::CityDivisions& city) { set_city(city); }

void DivisionPlaceFinder::set_city(const text::CityDivisions& city) {
  auto extractor = std::make_shared<const text::PlaceExtractor>(city);
  std::lock_guard lock(mutex_);
  extractor_ = std::move(extractor);
  city_code_ = city.city_code;
}

void DivisionPlaceFinder::clear() {
  std::lock_guard lock(mutex_);
  extractor_.reset();
  city_code_.clear();
}

std::string DivisionPlaceFinder::city_code() const {
  std::lock_guard lock(mutex_);
  return city_code_;
}

core::PlaceGuess DivisionPlaceFinder::find(std::string_view text) const {
  std::shared_ptr<const text::PlaceExtractor> extractor;
  {
    std::lock_guard lock(mutex_);
    extractor = extractor_;
  }
  if (extractor == nullptr) return {};
  auto result = extractor->extract(text);
  core::PlaceGuess out;
  out.district = result.district_id;
  out.street = result.street_id;
  out.score = result.score;
  out.ambiguous = result.ambiguous;
  if (!result.candidates.empty()) out.name = result.candidates.front().name;
  return out;
}

IndexDuplicateFinder::IndexDuplicateFinder(text::DuplicateOptions options, std::size_t capacity)
    : index_(std::move(options)), capacity_(std::max<std::size_t>(capacity, 1)) {}

void IndexDuplicateFinder::set_capacity(std::size_t capacity) {
  std::unique_lock lock(mutex_);
  capacity_ = std::max<std::size_t>(capacity, 1);
  while (by_age_.size() > capacity_) {
    index_.remove(by_age_.begin()->second);
    by_age_.erase(by_age_.begin());
  }
}

std::size_t IndexDuplicateFinder::capacity() const {
  std::shared_lock lock(mutex_);
  return capacity_;
}

void IndexDuplicateFinder::add(core::TicketId id, core::Timestamp created_at, const std::string& text) {
  std::unique_lock lock(mutex_);
  if (by_age_.size() >= capacity_) {
    auto oldest = by_age_.begin();
    if (created_at < oldest->first) return;  // full of newer tickets
    index_.remove(oldest->second);
    by_age_.erase(oldest);
  }
  index_.add(id, created_at, text);
  by_age_.emplace(created_at, id);
  // Expire at most once a day of ticket time: the sweep walks every entry.
  if (created_at - newest_ > std::chrono::days{1}) {
    newest_ = created_at;
    auto cutoff = created_at - index_.options().window;
    index_.expire_before(cutoff);
    by_age_.erase(by_age_.begin(), by_age_.lower_bound({cutoff, std::numeric_limits<core::TicketId>::min()}));
  }
}

void IndexDuplicateFinder::remove(core::TicketId id) {
  std::unique_lock lock(mutex_);
  if (index_.remove(id)) {
    for (auto it = by_age_.begin(); it != by_age_.end(); ++it) {
      if (it->second == id) {
        by_age_.erase(it);
        break;
      }
    }
  }
}

void IndexDuplicateFinder::set_archive(core::TicketRepository* archive, std::size_t archive_phrases) {
  std::unique_lock lock(mutex_);
  archive_ = archive;
  archive_phrases_ = std::max<std::size_t>(archive_phrases, 1);
}

std::vector<core::DuplicateCandidate> IndexDuplicateFinder::find(const std::string& text, core::Timestamp at,
                                                                 core::TicketId exclude) const {
  std::vector<core::DuplicateCandidate> out;
  std::vector<std::string> phrases;
  core::TicketId archive_below = 0;
  const auto window = index_.options().window;
  {
    std::shared_lock lock(mutex_);
    for (const auto& match : index_.query(text, at, exclude)) out.push_back({match.id, match.score});
    // Only a full index can have dropped tickets of the window; it holds everything newer than
    // its oldest entry.
    if (archive_ != nullptr && !by_age_.empty() && by_age_.size() >= capacity_ && by_age_.begin()->first > at - window) {
      // Ids follow registration order: what the index had no room for has smaller ids than its
      // oldest entry, and a storage search bounded by id starts right there (a bound by time
      // would first walk past every newer match). The oldest entry itself is included and then
      // skipped as already found.
      archive_below = by_age_.begin()->second + 1;
      phrases = index_.rare_phrases(text, archive_phrases_);
    }
  }
  if (!phrases.empty()) find_in_archive(text, phrases, at - window, archive_below, exclude, out);
  std::sort(out.begin(), out.end(), [](const core::DuplicateCandidate& a, const core::DuplicateCandidate& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.id < b.id;
  });
  if (out.size() > index_.options().max_results) out.resize(index_.options().max_results);
  return out;
}

void IndexDuplicateFinder::find_in_archive(const std::string& text, const std::vector<std::string>& phrases,
                                           core::Timestamp from, core::TicketId below, core::TicketId exclude,
                                           std::vector<core::DuplicateCandidate>& out) const {
  // Storage is queried without the lock: it is thread-safe, and slower than the index.
  core::PhraseSearch search;
  search.phrases = phrases;  // closed tickets are dropped below, when the best candidates are read
  search.below = below;
  search.per_phrase = kArchiveTicketsPerPhrase;
  // Where the window's ids start, so a search in storage never walks older tickets' matches.
  auto first = archive_->first_created_since(from);
  if (!first) {
    spdlog::warn("duplicate search in storage failed: {}", first.error().message);
    return;
  }
  if (!*first || **first >= below) return;  // nothing of the window below the index
  search.min_id = **first;
  auto hits = archive_->find_phrases(search);
  if (!hits) {
    spdlog::warn("duplicate search in storage failed: {}", hits.error().message);
    return;
  }
  // The tickets listed by most phrases are scored in full, as the index scores its own candidates.
  std::vector<core::TicketId> wanted;
  for (const auto& hit : *hits) {
    if (wanted.size() == kArchiveReads) break;
    if (hit.id == exclude) continue;
    if (std::any_of(out.begin(), out.end(), [&](const core::DuplicateCandidate& c) { return c.id == hit.id; })) continue;
    wanted.push_back(hit.id);
  }
  auto tickets = archive_->get_many(wanted);
  if (!tickets) {
    spdlog::warn("duplicate search in storage failed: {}", tickets.error().message);
    return;
  }
  std::vector<core::TicketId> ids;
  std::vector<std::string> texts;
  for (const auto& ticket : *tickets) {
    if (ids.size() == kArchiveCandidates) break;
    // Closed or merged, or registered out of id order.
    if (!core::open_for_merge(ticket.state) || ticket.created_at < from) continue;
    ids.push_back(ticket.id);
    texts.push_back(core::message_of(ticket.title, ticket.text));
  }
  std::vector<std::string_view> messages(texts.begin(), texts.end());
  std::shared_lock lock(mutex_);
  const auto scores = index_.similarities(text, messages);
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (scores[k] >= index_.options().min_score) out.push_back({ids[k], scores[k]});
  }
}

}  // namespace hotline::adapters
