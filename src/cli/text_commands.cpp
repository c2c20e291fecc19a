#include "cli/text_commands.hpp"

#include "tools/dispatch_setup.hpp"
#include "app/storage_factory.hpp"

#include "text/cross_validation.hpp"
#include "text/deduplication.hpp"
#include "text/labelled_file.hpp"
#include "text/linear_classifier.hpp"
#include "wire/csv_reader.hpp"
#include "wire/json_writer.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace hotline::cli {

namespace {

struct TrainArgs {
  std::vector<std::string> data;
  std::string from_db;  // SQLite database whose dispatched tickets become training rows
  std::string target = "category";  // what --from-db rows are labelled with: category | unit
  std::string out;
  std::string words;  // optional word list for the dictionary
  int folds = 5;
  double c = text::TrainOptions{}.c;
};

struct WordsArgs {
  std::vector<std::string> data;
  std::string out;
  std::uint32_t min_count = 2;
};

struct ClassifyArgs {
  std::string model;
  std::string input;
  int top_k = 3;
  int explain = 0;  // words of evidence per top label (0 = none, the fast path)
};

void run_train(const TrainArgs& args) {
  std::vector<text::LabelledText> all;
  if (args.data.empty() && args.from_db.empty()) throw std::runtime_error("train needs --data FILE... or --from-db FILE");
  if (args.target == "unit" && (args.from_db.empty() || !args.data.empty()))
    throw std::runtime_error("--target unit learns the units of a database's dispatches alone: give --from-db FILE and no --data");
  if (!args.from_db.empty()) {
    if (!app::storage_exists(args.from_db)) throw std::runtime_error("database " + args.from_db + " does not exist");
    app::StorageOptions options;
    options.migrate = false;  // read-only use: never upgrade someone's database as a side effect
    auto storage = app::open_storage(args.from_db, options);
    const bool units = args.target == "unit";
    all = tools::labelled_from_tickets(storage->tickets(), units ? tools::TicketLabel::lead_unit : tools::TicketLabel::category);
    std::cout << "read " << all.size() << " tickets dispatched without a return from " << args.from_db << " ("
              << (units ? "labelled with their lead unit" : "labelled with their category") << ")\n";
    if (units) {
      const auto dropped = tools::drop_rare_labels(all, tools::kMinUnitDispatches, tools::kMaxLearnedUnits);
      std::cout << "left out " << dropped << " tickets of units with fewer than " << tools::kMinUnitDispatches
                << " dispatches or beyond the " << tools::kMaxLearnedUnits
                << " units with most (the catalogue covers them)\n";
    }
  }
  for (const auto& path : args.data) {
    auto rows = text::read_labelled_file(path);
    std::cout << "read " << rows.size() << " labelled messages from " << path << "\n";
    all.insert(all.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  const auto dedup = text::deduplicate(all);
  std::cout << "deduplicated: " << dedup.kept.size() << " messages (" << dedup.removed << " duplicates removed, "
            << dedup.conflicting_labels << " of them with a different label)\n";
  text::TrainOptions options = args.target == "unit" ? tools::unit_train_options(args.words) : text::TrainOptions{};
  options.c = args.c;
  options.word_list = args.words;
  if (args.folds >= 2) {
    const auto report = text::cross_validate(dedup.kept, args.folds, options);
    std::cout << "\n" << args.folds << "-fold cross-validation (" << report.groups << " near-duplicate groups, "
              << report.seconds << " s; one fit per fold, without the label offsets the final model also gets)\n"
              << report.overall.table() << "\n";
  }
  const auto trained = text::LinearClassifier::train(dedup.kept, options);
  trained.classifier.save(args.out);
  std::cout << "trained on " << trained.stats.documents << " messages, " << trained.stats.labels << " labels, "
            << trained.stats.features << " features in " << trained.stats.seconds << " s (temperature "
            << trained.stats.temperature << "), " << trained.classifier.dictionary_words()
            << " dictionary words; model written to " << args.out << "\n";
  if (trained.classifier.dictionary_words() == 0) {
    std::cout << "note: no tokenised messages and no --words list, so the model has character features only; "
                 "pass --words data/text/words.tsv for word features\n";
  }
}

void run_words(const WordsArgs& args) {
  std::vector<text::LabelledText> all;
  for (const auto& path : args.data) {
    auto rows = text::read_labelled_file(path);
    all.insert(all.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  const auto words = text::count_words(all, args.min_count);
  if (words.empty()) throw std::runtime_error("no tokenised messages (space-separated words) in the --data files");
  text::write_word_list(args.out, words);
  std::cout << "wrote " << words.size() << " words seen at least " << args.min_count << " times to " << args.out << "\n";
}

bool is_blank(std::string_view s) {
  // ASCII whitespace and U+3000 (ideographic space), as spreadsheets leave them.
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') continue;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

void run_classify(const ClassifyArgs& args) {
  const auto classifier = text::LinearClassifier::load(args.model);
  std::ifstream in(args.input, std::ios::binary);
  if (!in) throw std::runtime_error(args.input + ": cannot open file");
  wire::CsvReader reader(in);
  std::vector<std::string> header;
  std::vector<std::string> fields;
  auto fail = [&](std::size_t line, const std::string& what) {
    throw std::runtime_error(args.input + ":" + std::to_string(line) + ": " + what);
  };
  try {
    if (!reader.next(header)) fail(1, "empty file");
    const auto column = [&](std::string_view name) {
      return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const std::size_t id = column("id");
    const std::size_t title = column("title");
    const std::size_t body = column("text");
    if (id == header.size() || body == header.size()) fail(1, "header must have columns id and text (title optional)");
    wire::JsonWriter line;
    std::size_t empty_rows = 0;
    while (reader.next(fields)) {
      if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
      if (fields.size() != header.size()) {
        fail(reader.line(), "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(fields.size()));
      }
      const std::string title_text = title < header.size() ? fields[title] : std::string();
      line.begin_object().key("id").string(fields[id]);
      if (is_blank(title_text) && is_blank(fields[body])) {
        // Nothing to classify: say so rather than answer with the labels' prior.
        line.key("label").null().key("score").integer(0).key("top").begin_array().end_array();
        line.key("error").string("empty title and text").end_object();
        std::cout << line.take() << '\n';
        ++empty_rows;
        continue;
      }
      const auto p = classifier.classify(title_text, fields[body], args.top_k, static_cast<std::size_t>(args.explain));
      const auto& evidence = p.words;
      line.key("label").string(p.label).key("score").fixed(p.score, 4).key("top").begin_array();
      for (std::size_t k = 0; k < p.top.size(); ++k) {
        line.begin_object().key("label").string(p.top[k].first).key("score").fixed(p.top[k].second, 4);
        if (!evidence.empty()) {
          line.key("words").begin_array();
          for (const auto& word : evidence[k]) line.string(word);
          line.end_array();
        }
        line.end_object();
      }
      line.end_array().end_object();
      std::cout << line.take() << '\n';
    }
    if (empty_rows > 0)
      std::cerr << "hotline: " << empty_rows << " row(s) with empty title and text: label null, \"error\" says why\n";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    // CsvReader reports "line N: ..."; name the file too.
    if (what.rfind("line ", 0) == 0) throw std::runtime_error(args.input + ": " + what);
    throw;
  }
  std::cout.flush();
  if (!std::cout) throw std::runtime_error("cannot write to standard output");
}

}  // namespace

void add_text_commands(CLI::App& app) {
  auto train_args = std::make_shared<TrainArgs>();
  CLI::App* train = app.add_subcommand("train", "Train the message classifier, report cross-validated accuracy");
  train->add_option("--data", train_args->data, "Labelled CSV/JSONL files (see docs)")->check(CLI::ExistingFile);
  train->add_option("--from-db", train_args->from_db,
                    "Also train on the tickets of this database (first-level category of tickets dispatched without a return)")
      ->check(CLI::ExistingFile);
  train->add_option("--target", train_args->target,
                    "What the --from-db tickets teach: category (the classifier) or unit (the lead units of past "
                    "dispatches, for hotline serve --unit-model)")
      ->check(CLI::IsMember({"category", "unit"}))
      ->capture_default_str();
  train->add_option("--out", train_args->out, "Model file to write")->required();
  train->add_option("--folds", train_args->folds, "Cross-validation folds (0 = skip)")->capture_default_str();
  train->add_option("--c", train_args->c, "SVM cost C")->capture_default_str();
  train->add_option("--words", train_args->words, "Word list (word<TAB>count, from `hotline words`) for the segmentation dictionary")
      ->check(CLI::ExistingFile);
  train->callback([train_args] { run_train(*train_args); });

  auto words_args = std::make_shared<WordsArgs>();
  CLI::App* words = app.add_subcommand("words", "Write the word list of tokenised labelled files (for train --words)");
  words->add_option("--data", words_args->data, "Labelled files with tokenised text (e.g. fj2_full_tokenized.csv)")
      ->required()
      ->check(CLI::ExistingFile);
  words->add_option("--out", words_args->out, "Word list to write (word<TAB>count)")->required();
  words->add_option("--min-count", words_args->min_count, "Keep words seen at least this often")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  words->callback([words_args] { run_words(*words_args); });

  auto classify_args = std::make_shared<ClassifyArgs>();
  CLI::App* classify = app.add_subcommand("classify", "Classify messages of a CSV (id,title,text) into JSON lines");
  classify->add_option("--model", classify_args->model, "Model file written by train")->required()->check(CLI::ExistingFile);
  classify->add_option("--input", classify_args->input, "CSV with columns id, title, text")->required()->check(CLI::ExistingFile);
  classify->add_option("--top-k", classify_args->top_k, "Labels listed in top")->capture_default_str()->check(CLI::Range(1, 100));
  classify->add_option("--explain", classify_args->explain,
                       "Also list, per top label, this many words of the message that weigh most for it")
      ->capture_default_str()
      ->check(CLI::Range(0, 20));
  classify->callback([classify_args] { run_classify(*classify_args); });
}

}  // namespace hotline::cli
