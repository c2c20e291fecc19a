#include "text/linear_classifier.hpp"

#include "text/cross_validation.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <cmath>
#include <cstring>
#include <iterator>
#include <stdexcept>

#include <unistd.h>
#include <thread>

namespace hotline::text {
namespace {

namespace fs = std::filesystem;

const std::string kData = HOTLINE_TEXT_TEST_DATA;

TrainOptions fast_options() {
  TrainOptions options;
  options.min_df = 1;
  options.c = 1.0;
  options.calibration_folds = 2;
  return options;
}

// Trained once for the suite: training is deterministic, and doing it per test is wasted time.
const LinearClassifier& tiny_model() {
  static const LinearClassifier model =
      LinearClassifier::train(read_labelled_file(kData + "/tiny_corpus.csv"), fast_options()).classifier;
  return model;
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / ("hotline_text_" + name + "_" + std::to_string(::getpid()))).string();
}

std::string error_of(const std::string& path) {
  try {
    (void)LinearClassifier::load(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(LinearClassifier, GoldenMessagesGetTheirLabels) {
  for (const auto& golden : read_labelled_file(kData + "/golden_classify.csv")) {
    EXPECT_EQ(tiny_model().classify(golden.title, golden.text).label, golden.label) << golden.text;
  }
}

TEST(LinearClassifier, ExplainNamesTheWordsOfTheMessageThatWeighForEachLabel) {
  const std::string title = "出租车拒载";
  const std::string text = "火车站出租车经常拒载，司机挑客绕路。";
  const std::string compact = "出租车拒载火车站出租车经常拒载司机挑客绕路";  // the units, without punctuation
  const auto prediction = tiny_model().classify(title, text);
  ASSERT_EQ(prediction.label, "交通运输");
  const auto words = tiny_model().explain(title, text, {"交通运输", "教育文体", "没有这个分类"}, 3);
  ASSERT_EQ(words.size(), 3u);
  ASSERT_FALSE(words[0].empty());
  EXPECT_LE(words[0].size(), 3u);
  for (std::size_t i = 0; i < words[0].size(); ++i) {
    EXPECT_NE(compact.find(words[0][i]), std::string::npos) << words[0][i];
    EXPECT_GE(words[0][i].size(), 6u) << "two characters or more: " << words[0][i];
    for (std::size_t j = 0; j < i; ++j) {
      EXPECT_EQ(words[0][i].find(words[0][j]), std::string::npos) << words[0][i] << " / " << words[0][j];
      EXPECT_EQ(words[0][j].find(words[0][i]), std::string::npos) << words[0][i] << " / " << words[0][j];
    }
  }
  // The traffic words are evidence for traffic, not for education.
  for (const auto& word : words[1]) EXPECT_NE(word, words[0][0]);
  EXPECT_TRUE(words[2].empty());
  EXPECT_EQ(tiny_model().explain(title, text, {"交通运输"}, 3), tiny_model().explain(title, text, {"交通运输"}, 3));
}

TEST(LinearClassifier, PlainOneVsRestWithoutNbScalingAlsoGetsGoldenLabels) {
  TrainOptions options = fast_options();
  options.nb_alpha = 0.0;
  const auto model = LinearClassifier::train(read_labelled_file(kData + "/tiny_corpus.csv"), options).classifier;
  for (const auto& golden : read_labelled_file(kData + "/golden_classify.csv")) {
    EXPECT_EQ(model.classify(golden.title, golden.text).label, golden.label) << golden.text;
  }
}

TEST(LinearClassifier, TopKIsSortedCalibratedAndBounded) {
  const auto p = tiny_model().classify("噪音", "工地夜间施工噪音扰民", 5);
  ASSERT_EQ(p.top.size(), 3U);  // only three labels exist
  EXPECT_EQ(p.top[0].first, p.label);
  EXPECT_DOUBLE_EQ(p.top[0].second, p.score);
  EXPECT_GE(p.top[0].second, p.top[1].second);
  EXPECT_GE(p.top[1].second, p.top[2].second);
  const double sum = p.top[0].second + p.top[1].second + p.top[2].second;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(tiny_model().classify("", "噪音", 0).top.size(), 1U);
}

TEST(LinearClassifier, EmptyTextStillGetsAPrediction) {
  const auto p = tiny_model().classify("", "");
  EXPECT_FALSE(p.label.empty());
  EXPECT_GT(p.score, 0.0);
}

TEST(LinearClassifier, SaveLoadRoundTripGivesIdenticalScores) {
  const auto path = temp_path("roundtrip");
  tiny_model().save(path);
  const auto loaded = LinearClassifier::load(path);
  fs::remove(path);
  EXPECT_EQ(loaded.labels(), tiny_model().labels());
  EXPECT_EQ(loaded.temperature(), tiny_model().temperature());
  for (const auto& golden : read_labelled_file(kData + "/golden_classify.csv")) {
    const auto a = tiny_model().classify(golden.title, golden.text);
    const auto b = loaded.classify(golden.title, golden.text);
    EXPECT_EQ(a.label, b.label);
    EXPECT_DOUBLE_EQ(a.score, b.score);
  }
}

// The tiny corpus plus a copy of each message cut into two-character tokens, as the jieba
// tokens of the full 附件2 come: the model learns a word dictionary from the copies.
std::vector<LabelledText> corpus_with_tokenised_copies() {
  auto data = read_labelled_file(kData + "/tiny_corpus.csv");
  const std::size_t raw = data.size();
  for (std::size_t i = 0; i < raw; ++i) {
    std::string tokens;
    const std::string& text = data[i].text;
    std::size_t characters = 0;
    for (std::size_t k = 0; k < text.size(); ++k) {
      const auto byte = static_cast<unsigned char>(text[k]);
      if ((byte & 0xC0) != 0x80 && characters++ % 2 == 0 && !tokens.empty()) tokens.push_back(' ');
      tokens.push_back(text[k]);
    }
    data.push_back({"", tokens, data[i].label});
  }
  return data;
}

TEST(LinearClassifier, LearnsAWordDictionaryFromTokenisedMessagesAndKeepsItInTheFile) {
  const auto data = corpus_with_tokenised_copies();
  const auto model = LinearClassifier::train(data, fast_options()).classifier;
  EXPECT_GT(model.dictionary_words(), 10U);
  const auto path = temp_path("dictionary");
  model.save(path);
  const auto loaded = LinearClassifier::load(path);
  fs::remove(path);
  EXPECT_EQ(loaded.dictionary_words(), model.dictionary_words());
  for (const auto& golden : read_labelled_file(kData + "/golden_classify.csv")) {
    const auto a = model.classify(golden.title, golden.text);
    EXPECT_EQ(a.label, golden.label) << golden.text;
    EXPECT_DOUBLE_EQ(loaded.classify(golden.title, golden.text).score, a.score);
  }
  // Without tokenised messages there is no dictionary, and no word features.
  EXPECT_EQ(tiny_model().dictionary_words(), 0U);
}

TEST(WordList, CountsWritesAndReadsTheWordsOfTokenisedMessages) {
  const auto words = count_words(corpus_with_tokenised_copies(), 2);
  ASSERT_FALSE(words.empty());
  for (std::size_t k = 1; k < words.size(); ++k) EXPECT_GE(words[k - 1].count, words[k].count);
  const auto path = temp_path("words");
  write_word_list(path, words);
  const auto read = read_word_list(path);
  ASSERT_EQ(read.size(), words.size());
  EXPECT_EQ(read.front().word, words.front().word);
  EXPECT_EQ(read.front().count, words.front().count);

  // A model trained on running text alone gets its dictionary from the list.
  TrainOptions options = fast_options();
  options.word_list = path;
  const auto model = LinearClassifier::train(read_labelled_file(kData + "/tiny_corpus.csv"), options).classifier;
  EXPECT_GT(model.dictionary_words(), 10U);
  for (const auto& golden : read_labelled_file(kData + "/golden_classify.csv")) {
    EXPECT_EQ(model.classify(golden.title, golden.text).label, golden.label) << golden.text;
  }

  std::ofstream(path, std::ios::trunc) << "小区\t12\r\n物业\t3\r\n";
  EXPECT_EQ(read_word_list(path).size(), 2U);  // CRLF line ends are fine
  std::ofstream(path, std::ios::trunc) << "小区\t12\n物业\tmany\n";
  try {
    (void)read_word_list(path);
    ADD_FAILURE() << "malformed list accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":2: count must be a whole number"), std::string::npos) << e.what();
  }
  fs::remove(path);
  EXPECT_THROW((void)read_word_list(path), std::runtime_error);
}

TEST(LinearClassifier, IcuWordModelsKeepTheirWordFeaturesThroughTheFile) {
  TrainOptions options = fast_options();
  options.features.dictionary_words = false;  // ICU word break
  const auto model = LinearClassifier::train(corpus_with_tokenised_copies(), options).classifier;
  EXPECT_EQ(model.dictionary_words(), 0U);
  const auto path = temp_path("icu");
  model.save(path);
  const auto loaded = LinearClassifier::load(path);
  fs::remove(path);
  for (const auto& golden : read_labelled_file(kData + "/golden_classify.csv")) {
    EXPECT_DOUBLE_EQ(loaded.classify(golden.title, golden.text).score, model.classify(golden.title, golden.text).score)
        << golden.text;
  }
}

TEST(LinearClassifier, RejectsCorruptTruncatedForeignAndNewerFiles) {
  const auto path = temp_path("corrupt");
  tiny_model().save(path);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto write = [&](const std::string& content) { std::ofstream(path, std::ios::binary | std::ios::trunc) << content; };

  std::string flipped = bytes;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5A);
  write(flipped);
  EXPECT_NE(error_of(path).find("corrupt"), std::string::npos) << error_of(path);

  write(bytes.substr(0, bytes.size() - 7));
  EXPECT_NE(error_of(path).find("truncated"), std::string::npos) << error_of(path);

  write("label,text\nA,b\n");
  EXPECT_NE(error_of(path).find("not a hotline text classifier model"), std::string::npos) << error_of(path);

  std::string newer = bytes;
  newer[8] = 99;  // version field follows the 8-byte magic
  write(newer);
  EXPECT_NE(error_of(path).find("version 99"), std::string::npos) << error_of(path);

  fs::remove(path);
  EXPECT_NE(error_of(path).find("cannot open"), std::string::npos);
}

// A version 2 file is a version 3 file without the two lead fields (8 bytes after the first 8
// bytes of the payload), with the payload's FNV-1a checksum.
TEST(LinearClassifier, ReadsVersionTwoFilesAsModelsWithoutLeadFeatures) {
  auto options = fast_options();
  options.features.lead_units = 0;
  const auto model = LinearClassifier::train(read_labelled_file(kData + "/tiny_corpus.csv"), options).classifier;
  const auto path = temp_path("version2");
  model.save(path);
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  constexpr std::size_t kHeader = 32;  // magic, version, reserved, payload size, checksum
  std::string payload = bytes.substr(kHeader);
  payload.erase(8, 8);
  std::uint64_t sum = 1469598103934665603ULL;
  for (const char c : payload) {
    sum ^= static_cast<unsigned char>(c);
    sum *= 1099511628211ULL;
  }
  std::string header = bytes.substr(0, kHeader);
  const std::uint32_t version = 2;
  const std::uint64_t size = payload.size();
  std::memcpy(header.data() + 8, &version, sizeof version);
  std::memcpy(header.data() + 16, &size, sizeof size);
  std::memcpy(header.data() + 24, &sum, sizeof sum);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << header << payload;
  const auto loaded = LinearClassifier::load(path);
  fs::remove(path);
  for (const auto& golden : read_labelled_file(kData + "/golden_classify.csv")) {
    const auto a = model.classify(golden.title, golden.text);
    const auto b = loaded.classify(golden.title, golden.text);
    EXPECT_EQ(a.label, b.label);
    EXPECT_DOUBLE_EQ(a.score, b.score);
  }
}

TEST(LinearClassifier, ConcurrentClassifyAgreesWithSequential) {
  const auto expected = tiny_model().classify("", "化工厂偷排污水").label;
  std::string results[2];
  std::thread a([&] { for (int k = 0; k < 100; ++k) results[0] = tiny_model().classify("", "化工厂偷排污水").label; });
  std::thread b([&] { for (int k = 0; k < 100; ++k) results[1] = tiny_model().classify("", "化工厂偷排污水").label; });
  a.join();
  b.join();
  EXPECT_EQ(results[0], expected);
  EXPECT_EQ(results[1], expected);
}

TEST(LinearClassifier, TrainingNeedsTwoLabels) {
  const std::vector<LabelledText> one = {{"", "a", "X"}, {"", "b", "X"}};
  EXPECT_THROW((void)LinearClassifier::train(one, fast_options()), std::invalid_argument);
}

TEST(Calibration, LabelOffsetsRaiseMacroF1OfBiasedDecisions) {
  // Label 1 is under-predicted: its decision values sit 0.3 below where they should.
  std::vector<std::vector<double>> decisions;
  std::vector<int> truth;
  for (int i = 0; i < 40; ++i) {
    decisions.push_back({0.5, 0.4});  // truly 1, shifted down
    truth.push_back(1);
    decisions.push_back({0.5, -0.5});
    truth.push_back(0);
  }
  const std::vector<double> zero{0.0, 0.0};
  EXPECT_LT(macro_f1_of(decisions, truth, zero), 0.5);
  const auto offsets = fit_label_offsets(decisions, truth);
  ASSERT_EQ(offsets.size(), 2U);
  EXPECT_DOUBLE_EQ(macro_f1_of(decisions, truth, offsets), 1.0);
  EXPECT_TRUE(fit_label_offsets({}, {}).empty());
}

TEST(Calibration, TemperatureSharpensConfidentCorrectDecisions) {
  const std::vector<std::vector<double>> decisions = {{2, -1}, {-1, 2}, {2, -1}, {-1, 2}};
  const std::vector<int> truth = {0, 1, 0, 1};
  EXPECT_GT(fit_temperature(decisions, truth), 5.0);  // all correct: sharper is always better
  EXPECT_LE(fit_temperature(decisions, truth), std::exp(4.0) + 1e-9);  // but capped
  std::vector<double> p = {1.0, 0.0};
  softmax_in_place(p, 1.0);
  EXPECT_NEAR(p[0], 1.0 / (1.0 + std::exp(-1.0)), 1e-12);
}

TEST(CrossValidation, ReportsPerClassAndMacroF1) {
  const auto data = read_labelled_file(kData + "/tiny_corpus.csv");
  const auto report = cross_validate(data, 3, fast_options());
  ASSERT_EQ(report.overall.classes.size(), 3U);
  EXPECT_EQ(report.overall.documents, data.size());
  EXPECT_GE(report.overall.macro_f1, 0.5);
  EXPECT_LE(report.overall.macro_f1, 1.0);
  EXPECT_NE(report.overall.table().find("macro-F1"), std::string::npos);
  EXPECT_THROW((void)cross_validate(data, 1, fast_options()), std::invalid_argument);
  EXPECT_EQ(report.temperature, (std::vector<double>{1.0, 1.0, 1.0})) << "a plain fit has no temperature";

  // Trained as `train` trains: each fold's model has the temperature fitted on its own folds.
  const auto full = cross_validate(data, 3, fast_options(), 0.6, true);
  ASSERT_EQ(full.temperature.size(), 3U);
  for (const double t : full.temperature) {
    EXPECT_GT(t, 0.0);
    EXPECT_NE(t, 1.0);
  }
}

TEST(Calibration, ScoresThatMatchTheHitRateHaveNoCalibrationError) {
  // 10 messages scored 0.8 for label 0, 8 of them truly label 0: calibrated.
  std::vector<std::vector<double>> p(10, std::vector<double>{0.8, 0.2});
  std::vector<int> truth = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
  auto report = evaluate_calibration(p, truth);
  EXPECT_NEAR(report.ece, 0.0, 1e-12);
  EXPECT_NEAR(report.accuracy, 0.8, 1e-12);
  EXPECT_NEAR(report.mean_top, 0.8, 1e-12);
  EXPECT_NEAR(report.log_loss, -(0.8 * std::log(0.8) + 0.2 * std::log(0.2)), 1e-12);
  EXPECT_NEAR(report.brier, 0.8 * 2 * 0.04 + 0.2 * 2 * 0.64, 1e-12);

  // Overconfident: 0.99 but right half the time.
  p.assign(10, std::vector<double>{0.99, 0.01});
  truth = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
  report = evaluate_calibration(p, truth);
  EXPECT_NEAR(report.ece, 0.49, 1e-12);

  // Two bins: 0.55 right 1 of 2 (gap 0.05), 0.95 right 2 of 2 (gap 0.05): ECE 0.05.
  p = {{0.55, 0.45}, {0.55, 0.45}, {0.95, 0.05}, {0.05, 0.95}};
  truth = {0, 1, 0, 1};
  EXPECT_NEAR(evaluate_calibration(p, truth).ece, 0.05, 1e-12);

  EXPECT_THROW((void)evaluate_calibration(p, {0, 1}), std::invalid_argument);
  EXPECT_THROW((void)evaluate_calibration(p, {0, 1, 2, 0}), std::invalid_argument);
  EXPECT_THROW((void)evaluate_calibration(p, truth, 0), std::invalid_argument);
}

TEST(Evaluation, ComputesPrecisionRecallAndMacroF1) {
  const auto report = evaluate({"a", "a", "b", "b"}, {"a", "b", "b", "b"});
  ASSERT_EQ(report.classes.size(), 2U);
  EXPECT_DOUBLE_EQ(report.classes[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(report.classes[0].recall, 0.5);
  EXPECT_DOUBLE_EQ(report.classes[1].precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(report.accuracy, 0.75);
  EXPECT_NEAR(report.macro_f1, (2.0 / 3.0 + 0.8) / 2.0, 1e-12);
}

}  // namespace
}  // namespace hotline::text
