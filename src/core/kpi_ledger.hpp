#pragma once
// `KpiLedger`: the one place that decides which KPI records a backend stores and which monthly
// counters move, for imported record batches and for live ticket events. Every state-dependent
// rule lives here ("already dispatched?", "first dissatisfied rating?", "earlier in-time
// callback?", "latest dispatch already wrong?"), so a storage backend only reads the few facts the
// rules ask for (`KpiFacts`) and persists what the ledger returns (`KpiWrites`): records, two kinds
// of updates and counter deltas, in the same transaction as the ticket event or import that caused
// them. A new backend implements `KpiFacts` and the persistence; it never repeats a rule.
//
// The ledger remembers its own writes until `take_writes` (an overlay over the facts), so a batch
// may hold a rating and then the callback of the same ticket. Not thread-safe: one ledger lives
// inside one write transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/kpi.hpp"
#include "core/kpi_records.hpp"
#include "core/result.hpp"

namespace hotline::core {

// What the rules ask of the stored records of one ticket. Implemented by each backend over its
// write transaction; answers reflect everything stored before the ledger's current writes.
class KpiFacts {
 public:
  virtual ~KpiFacts() = default;
  // The ticket's record (type, registration time, first dispatch), if one is stored.
  virtual std::optional<TicketRecord> ticket(std::int64_t ticket) = 0;
  // The ticket's latest dispatch operation (the last stored), if any.
  virtual std::optional<DispatchRecord> latest_dispatch(std::int64_t ticket) = 0;
  // The time of the ticket's first dissatisfied result rating, if any.
  virtual std::optional<Timestamp> first_dissatisfied_rating(std::int64_t ticket) = 0;
  // Whether an in-time callback of the ticket is stored.
  virtual bool called_back_in_time(std::int64_t ticket) = 0;
  // Whether a call record with this PBX call id is stored (`call_id` is not empty).
  virtual bool call_recorded(const std::string& call_id) = 0;
};

// What a backend persists, in this order: insert `records` (each kind in arrival order), set the
// first dispatch time of the tickets in `first_dispatches` (stored records only), mark the latest
// stored dispatch operation of each ticket in `wrong_dispatches` wrong, add `deltas` to the counters.
struct KpiWrites {
  KpiRecordBatch records;
  std::vector<std::pair<std::int64_t, Timestamp>> first_dispatches;  // ticket, first dispatch time
  std::vector<std::int64_t> wrong_dispatches;                        // tickets
  KpiDeltas deltas;

  bool empty() const;
};

class KpiLedger {
 public:
  KpiLedger(const KpiConfig& config, KpiFacts& facts);

  // An imported batch: every record is stored; counters move as `count_record` says, a result
  // rating counts when it is its ticket's first dissatisfied one, a callback counts (in the month
  // of that rating) when it is the ticket's first in-time one; a call whose `call_id` is stored
  // already (or earlier in the batch) is skipped, so a PBX may send its events again. Ticket records are not checked for
  // duplicates here: that is the backend's uniqueness constraint. Errors: invalid_argument for a
  // callback of a ticket without a dissatisfied result rating (nothing of the batch is kept then).
  [[nodiscard]] Result<void> add(const KpiRecordBatch& batch);

  // A live ticket event (see `kpi_change_for`): a registration whose id already has a record keeps
  // that record and counts nothing; the first dispatch counts once; an upheld return makes the
  // latest dispatch operation wrong unless it already is; an intake rating counts as imported ones
  // do; a callback that reached the citizen is stored, and counts in time once, only when the
  // ticket's result was rated dissatisfied (by this callback or an earlier one), as table 15 asks.
  void apply(const KpiTicketChange& change);

  // The writes collected since the last call; forgets the overlay (the caller has persisted them).
  KpiWrites take_writes();

 private:
  // The facts as the backend has them, updated by this ledger's pending writes.
  std::optional<TicketRecord> ticket(std::int64_t id);
  std::optional<Timestamp> first_dissatisfied(std::int64_t id);
  bool called_back_in_time(std::int64_t id);
  void add_callback(const CallbackRecord& record);
  void add_result_rating(const ResultRatingRecord& record);
  void mark_latest_dispatch_wrong(std::int64_t id);

  const KpiConfig config_;  // a copy: small, and callers may pass a temporary
  KpiFacts& facts_;
  KpiWrites writes_;
  std::map<std::int64_t, std::optional<TicketRecord>> tickets_;
  std::map<std::int64_t, std::optional<Timestamp>> first_dissatisfied_;
  std::set<std::int64_t> called_back_in_time_;
  std::set<std::string> call_ids_;  // call ids written by this ledger
};

}  // namespace hotline::core
