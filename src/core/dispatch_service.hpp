#pragma once
// Intelligent dispatch (issue #4): the dispatch catalogue (派单目录) as editable rules, dispatch
// suggestions for a new ticket or free text (classifier + place + catalogue), and possible
// duplicates among recent open tickets (并单).
//
// The classifier's categories are offered only when the taxonomy holds them and they are not
// retired (`CategoryTaxonomy::is_active`); other labels of a stale model are dropped.
//
// Degraded modes: without a classifier, or when it fails, tickets still register and advice says
// "unclassified" (`classification` empty) and `DispatchMetrics::unclassified` counts it; the
// adapter that knows why logs the warning. Without a place finder or duplicate finder those parts
// are simply empty.
//
// Owns an in-memory copy of the catalogue, replaced on every edit. Thread-safe: `mutex_` guards
// `rules_`; the collaborators are thread-safe themselves.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/classifier.hpp"
#include "core/dispatch_catalogue_repository.hpp"
#include "core/dispatch_metrics.hpp"
#include "core/dispatch_suggester.hpp"
#include "core/duplicate_finder.hpp"
#include "core/reference_service.hpp"
#include "core/ticket_repository.hpp"
#include "core/ticket_service.hpp"

namespace hotline::core {

struct PossibleDuplicate {
  TicketId id = 0;
  std::string title;
  TicketState state = TicketState::registered;
  Timestamp created_at{};
  double similarity = 0.0;
};

struct DispatchAdvice {
  std::optional<Classification> classification;  // empty: unclassified
  std::optional<PlaceContext> place;             // empty: no place known
  std::vector<DispatchSuggestion> suggestions;   // at most 3, best first
  std::vector<PossibleDuplicate> duplicates;     // best first; only on registration
};

// What the catalogue does with a message ("try it"): the classifier's best category and its
// evidence words, the place read from the text, the most specific rule matching both (none when
// no rule applies) and the units that rule sends the ticket to; `advice` is `classify`'s.
struct CatalogueTrial {
  DispatchAdvice advice;
  std::string category;
  std::vector<std::string> keywords;
  Place place;
  std::optional<DispatchRule> rule;
  std::vector<UnitId> units;
};

// What renaming a category did: its new path and the dispatch rules moved along (ids).
struct CategoryRename {
  std::string path;
  std::vector<std::string> moved_rules;
};

struct RegisteredTicket {
  Ticket ticket;
  DispatchAdvice advice;
};

// Collaborators that may be absent (a deployment without a model, or tests).
struct DispatchAids {
  const Classifier* classifier = nullptr;
  const PlaceFinder* places = nullptr;
  DuplicateFinder* duplicates = nullptr;
  // Lead units learned from past dispatches that were not returned (labels are unit ids).
  const Classifier* unit_classifier = nullptr;
};

inline constexpr std::size_t kMaxMessageChars = 20000;  // bytes of title + text for `classify`
inline constexpr auto kDuplicateWindow = std::chrono::days{30};

// Whether a ticket in `state` may still absorb duplicates (not closed, not answered at intake).
[[nodiscard]] bool open_for_merge(TicketState state);
// The text a duplicate finder sees: title, line break, text (the title is the summary line).
[[nodiscard]] std::string message_of(const std::string& title, const std::string& text);
// The text the model of lead units sees, in training and in use: the message's text, then a line
// with the ids of its district and street ("440106 440106006"), so the model learns where a
// matter goes as well as what it is (属地: most tickets go to the district of their place).
[[nodiscard]] std::string unit_model_text(const std::string& text, const Place& place);

class DispatchService {
 public:
  DispatchService(TicketService& tickets, TicketRepository& ticket_repo, DispatchCatalogueRepository& catalogue,
                  ReferenceService& reference, DispatchAids aids, DispatchMetrics& metrics);

  // Reads the catalogue into memory. Errors from the repository pass through.
  [[nodiscard]] Result<void> reload();
  // Feeds the duplicate finder with the open tickets created in the 30 days before `now`;
  // returns how many. Errors from the repository pass through.
  // Feeds at most `max_tickets` of them, newest first (the finder keeps a bounded window).
  [[nodiscard]] Result<std::size_t> index_recent_open_tickets(Timestamp now,
                                                                  std::size_t max_tickets = kDefaultDuplicateCapacity);

