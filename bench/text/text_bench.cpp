// Measures the text classifier on the shared TipDM 2020 C data. Usage:
//   text_bench [--data-dir DIR] [--folds 5] [--group 0.6] [--full-training] [--c 1] [--ngram 3]
//              [--min-df 3] [--no-words] [--no-word-pairs] [--icu-words] [--word-list FILE]
//              [--nb-alpha 1] [--no-offsets] [--unbalanced] [--logistic] [--raw-only]
//              [--lead 15] [--lead-ngram 2] [--no-baseline] [--no-final] [--model /tmp/text_bench.model]
// --group is the near-duplicate link threshold of the folds (0.8: only the raw and tokenised forms
// of one message stay together); --full-training trains each fold as `hotline train` does (label
// offsets and temperature on calibration folds), else one fit per fold plus nested offsets;
// --nb-alpha 0 turns NB-SVM feature scaling off; --raw-only keeps only the raw-text messages;
// --no-final skips the final model and throughput run. Also prints the calibration of the scores
// (ECE, log-loss, Brier; with --full-training for the fitted temperatures) and top-1/2/3 accuracy.
// DIR defaults to ../shared/data beside the repository. Prints a Markdown-ready summary.
// TEXT_BENCH_DECISIONS=FILE writes the out-of-fold decision values (for ensembling experiments);
// TEXT_BENCH_ERRORS=FILE writes the misclassified raw-text messages (truth, prediction, text).
// TEXT_BENCH_KNN=1 adds an experiment: out-of-fold decisions plus beta * the label shares of the
// k nearest training messages (cosine of TF-IDF vectors), for several k, powers and betas.
#include "text/cross_validation.hpp"
#include "text/deduplication.hpp"
#include "text/labelled_file.hpp"
#include "text/linear_classifier.hpp"
#include "text/tfidf_vectorizer.hpp"
#include "wire/csv_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using hotline::text::LabelledText;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Message {
  std::string title;
  std::string text;
};

// Unlabelled messages (附件3, 附件4) for the throughput run: real, unseen, title + body.
std::vector<Message> read_messages(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  hotline::wire::CsvReader reader(in);
  std::vector<std::string> header;
  std::vector<std::string> fields;
  std::vector<Message> out;
  if (!reader.next(header)) return out;
  std::size_t title = 0;
  std::size_t text = 0;
  for (std::size_t k = 0; k < header.size(); ++k) {
    if (header[k] == "留言主题") title = k;
    if (header[k] == "留言详情") text = k;
  }
  while (reader.next(fields)) {
    if (fields.size() == header.size()) out.push_back({fields[title], fields[text]});
  }
  return out;
}

void print_subset(const char* name, const std::vector<LabelledText>& data, const std::vector<std::string>& predicted,
                  std::size_t begin, std::size_t end) {
  std::vector<std::string> truth;
  std::vector<std::string> guess;
  for (std::size_t i = begin; i < end; ++i) {
    truth.push_back(data[i].label);
    guess.push_back(predicted[i]);
  }
  const auto report = hotline::text::evaluate(truth, guess);
  std::printf("  %-40s macro-F1 %.4f  accuracy %.4f  (n=%zu)\n", name, report.macro_f1, report.accuracy, report.documents);
}

std::vector<int> truth_indexes(const std::vector<LabelledText>& data, const std::vector<std::string>& labels) {
  std::vector<int> truth;
  for (const auto& item : data) {
    truth.push_back(static_cast<int>(std::lower_bound(labels.begin(), labels.end(), item.label) - labels.begin()));
  }
  return truth;
}

