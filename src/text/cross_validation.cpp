#include "text/cross_validation.hpp"

#include "text/deduplication.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

namespace hotline::text {

EvaluationReport evaluate(const std::vector<std::string>& truth, const std::vector<std::string>& predicted) {
  if (truth.size() != predicted.size()) throw std::invalid_argument("truth and predictions differ in size");
  std::set<std::string> labels(truth.begin(), truth.end());
  labels.insert(predicted.begin(), predicted.end());
  std::map<std::string, std::size_t> true_positive, actual, guessed;
  std::size_t correct = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    ++actual[truth[i]];
    ++guessed[predicted[i]];
    if (truth[i] == predicted[i]) {
      ++true_positive[truth[i]];
      ++correct;
    }
  }
  EvaluationReport report;
  report.documents = truth.size();
  report.accuracy = truth.empty() ? 0.0 : static_cast<double>(correct) / static_cast<double>(truth.size());
  for (const auto& label : labels) {
    ClassMetrics m;
    m.label = label;
    m.support = actual[label];
    const auto tp = static_cast<double>(true_positive[label]);
    m.precision = guessed[label] ? tp / static_cast<double>(guessed[label]) : 0.0;
    m.recall = actual[label] ? tp / static_cast<double>(actual[label]) : 0.0;
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
    report.macro_f1 += m.f1;
    report.classes.push_back(m);
  }
  if (!report.classes.empty()) report.macro_f1 /= static_cast<double>(report.classes.size());
  return report;
}

std::string EvaluationReport::table() const {
  std::string out;
  char line[256];
  // Labels are Chinese (3 bytes, 2 columns per character): pad by display width by hand.
  std::snprintf(line, sizeof line, "%-16s %9s %9s %9s %9s\n", "label", "precision", "recall", "f1", "support");
  out += line;
  for (const auto& m : classes) {
    std::string label = m.label;
    std::size_t width = 0;
    for (const unsigned char c : m.label) width += (c & 0xC0) == 0x80 ? 0 : (c >= 0x80 ? 2 : 1);
    if (width < 16) label.append(16 - width, ' ');
    std::snprintf(line, sizeof line, "%s %9.4f %9.4f %9.4f %9zu\n", label.c_str(), m.precision, m.recall, m.f1, m.support);
    out += line;
  }
  std::snprintf(line, sizeof line, "%-16s %29.4f %9zu\n%-16s %29.4f\n", "macro-F1", macro_f1, documents, "accuracy", accuracy);
  out += line;
  return out;
}

CalibrationReport evaluate_calibration(const std::vector<std::vector<double>>& probabilities,
                                       const std::vector<int>& truth, int bins) {
  if (probabilities.size() != truth.size()) throw std::invalid_argument("probabilities and truth differ in length");
  if (bins < 1) throw std::invalid_argument("calibration needs at least one bin");
  CalibrationReport report;
  report.documents = truth.size();
  if (truth.empty()) return report;
  std::vector<double> bin_count(static_cast<std::size_t>(bins), 0.0);
  std::vector<double> bin_top(static_cast<std::size_t>(bins), 0.0);
  std::vector<double> bin_right(static_cast<std::size_t>(bins), 0.0);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const auto& p = probabilities[i];
    if (truth[i] < 0 || static_cast<std::size_t>(truth[i]) >= p.size())
      throw std::invalid_argument("truth index out of range");
    const auto t = static_cast<std::size_t>(truth[i]);
    const auto best = static_cast<std::size_t>(std::max_element(p.begin(), p.end()) - p.begin());
    const double top = p[best];
    const bool right = best == t;
    const auto bin = std::min(static_cast<std::size_t>(top * bins), static_cast<std::size_t>(bins - 1));
    bin_count[bin] += 1.0;
    bin_top[bin] += top;
    bin_right[bin] += right ? 1.0 : 0.0;
    report.mean_top += top;
    report.accuracy += right ? 1.0 : 0.0;
    report.log_loss -= std::log(std::max(p[t], 1e-15));
    for (std::size_t l = 0; l < p.size(); ++l) {
      const double d = p[l] - (l == t ? 1.0 : 0.0);
      report.brier += d * d;
    }
  }
  const auto n = static_cast<double>(truth.size());
  for (std::size_t b = 0; b < bin_count.size(); ++b) {
    if (bin_count[b] > 0) report.ece += std::abs(bin_right[b] - bin_top[b]) / n;
  }
  report.mean_top /= n;
  report.accuracy /= n;
  report.log_loss /= n;
  report.brier /= n;
  return report;
}

