#include "text/linear_classifier.hpp"

#include "text/binary_io.hpp"
#include "text/text_normalizer.hpp"

#include <linear.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>
#include <unordered_map>

namespace hotline::text {

namespace {

constexpr char kMagic[8] = {'H', 'L', 'T', 'X', 'T', 'C', 'L', 'F'};
// 2: dictionary words (flag + dictionary after the feature options). 3: lead features (two
// int32 after the flag). Version 1 and 2 files still load (without lead features).
constexpr std::uint32_t kFormatVersion = 3;
static_assert(std::endian::native == std::endian::little, "model files are little-endian");

struct FileHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t reserved;
  std::uint64_t payload_size;
  std::uint64_t payload_checksum;
};

std::uint64_t checksum(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

void quiet(const char*) {}

// Owns liblinear's model and frees it on every path.
struct ModelDeleter {
  void operator()(model* m) const { free_and_destroy_model(&m); }
};

// Trains liblinear on TF-IDF rows `rows` with label indexes `y` (0..label_count-1) and copies
// the weights out as [column][label] plus per-label bias.
void train_liblinear(const std::vector<SparseVector>& rows, const std::vector<int>& y, std::size_t columns,
                     std::size_t label_count, const TrainOptions& options, std::vector<float>& weights,
                     std::vector<float>& bias) {
  set_print_string_function(&quiet);
  std::vector<feature_node> nodes;
  std::size_t total = 0;
  for (const auto& row : rows) total += row.columns.size() + 2;
  nodes.reserve(total);
  std::vector<std::size_t> starts;
  const int bias_index = static_cast<int>(columns) + 1;
  for (const auto& row : rows) {
    starts.push_back(nodes.size());
    for (std::size_t k = 0; k < row.columns.size(); ++k) nodes.push_back({row.columns[k] + 1, row.values[k]});
    nodes.push_back({bias_index, 1.0});
    nodes.push_back({-1, 0.0});
  }
  std::vector<feature_node*> x;
  for (const std::size_t start : starts) x.push_back(nodes.data() + start);
  std::vector<double> targets(y.begin(), y.end());

  problem prob{};
  prob.l = static_cast<int>(rows.size());
  prob.n = bias_index;
  prob.y = targets.data();
  prob.x = x.data();
  prob.bias = 1.0;

  std::vector<int> weight_labels(label_count);
  std::vector<double> class_weights(label_count, 1.0);
  std::iota(weight_labels.begin(), weight_labels.end(), 0);
  if (options.balanced_class_weights) {
    std::vector<double> counts(label_count, 0.0);
    for (const int label : y) counts[static_cast<std::size_t>(label)] += 1.0;
    for (std::size_t k = 0; k < label_count; ++k) {
      if (counts[k] > 0) class_weights[k] = static_cast<double>(y.size()) / (static_cast<double>(label_count) * counts[k]);
    }
  }
  parameter param{};
  param.solver_type = options.solver == Solver::svm ? L2R_L2LOSS_SVC_DUAL : L2R_LR_DUAL;
  param.eps = 0.1;
  param.C = options.c;
  param.p = 0.1;
  weights.assign(columns * label_count, 0.0F);
  bias.assign(label_count, 0.0F);

  if (options.nb_alpha <= 0.0) {
    param.nr_weight = static_cast<int>(label_count);
    param.weight_label = weight_labels.data();
    param.weight = class_weights.data();
    if (const char* error = check_parameter(&prob, &param)) throw std::invalid_argument(std::string("liblinear: ") + error);
    const std::unique_ptr<model, ModelDeleter> trained(::train(&prob, &param));
    const int model_labels = get_nr_class(trained.get());
    std::vector<int> model_label(static_cast<std::size_t>(model_labels));
    get_labels(trained.get(), model_label.data());
    for (int k = 0; k < model_labels; ++k) {
      const auto label = static_cast<std::size_t>(model_label[static_cast<std::size_t>(k)]);
      for (std::size_t column = 0; column < columns; ++column) {
        weights[column * label_count + label] =
            static_cast<float>(get_decfun_coef(trained.get(), static_cast<int>(column) + 1, k));
      }
      bias[label] = static_cast<float>(get_decfun_coef(trained.get(), bias_index, k));
    }
    return;
  }

  // NB-SVM: document counts per label and column, then one binary problem per label on
  // features scaled by the label's log-count ratio. As in liblinear's own one-vs-rest, the
  // positive side gets the class weight and the rest weight 1.
  std::vector<double> df(columns * label_count, 0.0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto label = static_cast<std::size_t>(y[i]);
    for (const std::int32_t column : rows[i].columns) df[static_cast<std::size_t>(column) * label_count + label] += 1.0;
  }
  std::vector<double> df_total(columns, 0.0);
  for (std::size_t column = 0; column < columns; ++column) {
    for (std::size_t label = 0; label < label_count; ++label) df_total[column] += df[column * label_count + label];
  }
  const double all_counts = std::accumulate(df_total.begin(), df_total.end(), 0.0);
  std::vector<feature_node> scaled = nodes;
  std::vector<feature_node*> scaled_x;
  for (const std::size_t start : starts) scaled_x.push_back(scaled.data() + start);
  prob.x = scaled_x.data();
  std::vector<double> binary(y.size());
  std::vector<double> ratio(columns);
  const double alpha = options.nb_alpha;
  for (std::size_t label = 0; label < label_count; ++label) {
    double in_sum = 0.0;
    for (std::size_t column = 0; column < columns; ++column) in_sum += df[column * label_count + label];
    const double out_sum = all_counts - in_sum;
    const double in_norm = in_sum + alpha * static_cast<double>(columns);
    const double out_norm = out_sum + alpha * static_cast<double>(columns);
    for (std::size_t column = 0; column < columns; ++column) {
      const double in = df[column * label_count + label];
      ratio[column] = std::log(((in + alpha) / in_norm) / ((df_total[column] - in + alpha) / out_norm));
    }
    for (std::size_t n = 0; n < nodes.size(); ++n) {
      const int index = nodes[n].index;
      scaled[n].value = index >= 1 && index < bias_index ? nodes[n].value * ratio[static_cast<std::size_t>(index - 1)]
                                                          : nodes[n].value;
    }
    for (std::size_t i = 0; i < y.size(); ++i) binary[i] = static_cast<std::size_t>(y[i]) == label ? 1.0 : -1.0;
    prob.y = binary.data();
    int binary_labels[2] = {1, -1};
    double binary_weights[2] = {class_weights[label], 1.0};
    param.nr_weight = 2;
    param.weight_label = binary_labels;
    param.weight = binary_weights;
    if (const char* error = check_parameter(&prob, &param)) throw std::invalid_argument(std::string("liblinear: ") + error);
    const std::unique_ptr<model, ModelDeleter> trained(::train(&prob, &param));
    int model_label[2] = {0, 0};
    get_labels(trained.get(), model_label);
    const int positive = model_label[0] == 1 ? 0 : 1;
    for (std::size_t column = 0; column < columns; ++column) {
      weights[column * label_count + label] = static_cast<float>(
          get_decfun_coef(trained.get(), static_cast<int>(column) + 1, positive) * ratio[column]);
    }
    bias[label] = static_cast<float>(get_decfun_coef(trained.get(), bias_index, positive));
  }
}

// Stratified assignment of items to `folds` folds: items of each label are shuffled and dealt
// round-robin.
std::vector<int> stratified_folds(const std::vector<int>& y, int folds, std::uint64_t seed) {
  std::vector<std::size_t> order(y.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return y[a] < y[b]; });
  std::vector<int> fold(y.size());
  for (std::size_t k = 0; k < order.size(); ++k) fold[order[k]] = static_cast<int>(k % static_cast<std::size_t>(folds));
  return fold;
}

}  // namespace

