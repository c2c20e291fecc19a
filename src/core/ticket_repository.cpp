#include "core/ticket_repository.hpp"

#include <algorithm>

namespace hotline::core {

void sort_phrase_hits(std::vector<PhraseHits>& hits) {
  std::sort(hits.begin(), hits.end(), [](const PhraseHits& a, const PhraseHits& b) {
    return a.phrases != b.phrases ? a.phrases > b.phrases : a.id > b.id;
  });
}

bool category_within(std::string_view category, std::string_view prefix) {
  if (!category.starts_with(prefix)) return false;
  return category.size() == prefix.size() || category[prefix.size()] == '/';
}

}  // namespace hotline::core
