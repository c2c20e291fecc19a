#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hotline::text {

// One occurrence of a pattern in a text: byte range [begin, end) and the pattern's index.
struct PatternMatch {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t pattern = 0;
};

// Aho-Corasick automaton over bytes: finds every occurrence of every pattern in one pass over
// the text, whatever the number of patterns. Patterns and texts are byte strings; for valid
// UTF-8 on both sides a match always starts and ends on a character boundary (UTF-8 is
// self-synchronising), so no decoding is needed. Immutable after construction; `find_all`
// may be called from many threads at once.
class AhoCorasick {
 public:
  // Builds the automaton; pattern `k` of `patterns` reports as index `k`. Empty patterns are
  // ignored; duplicates each report.
  explicit AhoCorasick(const std::vector<std::string>& patterns);

  // Appends every occurrence (overlapping ones included) to `matches`, ordered by end offset.
  void find_all(std::string_view text, std::vector<PatternMatch>& matches) const;

  [[nodiscard]] std::size_t node_count() const { return nodes_.size(); }

 private:
  struct Node {
    std::uint32_t first_edge = 0;  // edges_[first_edge, first_edge + edge_count), sorted by byte
    std::uint16_t edge_count = 0;
    std::uint32_t fail = 0;
    std::uint32_t output = 0;      // outputs_[output, output + output_count): patterns ending here
    std::uint32_t output_count = 0;
    std::uint32_t depth = 0;       // bytes from the root
  };
  struct Edge {
    std::uint8_t byte = 0;
    std::uint32_t target = 0;
  };

  [[nodiscard]] std::uint32_t child(std::uint32_t node, std::uint8_t byte) const;  // 0 (root) if none
  [[nodiscard]] std::uint32_t step(std::uint32_t node, std::uint8_t byte) const;   // follows fail links

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> outputs_;
  std::vector<std::uint32_t> pattern_length_;
};

}  // namespace hotline::text
