#include "net/ticket_cursor.hpp"

#include "wire/query_string.hpp"

namespace hotline::net {
namespace {

// "n<id>" for the newest-first order, "d<deadline epoch>_<id>" for sort=deadline.
constexpr char kNewest = 'n';
constexpr char kDeadline = 'd';

}  // namespace

std::optional<std::string> encode_ticket_cursor(const core::TicketPage& page) {
  if (!page.next_after_id) return std::nullopt;
  if (page.next_after_deadline)
    return kDeadline + std::to_string(core::to_epoch(*page.next_after_deadline)) + "_" +
           std::to_string(*page.next_after_id);
  return kNewest + std::to_string(*page.next_after_id);
}

core::Result<void> apply_ticket_cursor(std::string_view cursor, core::TicketQuery& query) {
  const char expected = query.sort == core::TicketSort::deadline ? kDeadline : kNewest;
  if (cursor.empty()) return wire::bad_param("cursor", "must be a next_cursor of a previous page");
  if (cursor.front() != expected) return wire::bad_param("cursor", "belongs to another sort order");
  std::string_view rest = cursor.substr(1);
  if (expected == kDeadline) {
    auto separator = rest.find('_');
    if (separator == std::string_view::npos)
      return wire::bad_param("cursor", "must be a next_cursor of a previous page");
    auto deadline = wire::parse_integer(rest.substr(0, separator));
    if (!deadline) return wire::bad_param("cursor", "must be a next_cursor of a previous page");
    query.after_deadline = core::from_epoch(*deadline);
    rest = rest.substr(separator + 1);
  }
  auto id = wire::parse_integer(rest);
  if (!id || *id <= 0) return wire::bad_param("cursor", "must be a next_cursor of a previous page");
  query.after_id = *id;
  return {};
}

}  // namespace hotline::net
