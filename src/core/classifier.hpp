#pragma once
// Ports for reading a citizen's message: `Classifier` (which category is it about) and
// `PlaceFinder` (which district/street does it name). Implemented in app by adapters over
// hotline::text; core never depends on text. Implementations are thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

struct LabelScore {
  std::string label;   // a first-level category, e.g. "城乡建设" (a unit id from a model of units)
  double score = 0.0;  // calibrated probability in [0, 1]
  // Words of the message that weigh most for this label, best first (the classifier's evidence,
  // for a dispatcher to check); may be empty.
  std::vector<std::string> words;
};

struct Classification {
  std::string label;  // best label
  double score = 0.0;
  std::vector<LabelScore> top;  // best first, at most the `top_k` asked for
};

class Classifier {
 public:
  virtual ~Classifier() = default;
  // Classifies one message (`title` may be empty). Errors: unavailable when there is no model,
  // internal when the model fails; callers degrade to "unclassified".
  [[nodiscard]] virtual Result<Classification> classify(std::string_view title, std::string_view text,
                                                        int top_k) const = 0;
};

struct PlaceGuess {
  UnitId district;   // empty when none was found
  UnitId street;     // empty when none or ambiguous
  std::string name;  // official name of the best reading, e.g. "石牌街道"
  double score = 0.0;
  bool ambiguous = false;
};

class PlaceFinder {
 public:
  virtual ~PlaceFinder() = default;
  // The place the text is about; an empty guess when it names none.
  virtual PlaceGuess find(std::string_view text) const = 0;
};

}  // namespace hotline::core