LinearClassifier::LinearClassifier(FeatureOptions features, std::shared_ptr<const WordDictionary> dictionary)
    : features_(features),
      dictionary_(std::move(dictionary)),
      extractor_(features, dictionary_),
      normalizer_(std::make_shared<const TextNormalizer>()) {}
LinearClassifier::LinearClassifier(LinearClassifier&&) noexcept = default;
LinearClassifier& LinearClassifier::operator=(LinearClassifier&&) noexcept = default;
LinearClassifier::~LinearClassifier() = default;

std::string LinearClassifier::normalize_message(std::string_view title, std::string_view text) const {
  std::string joined;
  joined.reserve(title.size() + text.size() + 1);
  joined.append(title).append("\n").append(text);
  return normalizer_->normalize(joined);
}

std::vector<std::uint64_t> LinearClassifier::extract(std::string_view title, std::string_view text) const {
  std::vector<std::uint64_t> bag;
  extractor_.extract(normalize_message(title, text), bag);
  return bag;
}

std::shared_ptr<const WordDictionary> learn_dictionary(const std::vector<LabelledText>& data, const std::string& word_list) {
  const TextNormalizer normalizer;
  WordDictionary::Counts counts;
  for (const auto& item : data) {
    if (FeatureExtractor::looks_tokenized(item.text)) FeatureExtractor::count_tokens(normalizer.normalize(item.text), counts);
  }
  if (!word_list.empty()) {
    for (const auto& entry : read_word_list(word_list)) {
      FeatureExtractor::count_tokens(normalizer.normalize(entry.word), counts, entry.count);
    }
  }
  return std::make_shared<const WordDictionary>(WordDictionary::build(counts, 2));
}

