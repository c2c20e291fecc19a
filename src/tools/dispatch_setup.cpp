#include "tools/dispatch_setup.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unordered_map>

#include "core/dispatch_service.hpp"
#include "wire/csv_reader.hpp"

namespace hotline::tools {
namespace {

constexpr const char* kCatalogueHeader = "id,category,district,street,lead_unit,co_units,place_co_handles,note";

std::vector<std::string> split_units(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::vector<core::DispatchRule> read_dispatch_catalogue(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  wire::CsvReader reader(in);
  std::vector<std::string> fields;
  if (!reader.next(fields)) throw std::runtime_error(path + ": empty file");
  std::string header;
  for (std::size_t i = 0; i < fields.size(); ++i) header += (i ? "," : "") + fields[i];
  if (header != kCatalogueHeader)
    throw std::runtime_error(path + ":1: header must be " + std::string(kCatalogueHeader));
  std::vector<core::DispatchRule> rules;
  while (reader.next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    std::string where = path + ":" + std::to_string(reader.line()) + ": ";
    if (fields.size() != 8) throw std::runtime_error(where + "expected 8 fields");
    if (fields[6] != "0" && fields[6] != "1") throw std::runtime_error(where + "place_co_handles must be 0 or 1");
    core::DispatchRule rule;
    rule.id = fields[0];
    rule.category = fields[1];
    rule.district = fields[2];
    rule.street = fields[3];
    rule.lead_unit = fields[4];
    rule.co_units = split_units(fields[5]);
    rule.place_co_handles = fields[6] == "1";
    rule.note = fields[7];
    rules.push_back(std::move(rule));
  }
  return rules;
}

text::TrainResult train_model_from_messages(const std::vector<DemoMessage>& messages, const std::string& word_list) {
  std::vector<text::LabelledText> labelled;
  for (const auto& message : messages) {
    if (!message.category.empty()) labelled.push_back({message.title, message.text, message.category});
  }
  text::TrainOptions options;
  options.word_list = word_list;
  return text::LinearClassifier::train(labelled, options);
}

std::vector<text::LabelledText> labelled_from_tickets(core::TicketRepository& tickets, TicketLabel label_kind,
                                                      std::size_t max_rows) {
  const bool units = label_kind == TicketLabel::lead_unit;
  std::vector<text::LabelledText> out;
  core::TicketQuery query;
  query.limit = 500;
  while (true) {
    auto page = tickets.list(query);
    if (!page) throw std::runtime_error("reading tickets: " + page.error().message);
    for (const auto& ticket : page->tickets) {
      bool dispatched_right = ticket.dispatch_count > 0 && ticket.wrong_dispatch_count == 0 &&
                              ticket.state != core::TicketState::return_requested;
      std::string label = units ? ticket.lead_unit : ticket.category.substr(0, ticket.category.find('/'));
      if (!dispatched_right || label.empty()) continue;
      out.push_back({ticket.title, units ? core::unit_model_text(ticket.text, ticket.place) : ticket.text, std::move(label)});
      if (out.size() == max_rows) return out;
    }
    if (!page->next_after_id) break;
    query.after_id = page->next_after_id;
  }
  return out;
}

text::TrainResult train_unit_model(core::TicketRepository& tickets, const std::string& word_list,
                                   std::size_t max_rows) {
  auto rows = labelled_from_tickets(tickets, TicketLabel::lead_unit, max_rows);
  drop_rare_labels(rows, kMinUnitDispatches, kMaxLearnedUnits);
  return text::LinearClassifier::train(rows, unit_train_options(word_list));
}

text::TrainOptions unit_train_options(const std::string& word_list) {
  text::TrainOptions options;
  options.word_list = word_list;
  options.features.char_ngram_max = 2;
  options.features.word_bigrams = false;
  options.features.lead_units = 0;
  options.min_df = 5;
  return options;
}

std::size_t drop_rare_labels(std::vector<text::LabelledText>& rows, std::size_t min_rows, std::size_t max_labels) {
  std::unordered_map<std::string, std::size_t> counts;
  for (const auto& row : rows) ++counts[row.label];
  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  std::unordered_map<std::string, bool> keep;
  for (std::size_t i = 0; i < ranked.size(); ++i) keep[ranked[i].first] = i < max_labels && ranked[i].second >= min_rows;
  const auto before = rows.size();
  std::erase_if(rows, [&](const text::LabelledText& row) { return !keep[row.label]; });
  return before - rows.size();
}

std::string sibling_model_path(const std::string& db_path) {
  return std::filesystem::path(db_path).replace_extension(".model").string();
}

std::string sibling_unit_model_path(const std::string& db_path) {
  return std::filesystem::path(db_path).replace_extension(".units.model").string();
}

}  // namespace hotline::tools
