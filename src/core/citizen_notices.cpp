#include "core/citizen_notices.hpp"

#include <string>

#include "core/pii_mask.hpp"

namespace hotline::core {

CitizenNotices::CitizenNotices(TicketRepository& tickets, Notifier& notifier) : tickets_(tickets), notifier_(notifier) {}

Result<void> CitizenNotices::on_event(const PublishedEvent& published) {
  const Ticket& after = published.ticket;
  if (after.channel != Channel::web) return {};
  const Action action = published.event.action;
  const bool registered = action == Action::register_ticket;
  // An approved reply moves the ticket to callback_pending; a rejected one back to in_progress.
  const bool replied = action == Action::review_reply && after.state == TicketState::callback_pending;
  if (!registered && !replied) return {};

  auto ticket = tickets_.get(after.id);
  if (!ticket) return ticket.error();
  const std::string phone = normalize_phone(ticket->caller.phone);
  if (!is_mobile_number(phone)) return {};
  const std::string number = std::to_string(after.id);
  if (registered) {
    auto queued = notifier_.enqueue(MessageKind::ticket_registered, phone,
                                    "【12345】您的诉求已受理，工单编号 " + number + "。可凭编号和手机号码在网上查询办理进度。",
                                    after.id);
    if (!queued) return queued.error();
    return {};
  }
  auto queued = notifier_.enqueue(MessageKind::ticket_replied, phone,
                                  "【12345】您的诉求 " + number + " 已答复，可凭编号查询并评价。", after.id);
  if (!queued) return queued.error();
  return {};
}

}  // namespace hotline::core