std::vector<WordCount> count_words(const std::vector<LabelledText>& data, std::uint32_t min_count) {
  const TextNormalizer normalizer;
  std::unordered_map<std::string, std::uint32_t> counts;
  for (const auto& item : data) {
    if (!FeatureExtractor::looks_tokenized(item.text)) continue;
    const std::string normalized = normalizer.normalize(item.text);
    std::size_t pos = 0;
    while (pos < normalized.size()) {
      const std::size_t end = std::min(normalized.find_first_of(" \t\n", pos), normalized.size());
      const std::string_view token = std::string_view(normalized).substr(pos, end - pos);
      const auto characters = static_cast<std::size_t>(
          std::count_if(token.begin(), token.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
      if (characters >= 1 && characters <= WordDictionary::kMaxUnits) ++counts[std::string(token)];
      pos = end + 1;
    }
  }
  std::vector<WordCount> words;
  for (auto& [word, count] : counts) {
    if (count >= min_count) words.push_back({word, count});
  }
  std::sort(words.begin(), words.end(),
            [](const WordCount& a, const WordCount& b) { return a.count != b.count ? a.count > b.count : a.word < b.word; });
  return words;
}

void write_word_list(const std::string& path, const std::vector<WordCount>& words) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  for (const auto& entry : words) out << entry.word << '\t' << entry.count << '\n';
  out.flush();
  if (!out) throw std::runtime_error(path + ": cannot write word list");
}

std::vector<WordCount> read_word_list(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open word list");
  std::vector<WordCount> words;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // a list saved with CRLF line ends
    if (line.empty()) continue;
    const auto tab = line.find('\t');
    const auto fail = [&](const char* what) { return std::runtime_error(path + ":" + std::to_string(number) + ": " + what); };
    if (tab == std::string::npos || tab == 0) throw fail("expected word<TAB>count");
    const std::string digits = line.substr(tab + 1);
    if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw fail("count must be a whole number");
    }
    words.push_back({line.substr(0, tab), static_cast<std::uint32_t>(std::stoul(digits))});
  }
  return words;
}

std::vector<std::vector<std::uint64_t>> extract_bags(const std::vector<LabelledText>& data, const FeatureOptions& options,
                                                     std::shared_ptr<const WordDictionary> dictionary) {
  const TextNormalizer normalizer;
  const FeatureExtractor extractor(options, std::move(dictionary));
  std::vector<std::vector<std::uint64_t>> bags(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    extractor.extract(normalizer.normalize(data[i].title + "\n" + data[i].text), bags[i]);
  }
  return bags;
}

LinearClassifier LinearClassifier::fit(const std::vector<std::vector<std::uint64_t>>& bags,
                                       const std::vector<std::string>& labels, const TrainOptions& options,
                                       std::shared_ptr<const WordDictionary> dictionary) {
  if (bags.size() != labels.size()) throw std::invalid_argument("bags and labels differ in size");
  LinearClassifier c(options.features, std::move(dictionary));
  c.labels_ = labels;
  std::sort(c.labels_.begin(), c.labels_.end());
  c.labels_.erase(std::unique(c.labels_.begin(), c.labels_.end()), c.labels_.end());
  if (c.labels_.size() < 2) throw std::invalid_argument("training data needs at least two labels");
  std::vector<int> y;
  y.reserve(labels.size());
  for (const auto& label : labels) {
    y.push_back(static_cast<int>(std::lower_bound(c.labels_.begin(), c.labels_.end(), label) - c.labels_.begin()));
  }
  c.vectorizer_ = TfidfVectorizer::fit(bags, options.min_df);
  std::vector<SparseVector> rows(bags.size());
  for (std::size_t i = 0; i < bags.size(); ++i) c.vectorizer_.transform(bags[i], rows[i]);
  train_liblinear(rows, y, c.vectorizer_.size(), c.labels_.size(), options, c.weights_, c.bias_);
  return c;
}

