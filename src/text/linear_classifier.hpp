#pragma once

#include "text/feature_extractor.hpp"
#include "text/labelled_file.hpp"
#include "text/tfidf_vectorizer.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hotline::text {

class TextNormalizer;

enum class Solver {
  svm,       // L2-regularised L2-loss linear SVM, one-vs-rest (liblinear dual solver)
  logistic,  // L2-regularised logistic regression, one-vs-rest (liblinear dual solver)
};

struct TrainOptions {
  FeatureOptions features;
  int min_df = 3;                   // drop features seen in fewer training documents
  double c = 1.0;                   // liblinear cost (inverse regularisation)
  Solver solver = Solver::svm;
  bool balanced_class_weights = true;  // weight each class by N / (classes * its size)
  // NB-SVM (Wang & Manning 2012): each one-vs-rest model sees its features scaled by their
  // log-count ratio r = log((p / |p|1) / (q / |q|1)), p and q the smoothed (`nb_alpha`) document
  // counts of the feature in the class and in the rest. r is folded into the stored weights, so
  // classifying costs the same. +0.0055 macro-F1 in cross-validation (docs/benchmarks.md).
  // 0 = plain TF-IDF features (liblinear's own one-vs-rest).
  double nb_alpha = 1.0;
  int calibration_folds = 3;        // folds used to fit the softmax temperature; < 2: none
  // On the same held-out folds, fit per-label offsets of the decision values that maximise
  // macro-F1 (`fit_label_offsets`), folded into the biases. +0.004-0.006 macro-F1 in nested
  // cross-validation (docs/benchmarks.md).
  bool tune_label_offsets = true;
  // Optional word list (see `read_word_list`) added to the words of the tokenised training
  // messages, so a model trained on running text alone still gets dictionary words.
  std::string word_list;

  std::uint64_t seed = 20200101;    // fold shuffling
};

struct Prediction {
  std::string label;   // best label
  double score = 0.0;  // its calibrated probability
  std::vector<std::pair<std::string, double>> top;  // best first, at most top_k entries
  // With `explain_words` > 0: per entry of `top`, the words that weigh most for it (see `explain`).
  std::vector<std::vector<std::string>> words;
};

struct TrainResult;

// Multi-class linear text classifier: normalise (`TextNormalizer`) -> features
// (`FeatureExtractor`) -> TF-IDF (`TfidfVectorizer`) -> one weight vector per label; scores are
// softmax(temperature * decision values), the temperature fitted on held-out folds.
// Immutable after `train`/`load`; `classify` may be called from many threads at once.
class LinearClassifier {
 public:
  LinearClassifier(LinearClassifier&&) noexcept;
  LinearClassifier& operator=(LinearClassifier&&) noexcept;
  ~LinearClassifier();

  // Trains on `data` (needs at least two labels), including the temperature fit. Throws
  // std::invalid_argument on unusable data.
  [[nodiscard]] static TrainResult train(const std::vector<LabelledText>& data, const TrainOptions& options = {});

  // Writes the model: magic "HLTXTCLF", format version, payload size, checksum, payload.
  // Throws std::runtime_error if the file cannot be written.
  void save(const std::string& path) const;
  // Reads a model written by `save`. Throws std::runtime_error with a clear message if the
  // file is missing, not a model, of another format version, truncated or corrupt.
  [[nodiscard]] static LinearClassifier load(const std::string& path);

  // Classifies one message; `title` may be empty. Returns the best label and the `top_k`
  // best labels (at least 1) with calibrated probabilities, and with `explain_words` > 0 that
  // many words of evidence per top label (as `explain`; ~1.8 times the time, docs/benchmarks.md).
  [[nodiscard]] Prediction classify(std::string_view title, std::string_view text, int top_k = 3,
                                    std::size_t explain_words = 0) const;

  // Evidence for a reader: for each label of `labels`, the words and character n-grams of the
  // message that add most to that label's decision value (contribution = TF-IDF value x weight,
  // summed over the features a word stands for), best first, at most `max_words`, none that
  // contains or is contained in a better one; normalised (simplified, case-folded). Empty for a
  // label the model does not know.
  [[nodiscard]] std::vector<std::vector<std::string>> explain(std::string_view title, std::string_view text,
                                                              const std::vector<std::string>& labels,
                                                              std::size_t max_words = 5) const;

  [[nodiscard]] const std::vector<std::string>& labels() const { return labels_; }
  [[nodiscard]] std::size_t feature_count() const { return vectorizer_.size(); }
  // Words of the learned segmentation dictionary (0 without `FeatureOptions::dictionary_words`).
  [[nodiscard]] std::size_t dictionary_words() const { return dictionary_ ? dictionary_->word_count() : 0; }
  [[nodiscard]] double temperature() const { return temperature_; }

