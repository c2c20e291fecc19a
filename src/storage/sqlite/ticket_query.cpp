#include "storage/sqlite/ticket_query.hpp"

#include <limits>

#include "storage/sqlite/bigram.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/ticket_rows.hpp"

namespace hotline::storage::sqlite {
namespace {

enum class Driver { tickets, one_state, one_unit, text, overdue, created, created_ids, category };

std::string placeholders(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += i == 0 ? "?" : ",?";
  return out;
}

class StatementBuilder {
 public:
  void where(std::string_view condition) {
    sql_ += conditions_ == 0 ? " WHERE " : " AND ";
    sql_ += condition;
    ++conditions_;
  }
  void text(std::string_view fragment) { sql_ += fragment; }
  void argument(SqlArgument value) { arguments_.push_back(std::move(value)); }
  ListStatement finish() { return ListStatement{std::move(sql_), std::move(arguments_)}; }

 private:
  std::string sql_;
  std::vector<SqlArgument> arguments_;
  int conditions_ = 0;
};

// `driver_value` is the state text (one_state) or unit id (one_unit) of this statement.
ListStatement build(const core::TicketQuery& query, Driver driver, const std::string& driver_value) {
  StatementBuilder b;
  std::string columns;
  for (std::string_view rest = kTicketColumns; !rest.empty();) {
    auto comma = rest.find(", ");
    columns += columns.empty() ? "t." : ", t.";
    columns += rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2);
  }
  b.text("SELECT " + columns + " FROM ");
  std::string cursor_column = "t.id";
  // CROSS JOIN makes SQLite keep the left table as the outer loop, i.e. the driving index.
  switch (driver) {
    case Driver::text:
      b.text("ticket_fts f CROSS JOIN tickets t ON t.id = f.rowid");
      b.where("f.ticket_fts MATCH ?");
      b.argument(bigram_query(query.text_contains));
      cursor_column = "f.rowid";
      break;
    case Driver::one_unit:
      b.text("ticket_units u CROSS JOIN tickets t ON t.id = u.ticket_id");
      b.where("u.unit_id = ?");
      b.argument(driver_value);
      cursor_column = "u.ticket_id";
      break;
    case Driver::overdue:
      // Without statistics SQLite prefers tickets_by_state for the IN list and then sorts.
      b.text("tickets t INDEXED BY tickets_open_by_id");
      break;
    case Driver::created:
      b.text("tickets t INDEXED BY tickets_by_created");
      break;
    case Driver::category:
      b.text("tickets t INDEXED BY tickets_by_category");
      break;
    case Driver::created_ids:
      // The page's ids come from an index-only walk of `tickets_by_created` (created_at, id) with a
      // top-N sort; only those rows are read from the table.
      b.text("tickets t");
      b.where(
          "t.id IN (SELECT id FROM tickets INDEXED BY tickets_by_created WHERE created_at >= ? AND created_at < ? "
          "AND id < ? ORDER BY id DESC LIMIT ?)");
      b.argument(query.created_from ? core::to_epoch(*query.created_from) : std::numeric_limits<std::int64_t>::min());
      b.argument(core::to_epoch(*query.created_to));
      b.argument(query.after_id.value_or(std::numeric_limits<std::int64_t>::max()));
      b.argument(static_cast<std::int64_t>(query.limit) + 1);
      break;
    case Driver::tickets:
    case Driver::one_state:
      b.text("tickets t");
      break;
  }
  const bool by_deadline = query.sort == core::TicketSort::deadline;
  if (!by_deadline) {
    b.where(cursor_column + " < ?");
    b.argument(query.after_id.value_or(std::numeric_limits<std::int64_t>::max()));
  } else if (query.after_id) {
    // Row values walk `tickets_by_deadline (deadline, id)` from just after the cursor.
    b.where("(t.deadline, t.id) > (?, ?)");
    b.argument(core::to_epoch(query.after_deadline.value_or(core::Timestamp{})));
    b.argument(*query.after_id);
  }

