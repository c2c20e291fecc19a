#include "text/aho_corasick.hpp"

#include <algorithm>
#include <deque>
#include <map>

namespace hotline::text {

AhoCorasick::AhoCorasick(const std::vector<std::string>& patterns) {
  // Build a plain trie first (ordered children), then fail links breadth first, then flatten
  // the edges into one sorted array so a lookup is a short binary search.
  struct BuildNode {
    std::map<std::uint8_t, std::uint32_t> children;
    std::vector<std::uint32_t> outputs;
    std::uint32_t fail = 0;
    std::uint32_t depth = 0;
  };
  std::vector<BuildNode> trie(1);
  pattern_length_.reserve(patterns.size());
  for (std::size_t k = 0; k < patterns.size(); ++k) {
    pattern_length_.push_back(static_cast<std::uint32_t>(patterns[k].size()));
    if (patterns[k].empty()) continue;
    std::uint32_t node = 0;
    for (const char c : patterns[k]) {
      const auto byte = static_cast<std::uint8_t>(c);
      auto it = trie[node].children.find(byte);
      if (it == trie[node].children.end()) {
        const auto next = static_cast<std::uint32_t>(trie.size());
        trie[node].children.emplace(byte, next);
        const std::uint32_t depth = trie[node].depth + 1;
        trie.push_back({});
        trie.back().depth = depth;
        node = next;
      } else {
        node = it->second;
      }
    }
    trie[node].outputs.push_back(static_cast<std::uint32_t>(k));
  }
  std::deque<std::uint32_t> queue;
  for (const auto& [byte, target] : trie[0].children) queue.push_back(target);
  while (!queue.empty()) {
    const std::uint32_t node = queue.front();
    queue.pop_front();
    // The fail node is shallower, so its outputs are already complete.
    const auto& inherited = trie[trie[node].fail].outputs;
    if (node != 0 && trie[node].fail != 0) {
      trie[node].outputs.insert(trie[node].outputs.end(), inherited.begin(), inherited.end());
    }
    for (const auto& [byte, target] : trie[node].children) {
      std::uint32_t fallback = trie[node].fail;
      std::uint32_t fail = 0;
      while (true) {
        if (node == 0) break;
        auto it = trie[fallback].children.find(byte);
        if (it != trie[fallback].children.end()) {
          fail = it->second;
          break;
        }
        if (fallback == 0) break;
        fallback = trie[fallback].fail;
      }
      trie[target].fail = fail;
      queue.push_back(target);
    }
  }
  nodes_.resize(trie.size());
  for (std::size_t n = 0; n < trie.size(); ++n) {
    Node& out = nodes_[n];
    out.first_edge = static_cast<std::uint32_t>(edges_.size());
    out.edge_count = static_cast<std::uint16_t>(trie[n].children.size());
    for (const auto& [byte, target] : trie[n].children) edges_.push_back({byte, target});
    out.fail = trie[n].fail;
    out.output = static_cast<std::uint32_t>(outputs_.size());
    out.output_count = static_cast<std::uint32_t>(trie[n].outputs.size());
    outputs_.insert(outputs_.end(), trie[n].outputs.begin(), trie[n].outputs.end());
    out.depth = trie[n].depth;
  }
}

std::uint32_t AhoCorasick::child(std::uint32_t node, std::uint8_t byte) const {
  const Node& n = nodes_[node];
  const auto begin = edges_.begin() + n.first_edge;
  const auto end = begin + n.edge_count;
  const auto it = std::lower_bound(begin, end, byte, [](const Edge& e, std::uint8_t b) { return e.byte < b; });
  return it != end && it->byte == byte ? it->target : 0;
}

std::uint32_t AhoCorasick::step(std::uint32_t node, std::uint8_t byte) const {
  while (true) {
    const std::uint32_t next = child(node, byte);
    if (next != 0 || node == 0) return next;
    node = nodes_[node].fail;
  }
}

void AhoCorasick::find_all(std::string_view text, std::vector<PatternMatch>& matches) const {
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    node = step(node, static_cast<std::uint8_t>(text[i]));
    const Node& n = nodes_[node];
    for (std::uint32_t k = 0; k < n.output_count; ++k) {
      const std::uint32_t pattern = outputs_[n.output + k];
      const std::size_t end = i + 1;
      matches.push_back({end - pattern_length_[pattern], end, pattern});
    }
  }
}

}  // namespace hotline::text
