#pragma once
// Counters of the dispatch assistant, exported at GET /metrics. Lock-free atomics, so any thread
// may bump or read them; values only grow.

#include <atomic>
#include <cstdint>

namespace hotline::core {

struct DispatchMetrics {
  std::atomic<std::uint64_t> classified{0};      // messages the classifier labelled
  std::atomic<std::uint64_t> unclassified{0};    // messages left unclassified (no model, or it failed)
  std::atomic<std::uint64_t> suggestions{0};     // suggestion lists produced
  std::atomic<std::uint64_t> duplicate_hits{0};  // registrations with at least one possible duplicate
};

}  // namespace hotline::core
