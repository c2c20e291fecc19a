#pragma once
// `KpiRecordWriter`: the SQLite side of `core::KpiLedger`. It answers the ledger's questions about
// stored records (`core::KpiFacts`) on the writer connection and persists the ledger's writes:
// record rows, the first-dispatch and wrong-dispatch updates, and the counter deltas added to
// `kpi_counters`. Used inside one writer job (an import, or a ticket event), so records and
// counters commit with the job. It holds no counting rule of its own.
//
// Storage codes: ticket type, channel and rating levels are stored as the enum's position (see
// core/ticket.hpp; positions are never reordered), "invalid" intake ratings as level 4; agent,
// skill and unit names as ids into `kpi_labels`.
// Not thread-safe: lives on the writer thread for the duration of one job.

#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/kpi_ledger.hpp"
#include "core/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace hotline::storage::sqlite {

inline constexpr std::int64_t kInvalidRatingLevel = 4;

class KpiRecordWriter final : public core::KpiFacts {
 public:
  explicit KpiRecordWriter(Connection& db);

  // core::KpiFacts
  std::optional<core::TicketRecord> ticket(std::int64_t ticket) override;
  std::optional<core::DispatchRecord> latest_dispatch(std::int64_t ticket) override;
  std::optional<core::Timestamp> first_dissatisfied_rating(std::int64_t ticket) override;
  bool called_back_in_time(std::int64_t ticket) override;
  bool call_recorded(const std::string& call_id) override;

  // Persists `writes` in the order `core::KpiWrites` gives. Errors: conflict for a ticket recorded
  // twice. Throws `SqliteError` on storage failure.
  [[nodiscard]] core::Result<void> persist(const core::KpiWrites& writes);

 private:
  std::int64_t label(const std::string& text);
  [[nodiscard]] core::Result<void> insert(const core::KpiRecordBatch& batch);

  Connection& db_;
  std::unordered_map<std::string, std::int64_t> labels_;
};

// Adds `deltas` to the stored counters (upsert per month and counter).
void add_counters(Connection& db, const core::KpiDeltas& deltas);

}  // namespace hotline::storage::sqlite
