#pragma once

namespace CLI {
class App;
}

namespace hotline::cli {

// Adds the documentation generators to `app`:
//   docs lifecycle [--output FILE]   writes docs/lifecycle.md (core::lifecycle_markdown) from the
//                                    transition table, to FILE or stdout.
// Failures (an unwritable file) throw std::runtime_error with a one-line message.
void add_docs_commands(CLI::App& app);

}  // namespace hotline::cli
