#pragma once
// Port: the audit trail of access to citizens' personal data, of sign-ins and of account changes.
// Every reveal of a caller's full contact (and every refused one) is appended here before it is
// answered, every sign-in and failed sign-in, and every change an administrator or a user makes to
// an account; nothing is ever changed or deleted.
// Synchronous, thread-safe, durable on success.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

struct AuditEntry {
  std::int64_t id = 0;  // assigned by the repository, increasing
  Timestamp at{};
  std::int64_t actor_id = 0;
  std::string actor;
  Role role = Role::agent;
  // "reveal_contact", "reveal_contact_for_callback", "reveal_contact_refused",
  // "caller_history_search", "login", "login_failed", and the account changes of `AuthService`
  // ("user_created", "user_deactivated", "user_reactivated", "user_role_changed", "password_reset",
  // "password_changed", "password_change_failed", "logout_everywhere"), and the reads of the
  // notification outbox (`Notifier`: "outbox_viewed", "notification_viewed", "outbox_view_refused")
  std::string action;
  TicketId ticket_id = 0;  // 0 for sign-ins and account changes
  std::string reason;
  // What a reference or account change touched, as "KIND:KEY" ("unit:440106", "calendar:2026",
  // "user:12"); "" for reveals, searches and sign-ins. `before` / `after` are the JSON of the
  // thing before and after the change ("" when it did not exist / no longer exists).
  std::string subject;
  std::string before;
  std::string after;
};

// Filters are ANDed; newest first; `before_id` is the cursor (exclusive).
struct AuditQuery {
  std::optional<TicketId> ticket_id;
  std::optional<std::int64_t> actor_id;
  std::optional<std::int64_t> before_id;
  // Entries whose subject starts with this ("unit:" -> every unit change); "" is not a filter.
  std::optional<std::string> subject_prefix;
  int limit = 100;  // 1..1000
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Stores `entry` with the next id and returns it.
  [[nodiscard]] virtual Result<AuditEntry> append(const AuditEntry& entry) = 0;
  [[nodiscard]] virtual Result<std::vector<AuditEntry>> list(const AuditQuery& query) = 0;
};

}  // namespace hotline::core