LinearClassifier LinearClassifier::fit_calibrated(const std::vector<std::vector<std::uint64_t>>& bags,
                                                  const std::vector<std::string>& labels, const TrainOptions& options,
                                                  std::shared_ptr<const WordDictionary> dictionary) {
  LinearClassifier classifier = fit(bags, labels, options, dictionary);
  if (options.calibration_folds < 2) return classifier;
  std::vector<int> y;
  y.reserve(labels.size());
  for (const auto& label : labels) {
    y.push_back(static_cast<int>(std::lower_bound(classifier.labels_.begin(), classifier.labels_.end(), label) -
                                 classifier.labels_.begin()));
  }
  const auto fold = stratified_folds(y, options.calibration_folds, options.seed);
  std::vector<std::vector<double>> held_out_decisions;
  std::vector<int> held_out_truth;
  for (int f = 0; f < options.calibration_folds; ++f) {
    std::vector<std::vector<std::uint64_t>> train_bags;
    std::vector<std::string> train_labels;
    for (std::size_t i = 0; i < bags.size(); ++i) {
      if (fold[i] != f) {
        train_bags.push_back(bags[i]);
        train_labels.push_back(labels[i]);
      }
    }
    const LinearClassifier part = fit(train_bags, train_labels, options, dictionary);
    // A fold may miss a rare label; only score items whose label the part knows, in the
    // full label order.
    if (part.labels_ != classifier.labels_) continue;
    for (std::size_t i = 0; i < bags.size(); ++i) {
      if (fold[i] == f) {
        held_out_decisions.push_back(part.decision_values(bags[i]));
        held_out_truth.push_back(y[i]);
      }
    }
  }
  if (options.tune_label_offsets && !held_out_decisions.empty()) {
    const auto offsets = fit_label_offsets(held_out_decisions, held_out_truth);
    for (auto& decisions : held_out_decisions) {
      for (std::size_t k = 0; k < offsets.size(); ++k) decisions[k] += offsets[k];
    }
    for (std::size_t k = 0; k < offsets.size(); ++k) classifier.bias_[k] += static_cast<float>(offsets[k]);
  }
  classifier.temperature_ = fit_temperature(held_out_decisions, held_out_truth);
  return classifier;
}

TrainResult LinearClassifier::train(const std::vector<LabelledText>& data, const TrainOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto dictionary = options.features.dictionary_words ? learn_dictionary(data, options.word_list) : nullptr;
  const auto bags = extract_bags(data, options.features, dictionary);
  std::vector<std::string> labels;
  labels.reserve(data.size());
  for (const auto& item : data) labels.push_back(item.label);
  LinearClassifier classifier = fit_calibrated(bags, labels, options, dictionary);
  TrainStats stats;
  stats.documents = data.size();
  stats.features = classifier.feature_count();
  stats.labels = classifier.labels_.size();
  stats.temperature = classifier.temperature_;
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return TrainResult{std::move(classifier), stats};
}

std::vector<double> LinearClassifier::decision_values(const std::vector<std::uint64_t>& bag) const {
  thread_local SparseVector row;
  vectorizer_.transform(bag, row);
  return decisions_of(row);
}

std::vector<double> LinearClassifier::decisions_of(const SparseVector& row) const {
  const std::size_t label_count = labels_.size();
  std::vector<double> scores(bias_.begin(), bias_.end());
  constexpr std::size_t kAhead = 8;
  for (std::size_t k = 0; k < row.columns.size(); ++k) {
    if (k + kAhead < row.columns.size()) {
      __builtin_prefetch(weights_.data() + static_cast<std::size_t>(row.columns[k + kAhead]) * label_count);
    }
    const float* w = weights_.data() + static_cast<std::size_t>(row.columns[k]) * label_count;
    const double value = row.values[k];
    for (std::size_t label = 0; label < label_count; ++label) scores[label] += value * w[label];
  }
  return scores;
}

