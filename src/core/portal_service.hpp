#pragma once
// The citizens' portal (公众门户): a request submitted by anyone, with no account. What guards it:
// a proof of work per submission (core/proof_of_work.hpp), rate limits per client address and per
// mobile number (core/rate_limiter.hpp), size limits, and the same checks as a staff registration.
// The request is registered like one (DispatchService: classifier advice and duplicates, channel
// `web`) under the portal's own actor, `kPortalUsername`, so the audit trail and the ticket's
// history say where it came from. The category is left for staff to confirm from the advice; a
// citizen is never asked for one.
//
// Photos: up to `max_photos` per request, within `upload_window` of the submission, with the
// upload token the receipt carries (unguessable; the ticket id alone gives nothing). Each is
// checked by content (JPEG, PNG, WebP only) and stripped of its metadata (EXIF GPS and the rest,
// core/image_metadata.hpp) before it is stored. Tokens live in this process's memory: a second
// node would need them through a port (the multi-node issue).
// Thread-safe: `mutex_` guards `uploads_`; the collaborators are thread-safe.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/dispatch_service.hpp"
#include "core/proof_of_work.hpp"
#include "core/rate_limiter.hpp"
#include "core/result.hpp"
#include "core/ticket_service.hpp"
#include "core/unit.hpp"

namespace hotline::core {

inline constexpr std::string_view kPortalUsername = "citizen-portal";

struct PortalPolicy {
  RateLimit per_address{.limit = 20, .period = std::chrono::seconds{3600}, .burst = 5, .max_keys = 100000};
  RateLimit per_phone{.limit = 5, .period = std::chrono::seconds{86400}, .burst = 3, .max_keys = 100000};
  ProofOfWorkPolicy proof_of_work{};
  std::size_t min_text_chars = 5;
  std::size_t max_text_chars = 2000;
  std::size_t max_name_chars = 20;
  std::size_t max_address_chars = 100;
  int max_photos = 5;
  std::size_t max_photo_bytes = 8 * 1024 * 1024;
  std::chrono::seconds upload_window{15 * 60};
};

struct PortalRequest {
  TicketType type = TicketType::help;
  std::string text;
  UnitId district;
  UnitId street;
  std::string address;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::string name;
  std::string phone;
  bool confidential = false;  // 保密: only reviewers see the contact
  bool consent = false;       // the privacy notice was accepted
  std::string challenge;
  std::string nonce;
};

struct PortalReceipt {
  Ticket ticket;
  std::string upload_token;
  Timestamp upload_until{};
  int photos_allowed = 0;
};

struct PortalPhoto {
  Attachment attachment;
  std::size_t removed_bytes = 0;  // metadata left out
  int photos_left = 0;
};

// The places a citizen picks from: the active districts, then the active streets whose parent is
// one of them, each in the order of `units`. Nothing else of the tree (departments, the city,
// retired units) is shown to the public.
std::vector<Unit> portal_places(const std::vector<Unit>& units);

class PortalService {
 public:
  PortalService(DispatchService& dispatch, TicketService& tickets, ChallengeCrypto& crypto, const Clock& clock,
                PortalPolicy policy = {});

  // A challenge for the next submission (no limit: issuing one costs the server a MAC).
  IssuedChallenge challenge();
  // Checks the form (invalid_argument naming the field: consent, text, phone, name,
  // place.address, place.latitude; place.district and place.street by the ticket service), then the proof of work (`challenge`, `nonce`), then the rate
  // limits (rate_limited with retry_after, a Chinese message, field `phone` or `client`), then
  // registers. `client` is the client's address as the server saw it.
  [[nodiscard]] Result<PortalReceipt> submit(const PortalRequest& request, std::string_view client);
  // Errors: not_found (no such upload: unknown ticket or wrong token, the same answer), conflict
  // (the window closed or all photos are in), invalid_argument on `file` (empty, too big, not a
  // JPEG/PNG/WebP, malformed); the ticket service's otherwise.
  [[nodiscard]] Result<PortalPhoto> add_photo(TicketId ticket, std::string_view upload_token, std::string_view bytes);

  static Actor portal_actor();
  const PortalPolicy& policy() const { return policy_; }

 private:
  struct Upload {
    std::string token;
    Timestamp until{};
    int photos = 0;
  };

  DispatchService& dispatch_;
  TicketService& tickets_;
  ChallengeCrypto& crypto_;
  const Clock& clock_;
  PortalPolicy policy_;
  ProofOfWork proof_of_work_;
  RateLimiter per_address_;
  RateLimiter per_phone_;
  std::mutex mutex_;  // guards uploads_
  std::map<TicketId, Upload> uploads_;
};

}  // namespace hotline::core
