#pragma once

#include "text/labelled_file.hpp"
#include "text/linear_classifier.hpp"

#include <string>
#include <vector>

namespace hotline::text {

struct ClassMetrics {
  std::string label;
  std::size_t support = 0;  // true messages of this label
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
};

struct EvaluationReport {
  std::vector<ClassMetrics> classes;  // sorted by label
  double macro_f1 = 0.0;              // unweighted mean of the per-class F1
  double accuracy = 0.0;
  std::size_t documents = 0;

  // Fixed-width table: one row per label, then macro-F1 and accuracy.
  [[nodiscard]] std::string table() const;
};

// Scores `predicted` against `truth` (same length, same order). Labels are the union of both.
[[nodiscard]] EvaluationReport evaluate(const std::vector<std::string>& truth, const std::vector<std::string>& predicted);

// How well scores match how often they are right. Over messages, with `top` = the best label's
// probability: `ece` (expected calibration error) = sum over `bins` equal-width bins of top of
// (share of messages in the bin) x |accuracy in the bin - mean top in the bin|; `log_loss` = mean
// -ln p(true label); `brier` = mean sum over labels of (p - [label is true])^2.
struct CalibrationReport {
  double ece = 0.0;
  double log_loss = 0.0;
  double brier = 0.0;
  double mean_top = 0.0;   // mean probability of the best label
  double accuracy = 0.0;   // share of messages whose best label is the true one
  std::size_t documents = 0;
};

// `probabilities[i]` sums to 1 over labels; `truth[i]` indexes it. Throws std::invalid_argument on
// different lengths, a truth index out of range or bins < 1.
[[nodiscard]] CalibrationReport evaluate_calibration(const std::vector<std::vector<double>>& probabilities,
                                                     const std::vector<int>& truth, int bins = 10);

struct CrossValidationReport {
  EvaluationReport overall;
  int folds = 0;
  std::size_t groups = 0;              // near-duplicate groups (see `near_duplicate_groups`)
  std::vector<std::string> predicted;  // out-of-fold prediction per input message
  std::vector<std::string> labels;     // sorted labels of the data: the order of `decisions`
  std::vector<std::vector<double>> decisions;  // out-of-fold decision values per input message
  std::vector<int> fold;                        // the fold each input message was held out in
  // Per fold, the softmax temperature of its model (1 without `full_training`): the scores of a
  // message are softmax(temperature[fold] x decisions).
  std::vector<double> temperature;
  double seconds = 0.0;
};

// K-fold cross-validation of `LinearClassifier` on `data` (deduplicate it first). Near-duplicate
// groups stay in one fold, and folds are stratified by label. Features are extracted once;
// each fold fits its own vocabulary, idf and weights (no temperature fit, which does not change
// the ranking). `group_containment` is the link threshold of `near_duplicate_groups` (0.6 also
// keeps different messages about one matter together; 0.9 only the forms of one message).
// Throws std::invalid_argument if folds < 2 or data has fewer messages than folds.
// `full_training`: each fold is trained as `LinearClassifier::train` trains (calibration folds,
// label offsets: four fits per fold instead of one).
[[nodiscard]] CrossValidationReport cross_validate(const std::vector<LabelledText>& data, int folds,
                                                   const TrainOptions& options = {}, double group_containment = 0.6,
                                                   bool full_training = false);

}  // namespace hotline::text