// Macro-F1 of argmax decisions, then with per-label offsets fitted on the other 4/5 of the
// messages (nested, so the offsets never see the messages they are scored on).
void report_offsets(const char* name, const std::vector<LabelledText>& data, const std::vector<std::string>& labels,
                    const std::vector<std::vector<double>>& decisions, std::size_t raw_end) {
  const auto truth = truth_indexes(data, labels);
  const std::vector<double> zero(labels.size(), 0.0);
  std::vector<std::string> plain(data.size());
  std::vector<std::string> tuned(data.size());
  auto argmax = [&](const std::vector<double>& d, const std::vector<double>& off) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < d.size(); ++k) if (d[k] + off[k] > d[best] + off[best]) best = k;
    return labels[best];
  };
  for (int part = 0; part < 5; ++part) {
    std::vector<std::vector<double>> fit_d;
    std::vector<int> fit_t;
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (static_cast<int>(i % 5) != part) {
        fit_d.push_back(decisions[i]);
        fit_t.push_back(truth[i]);
      }
    }
    const auto offsets = hotline::text::fit_label_offsets(fit_d, fit_t);
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (static_cast<int>(i % 5) != part) continue;
      plain[i] = argmax(decisions[i], zero);
      tuned[i] = argmax(decisions[i], offsets);
    }
  }
  std::printf("\n%s:\n", name);
  print_subset("no offsets, all", data, plain, 0, data.size());
  print_subset("no offsets, raw", data, plain, 0, raw_end);
  print_subset("nested offsets, all", data, tuned, 0, data.size());
  print_subset("nested offsets, raw", data, tuned, 0, raw_end);
}