CrossValidationReport cross_validate(const std::vector<LabelledText>& data, int folds, const TrainOptions& options,
                                     double group_containment, bool full_training) {
  if (folds < 2) throw std::invalid_argument("cross-validation needs at least 2 folds");
  if (data.size() < static_cast<std::size_t>(folds)) throw std::invalid_argument("fewer messages than folds");
  const auto started = std::chrono::steady_clock::now();
  const auto group = near_duplicate_groups(data, group_containment);
  const std::size_t group_count = group.empty() ? 0 : *std::max_element(group.begin(), group.end()) + 1;

  // Deal groups to folds round-robin, shuffled, then ordered by label so each fold gets its share
  // of every label.
  std::vector<std::string> group_label(group_count);
  for (std::size_t i = data.size(); i-- > 0;) group_label[group[i]] = data[i].label;
  std::vector<std::size_t> order(group_count);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(options.seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return group_label[a] < group_label[b]; });
  std::vector<int> group_fold(group_count);
  for (std::size_t k = 0; k < order.size(); ++k) group_fold[order[k]] = static_cast<int>(k % static_cast<std::size_t>(folds));

  // The word dictionary is learned once from all messages: it sees no labels, only which
  // character sequences the tokenised messages treat as words.
  const auto dictionary = options.features.dictionary_words ? learn_dictionary(data, options.word_list) : nullptr;
  const auto bags = extract_bags(data, options.features, dictionary);
  CrossValidationReport report;
  report.folds = folds;
  report.groups = group_count;
  report.predicted.assign(data.size(), std::string());
  for (const auto& item : data) report.labels.push_back(item.label);
  std::sort(report.labels.begin(), report.labels.end());
  report.labels.erase(std::unique(report.labels.begin(), report.labels.end()), report.labels.end());
  report.decisions.assign(data.size(), std::vector<double>(report.labels.size(), 0.0));
  for (std::size_t i = 0; i < data.size(); ++i) report.fold.push_back(group_fold[group[i]]);
  for (int f = 0; f < folds; ++f) {
    std::vector<std::vector<std::uint64_t>> train_bags;
    std::vector<std::string> train_labels;
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (group_fold[group[i]] != f) {
        train_bags.push_back(bags[i]);
        train_labels.push_back(data[i].label);
      }
    }
    const LinearClassifier model = full_training
                                       ? LinearClassifier::fit_calibrated(train_bags, train_labels, options, dictionary)
                                       : LinearClassifier::fit(train_bags, train_labels, options, dictionary);
    report.temperature.push_back(model.temperature());
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (group_fold[group[i]] != f) continue;
      const auto scores = model.decision_values(bags[i]);
      // A fold may miss a rare label: map the model's labels into the data's label order, and
      // leave a label the model does not know far below the others.
      auto& out = report.decisions[i];
      std::fill(out.begin(), out.end(), -1e9);
      for (std::size_t k = 0; k < scores.size(); ++k) {
        const auto at = std::lower_bound(report.labels.begin(), report.labels.end(), model.labels()[k]);
        out[static_cast<std::size_t>(at - report.labels.begin())] = scores[k];
      }
      const auto best = std::max_element(scores.begin(), scores.end()) - scores.begin();
      report.predicted[i] = model.labels()[static_cast<std::size_t>(best)];
    }
  }
  std::vector<std::string> truth;
  truth.reserve(data.size());
  for (const auto& item : data) truth.push_back(item.label);
  report.overall = evaluate(truth, report.predicted);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace hotline::text