  if (driver == Driver::one_state) {
    b.where("t.state = ?");
    b.argument(driver_value);
  } else if (query.states.size() == 1) {
    b.where("t.state = ?");
    b.argument(std::string(core::to_string(query.states.front())));
  } else if (!query.states.empty()) {
    b.where("t.state IN (" + placeholders(query.states.size()) + ")");
    for (auto state : query.states) b.argument(std::string(core::to_string(state)));
  }
  if (query.type) {
    b.where("t.type = ?");
    b.argument(std::string(core::to_string(*query.type)));
  }
  if (driver != Driver::one_unit && !query.units.empty()) {
    b.where("EXISTS (SELECT 1 FROM ticket_units x WHERE x.ticket_id = t.id AND x.unit_id IN (" +
            placeholders(query.units.size()) + "))");
    for (const auto& unit : query.units) b.argument(unit);
  }
  if (query.district) {
    b.where("t.district = ?");
    b.argument(*query.district);
  }
  if (query.merged_into) {
    b.where("t.merged_into = ?");
    b.argument(*query.merged_into);
  }
  if (query.overdue) {
    // Same text as the partial index `tickets_open_by_id`, so SQLite may use it.
    std::string open(open_for_handling_condition());
    b.where(*query.overdue ? open + " AND t.deadline < ?" : "NOT (" + open + " AND t.deadline < ?)");
    b.argument(core::to_epoch(query.now));
  }
  if (query.created_from) {
    b.where("t.created_at >= ?");
    b.argument(core::to_epoch(*query.created_from));
  }
  if (query.created_to) {
    b.where("t.created_at < ?");
    b.argument(core::to_epoch(*query.created_to));
  }
  if (driver == Driver::text) {
    b.where("(instr(t.title, ?) > 0 OR instr(t.text, ?) > 0)");
    b.argument(query.text_contains);
    b.argument(query.text_contains);
  }
  if (!query.category_prefix.empty()) {
    // The path itself, or below it: "a/" <= category < "a0" ('0' follows '/'), one index range.
    b.where("(t.category = ? OR (t.category >= ? AND t.category < ?))");
    b.argument(query.category_prefix);
    b.argument(query.category_prefix + "/");
    b.argument(query.category_prefix + "0");
  }
  if (query.urgency) {
    b.where("t.urgency = ?");
    b.argument(std::string(core::to_string(*query.urgency)));
  }
  if (query.channel) {
    b.where("t.channel = ?");
    b.argument(std::string(core::to_string(*query.channel)));
  }
  if (query.street) {
    b.where("t.street = ?");
    b.argument(*query.street);
  }
  if (!query.caller_phone.empty()) {
    b.where("t.caller_phone_key = ?");  // generated column: the stored phone, normalized
    b.argument(query.caller_phone);
  }
  if (!query.include_confidential_callers) b.where("t.caller_confidential = 0");
  if (by_deadline) {
    b.text(" ORDER BY t.deadline, t.id LIMIT ?");
    b.argument(static_cast<std::int64_t>(query.limit) + 1);
    return b.finish();
  }
  b.text(" ORDER BY " + cursor_column + " DESC LIMIT ?");
  b.argument(static_cast<std::int64_t>(query.limit) + 1);
  return b.finish();
}

}  // namespace

std::optional<ListStatement> created_range_probe(const core::TicketQuery& query) {
  if (!query.created_to) return std::nullopt;
  return ListStatement{
      "SELECT count(*) FROM (SELECT 1 FROM tickets INDEXED BY tickets_by_created "
      "WHERE created_at >= ? AND created_at < ? LIMIT ?)",
      {query.created_from ? core::to_epoch(*query.created_from) : std::numeric_limits<std::int64_t>::min(),
       core::to_epoch(*query.created_to), std::int64_t{kSmallCreatedRange + 1}}};
}

std::optional<ListStatement> category_range_probe(const core::TicketQuery& query) {
  if (query.category_prefix.empty()) return std::nullopt;
  return ListStatement{
      "SELECT count(*) FROM (SELECT 1 FROM tickets INDEXED BY tickets_by_category "
      "WHERE category = ? OR (category >= ? AND category < ?) LIMIT ?)",
      {query.category_prefix, query.category_prefix + "/", query.category_prefix + "0",
       std::int64_t{kSmallCategoryRange + 1}}};
}

std::vector<ListStatement> plan_list(const core::TicketQuery& query, bool small_created_range,
                                     bool small_category_range) {
  std::vector<ListStatement> out;
  if (query.sort == core::TicketSort::deadline) {
    // One statement, so its rows come in (deadline, id) order with nothing to merge.
    out.push_back(build(query, query.text_contains.empty() ? Driver::tickets : Driver::text, {}));
  } else if (!query.text_contains.empty()) {
    out.push_back(build(query, Driver::text, {}));
  } else if (!query.units.empty()) {
    for (const auto& unit : query.units) out.push_back(build(query, Driver::one_unit, unit));
  } else if (query.states.size() > 1) {
    for (auto state : query.states) out.push_back(build(query, Driver::one_state, std::string(core::to_string(state))));
  } else if (small_category_range) {
    out.push_back(build(query, Driver::category, {}));
  } else if (small_created_range) {
    out.push_back(build(query, Driver::created, {}));
  } else if (query.created_to && query.states.empty() && !query.type && !query.district && !query.overdue &&
             query.category_prefix.empty() && !query.urgency && !query.channel && !query.street &&
             query.caller_phone.empty()) {
    out.push_back(build(query, Driver::created_ids, {}));
  } else if (query.overdue.value_or(false)) {
    out.push_back(build(query, Driver::overdue, {}));
  } else {
    out.push_back(build(query, Driver::tickets, {}));
  }
  return out;
}

}  // namespace hotline::storage::sqlite