// Experiment: k nearest training messages (cosine of TF-IDF vectors) per held-out message, per
// fold; returns per message, per label, the summed similarity^power of the k nearest.
std::vector<std::vector<double>> knn_scores(const std::vector<LabelledText>& data, const std::vector<std::string>& labels,
                                            const std::vector<int>& fold, int folds, int k, double power,
                                            const hotline::text::TrainOptions& options) {
  const auto dictionary = options.features.dictionary_words ? hotline::text::learn_dictionary(data, options.word_list) : nullptr;
  const auto bags = hotline::text::extract_bags(data, options.features, dictionary);
  const auto truth = truth_indexes(data, labels);
  std::vector<std::vector<double>> out(data.size(), std::vector<double>(labels.size(), 0.0));
  for (int f = 0; f < folds; ++f) {
    std::vector<std::vector<std::uint64_t>> train_bags;
    std::vector<std::size_t> train_ids;
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (fold[i] != f) {
        train_bags.push_back(bags[i]);
        train_ids.push_back(i);
      }
    }
    const auto vectorizer = hotline::text::TfidfVectorizer::fit(train_bags, 2);
    // Inverted index: column -> (train row, value).
    std::vector<std::vector<std::pair<std::uint32_t, float>>> postings(vectorizer.size());
    hotline::text::SparseVector v;
    for (std::size_t r = 0; r < train_bags.size(); ++r) {
      vectorizer.transform(train_bags[r], v);
      for (std::size_t j = 0; j < v.columns.size(); ++j) postings[static_cast<std::size_t>(v.columns[j])].push_back({static_cast<std::uint32_t>(r), v.values[j]});
    }
    std::vector<float> acc(train_bags.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
      if (fold[i] != f) continue;
      vectorizer.transform(bags[i], v);
      std::fill(acc.begin(), acc.end(), 0.0f);
      for (std::size_t j = 0; j < v.columns.size(); ++j) {
        for (const auto& [r, x] : postings[static_cast<std::size_t>(v.columns[j])]) acc[r] += x * v.values[j];
      }
      std::vector<std::uint32_t> idx(acc.size());
      for (std::uint32_t r = 0; r < idx.size(); ++r) idx[r] = r;
      const auto kk = std::min<std::size_t>(static_cast<std::size_t>(k), idx.size());
      std::partial_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(kk), idx.end(), [&](auto a, auto b) { return acc[a] > acc[b]; });
      for (std::size_t n = 0; n < kk; ++n) out[i][static_cast<std::size_t>(truth[train_ids[idx[n]]])] += std::pow(acc[idx[n]], power);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir = HOTLINE_SHARED_DATA_DIR;
  std::string model_path = "/tmp/text_bench.model";
  int folds = 5;
  double group_containment = 0.6;
  bool baseline = true;
  bool final_model = true;
  bool full_training = false;
  bool raw_only = false;  // train and score on the raw-text messages only (a deployment without tokens)
  hotline::text::TrainOptions options;
  for (int k = 1; k < argc; ++k) {
    const std::string arg = argv[k];
    auto value = [&]() -> std::string {
      if (k + 1 >= argc) {
        std::cerr << "missing value for " << arg << "\n";
        std::exit(2);
      }
      return argv[++k];
    };
    if (arg == "--data-dir") data_dir = value();
    else if (arg == "--folds") folds = std::stoi(value());
    else if (arg == "--group") group_containment = std::stod(value());
    else if (arg == "--c") options.c = std::stod(value());
    else if (arg == "--ngram") options.features.char_ngram_max = std::stoi(value());
    else if (arg == "--min-df") options.min_df = std::stoi(value());
    else if (arg == "--no-words") options.features.word_unigrams = options.features.word_bigrams = false;
    else if (arg == "--no-word-pairs") options.features.word_bigrams = false;
    else if (arg == "--icu-words") options.features.dictionary_words = false;
    else if (arg == "--punct-breaks") options.features.punctuation_breaks = true;
    else if (arg == "--nb-alpha") options.nb_alpha = std::stod(value());
    else if (arg == "--unbalanced") options.balanced_class_weights = false;
    else if (arg == "--logistic") options.solver = hotline::text::Solver::logistic;
    else if (arg == "--no-baseline") baseline = false;
    else if (arg == "--no-final") final_model = false;
    else if (arg == "--full-training") full_training = true;
    else if (arg == "--word-list") options.word_list = value();
    else if (arg == "--raw-only") raw_only = true;
    else if (arg == "--no-offsets") options.tune_label_offsets = false;
    else if (arg == "--calibration-folds") options.calibration_folds = std::stoi(value());
    else if (arg == "--model") model_path = value();
    else if (arg == "--lead") options.features.lead_units = std::stoi(value());
    else if (arg == "--lead-ngram") options.features.lead_ngram_max = std::stoi(value());
    else {
      std::cerr << "unknown argument " << arg << "\n";
      return 2;
    }
  }

  // Raw-text files first, so deduplication keeps the raw form of a message that also exists as tokens.
  const std::string fj2 = data_dir + "/tipdm2020c-fj2-full-tokenized/";
  const std::vector<std::string> files = {data_dir + "/tipdm2020c/fj2_sample.csv", fj2 + "fj2_recovered_original_text.csv",
                                          fj2 + "marsw20_dev_test_splits.csv", fj2 + "fj2_full_tokenized.csv"};
  std::vector<LabelledText> all;
  std::size_t raw_rows = 0;
  for (const auto& file : files) {
    auto rows = hotline::text::read_labelled_file(file);
    std::printf("read %-40s %6zu rows\n", std::filesystem::path(file).filename().c_str(), rows.size());
    all.insert(all.end(), rows.begin(), rows.end());
    if (file.find("tokenized.csv") == std::string::npos) raw_rows = all.size();
  }
  auto dedup = hotline::text::deduplicate(all);
  // Rows before `raw_end` in the deduplicated set came from raw-text files (order is kept).
  std::size_t raw_end = 0;
  {
    const auto raw_only = hotline::text::deduplicate(std::vector<LabelledText>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(raw_rows)));
    raw_end = raw_only.kept.size();
  }
  if (raw_only) dedup.kept.resize(raw_end);
  const auto& data = dedup.kept;
  std::printf("deduplicated: %zu messages (%zu exact duplicates removed, %zu with conflicting labels); %zu raw text, %zu tokens only\n",
              data.size(), dedup.removed, dedup.conflicting_labels, raw_end, data.size() - raw_end);

  const auto cv = hotline::text::cross_validate(data, folds, options, group_containment, full_training);
  std::printf("\n## classifier: char 1-%d grams%s%s, min_df %d, C %.3g, %s%s\n", options.features.char_ngram_max,
              options.features.word_unigrams ? (options.features.dictionary_words ? " + dictionary words" : " + ICU words") : "",
              options.features.word_bigrams ? " + word pairs" : "",
              options.min_df, options.c, options.solver == hotline::text::Solver::svm ? "L2-SVM" : "logistic",
              options.balanced_class_weights ? ", balanced class weights" : "");
  if (options.nb_alpha > 0) std::printf("NB-SVM log-count ratio scaling, alpha %.3g\n", options.nb_alpha);
  std::printf("%d-fold CV, %zu near-duplicate groups, %.1f s\n%s", folds, cv.groups, cv.seconds, cv.overall.table().c_str());
  print_subset("raw-text messages", data, cv.predicted, 0, raw_end);
  print_subset("tokens-only messages", data, cv.predicted, raw_end, data.size());
  {
    // Are the scores calibrated? Out-of-fold probabilities with each fold's fitted temperature
    // (what `classify` returns) against the raw softmax of the decision values (T = 1).
    const auto truth = truth_indexes(data, cv.labels);
    auto calibration = [&](bool fitted) {
      std::vector<std::vector<double>> p(data.size());
      for (std::size_t i = 0; i < data.size(); ++i) {
        p[i] = cv.decisions[i];
        hotline::text::softmax_in_place(p[i], fitted ? cv.temperature[static_cast<std::size_t>(cv.fold[i])] : 1.0);
      }
      return hotline::text::evaluate_calibration(p, truth);
    };
    double t_min = 1e9;
    double t_max = 0;
    for (const double t : cv.temperature) {
      t_min = std::min(t_min, t);
      t_max = std::max(t_max, t);
    }
    std::printf("\ncalibration of the top score (10 bins):\n");
    for (const bool fitted : {false, true}) {
      if (fitted && !full_training) continue;
      const auto c = calibration(fitted);
      std::printf("  %-40s ECE %.4f  log-loss %.4f  Brier %.4f  mean top %.4f vs accuracy %.4f\n",
                  fitted ? "fitted temperature" : "softmax of decisions (T = 1)", c.ece, c.log_loss, c.brier, c.mean_top,
                  c.accuracy);
    }
    if (full_training) std::printf("  fold temperatures %.3f-%.3f\n", t_min, t_max);
    // How often the true label is among the k best (what a dispatcher sees in `top`).
    std::size_t within[3] = {0, 0, 0};
    for (std::size_t i = 0; i < data.size(); ++i) {
      const auto& d = cv.decisions[i];
      std::size_t above = 0;  // labels ranked above the true one
      for (const double v : d) above += v > d[static_cast<std::size_t>(truth[i])] ? 1 : 0;
      for (std::size_t k = 0; k < 3; ++k) within[k] += above <= k ? 1 : 0;
    }
    const auto n = static_cast<double>(data.size());
    std::printf("  true label within the top 1 / 2 / 3: %.4f / %.4f / %.4f\n", within[0] / n, within[1] / n, within[2] / n);
  }
  // With --full-training the folds already carry their fitted label offsets.
  if (!full_training) report_offsets("label offsets", data, cv.labels, cv.decisions, raw_end);
  if (std::getenv("TEXT_BENCH_KNN") != nullptr) {
    for (const int k : {5, 10, 20}) {
      for (const double power : {1.0, 3.0}) {
        const auto scores = knn_scores(data, cv.labels, cv.fold, folds, k, power, options);
        for (const double beta : {0.0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2}) {
          std::vector<std::string> guess(data.size());
          for (std::size_t i = 0; i < data.size(); ++i) {
            double norm = 0;
            for (const double x : scores[i]) norm += x;
            std::size_t best = 0;
            double best_v = -1e18;
            for (std::size_t l = 0; l < cv.labels.size(); ++l) {
              const double val = cv.decisions[i][l] + beta * (norm > 0 ? scores[i][l] / norm : 0.0);
              if (val > best_v) { best_v = val; best = l; }
            }
            guess[i] = cv.labels[best];
          }
          char name[96];
          std::snprintf(name, sizeof name, "knn k=%d p=%.0f beta=%.2f", k, power, beta);
          print_subset(name, data, guess, 0, data.size());
        }
      }
    }
  }
  if (const char* dump = std::getenv("TEXT_BENCH_DECISIONS")) {
    // One line per message: raw (1) or tokens (0), true label index, decision values.
    std::ofstream out(dump);
    const auto truth = truth_indexes(data, cv.labels);
    for (std::size_t i = 0; i < data.size(); ++i) {
      out << (i < raw_end ? 1 : 0) << ' ' << truth[i];
      for (const double d : cv.decisions[i]) out << ' ' << d;
      out << '\n';
    }
  }
  if (const char* dump = std::getenv("TEXT_BENCH_ERRORS")) {
    std::ofstream out(dump);
    for (std::size_t i = 0; i < raw_end; ++i) {
      if (cv.predicted[i] != data[i].label) out << data[i].label << "\t" << cv.predicted[i] << "\t" << data[i].title << " | " << data[i].text.substr(0, 300) << "\n";
    }
  }

  if (baseline) {
    hotline::text::TrainOptions plain;
    plain.features.char_ngram_max = 0;
    plain.features.word_unigrams = true;
    plain.features.word_bigrams = false;
    plain.features.dictionary_words = false;
    plain.features.lead_units = 0;
    plain.balanced_class_weights = false;
    plain.tune_label_offsets = false;
    plain.c = 1.0;
    plain.min_df = 1;
    plain.nb_alpha = 0.0;
    const auto base = hotline::text::cross_validate(data, folds, plain, group_containment);
    std::printf("\n## baseline: TF-IDF of ICU words + linear SVM (liblinear, C 1)\n%d-fold CV, %.1f s\n%s", folds, base.seconds,
                base.overall.table().c_str());
    print_subset("raw-text messages", data, base.predicted, 0, raw_end);
    print_subset("tokens-only messages", data, base.predicted, raw_end, data.size());
  }

  if (!final_model) return 0;
  auto start = Clock::now();
  auto trained = hotline::text::LinearClassifier::train(data, options);
  const double train_seconds = seconds_since(start);
  trained.classifier.save(model_path);
  const auto model_bytes = std::filesystem::file_size(model_path);
  start = Clock::now();
  const auto loaded = hotline::text::LinearClassifier::load(model_path);
  const double load_seconds = seconds_since(start);

  auto messages = read_messages(data_dir + "/tipdm2020c/fj3_messages_with_votes.csv");
  const auto more = read_messages(data_dir + "/tipdm2020c/fj4_messages_with_replies.csv");
  messages.insert(messages.end(), more.begin(), more.end());
  std::size_t bytes = 0;
  for (const auto& m : messages) bytes += m.title.size() + m.text.size();
  std::size_t checksum = 0;
  start = Clock::now();
  for (const auto& m : messages) checksum += loaded.classify(m.title, m.text, 3).label.size();
  const double classify_seconds = seconds_since(start);

  std::printf("\n## final model (all %zu messages)\n", data.size());
  std::printf("train time            %.2f s (incl. %d-fold temperature fit; T = %.3f)\n", train_seconds, options.calibration_folds,
              trained.stats.temperature);
  std::printf("features              %zu\n", trained.stats.features);
  std::printf("model file            %.2f MB\n", static_cast<double>(model_bytes) / 1e6);
  std::printf("load time             %.3f s\n", load_seconds);
  std::printf("classify (1 thread)   %zu messages (附件3+附件4, mean %.0f bytes) in %.2f s = %.0f messages/s [%zu]\n",
              messages.size(), static_cast<double>(bytes) / static_cast<double>(messages.size()), classify_seconds,
              static_cast<double>(messages.size()) / classify_seconds, checksum % 10);
  return 0;
}