  // `TicketService::register_ticket`, then the advice for the stored ticket; the ticket joins the
  // duplicate finder. Errors: those of `register_ticket` (the advice itself never fails).
  [[nodiscard]] Result<RegisteredTicket> register_ticket(const Actor& actor, const NewTicket& ticket);
  // Advice for free text (no duplicates). Errors: forbidden for roles that may not read tickets,
  // invalid_argument ("text") for empty or over-long text.
  [[nodiscard]] Result<DispatchAdvice> classify(const Actor& actor, const std::string& title, const std::string& text);

  // The catalogue, ordered by id; every signed-in role may read it.
  [[nodiscard]] Result<std::vector<DispatchRule>> rules(const Actor& actor) const;
  // Creates or replaces a rule. Errors: forbidden unless dispatcher or admin; invalid_argument
  // from `validate_rule` or for a category outside the taxonomy (`check_category`); storage errors.
  [[nodiscard]] Result<DispatchRule> put_rule(const Actor& actor, const DispatchRule& rule);
  // Errors: forbidden unless dispatcher or admin; not_found.
  [[nodiscard]] Result<void> delete_rule(const Actor& actor, const std::string& id);
  // Bulk load for the composition root (seeding): validates every rule against the unit tree and
  // the taxonomy, stores them all and reloads the catalogue. Errors: invalid_argument naming the rule (nothing
  // stored), storage errors.
  [[nodiscard]] Result<void> import_rules(const std::vector<DispatchRule>& rules);

  // The catalogue tried on a message, without registering anything. Dispatchers and admins.
  // Errors: forbidden; invalid_argument naming "text" (as `classify`).
  [[nodiscard]] Result<CatalogueTrial> try_catalogue(const Actor& actor, const std::string& text);
  // Retires a unit and every unit below it (active = false, each audited as "unit_saved"): they
  // leave the dispatch targets and suggestions, and stay in tickets' history. Admins only.
  // Errors: forbidden; not_found; conflict while any of them leads or co-handles a ticket open for
  // handling (the message gives the count and says to re-dispatch them first,
  // /desk/tickets?unit=ID); the repository's. Returns the ids retired.
  [[nodiscard]] Result<std::vector<UnitId>> retire_unit(const Actor& actor, const UnitId& id);

  // `ReferenceService::rename_category`, then every dispatch rule naming the node or a category
  // under it moves to the new path (each audited as "dispatch_rule_saved"). Tickets keep the path
  // they were registered with. Errors: those of `rename_category`; storage errors of the rules
  // (the categories are renamed by then and the rules not yet moved stay as they were).
  [[nodiscard]] Result<CategoryRename> rename_category(const Actor& actor, const std::string& path,
                                                       const std::string& name);

  const DispatchMetrics& metrics() const { return metrics_; }
  // Where `put_rule` / `delete_rule` append their audit entry ("dispatch_rule_saved" /
  // "dispatch_rule_deleted" on "dispatch_rule:ID", before/after JSON). Set once by the
  // composition root before concurrent use.
  void audit_changes(AuditRepository& audit, const Clock& clock) {
    audit_ = &audit;
    clock_ = &clock;
  }

 private:
  DispatchAdvice advise(const std::string& title, const std::string& text, const std::string& category,
                        const Place& place);
  std::vector<PossibleDuplicate> duplicates_of(const Ticket& ticket);
  std::shared_ptr<const std::vector<DispatchRule>> snapshot() const;

  TicketService& tickets_;
  TicketRepository& ticket_repo_;
  DispatchCatalogueRepository& catalogue_;
  ReferenceService& reference_;
  DispatchAids aids_;
  DispatchMetrics& metrics_;
  mutable std::mutex mutex_;  // guards rules_ and serialises catalogue writers
  std::shared_ptr<const std::vector<DispatchRule>> rules_;
  AuditRepository* audit_ = nullptr;
  const Clock* clock_ = nullptr;
};

// Who may edit the dispatch catalogue: dispatchers (who own dispatch accuracy) and admins.
bool may_edit_catalogue(Role role);

}  // namespace hotline::core
