#pragma once
// Port: durable storage of tickets and their histories. Implemented in storage/{memory,sqlite}
// and checked by storage/conformance. Every method is synchronous and thread-safe; a method that
// returns success has made its write durable.
//
// KPIs: a backend of the `core::Storage` bundle stores, in the same transaction as each event it
// writes (`create`, `append`, `import_tickets`), what that event means for the KPI records and
// counters. It decides nothing itself: `kpi_change_for(ticket, event)` says what the event is,
// `KpiLedger::apply` (over the backend's `KpiFacts`) which records to write and which counters
// move; the backend persists those writes. So a third backend needs no copy of a counting rule.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/dashboard.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"

namespace hotline::core {

// The order of a list: newest first (id descending), or the nearest deadline first (deadline
// ascending, ties by id ascending).
enum class TicketSort { newest, deadline };

// Filters for listing; all present filters must match (AND). Results are ordered by `sort`;
// `after_id` is the cursor (exclusive): the last id of the previous page, and with
// `TicketSort::deadline` also `after_deadline`, that ticket's deadline (both or neither).
struct TicketQuery {
  std::vector<TicketState> states;     // any of
  std::optional<TicketType> type;
  std::vector<UnitId> units;           // lead or co-handling unit is any of these
  std::optional<UnitId> district;      // place.district
  std::optional<bool> overdue;         // evaluated at `now`
  Timestamp now{};
  std::optional<Timestamp> created_from;  // inclusive
  std::optional<Timestamp> created_to;    // exclusive
  std::string text_contains;           // substring of title or text
  std::optional<TicketId> merged_into;  // tickets merged into this one
  std::optional<TicketId> after_id;
  int limit = 50;                      // 1..500
  // Caller-history search and the desk's filters (see TicketService::list for who may search phones).
  std::string category_prefix;         // the category or one of its sub-paths: "城市管理" matches
                                       // "城市管理" and "城市管理/市容环境/...", not "城市管理局"
  std::optional<Urgency> urgency;
  std::optional<Channel> channel;
  std::optional<UnitId> street;        // place.street
  std::string caller_phone;            // normalized (`normalize_phone`); equals the stored phone normalized
  bool include_confidential_callers = true;  // false leaves out tickets whose caller asked for confidentiality
  TicketSort sort = TicketSort::newest;
  std::optional<Timestamp> after_deadline;   // the deadline half of the cursor of TicketSort::deadline
};

struct TicketPage {
  std::vector<Ticket> tickets;
  std::optional<TicketId> next_after_id;  // set when more may follow
  std::optional<Timestamp> next_after_deadline;  // with TicketSort::deadline: the last ticket's deadline
};

// True when `category` is `prefix` or lies below it in the taxonomy path ("a" covers "a/b", not "ab").
bool category_within(std::string_view category, std::string_view prefix);

// Candidate generation for near-duplicate search (并单) outside an in-memory index: see
// `TicketRepository::find_phrases`.
struct PhraseSearch {
  std::vector<std::string> phrases;  // short substrings, e.g. the rarest character pairs of a title
  TicketId min_id = 0;               // id range [min_id, below)
  TicketId below = 0;
  int per_phrase = 20;               // newest tickets listed per phrase, 1..500
};

struct PhraseHits {
  TicketId id = 0;
  int phrases = 0;  // how many of the search's phrases listed the ticket
};

// Most phrases first, then newest (highest id) first: the order `find_phrases` returns.
void sort_phrase_hits(std::vector<PhraseHits>& hits);

// What `TicketRepository::create` stored: the ticket with its id, and the global id of its first event.
struct CreatedTicket {
  Ticket ticket;
  std::int64_t event_id = 0;
};

inline constexpr int kMaxEventsAfter = 1000;
inline constexpr int kMaxCreatedBy = 100000;

// One append of `TicketRepository::append_all`.
struct TicketAppend {
  Ticket updated;
  TicketEvent event;
  std::int64_t expected_version = 0;
};

struct ImportedTicket {
  Ticket ticket;
  std::vector<TicketEvent> events;
};

class TicketRepository {
 public:
  virtual ~TicketRepository() = default;