Prediction LinearClassifier::classify(std::string_view title, std::string_view text, int top_k,
                                      std::size_t explain_words) const {
  thread_local SparseVector row;
  thread_local std::vector<FeatureSurface> features;
  thread_local std::vector<std::int32_t> columns;
  const std::string normalized = normalize_message(title, text);
  if (explain_words > 0) {
    explained_row(normalized, features, columns, row);  // one walk over the text for both
  } else {
    thread_local std::vector<std::uint64_t> bag;
    bag.clear();
    extractor_.extract(normalized, bag);
    vectorizer_.transform(bag, row);
  }
  std::vector<double> probabilities = decisions_of(row);
  softmax_in_place(probabilities, temperature_);
  std::vector<std::size_t> order(labels_.size());
  std::iota(order.begin(), order.end(), 0);
  const std::size_t keep = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(top_k, 1)), 1, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                    [&](std::size_t a, std::size_t b) { return probabilities[a] > probabilities[b]; });
  Prediction p;
  p.label = labels_[order[0]];
  p.score = probabilities[order[0]];
  for (std::size_t k = 0; k < keep; ++k) p.top.emplace_back(labels_[order[k]], probabilities[order[k]]);
  if (explain_words > 0) {
    order.resize(keep);
    p.words = explain_row(features, columns, row, order, explain_words);
  }
  return p;
}

std::vector<std::vector<std::string>> LinearClassifier::explain(std::string_view title, std::string_view text,
                                                               const std::vector<std::string>& labels,
                                                               std::size_t max_words) const {
  const std::string normalized = normalize_message(title, text);  // the features' texts point into it
  std::vector<FeatureSurface> features;
  std::vector<std::int32_t> columns;
  SparseVector row;
  explained_row(normalized, features, columns, row);
  std::vector<std::size_t> label_indexes;
  for (const auto& label : labels) {
    const auto known = std::find(labels_.begin(), labels_.end(), label);
    label_indexes.push_back(known == labels_.end() ? std::string::npos : static_cast<std::size_t>(known - labels_.begin()));
  }
  return explain_row(features, columns, row, label_indexes, max_words);
}

void LinearClassifier::explained_row(std::string_view normalized, std::vector<FeatureSurface>& features,
                                     std::vector<std::int32_t>& columns, SparseVector& row) const {
  features.clear();
  extractor_.explain(normalized, features);
  thread_local std::vector<std::uint64_t> bag;
  bag.clear();
  for (const auto& feature : features) bag.push_back(feature.hash);
  vectorizer_.transform(bag, row, &columns);
}

namespace {

// Letters, digits and Han of `text` (what the feature units are made of), for display.
std::string units_only(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t begin = pos;
    UChar32 c = 0;
    U8_NEXT(text.data(), pos, text.size(), c);
    if (c >= 0 && (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))) out.append(text.substr(begin, pos - begin));
  }
  return out;
}

}  // namespace

