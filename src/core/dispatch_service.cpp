#include "core/dispatch_service.hpp"

#include "core/access.hpp"
#include "core/change_audit.hpp"

#include <algorithm>

namespace hotline::core {
namespace {

constexpr int kTopCategories = 3;
constexpr int kTopLearnedUnits = 3;
constexpr int kMaxDuplicates = 5;

}  // namespace

bool open_for_merge(TicketState state) {
  return !is_final(state) && state != TicketState::resolved_at_intake;
}

std::string message_of(const std::string& title, const std::string& text) {
  return title.empty() ? text : title + "\n" + text;
}

std::string unit_model_text(const std::string& text, const Place& place) {
  if (place.district.empty() && place.street.empty()) return text;
  std::string out = text;
  out.append("\n").append(place.district);
  if (!place.street.empty()) out.append(" ").append(place.street);
  return out;
}

bool may_edit_catalogue(Role role) {
  return role == Role::dispatcher || role == Role::admin;
}

DispatchService::DispatchService(TicketService& tickets, TicketRepository& ticket_repo,
                                 DispatchCatalogueRepository& catalogue, ReferenceService& reference, DispatchAids aids,
                                 DispatchMetrics& metrics)
    : tickets_(tickets),
      ticket_repo_(ticket_repo),
      catalogue_(catalogue),
      reference_(reference),
      aids_(aids),
      metrics_(metrics),
      rules_(std::make_shared<const std::vector<DispatchRule>>()) {}

Result<void> DispatchService::reload() {
  std::lock_guard lock(mutex_);
  auto rules = catalogue_.list();
  if (!rules) return rules.error();
  rules_ = std::make_shared<const std::vector<DispatchRule>>(std::move(*rules));
  return {};
}

std::shared_ptr<const std::vector<DispatchRule>> DispatchService::snapshot() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

Result<std::size_t> DispatchService::index_recent_open_tickets(Timestamp now, std::size_t max_tickets) {
  if (aids_.duplicates == nullptr) return std::size_t{0};
  TicketQuery query;
  query.created_from = now - kDuplicateWindow;
  query.now = now;
  query.limit = 500;
  for (auto state : all_ticket_states()) {
    if (open_for_merge(state)) query.states.push_back(state);
  }
  std::size_t indexed = 0;
  while (true) {
    auto page = ticket_repo_.list(query);
    if (!page) return page.error();
    for (const auto& ticket : page->tickets) {
      if (indexed == max_tickets) return indexed;
      aids_.duplicates->add(ticket.id, ticket.created_at, message_of(ticket.title, ticket.text));
      ++indexed;
    }
    if (!page->next_after_id) break;
    query.after_id = page->next_after_id;
  }
  return indexed;
}

Result<RegisteredTicket> DispatchService::register_ticket(const Actor& actor, const NewTicket& ticket) {
  auto stored = tickets_.register_ticket(actor, ticket);
  if (!stored) return stored.error();
  RegisteredTicket out{*stored, advise(stored->title, stored->text, stored->category, stored->place)};
  out.advice.duplicates = duplicates_of(*stored);
  if (aids_.duplicates != nullptr && open_for_merge(stored->state))
    aids_.duplicates->add(stored->id, stored->created_at, message_of(stored->title, stored->text));
  return out;
}

namespace {
// A message to classify: some text, within the size the classifier reads.
Result<void> check_message(const std::string& title, const std::string& text) {
  if (text.empty()) return fail(ErrorCode::invalid_argument, "text: is required", "text");
  if (title.size() + text.size() > kMaxMessageChars)
    return fail(ErrorCode::invalid_argument, "text: title and text exceed 20000 bytes", "text");
  return {};
}
}  // namespace

Result<DispatchAdvice> DispatchService::classify(const Actor& actor, const std::string& title,
                                                 const std::string& text) {
  if (!can_read_tickets(actor.role)) return fail(ErrorCode::forbidden, "role may not classify messages");
  if (auto ok = check_message(title, text); !ok) return ok.error();
  return advise(title, text, {}, Place{});
}

DispatchAdvice DispatchService::advise(const std::string& title, const std::string& text, const std::string& category,
                                       const Place& place) {
  DispatchAdvice advice;
  std::vector<CategoryCandidate> candidates;
  if (aids_.classifier != nullptr) {
    auto classified = aids_.classifier->classify(title, text, kTopCategories);
    if (classified) advice.classification = std::move(*classified);
  }
  auto reference = reference_.snapshot();
  if (advice.classification) {
    auto& classification = *advice.classification;
    std::erase_if(classification.top, [&](const LabelScore& top) { return !reference->taxonomy.is_active(top.label); });
    classification.label = classification.top.empty() ? "" : classification.top.front().label;
    classification.score = classification.top.empty() ? 0.0 : classification.top.front().score;
  }
  if (advice.classification) {
    metrics_.classified.fetch_add(1, std::memory_order_relaxed);
  } else {
    metrics_.unclassified.fetch_add(1, std::memory_order_relaxed);
  }
  if (!category.empty()) {
    candidates.push_back({category, 1.0, "registered", {}});
  } else if (advice.classification) {
    for (const auto& top : advice.classification->top)
      candidates.push_back({top.label, top.score, "classifier", top.words});
  }

  if (!place.district.empty() || !place.street.empty()) {
    const UnitId& named = place.street.empty() ? place.district : place.street;
    const Unit* unit = reference->units.find(named);
    advice.place = PlaceContext{place, unit == nullptr ? named : unit->name, "registered"};
  } else if (aids_.places != nullptr) {
    auto guess = aids_.places->find(message_of(title, text));
    if (!guess.district.empty()) {
      Place found;
      found.district = guess.district;
      found.street = guess.street;
      advice.place = PlaceContext{found, guess.name, "text"};
    }
  }
  std::vector<LabelScore> learned_units;
  if (aids_.unit_classifier != nullptr) {
    // Without a unit model, or when it fails, the catalogue alone decides; the adapter logs why.
    const Place where = advice.place ? advice.place->place : Place{};
    if (auto units = aids_.unit_classifier->classify(title, unit_model_text(text, where), kTopLearnedUnits); units)
      learned_units = std::move(units->top);
  }
  advice.suggestions = suggest_units(candidates, advice.place.value_or(PlaceContext{}), *snapshot(),
                                     reference->units, learned_units);
  if (!advice.suggestions.empty()) metrics_.suggestions.fetch_add(1, std::memory_order_relaxed);
  return advice;
}

std::vector<PossibleDuplicate> DispatchService::duplicates_of(const Ticket& ticket) {
  std::vector<PossibleDuplicate> out;
  if (aids_.duplicates == nullptr) return out;
  for (const auto& candidate :
       aids_.duplicates->find(message_of(ticket.title, ticket.text), ticket.created_at, ticket.id)) {
    auto other = ticket_repo_.get(candidate.id);
    if (!other) continue;  // gone from storage: nothing to merge into
    if (!open_for_merge(other->state)) {
      // Closed or merged since it was indexed: forget it so later queries skip the lookup.
      aids_.duplicates->remove(candidate.id);
      continue;
    }
    out.push_back({other->id, other->title, other->state, other->created_at, candidate.similarity});
    if (static_cast<int>(out.size()) == kMaxDuplicates) break;
  }
  if (!out.empty()) metrics_.duplicate_hits.fetch_add(1, std::memory_order_relaxed);
  return out;
}

Result<std::vector<DispatchRule>> DispatchService::rules(const Actor&) const {
  return *snapshot();
}

Result<void> DispatchService::import_rules(const std::vector<DispatchRule>& rules) {
  const auto reference = reference_.snapshot();
  for (const auto& rule : rules) {
    auto valid = validate_rule(rule, reference->units);
    if (valid) valid = check_category(reference->taxonomy, rule.category, "category");
    if (!valid)
      return fail(ErrorCode::invalid_argument, "dispatch catalogue rule " + rule.id + ": " + valid.error().message,
                  valid.error().field);
  }
  if (auto stored = catalogue_.upsert_all(rules); !stored) return stored;
  return reload();
}

Result<DispatchRule> DispatchService::put_rule(const Actor& actor, const DispatchRule& rule) {
  if (!may_edit_catalogue(actor.role))
    return fail(ErrorCode::forbidden, "only dispatchers and admins edit the dispatch catalogue");
  const auto reference = reference_.snapshot();
  if (auto valid = validate_rule(rule, reference->units); !valid) return valid.error();
  if (auto known = check_category(reference->taxonomy, rule.category, "category"); !known) return known.error();
  std::lock_guard lock(mutex_);
  if (auto stored = catalogue_.upsert(rule); !stored) return stored.error();
  auto rules = std::make_shared<std::vector<DispatchRule>>(*rules_);
  auto it = std::find_if(rules->begin(), rules->end(), [&](const DispatchRule& r) { return r.id == rule.id; });
  const std::string before = it != rules->end() ? dispatch_rule_json(*it) : "";
  if (audit_ != nullptr && clock_ != nullptr) {
    auto logged = record_change(*audit_, *clock_, actor, "dispatch_rule_saved", "dispatch_rule:" + rule.id, before,
                                dispatch_rule_json(rule));
    if (!logged) return logged.error();
  }
  if (it != rules->end()) {
    *it = rule;
  } else {
    rules->insert(std::upper_bound(rules->begin(), rules->end(), rule,
                                   [](const DispatchRule& a, const DispatchRule& b) { return a.id < b.id; }),
                  rule);
  }
  rules_ = std::move(rules);
  return rule;
}

Result<CatalogueTrial> DispatchService::try_catalogue(const Actor& actor, const std::string& text) {
  if (!may_edit_catalogue(actor.role))
    return fail(ErrorCode::forbidden, "only dispatchers and admins try the dispatch catalogue");
  if (auto ok = check_message("", text); !ok) return ok.error();
  CatalogueTrial trial;
  trial.advice = advise("", text, {}, Place{});
  if (trial.advice.classification && !trial.advice.classification->top.empty()) {
    trial.category = trial.advice.classification->top.front().label;
    trial.keywords = trial.advice.classification->top.front().words;
  }
  if (trial.advice.place) trial.place = trial.advice.place->place;
  const auto rules = snapshot();
  auto matches = match_rules(*rules, trial.category, trial.place);
  if (!matches.empty()) {
    trial.rule = *matches.front().rule;
    trial.units = rule_units(*trial.rule, trial.place);
  }
  return trial;
}

Result<std::vector<UnitId>> DispatchService::retire_unit(const Actor& actor, const UnitId& id) {
  if (auto allowed = require_admin(actor); !allowed) return allowed.error();
  const auto reference = reference_.snapshot();
  if (reference->units.find(id) == nullptr) return fail(ErrorCode::not_found, "unknown unit: " + id);
  const auto subtree = reference->units.subtree(id);
  TicketQuery open;
  for (auto state : {TicketState::dispatched, TicketState::acknowledged, TicketState::in_progress,
                     TicketState::return_requested, TicketState::extension_requested})
    if (is_open_for_handling(state)) open.states.push_back(state);
  open.units = subtree;
  open.limit = 500;
  std::int64_t count = 0;
  for (;;) {
    auto page = ticket_repo_.list(open);
    if (!page) return page.error();
    count += static_cast<std::int64_t>(page->tickets.size());
    if (!page->next_after_id) break;
    open.after_id = page->next_after_id;
  }
  if (count > 0)
    return fail(ErrorCode::conflict, std::to_string(count) + " open tickets are led or co-handled by " + id +
                                         " or a unit below it; re-dispatch them first (/desk/tickets?unit=" + id +
                                         ")");
  std::vector<UnitId> retired;
  for (const auto& unit_id : subtree) {
    const Unit* unit = reference->units.find(unit_id);
    if (unit == nullptr || !unit->active) continue;
    Unit changed = *unit;
    changed.active = false;
    if (auto saved = reference_.save_unit(actor, changed); !saved) return saved.error();
    retired.push_back(unit_id);
  }
  return retired;
}

Result<CategoryRename> DispatchService::rename_category(const Actor& actor, const std::string& path,
                                                       const std::string& name) {
  auto renamed = reference_.rename_category(actor, path, name);
  if (!renamed) return renamed.error();
  CategoryRename out{*renamed, {}};
  std::lock_guard lock(mutex_);
  auto rules = std::make_shared<std::vector<DispatchRule>>(*rules_);
  for (auto& rule : *rules) {
    auto moved = moved_category_path(rule.category, path, *renamed);
    if (!moved) continue;
    DispatchRule changed = rule;
    changed.category = *moved;
    if (auto stored = catalogue_.upsert(changed); !stored) {
      rules_ = std::move(rules);
      return stored.error();
    }
    if (audit_ != nullptr && clock_ != nullptr) {
      auto logged = record_change(*audit_, *clock_, actor, "dispatch_rule_saved", "dispatch_rule:" + rule.id,
                                  dispatch_rule_json(rule), dispatch_rule_json(changed));
      rule = std::move(changed);
      if (!logged) {
        rules_ = std::move(rules);
        return logged.error();
      }
    } else {
      rule = std::move(changed);
    }
    out.moved_rules.push_back(rule.id);
  }
  rules_ = std::move(rules);
  return out;
}

Result<void> DispatchService::delete_rule(const Actor& actor, const std::string& id) {
  if (!may_edit_catalogue(actor.role))
    return fail(ErrorCode::forbidden, "only dispatchers and admins edit the dispatch catalogue");
  std::lock_guard lock(mutex_);
  if (auto removed = catalogue_.remove(id); !removed) return removed.error();
  auto rules = std::make_shared<std::vector<DispatchRule>>(*rules_);
  if (audit_ != nullptr && clock_ != nullptr) {
    auto old = std::find_if(rules->begin(), rules->end(), [&](const DispatchRule& r) { return r.id == id; });
    auto logged = record_change(*audit_, *clock_, actor, "dispatch_rule_deleted", "dispatch_rule:" + id,
                                old != rules->end() ? dispatch_rule_json(*old) : "", "");
    if (!logged) return logged;
  }
  std::erase_if(*rules, [&](const DispatchRule& r) { return r.id == id; });
  rules_ = std::move(rules);
  return {};
}

}  // namespace hotline::core