  // Assigns the next id, stores `ticket` (with that id) and `first_event` (seq 1) atomically and
  // returns the stored ticket and the event's global id (see `TicketEvent::id`). Errors:
  // unavailable/internal on storage failure.
  [[nodiscard]] virtual Result<CreatedTicket> create(const Ticket& ticket, const TicketEvent& first_event) = 0;

  // Appends `event` (seq == updated.version) and replaces the projection, only if the stored
  // version is still `expected_version`; returns the event's global id. Errors: not_found,
  // conflict (someone else wrote first).
  [[nodiscard]] virtual Result<std::int64_t> append(const Ticket& updated, const TicketEvent& event,
                                                    std::int64_t expected_version) = 0;

  // Several appends (as `append`, to different tickets) in one transaction, all or nothing: a merge
  // records itself on the merged ticket and on its target. Returns the events' global ids in
  // order. Errors: as `append` (nothing is stored then).
  [[nodiscard]] virtual Result<std::vector<std::int64_t>> append_all(const std::vector<TicketAppend>& appends) = 0;

  // Bulk load of complete tickets (demo data, imports, benchmarks): assigns ids in order, stores each
  // ticket with its whole history (seq 1..n, ticket.version == n), all or nothing, and returns the ids.
  [[nodiscard]] virtual Result<std::vector<TicketId>> import_tickets(const std::vector<ImportedTicket>& batch) = 0;

  [[nodiscard]] virtual Result<Ticket> get(TicketId id) = 0;
  // The tickets of `ids` that exist, in the order of `ids` (one read instead of one per id).
  [[nodiscard]] virtual Result<std::vector<Ticket>> get_many(const std::vector<TicketId>& ids) = 0;
  [[nodiscard]] virtual Result<TicketPage> list(const TicketQuery& query) = 0;
  // At most `limit` events of all tickets whose global id is greater than `after_id`, in id order
  // (= commit order), ids set; what a live subscriber missed. Imported events have ids too.
  // Errors: invalid_argument (limit outside 1..kMaxEventsAfter).
  [[nodiscard]] virtual Result<std::vector<TicketEvent>> events_after(std::int64_t after_id, int limit) = 0;
  // The full history in seq order, global ids set. Errors: not_found.
  [[nodiscard]] virtual Result<std::vector<TicketEvent>> history(TicketId id) = 0;
  [[nodiscard]] virtual Result<std::int64_t> count() = 0;
  // For each phrase, the newest `per_phrase` tickets of the id range, in any state, whose title
  // or text contains it (from a text index alone: callers read and filter the few they keep); then each listed ticket with the number of phrases that listed it, most
  // first, then newest first. Phrases of one or two characters match exactly; for longer ones a
  // backend may also list a ticket holding each adjacent pair of the phrase (candidates are
  // scored by the caller anyway). Errors: invalid_argument (per_phrase outside 1..500).
  [[nodiscard]] virtual Result<std::vector<PhraseHits>> find_phrases(const PhraseSearch& search) = 0;
  // The id of the first ticket created at or after `from` (earliest `created_at`, then smallest
  // id); nullopt when there is none. Ids follow registration order, so this is where the tickets
  // of a recent time range start (imports may break the order).
  [[nodiscard]] virtual Result<std::optional<TicketId>> first_created_since(Timestamp from) = 0;
  // Ids of the tickets the account `user` registered (`created_by`) with `created_at` in [from, to),
  // ascending, at most `limit` of them: what a quality inspector samples from. Read from an
  // index, never by listing the period's tickets. Errors: invalid_argument (limit outside
  // 1..kMaxCreatedBy).
  [[nodiscard]] virtual Result<std::vector<TicketId>> created_by(std::int64_t user, Timestamp from, Timestamp to,
                                                                 int limit) = 0;
  // The dashboard's aggregates of `query` (see core/dashboard.hpp), counted by the backend without
  // listing tickets, lists ordered by `sort_dashboard`. Every ticket created on the day is intake.
  // Errors: invalid_argument (top_categories outside 1..100).
  [[nodiscard]] virtual Result<DashboardFigures> dashboard(const DashboardQuery& query) = 0;
};

}  // namespace hotline::core