std::vector<std::vector<std::string>> LinearClassifier::explain_row(const std::vector<FeatureSurface>& features,
                                                                   const std::vector<std::int32_t>& columns,
                                                                   const SparseVector& row,
                                                                   const std::vector<std::size_t>& label_indexes,
                                                                   std::size_t max_words) const {
  // Each candidate (a text) stands for the distinct row positions of the features it covers, a
  // position counted once per candidate. With dictionary words the candidates are the words of
  // the message, each covering the features inside it ("幼儿园" covers 幼, 儿园, 幼儿园 and the
  // word), so a reader sees words, not n-grams that straddle two ("的物业"). Without
  // unit-aligned words (ICU words, or no dictionary) every word and every n-gram of two or more
  // units is a candidate of its own. Word pairs are left out: their words speak for them.
  const std::size_t none = row.columns.size();
  thread_local std::vector<std::uint32_t> position_of;
  position_of.assign(features.size(), static_cast<std::uint32_t>(none));
  for (std::size_t f = 0; f < features.size(); ++f) {
    const std::int32_t column = columns[f];
    if (features[f].pair || column < 0) continue;
    const auto it = std::lower_bound(row.columns.begin(), row.columns.end(), column);
    if (it != row.columns.end() && *it == column)
      position_of[f] = static_cast<std::uint32_t>(it - row.columns.begin());
  }
  // Candidate occurrences (text hash, feature index), grouped by text below.
  thread_local std::vector<std::pair<std::uint64_t, std::uint32_t>> occurrences;
  occurrences.clear();
  const bool aligned_words = std::any_of(features.begin(), features.end(),
                                         [](const FeatureSurface& f) { return f.word && f.end > f.first; });
  for (std::size_t f = 0; f < features.size(); ++f) {
    const FeatureSurface& feature = features[f];
    const bool candidate = aligned_words ? feature.word && feature.end > feature.first
                                         : !feature.pair && (feature.word || feature.end - feature.first >= 2);
    if (candidate) occurrences.emplace_back(std::hash<std::string_view>{}(feature.text), static_cast<std::uint32_t>(f));
  }
  std::sort(occurrences.begin(), occurrences.end());

  // Features by first unit (counting sort), so a word finds the features inside it directly.
  thread_local std::vector<std::uint32_t> start;  // start[u]..start[u+1]: features beginning at unit u
  thread_local std::vector<std::uint32_t> by_first;
  if (aligned_words) {
    std::uint32_t units = 0;
    for (const auto& feature : features) units = std::max(units, feature.end);
    start.assign(units + 2, 0);
    for (std::size_t f = 0; f < features.size(); ++f) {
      if (position_of[f] != none && features[f].end > features[f].first) ++start[features[f].first + 2];
    }
    for (std::size_t u = 2; u < start.size(); ++u) start[u] += start[u - 1];
    by_first.resize(start.back());
    for (std::size_t f = 0; f < features.size(); ++f) {
      if (position_of[f] != none && features[f].end > features[f].first)
        by_first[start[features[f].first + 1]++] = static_cast<std::uint32_t>(f);
    }
  }

  // Candidates: text and the distinct row positions they cover (positions[offset..next offset)).
  struct Candidate {
    std::string_view text;
    std::uint32_t offset = 0;
  };
  std::vector<Candidate> candidates;
  thread_local std::vector<std::uint32_t> positions;
  thread_local std::vector<std::uint32_t> stamp;  // row position -> 1 + the candidate that last counted it
  positions.clear();
  stamp.assign(row.columns.size(), 0);
  auto count = [&](std::uint32_t f) {
    const std::uint32_t position = position_of[f];
    if (position == none || stamp[position] == candidates.size()) return;
    stamp[position] = static_cast<std::uint32_t>(candidates.size());
    positions.push_back(position);
  };
  for (std::size_t i = 0; i < occurrences.size();) {
    candidates.push_back({features[occurrences[i].second].text, static_cast<std::uint32_t>(positions.size())});
    std::size_t j = i;
    for (; j < occurrences.size() && occurrences[j].first == occurrences[i].first; ++j) {
      const FeatureSurface& word = features[occurrences[j].second];
      if (!aligned_words) {
        count(occurrences[j].second);
        continue;
      }
      for (std::uint32_t k = start[word.first]; k < start[word.end]; ++k) {
        if (features[by_first[k]].end <= word.end) count(by_first[k]);
      }
    }
    i = j;
  }

  const std::size_t label_count = labels_.size();
  std::vector<std::vector<std::string>> out(label_indexes.size());
  std::vector<std::pair<double, std::string_view>> scored;
  for (std::size_t l = 0; l < label_indexes.size(); ++l) {
    const std::size_t label = label_indexes[l];
    if (label >= label_count) continue;
    scored.clear();
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      const std::size_t end = c + 1 < candidates.size() ? candidates[c + 1].offset : positions.size();
      double contribution = 0.0;
      for (std::size_t k = candidates[c].offset; k < end; ++k) {
        const auto column = static_cast<std::size_t>(row.columns[positions[k]]);
        contribution += static_cast<double>(row.values[positions[k]]) * weights_[column * label_count + label];
      }
      if (contribution > 0.0) scored.emplace_back(contribution, candidates[c].text);
    }
    // Best first; ties by text, for a stable order.
    std::sort(scored.begin(), scored.end(),
              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    auto& chosen = out[l];
    for (const auto& [contribution, view] : scored) {
      if (chosen.size() >= max_words) break;
      std::string candidate = units_only(view);
      const bool overlaps = std::any_of(chosen.begin(), chosen.end(), [&](const std::string& kept) {
        return kept.find(candidate) != std::string::npos || candidate.find(kept) != std::string::npos;
      });
      if (!overlaps) chosen.push_back(std::move(candidate));
    }
  }
  return out;
}

