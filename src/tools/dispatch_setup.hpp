#pragma once
// What intelligent dispatch needs from files: the seed dispatch catalogue
// (data/catalogue/dispatch_catalogue.csv), the default model trained from the labelled demo
// messages, and where a database's model lives. Startup helpers; each throws std::runtime_error
// with a one-line message on bad input.

#include <string>
#include <vector>

#include "tools/demo_seed.hpp"
#include "core/dispatch_catalogue.hpp"
#include "core/ticket_repository.hpp"
#include "text/linear_classifier.hpp"

namespace hotline::tools {

// Reads a catalogue CSV with header id,category,district,street,lead_unit,co_units,place_co_handles,note
// (co_units separated by ';', place_co_handles 0/1). Errors name "path:line".
std::vector<core::DispatchRule> read_dispatch_catalogue(const std::string& path);

// Trains the classifier on the messages that have a category (first level); rows without one are
// skipped. `word_list` (optional, data/text/words.tsv) gives the segmentation dictionary its
// words, since the demo messages are running text. Throws std::invalid_argument when fewer than
// two labels remain.
text::TrainResult train_model_from_messages(const std::vector<DemoMessage>& messages, const std::string& word_list = {});

// What a model trained on stored tickets predicts.
enum class TicketLabel {
  category,   // the first level of the final category: the classifier of categories
  lead_unit,  // the lead unit's id: the model of units learned from the hotline's own dispatches
};

// Training rows from stored tickets: every ticket that was dispatched and never had a dispatch
// upheld as wrong (no return) and is not waiting on a return, labelled as `label` says (for
// lead units the text is `core::unit_model_text`: with the ids of the registered place); tickets
// without one (no category, no lead unit) are skipped; newest first, at most `max_rows` (0: all).
// Throws std::runtime_error when the repository fails.
std::vector<text::LabelledText> labelled_from_tickets(core::TicketRepository& tickets,
                                                      TicketLabel label = TicketLabel::category,
                                                      std::size_t max_rows = 0);

// A unit is learned from at least `kMinUnitDispatches` past dispatches, and at most the
// `kMaxLearnedUnits` units with most dispatches are learned; the others are left to the catalogue.
// The weights grow with the units (a model of 250 units would weigh ~50 MB and cost ~40 us more
// per message), and a handful of tickets teaches noise. Guangzhou dispatches first to ~60 units:
// its 11 districts and the city departments and utilities.
inline constexpr std::size_t kMinUnitDispatches = 20;
inline constexpr std::size_t kMaxLearnedUnits = 60;

// Removes the rows whose label has fewer than `min_rows` rows or is not among the `max_labels`
// labels with most rows (ties: the smaller label); returns how many rows were removed.
std::size_t drop_rare_labels(std::vector<text::LabelledText>& rows, std::size_t min_rows,
                             std::size_t max_labels = static_cast<std::size_t>(-1));

// Training options of the model of lead units: smaller features than the categories' (character
// 1-2-grams, words without pairs or lead copies, min_df 5), since its weights are dense per unit:
// the categories' features would make a 60-unit model of 120+ MB.
text::TrainOptions unit_train_options(const std::string& word_list = {});

// Trains the model of lead units on at most `max_rows` tickets of `tickets` (see
// `labelled_from_tickets`), keeping the units `kMinUnitDispatches` and `kMaxLearnedUnits` allow,
// with the words of `word_list`. Throws std::invalid_argument when fewer than two units remain.
text::TrainResult train_unit_model(core::TicketRepository& tickets, const std::string& word_list = {},
                                   std::size_t max_rows = 0);

// The model files that belong to a database: "demo/hotline.db" -> "demo/hotline.model" (the
// categories) and "demo/hotline.units.model" (the lead units learned from its dispatches).
std::string sibling_model_path(const std::string& db_path);
std::string sibling_unit_model_path(const std::string& db_path);

}  // namespace hotline::tools
