#pragma once
// Tracking a request on the citizens' portal (工单查询): number + mobile number + a one-time code
// sent to that number, then a tracking token for half an hour; with it the citizen reads the
// request's public view and rates the result once the reply is approved.
//
// What it guards: a code request answers the same whether or not the number and the ticket match
// (no enumeration), rate-limited per client address and per ticket; a code is 6 digits, kept only
// as a MAC over ticket, number and code (never in plain), valid `code_lifetime`, used once, burnt
// after `max_tries` wrong tries (a wrong number counts as a wrong try). Tokens are kept as a MAC
// too. The view carries nothing of other people: no caller of merged tickets, no notes, no staff.
//
// The rating is the callback (回访) with outcome rated, taken by the portal under the callback
// agent's role (`rating_actor`): the same transition row, the same KPI records (result rating,
// callback) and consequences (a dissatisfied result may be redone) as a callback by phone.
//
// Codes and tokens live in this process's memory, bounded by `max_entries` each: a restart asks
// citizens for a new code, and a second node would need them through a port (the multi-node issue).
// Thread-safe: `mutex_` guards `codes_` and `tokens_`; the collaborators are thread-safe.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/notifier.hpp"
#include "core/portal_service.hpp"
#include "core/proof_of_work.hpp"
#include "core/rate_limiter.hpp"
#include "core/reference_service.hpp"
#include "core/result.hpp"
#include "core/ticket_repository.hpp"
#include "core/ticket_service.hpp"

namespace hotline::core {

struct TrackingPolicy {
  RateLimit per_address{.limit = 20, .period = std::chrono::seconds{3600}, .burst = 5, .max_keys = 100000};
  RateLimit per_ticket{.limit = 6, .period = std::chrono::seconds{3600}, .burst = 3, .max_keys = 100000};
  std::chrono::seconds code_lifetime{10 * 60};
  int max_tries = 5;
  std::chrono::seconds token_lifetime{30 * 60};
  std::size_t max_entries = 100000;  // codes, and tokens, held at once
  std::size_t max_reason_chars = 500;
};

// What a citizen reads of the request's progress: the public step of its state.
//   accepted  已受理   registered, waiting for review
//   handling  办理中   with a unit (incl. a reply not yet approved, extensions, returns)
//   answered  已答复   the reply is approved (or the request was answered at intake)
//   closed    已办结   closed or archived
//   merged    已合并   handled together with another request
enum class PublicStep { accepted, handling, answered, closed, merged };
std::string_view to_string(PublicStep step);
PublicStep public_step(TicketState state);

struct TrackingView {
  TicketId id = 0;
  TicketType type = TicketType::inquiry;
  std::string title;  // the citizen's own words
  PublicStep step = PublicStep::accepted;
  Timestamp registered_at{};
  std::optional<Timestamp> deadline;     // while a unit works on it
  std::string unit;                      // the handling unit's name, once dispatched
  std::string reply;                     // once approved (or the answer given at intake)
  std::optional<Timestamp> closed_at;
  std::optional<Rating> rating;          // the result rating, by the portal or by a callback
  bool can_rate = false;
};

struct TrackingGrant {
  std::string token;
  Timestamp expires_at{};
  TrackingView view;
};

// The view of `ticket` (as stored) with unit names from `units`. Pure.
TrackingView tracking_view(const Ticket& ticket, const UnitTree& units);

class PortalTracking {
 public:
  // `repository` is read for the caller's number (never shown); `tickets` takes the rating.
  PortalTracking(TicketRepository& repository, TicketService& tickets, ReferenceService& reference, Notifier& notifier,
                 ChallengeCrypto& crypto, const Clock& clock, TrackingPolicy policy = {});

  // Sends a code to `phone` when ticket `id` exists and its caller's number is `phone` (both
  // normalised by `normalize_phone`); replaces an earlier code of the ticket. The same empty
  // success otherwise. Errors: invalid_argument `ticket_id` (not positive) or `phone` (not a
  // mobile number); rate_limited (field `client` or `ticket_id`, Chinese message, retry_after);
  // the notifier's when the message cannot be stored (the code is dropped then).
  [[nodiscard]] Result<void> request_code(TicketId id, std::string_view phone, std::string_view client);
  // Spends the ticket's code for a token. Errors: invalid_argument `code` (malformed, wrong,
  // expired, none sent, or burnt by too many tries: a Chinese message saying which, never whether
  // the number matched), `phone`, `ticket_id`; the repository's.
  [[nodiscard]] Result<TrackingGrant> verify(TicketId id, std::string_view phone, std::string_view code);
  // Errors: unauthenticated `authorization` (unknown or expired token, or another ticket's).
  [[nodiscard]] Result<TrackingView> view(TicketId id, std::string_view token);
  // The citizen's result rating (satisfied, basically_satisfied or dissatisfied; a dissatisfied
  // one needs a `reason`). Errors: unauthenticated as `view`; invalid_argument `level`, `reason`;
  // conflict `level` when already rated or the reply is not approved yet; the ticket service's.
  [[nodiscard]] Result<TrackingView> rate(TicketId id, std::string_view token, Rating level, const std::string& reason);

  // The actor the rating is taken under: the portal, in the callback agent's role.
  static Actor rating_actor();
  const TrackingPolicy& policy() const { return policy_; }

 private:
  struct Code {
    std::string mac;
    Timestamp until{};
    int tries = 0;
  };
  struct Grant {
    TicketId ticket = 0;
    Timestamp until{};
  };

  [[nodiscard]] Result<TrackingView> load_view(TicketId id);
  [[nodiscard]] Result<void> check_token(TicketId id, std::string_view token);
  std::string code_mac(TicketId id, const std::string& phone, std::string_view code);

  TicketRepository& repository_;
  TicketService& tickets_;
  ReferenceService& reference_;
  Notifier& notifier_;
  ChallengeCrypto& crypto_;
  const Clock& clock_;
  TrackingPolicy policy_;
  RateLimiter per_address_;
  RateLimiter per_ticket_;
  std::mutex mutex_;  // guards codes_ and tokens_
  std::map<TicketId, Code> codes_;
  std::map<std::string, Grant> tokens_;  // by the token's MAC
};

}  // namespace hotline::core
