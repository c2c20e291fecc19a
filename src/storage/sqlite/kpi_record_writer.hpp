#pragma once
// `KpiRecordWriter`: inserts KPI records on the writer connection and collects the counter changes
// they cause; `flush` adds those changes to `kpi_counters`. Used inside one writer job (an import,
// or a ticket event), so records and counters commit together.
//
// Storage codes: ticket type, channel and rating levels are stored as the enum's position (see
// core/ticket.hpp; positions are never reordered), "invalid" intake ratings as level 4; agent,
// skill and unit names as ids into `kpi_labels`.
// Not thread-safe: lives on the writer thread for the duration of one job.

#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/kpi_records.hpp"
#include "core/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace hotline::storage::sqlite {

inline constexpr std::int64_t kInvalidRatingLevel = 4;

class KpiRecordWriter {
 public:
  KpiRecordWriter(Connection& db, const core::KpiConfig& config);

  // Inserts every record of `batch`. Errors: conflict for a ticket recorded twice; invalid_argument
  // for a callback of a ticket without a dissatisfied result rating. Throws `SqliteError` on
  // storage failure.
  [[nodiscard]] core::Result<void> write(const core::KpiRecordBatch& batch);
  // Applies a live ticket event (see `core::kpi_change_for`).
  void apply(const core::KpiTicketChange& change);
  // Adds the collected counter changes to `kpi_counters` and clears them.
  void flush();

 private:
  std::int64_t label(const std::string& text);
  void insert_result_rating(const core::ResultRatingRecord& record);
  [[nodiscard]] core::Result<void> insert_callback(const core::CallbackRecord& record);

  Connection& db_;
  const core::KpiConfig& config_;
  core::KpiDeltas deltas_;
  std::unordered_map<std::string, std::int64_t> labels_;
};

// Adds `deltas` to the stored counters (upsert per month and counter).
void add_counters(Connection& db, const core::KpiDeltas& deltas);

}  // namespace hotline::storage::sqlite
