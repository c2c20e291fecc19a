#include "app/text_adapters.hpp"

#include <algorithm>
#include <limits>

#include <spdlog/spdlog.h>

namespace hotline::app {

ModelClassifier::ModelClassifier(std::shared_ptr<const text::LinearClassifier> model) : model_(std::move(model)) {}

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
    auto prediction = model->classify(title, text, top_k);
    core::Classification out{prediction.label, prediction.score, {}};
    for (const auto& [label, score] : prediction.top) out.top.push_back({label, score});
    return out;
  } catch (const std::exception& e) {
    // Degraded mode (STYLE §6): the ticket still registers, unclassified; core counts it.
    spdlog::warn("classifier failed, message left unclassified: {}", e.what());
    return core::fail(core::ErrorCode::internal, std::string("classifier failed: ") + e.what());
  }
}

DivisionPlaceFinder::DivisionPlaceFinder(const text::CityDivisions& city) : extractor_(city) {}

core::PlaceGuess DivisionPlaceFinder::find(std::string_view text) const {
  auto result = extractor_.extract(text);
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

std::vector<core::DuplicateCandidate> IndexDuplicateFinder::find(const std::string& text, core::Timestamp at,
                                                                 core::TicketId exclude) const {
  std::shared_lock lock(mutex_);
  std::vector<core::DuplicateCandidate> out;
  for (const auto& match : index_.query(text, at, exclude)) out.push_back({match.id, match.score});
  return out;
}

}  // namespace hotline::app
