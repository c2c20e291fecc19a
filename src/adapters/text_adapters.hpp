#pragma once
// Adapters from core's dispatch ports to hotline::text: `ModelClassifier` (core::Classifier over
// text::LinearClassifier), `DivisionPlaceFinder` (core::PlaceFinder over text::PlaceExtractor) and
// `IndexDuplicateFinder` (core::DuplicateFinder over text::DuplicateIndex). All thread-safe.

#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>

#include "core/classifier.hpp"
#include "core/duplicate_finder.hpp"
#include "core/ticket_repository.hpp"
#include "text/duplicate_index.hpp"
#include "text/linear_classifier.hpp"
#include "text/place_extractor.hpp"

namespace hotline::adapters {

// Without a model every call fails with `unavailable` (core then registers tickets
// "unclassified"); `set_model` installs or replaces one at any time. A model that throws is
// logged at warn and reported as `internal`. Each label comes with `evidence_words` words of the
// message that weigh most for it (0: none; explaining costs ~0.8 of a classification).
class ModelClassifier final : public core::Classifier {
 public:
  static constexpr std::size_t kDefaultEvidenceWords = 3;
  explicit ModelClassifier(std::size_t evidence_words = kDefaultEvidenceWords) : evidence_words_(evidence_words) {}
  explicit ModelClassifier(std::shared_ptr<const text::LinearClassifier> model,
                           std::size_t evidence_words = kDefaultEvidenceWords);
  void set_model(text::LinearClassifier model);
  bool has_model() const;

  // core::Classifier
  [[nodiscard]] core::Result<core::Classification> classify(std::string_view title, std::string_view text,
                                                            int top_k) const override;

 private:
  std::size_t evidence_words_;
  mutable std::mutex mutex_;  // guards model_ (the pointer; the model itself is immutable)
  std::shared_ptr<const text::LinearClassifier> model_;
};

// Places in the districts and streets of one city. The city can be replaced at any time
// (`set_city`); without one, `find` finds nothing.
class DivisionPlaceFinder final : public core::PlaceFinder {
 public:
  DivisionPlaceFinder() = default;
  explicit DivisionPlaceFinder(const text::CityDivisions& city);

  void set_city(const text::CityDivisions& city);
  void clear();
  [[nodiscard]] std::string city_code() const;  // empty without a city

  // core::PlaceFinder
  core::PlaceGuess find(std::string_view text) const override;

 private:
  mutable std::mutex mutex_;  // guards the pointer; the extractor is immutable, extract thread-safe
  std::shared_ptr<const text::PlaceExtractor> extractor_;
  std::string city_code_;
};

class IndexDuplicateFinder final : public core::DuplicateFinder {
 public:
  // Keeps at most `capacity` entries, the most recently created: the index lives in memory, so a
  // city's whole month would not fit the server's default memory budget.
  explicit IndexDuplicateFinder(text::DuplicateOptions options = {},
                                std::size_t capacity = core::kDefaultDuplicateCapacity);

  // The rest of the window from storage: when the index is full and so holds less than the whole
  // window, `find` also asks `archive` for the open tickets of the window registered before the
  // oldest entry (by id: imported tickets with ids out of time order are not searched) that
  // contain any of the `archive_phrases` rarest Han bigrams of the text's title
  // (`DuplicateIndex::rare_phrases`, rarity by the index's own counts), and scores those sharing
  // the most phrases with the index's idf. `archive` must outlive the finder; thread-safe.
  void set_archive(core::TicketRepository* archive, std::size_t archive_phrases = 8);

  // Changes the capacity (at least 1), dropping the oldest entries if it shrinks.
  void set_capacity(std::size_t capacity);
  [[nodiscard]] std::size_t capacity() const;

  // core::DuplicateFinder
  void add(core::TicketId id, core::Timestamp created_at, const std::string& text) override;
  void remove(core::TicketId id) override;
  std::vector<core::DuplicateCandidate> find(const std::string& text, core::Timestamp at,
                                             core::TicketId exclude) const override;

 private:
  mutable std::shared_mutex mutex_;  // guards index_, newest_ and by_age_ (queries shared, mutations exclusive)
  text::DuplicateIndex index_;
  core::Timestamp newest_{};  // latest `created_at` added; entries a window older are expired
  std::size_t capacity_;
  std::set<std::pair<core::Timestamp, core::TicketId>> by_age_;  // what the index holds, oldest first
  core::TicketRepository* archive_ = nullptr;
  std::size_t archive_phrases_ = 8;

  // Matches among the archive's tickets created since `from` with ids from the first of them up
  // to `below`, given the text's rare phrases.
  void find_in_archive(const std::string& text, const std::vector<std::string>& phrases, core::Timestamp from,
                       core::TicketId below, core::TicketId exclude, std::vector<core::DuplicateCandidate>& out) const;
};

}  // namespace hotline::adapters
