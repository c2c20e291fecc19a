#pragma once

namespace CLI {
class App;
}

namespace hotline::cli {

// Adds the text-classification subcommands to `app`:
//   train    (--data FILE... | --from-db DB [--target category|unit]) --out MODEL [--folds 5] [--c C]
//            (--from-db: tickets dispatched without a return, labelled by their category's first
//            level, or with --target unit by their lead unit: the model of `serve --unit-model`)
//            reads labelled files (formats: see text::read_labelled_file), deduplicates them,
//            prints the cross-validated per-class precision/recall/F1 and macro-F1 (skipped
//            with --folds 0), trains on everything and writes the model file.
//   classify --model MODEL --input FILE [--top-k 3] [--explain N]
//            reads a CSV with columns id, text and optionally title (others ignored) and
//            writes one JSON object per row to stdout:
//            {"id":"…","label":"…","score":0.97,"top":[{"label":"…","score":0.97},…]}
//            (with --explain N each entry of top also has "words": the N that weigh most for it)
// Failures (unreadable or malformed input, bad model file) throw std::runtime_error from the
// subcommand callback with a one-line message; main() prints it and exits non-zero.
void add_text_commands(CLI::App& app);

}  // namespace hotline::cli