void softmax_in_place(std::vector<double>& decisions, double temperature) {
  if (decisions.empty()) return;
  const double top = *std::max_element(decisions.begin(), decisions.end());
  double sum = 0.0;
  for (double& d : decisions) sum += (d = std::exp(temperature * (d - top)));
  for (double& d : decisions) d /= sum;
}

double macro_f1_of(const std::vector<std::vector<double>>& decisions, const std::vector<int>& truth,
                   const std::vector<double>& offsets) {
  const std::size_t labels = offsets.size();
  std::vector<double> true_positive(labels, 0.0);
  std::vector<double> predicted(labels, 0.0);
  std::vector<double> actual(labels, 0.0);
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    std::size_t best = 0;
    double best_value = decisions[i][0] + offsets[0];
    for (std::size_t k = 1; k < labels; ++k) {
      const double value = decisions[i][k] + offsets[k];
      if (value > best_value) {
        best_value = value;
        best = k;
      }
    }
    const auto t = static_cast<std::size_t>(truth[i]);
    predicted[best] += 1.0;
    actual[t] += 1.0;
    if (best == t) true_positive[t] += 1.0;
  }
  double sum = 0.0;
  std::size_t present = 0;
  for (std::size_t k = 0; k < labels; ++k) {
    if (actual[k] == 0.0 && predicted[k] == 0.0) continue;
    ++present;
    sum += 2.0 * true_positive[k] / (actual[k] + predicted[k]);
  }
  return present == 0 ? 0.0 : sum / static_cast<double>(present);
}

std::vector<double> fit_label_offsets(const std::vector<std::vector<double>>& decisions, const std::vector<int>& truth,
                                      double range, double step) {
  if (decisions.empty()) return {};
  std::vector<double> offsets(decisions[0].size(), 0.0);
  double best_score = macro_f1_of(decisions, truth, offsets);
  for (int round = 0; round < 3; ++round) {
    bool moved = false;
    for (std::size_t k = 0; k < offsets.size(); ++k) {
      const double kept = offsets[k];
      double best_value = kept;
      for (double value = -range; value <= range + 1e-9; value += step) {
        offsets[k] = value;
        const double score = macro_f1_of(decisions, truth, offsets);
        if (score > best_score + 1e-12) {
          best_score = score;
          best_value = value;
        }
      }
      offsets[k] = best_value;
      if (best_value != kept) moved = true;
    }
    if (!moved) break;
  }
  return offsets;
}

double fit_temperature(const std::vector<std::vector<double>>& decisions, const std::vector<int>& truth) {
  if (decisions.empty()) return 1.0;
  auto loss = [&](double log_t) {
    const double t = std::exp(log_t);
    double total = 0.0;
    std::vector<double> p;
    for (std::size_t i = 0; i < decisions.size(); ++i) {
      p = decisions[i];
      softmax_in_place(p, t);
      total -= std::log(std::max(p[static_cast<std::size_t>(truth[i])], 1e-300));
    }
    return total;
  };
  // The loss is convex in T (softmax NLL is convex in the logits, which are linear in T), so
  // a coarse grid followed by golden-section search finds the minimum.
  double best = 0.0;
  double best_loss = loss(0.0);
  // Capped at e^4 ~ 55: on separable training data the loss keeps falling as T grows, and
  // probabilities of exactly 0 and 1 help nobody.
  for (double log_t = -3.0; log_t <= 4.0; log_t += 0.25) {
    const double l = loss(log_t);
    if (l < best_loss) {
      best_loss = l;
      best = log_t;
    }
  }
  double lo = best - 0.25;
  double hi = std::min(best + 0.25, 4.0);
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  for (int iteration = 0; iteration < 30; ++iteration) {
    const double a = hi - ratio * (hi - lo);
    const double b = lo + ratio * (hi - lo);
    if (loss(a) < loss(b)) hi = b; else lo = a;
  }
  return std::exp((lo + hi) / 2.0);
}

