#pragma once
// Port: near-duplicate search among recent open tickets, for 并单 (merging the many tickets
// about one matter). Implemented in app over text::DuplicateIndex, with the ticket store for what
// the index has no room for. Thread-safe.

#include <cstddef>
#include <vector>

#include "core/clock.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

// Open tickets an in-memory finder holds by default (the newest; `hotline serve
// --duplicate-capacity` changes it): about 2.6 KB each of real text, docs/benchmarks.md.
inline constexpr std::size_t kDefaultDuplicateCapacity = 20000;

struct DuplicateCandidate {
  TicketId id = 0;
  double similarity = 0.0;  // in [0, 1]
};

class DuplicateFinder {
 public:
  virtual ~DuplicateFinder() = default;
  // Indexes an open ticket (replaces an entry with the same id).
  virtual void add(TicketId id, Timestamp created_at, const std::string& text) = 0;
  // Forgets a ticket (closed, merged); no-op when absent.
  virtual void remove(TicketId id) = 0;
  // Indexed tickets similar to `text` within the finder's time window of `at`, best first;
  // `exclude` (the ticket itself) is skipped.
  virtual std::vector<DuplicateCandidate> find(const std::string& text, Timestamp at, TicketId exclude) const = 0;
};

}  // namespace hotline::core
