#pragma once
// What intelligent dispatch needs from files: the seed dispatch catalogue
// (data/catalogue/dispatch_catalogue.csv), the default model trained from the labelled demo
// messages, and where a database's model lives. Startup helpers; each throws std::runtime_error
// with a one-line message on bad input.

#include <string>
#include <vector>

#include "app/demo_seed.hpp"
#include "core/dispatch_catalogue.hpp"
#include "core/ticket_repository.hpp"
#include "text/linear_classifier.hpp"

namespace hotline::app {

// Reads a catalogue CSV with header id,category,district,street,lead_unit,co_units,place_co_handles,note
// (co_units separated by ';', place_co_handles 0/1). Errors name "path:line".
std::vector<core::DispatchRule> read_dispatch_catalogue(const std::string& path);

// Trains the classifier on the messages that have a category (first level); rows without one are
// skipped. `word_list` (optional, data/text/words.tsv) gives the segmentation dictionary its
// words, since the demo messages are running text. Throws std::invalid_argument when fewer than
// two labels remain.
text::TrainResult train_model_from_messages(const std::vector<DemoMessage>& messages, const std::string& word_list = {});

// Training rows from stored tickets: every ticket that was dispatched and never had a dispatch
// upheld as wrong (no return) and is not waiting on a return, labelled with the first level of
// its final category; tickets without a category are skipped. Throws std::runtime_error when the
// repository fails.
std::vector<text::LabelledText> labelled_from_tickets(core::TicketRepository& tickets);

// The model file that belongs to a database: "demo/hotline.db" -> "demo/hotline.model".
std::string sibling_model_path(const std::string& db_path);

}  // namespace hotline::app
