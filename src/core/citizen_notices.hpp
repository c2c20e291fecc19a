#pragma once
// `CitizenNotices`: the messages a citizen gets about a request made on the portal (channel
// `web`): "您的诉求已受理，工单编号 N" when it is registered, "您的诉求 N 已答复，可凭编号查询并评价"
// when its reply is approved (review_reply approved). A subscriber of the ticket events (`EventFeed`,
// wired by app); the published ticket is masked, so the number is read from the repository. The
// messages go through `Notifier::enqueue` (the outbox), so they survive restarts and are retried.
// Requests of other channels, or callers without a mobile number, get nothing. Callers of tickets
// merged into a replied one are not told (their own ticket says merged when they track it).
// Thread-safe: stateless apart from its collaborators, which are.

#include "core/event_publisher.hpp"
#include "core/notifier.hpp"
#include "core/result.hpp"
#include "core/ticket_repository.hpp"

namespace hotline::core {

class CitizenNotices {
 public:
  CitizenNotices(TicketRepository& tickets, Notifier& notifier);

  // Enqueues the message `published` calls for, if any. Runs on the publishing thread: cheap for
  // every event that needs no message (a check of the action and channel); one read and one
  // insert for the two that do. Errors: the repository's or the notifier's (nothing is sent then).
  [[nodiscard]] Result<void> on_event(const PublishedEvent& published);

 private:
  TicketRepository& tickets_;
  Notifier& notifier_;
};

}  // namespace hotline::core