  // Building blocks for cross-validation, which extracts features once and trains per fold.
  // Feature bag of one message (normalised title + text), repeats kept.
  [[nodiscard]] std::vector<std::uint64_t> extract(std::string_view title, std::string_view text) const;
  // Trains without temperature fitting (temperature 1) on pre-extracted bags.
  [[nodiscard]] static LinearClassifier fit(const std::vector<std::vector<std::uint64_t>>& bags,
                                            const std::vector<std::string>& labels, const TrainOptions& options,
                                            std::shared_ptr<const WordDictionary> dictionary = nullptr);
  // Trains as `train` does after feature extraction: fit, then held-out calibration folds for
  // the label offsets and the temperature.
  [[nodiscard]] static LinearClassifier fit_calibrated(const std::vector<std::vector<std::uint64_t>>& bags,
                                                       const std::vector<std::string>& labels,
                                                       const TrainOptions& options,
                                                       std::shared_ptr<const WordDictionary> dictionary = nullptr);
  // Decision values in `labels()` order.
  [[nodiscard]] std::vector<double> decision_values(const std::vector<std::uint64_t>& bag) const;

 private:
  LinearClassifier(FeatureOptions features, std::shared_ptr<const WordDictionary> dictionary);
  std::string normalize_message(std::string_view title, std::string_view text) const;
  // `explain` for a message's features (`FeatureExtractor::explain`), their columns (-1:
  // unknown) and its TF-IDF row; `label_indexes` index `labels_` (npos: unknown label, no words).
  std::vector<std::vector<std::string>> explain_row(const std::vector<FeatureSurface>& features,
                                                    const std::vector<std::int32_t>& columns,
                                                    const SparseVector& row,
                                                    const std::vector<std::size_t>& label_indexes,
                                                    std::size_t max_words) const;
  // The features of a normalised message with their text and columns, and its TF-IDF row.
  void explained_row(std::string_view normalized, std::vector<FeatureSurface>& features,
                     std::vector<std::int32_t>& columns, SparseVector& row) const;
  std::vector<double> decisions_of(const SparseVector& row) const;

  FeatureOptions features_;
  std::shared_ptr<const WordDictionary> dictionary_;  // null unless features_.dictionary_words
  FeatureExtractor extractor_;
  std::shared_ptr<const TextNormalizer> normalizer_;  // shared by copies made in training
  TfidfVectorizer vectorizer_;
  std::vector<std::string> labels_;
  std::vector<float> weights_;  // row-major [column][label]: one message touches few rows
  std::vector<float> bias_;     // per label
  double temperature_ = 1.0;
};

struct TrainStats {
  std::size_t documents = 0;
  std::size_t features = 0;
  std::size_t labels = 0;
  double temperature = 1.0;
  double seconds = 0.0;
};

struct TrainResult {
  LinearClassifier classifier;
  TrainStats stats;
};

// Extracts the feature bags of many messages with one normaliser (faster than one per call).
[[nodiscard]] std::vector<std::vector<std::uint64_t>> extract_bags(const std::vector<LabelledText>& data,
                                                                   const FeatureOptions& options,
                                                                   std::shared_ptr<const WordDictionary> dictionary = nullptr);

// Learns the word dictionary from the messages of `data` that are tokenised text (see
// `FeatureExtractor::looks_tokenized`) plus the word list `word_list` if not empty; words seen at
// least twice. Empty if there is neither.
[[nodiscard]] std::shared_ptr<const WordDictionary> learn_dictionary(const std::vector<LabelledText>& data,
                                                                     const std::string& word_list = {});

// A word list: UTF-8 text, one "word<TAB>count" per line, most frequent first (`hotline words`).
struct WordCount {
  std::string word;
  std::uint32_t count = 0;
};
// Counts the space-separated tokens of the tokenised messages of `data` (normalised), keeping
// tokens of at most `WordDictionary::kMaxUnits` characters seen at least `min_count` times.
[[nodiscard]] std::vector<WordCount> count_words(const std::vector<LabelledText>& data, std::uint32_t min_count = 2);
void write_word_list(const std::string& path, const std::vector<WordCount>& words);
// Throws std::runtime_error "path:line: reason" for a missing file or a malformed line.
[[nodiscard]] std::vector<WordCount> read_word_list(const std::string& path);

// Softmax of `temperature * decisions`, in place.
void softmax_in_place(std::vector<double>& decisions, double temperature);

// Temperature minimising the negative log-likelihood of softmax(T * d) over held-out decision
// vectors `decisions` with true label indexes `truth`; 1.0 if there is nothing to fit.
[[nodiscard]] double fit_temperature(const std::vector<std::vector<double>>& decisions, const std::vector<int>& truth);

// Per-label offsets, added to decision values, that maximise the macro-F1 of the best label over
// held-out decision vectors (one value per label, truth = label index). Coordinate ascent over a
// grid of steps of `step` within +-`range`; ties keep the smaller offset. All zeros if empty.
[[nodiscard]] std::vector<double> fit_label_offsets(const std::vector<std::vector<double>>& decisions,
                                                    const std::vector<int>& truth, double range = 0.6,
                                                    double step = 0.02);

// Macro-F1 of argmax(decisions + offsets) against truth (label indexes).
[[nodiscard]] double macro_f1_of(const std::vector<std::vector<double>>& decisions, const std::vector<int>& truth,
                                 const std::vector<double>& offsets);

}  // namespace hotline::text
