#include "core/ticket_repository.hpp"

#include <algorithm>

namespace hotline::core {

void sort_phrase_hits(std::vector<PhraseHits>& hits) {
  std::sort(hits.begin(), hits.end(), [](const PhraseHits& a, const PhraseHits& b) {
    return a.phrases != b.phrases ? a.phrases > b.phrases : a.id > b.id;
  });
}

}  // namespace hotline::core