void LinearClassifier::save(const std::string& path) const {
  BinaryWriter payload;
  payload.put<std::int32_t>(features_.char_ngram_max);
  payload.put<std::uint8_t>(features_.word_unigrams ? 1 : 0);
  payload.put<std::uint8_t>(features_.word_bigrams ? 1 : 0);
  payload.put<std::uint8_t>(features_.punctuation_breaks ? 1 : 0);
  payload.put<std::uint8_t>(dictionary_ ? 1 : 0);
  payload.put<std::int32_t>(features_.lead_units);
  payload.put<std::int32_t>(features_.lead_ngram_max);
  if (dictionary_) dictionary_->save(payload);
  payload.put<double>(temperature_);
  payload.put<std::uint64_t>(labels_.size());
  for (const auto& label : labels_) payload.put_string(label);
  vectorizer_.save(payload);
  payload.put_vector(weights_);
  payload.put_vector(bias_);

  FileHeader header{};
  std::copy(std::begin(kMagic), std::end(kMagic), header.magic);
  header.version = kFormatVersion;
  header.payload_size = payload.bytes().size();
  header.payload_checksum = checksum(payload.bytes());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(&header), sizeof header);
  out.write(payload.bytes().data(), static_cast<std::streamsize>(payload.bytes().size()));
  out.flush();
  if (!out) throw std::runtime_error(path + ": cannot write model file");
}

LinearClassifier LinearClassifier::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open model file");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  FileHeader header{};
  if (bytes.size() < sizeof header || !std::equal(std::begin(kMagic), std::end(kMagic), bytes.data())) {
    throw std::runtime_error(path + ": not a hotline text classifier model (bad magic)");
  }
  std::memcpy(&header, bytes.data(), sizeof header);
  if (header.version < 1 || header.version > kFormatVersion) {
    throw std::runtime_error(path + ": model format version " + std::to_string(header.version) +
                             ", this build reads version " + std::to_string(kFormatVersion) + "; retrain the model");
  }
  const std::string_view payload = std::string_view(bytes).substr(sizeof header);
  if (payload.size() != header.payload_size) throw std::runtime_error(path + ": model file is truncated");
  if (checksum(payload) != header.payload_checksum) throw std::runtime_error(path + ": model file is corrupt (checksum mismatch)");
  FeatureOptions features;
  features.dictionary_words = false;  // only a model that stores a dictionary segments with one
  features.lead_units = 0;            // before version 3
  std::shared_ptr<const WordDictionary> dictionary;
  double temperature = 1.0;
  std::vector<std::string> labels;
  TfidfVectorizer vectorizer;
  std::vector<float> weights;
  std::vector<float> bias;
  try {
    BinaryReader reader(payload);
    features.char_ngram_max = reader.get<std::int32_t>();
    features.word_unigrams = reader.get<std::uint8_t>() != 0;
    features.word_bigrams = reader.get<std::uint8_t>() != 0;
    features.punctuation_breaks = reader.get<std::uint8_t>() != 0;
    const bool has_dictionary = header.version >= 2 && reader.get<std::uint8_t>() != 0;
    if (header.version >= 3) {
      features.lead_units = reader.get<std::int32_t>();
      features.lead_ngram_max = reader.get<std::int32_t>();
    }
    if (has_dictionary) {
      dictionary = std::make_shared<const WordDictionary>(WordDictionary::load(reader));
      features.dictionary_words = true;
    }
    temperature = reader.get<double>();
    const auto label_count = reader.get<std::uint64_t>();
    if (label_count < 1 || label_count > reader.remaining()) throw std::runtime_error("bad label count");
    for (std::uint64_t k = 0; k < label_count; ++k) labels.push_back(reader.get_string());
    vectorizer = TfidfVectorizer::load(reader);
    weights = reader.get_vector<float>();
    bias = reader.get_vector<float>();
    if (weights.size() != vectorizer.size() * label_count || bias.size() != label_count) {
      throw std::runtime_error("weight matrix does not match vocabulary and labels");
    }
    if (reader.remaining() != 0) throw std::runtime_error("trailing bytes");
    if (!std::isfinite(temperature) || temperature <= 0) throw std::runtime_error("bad temperature");
    if (features.char_ngram_max < 0 || features.char_ngram_max > 8) throw std::runtime_error("bad n-gram length");
    if (features.lead_units < 0 || features.lead_ngram_max < 0 || features.lead_ngram_max > 8) {
      throw std::runtime_error("bad lead feature options");
    }
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": model file is corrupt (" + e.what() + ")");
  }
  // Outside the try: a missing OpenCC install is not a corrupt model.
  LinearClassifier c(features, std::move(dictionary));
  c.temperature_ = temperature;
  c.labels_ = std::move(labels);
  c.vectorizer_ = std::move(vectorizer);
  c.weights_ = std::move(weights);
  c.bias_ = std::move(bias);
  return c;
}

}  // namespace hotline::text
