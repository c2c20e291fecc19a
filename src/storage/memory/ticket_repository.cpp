#include "storage/memory/ticket_repository.hpp"

#include <algorithm>
#include <limits>

#include "core/workflow.hpp"

namespace hotline::storage::memory {
namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool in_units(const core::Ticket& ticket, const std::vector<core::UnitId>& units) {
  for (const auto& unit : units) {
    if (ticket.lead_unit == unit) return true;
    if (std::find(ticket.co_units.begin(), ticket.co_units.end(), unit) != ticket.co_units.end()) return true;
  }
  return false;
}

// The reference semantics of `core::TicketQuery`; every backend's `list` must agree with it.
bool matches(const core::Ticket& ticket, const core::TicketQuery& query) {
  if (!query.states.empty() &&
      std::find(query.states.begin(), query.states.end(), ticket.state) == query.states.end())
    return false;
  if (query.type && ticket.type != *query.type) return false;
  if (!query.units.empty() && !in_units(ticket, query.units)) return false;
  if (query.district && ticket.place.district != *query.district) return false;
  if (query.merged_into && ticket.merged_into != query.merged_into) return false;
  if (query.overdue && ticket.overdue_at(query.now) != *query.overdue) return false;
  if (query.created_from && ticket.created_at < *query.created_from) return false;
  if (query.created_to && !(ticket.created_at < *query.created_to)) return false;
  if (!query.text_contains.empty() && !contains(ticket.title, query.text_contains) &&
      !contains(ticket.text, query.text_contains))
    return false;
  if (!query.category_prefix.empty() && !core::category_within(ticket.category, query.category_prefix)) return false;
  if (query.urgency && ticket.urgency != *query.urgency) return false;
  if (query.channel && ticket.channel != *query.channel) return false;
  if (query.street && ticket.place.street != *query.street) return false;
  if (!query.caller_phone.empty() && core::normalize_phone(ticket.caller.phone) != query.caller_phone) return false;
  if (!query.include_confidential_callers && ticket.caller.confidential) return false;
  return true;
}

// TicketSort::deadline: (deadline, id) ascending, after the cursor (after_deadline, after_id).
core::TicketPage list_by_deadline(const std::vector<const core::Ticket*>& matching, const core::TicketQuery& query) {
  using Key = std::pair<core::Timestamp, core::TicketId>;
  std::vector<const core::Ticket*> rows;
  for (const auto* t : matching) {
    if (query.after_id && !(Key{t->deadline, t->id} > Key{query.after_deadline.value_or(core::Timestamp{}), *query.after_id}))
      continue;
    rows.push_back(t);
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto* a, const auto* b) { return Key{a->deadline, a->id} < Key{b->deadline, b->id}; });
  core::TicketPage page;
  for (const auto* t : rows) {
    if (static_cast<int>(page.tickets.size()) == query.limit) {
      page.next_after_id = page.tickets.back().id;
      page.next_after_deadline = page.tickets.back().deadline;
      break;
    }
    page.tickets.push_back(*t);
  }
  return page;
}

}  // namespace

core::Result<core::CreatedTicket> InMemoryTicketRepository::create(const core::Ticket& ticket,
                                                                   const core::TicketEvent& first_event) {
  std::lock_guard lock(mutex_);
  Entry entry{ticket, {first_event}};
  entry.ticket.id = next_id_++;
  entry.events.front().ticket_id = entry.ticket.id;
  entry.events.front().seq = 1;
  event_log_.emplace_back(entry.ticket.id, 0);
  entry.events.front().id = static_cast<std::int64_t>(event_log_.size());
  auto [it, inserted] = entries_.emplace(entry.ticket.id, std::move(entry));
  if (kpi_) kpi_->apply_ticket_event(it->second.ticket, it->second.events.front());
  return core::CreatedTicket{it->second.ticket, it->second.events.front().id};
}

core::Result<std::int64_t> InMemoryTicketRepository::append(const core::Ticket& updated, const core::TicketEvent& event,
                                                    std::int64_t expected_version) {
  if (updated.version != expected_version + 1)
    return core::fail(core::ErrorCode::invalid_argument, "updated.version must be expected_version + 1");
  std::lock_guard lock(mutex_);
  if (auto ok = check_append_locked(updated, expected_version); !ok) return ok.error();
  return append_locked(updated, event);
}

core::Result<void> InMemoryTicketRepository::check_append_locked(const core::Ticket& updated,
                                                                std::int64_t expected_version) const {
  auto it = entries_.find(updated.id);
  if (it == entries_.end()) return core::fail(core::ErrorCode::not_found, "ticket not found");
  if (it->second.ticket.version != expected_version)
    return core::fail(core::ErrorCode::conflict, "the ticket was changed by someone else; reload and retry");
  return {};
}

core::Result<std::vector<std::int64_t>> InMemoryTicketRepository::append_all(
    const std::vector<core::TicketAppend>& appends) {
  for (const auto& a : appends)
    if (a.updated.version != a.expected_version + 1)
      return core::fail(core::ErrorCode::invalid_argument, "updated.version must be expected_version + 1");
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < appends.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (appends[j].updated.id == appends[i].updated.id)
        return core::fail(core::ErrorCode::invalid_argument, "one append per ticket");
    if (auto ok = check_append_locked(appends[i].updated, appends[i].expected_version); !ok) return ok.error();
  }
  std::vector<std::int64_t> ids;
  for (const auto& a : appends) ids.push_back(append_locked(a.updated, a.event));
  return ids;
}

std::int64_t InMemoryTicketRepository::append_locked(const core::Ticket& updated, const core::TicketEvent& event) {
  auto it = entries_.find(updated.id);
  it->second.ticket = updated;
  auto& stored = it->second.events.emplace_back(event);
  stored.ticket_id = updated.id;
  stored.seq = updated.version;
  event_log_.emplace_back(updated.id, it->second.events.size() - 1);
  stored.id = static_cast<std::int64_t>(event_log_.size());
  if (kpi_) kpi_->apply_ticket_event(updated, stored);
  return stored.id;
}

core::Result<std::vector<core::TicketId>> InMemoryTicketRepository::import_tickets(
    const std::vector<core::ImportedTicket>& batch) {
  for (const auto& imported : batch) {
    if (imported.events.empty())
      return core::fail(core::ErrorCode::invalid_argument, "an imported ticket needs at least one event");
  }
  std::lock_guard lock(mutex_);
  std::vector<core::TicketId> ids;
  ids.reserve(batch.size());
  for (const auto& imported : batch) {
    Entry entry{imported.ticket, imported.events};
    entry.ticket.id = next_id_++;
    entry.ticket.version = static_cast<std::int64_t>(entry.events.size());
    for (std::size_t i = 0; i < entry.events.size(); ++i) {
      entry.events[i].ticket_id = entry.ticket.id;
      entry.events[i].seq = static_cast<std::int64_t>(i) + 1;
      event_log_.emplace_back(entry.ticket.id, i);
      entry.events[i].id = static_cast<std::int64_t>(event_log_.size());
    }
    ids.push_back(entry.ticket.id);
    if (kpi_) {
      core::Ticket replayed;  // the ticket as of each event
      for (const auto& event : entry.events) {
        core::apply(replayed, event);
        kpi_->apply_ticket_event(replayed, event);
      }
    }
    entries_.emplace(entry.ticket.id, std::move(entry));
  }
  return ids;
}

core::Result<core::Ticket> InMemoryTicketRepository::get(core::TicketId id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return core::fail(core::ErrorCode::not_found, "ticket not found");
  return it->second.ticket;
}

core::Result<std::vector<core::Ticket>> InMemoryTicketRepository::get_many(const std::vector<core::TicketId>& ids) {
  std::lock_guard lock(mutex_);
  std::vector<core::Ticket> out;
  for (const auto id : ids) {
    if (auto it = entries_.find(id); it != entries_.end()) out.push_back(it->second.ticket);
  }
  return out;
}

core::Result<std::optional<core::TicketId>> InMemoryTicketRepository::first_created_since(core::Timestamp from) {
  std::lock_guard lock(mutex_);
  std::optional<std::pair<core::Timestamp, core::TicketId>> first;
  for (const auto& [id, entry] : entries_) {
    if (entry.ticket.created_at < from) continue;
    const std::pair key{entry.ticket.created_at, id};
    if (!first || key < *first) first = key;
  }
  if (!first) return std::optional<core::TicketId>{};
  return std::optional<core::TicketId>{first->second};
}

core::Result<std::vector<core::TicketId>> InMemoryTicketRepository::created_by(std::int64_t user, core::Timestamp from,
                                                                              core::Timestamp to, int limit) {
  if (limit < 1 || limit > core::kMaxCreatedBy)
    return core::fail(core::ErrorCode::invalid_argument, "limit must be 1-" + std::to_string(core::kMaxCreatedBy), "limit");
  std::lock_guard lock(mutex_);
  std::vector<core::TicketId> ids;
  for (const auto& [id, entry] : entries_) {  // ordered by id
    if (entry.ticket.created_by != user || entry.ticket.created_at < from || entry.ticket.created_at >= to) continue;
    ids.push_back(id);
    if (static_cast<int>(ids.size()) == limit) break;
  }
  return ids;
}

core::Result<core::DashboardFigures> InMemoryTicketRepository::dashboard(const core::DashboardQuery& query) {
  if (query.top_categories < 1 || query.top_categories > 100)
    return core::fail(core::ErrorCode::invalid_argument, "top_categories must be 1-100", "top_categories");
  const auto day_end = query.day_start + std::chrono::hours{24};
  std::map<std::string, std::int64_t> channels, types, categories;
  std::map<core::UnitId, core::UnitDeadlines> units;
  std::map<core::UnitId, core::DistrictFigures> districts;
  core::DashboardFigures out;
  std::lock_guard lock(mutex_);
  for (const auto& [id, entry] : entries_) {
    const core::Ticket& ticket = entry.ticket;
    if (query.district && ticket.place.district != *query.district) continue;
    const bool today = ticket.created_at >= query.day_start && ticket.created_at < day_end;
    const bool open = core::is_open_for_handling(ticket.state);
    if (today) {
      ++out.intake;
      ++channels[std::string(core::to_string(ticket.channel))];
      ++types[std::string(core::to_string(ticket.type))];
      ++out.by_hour[static_cast<std::size_t>((ticket.created_at - query.day_start) / std::chrono::hours{1})];
      if (!ticket.category.empty()) ++categories[ticket.category];
    }
    const bool overdue = open && ticket.deadline < query.now;
    const auto left = static_cast<double>(core::to_epoch(ticket.deadline) - core::to_epoch(query.now));
    const auto span = static_cast<double>(core::to_epoch(ticket.deadline) - core::to_epoch(ticket.created_at));
    const bool nearly_due = open && !overdue && left < query.nearly_due_share * span;
    if (overdue || nearly_due) {
      auto& unit = units[ticket.lead_unit];
      unit.unit = ticket.lead_unit;
      (overdue ? unit.overdue : unit.nearly_due) += 1;
    }
    if (!ticket.place.district.empty() && (today || open)) {
      auto& district = districts[ticket.place.district];
      district.district = ticket.place.district;
      district.intake += today ? 1 : 0;
      district.open += open ? 1 : 0;
      district.overdue += overdue ? 1 : 0;
    }
  }
  for (const auto& [key, count] : channels) out.by_channel.push_back({key, count});
  for (const auto& [key, count] : types) out.by_type.push_back({key, count});
  for (const auto& [key, count] : categories) out.top_categories.push_back({key, count});
  for (auto& [key, unit] : units) out.units.push_back(std::move(unit));
  for (auto& [key, district] : districts) out.districts.push_back(std::move(district));
  core::sort_dashboard(out, query.top_categories);
  return out;
}

core::Result<std::vector<core::PhraseHits>> InMemoryTicketRepository::find_phrases(const core::PhraseSearch& search) {
  if (search.per_phrase < 1 || search.per_phrase > 500)
    return core::fail(core::ErrorCode::invalid_argument, "per_phrase must be 1-500", "per_phrase");
  std::lock_guard lock(mutex_);
  std::map<core::TicketId, int> listed;
  for (const auto& phrase : search.phrases) {
    if (phrase.empty()) continue;
    int found = 0;
    for (auto it = std::make_reverse_iterator(entries_.lower_bound(search.below));
         it != entries_.rend() && it->first >= search.min_id && found < search.per_phrase; ++it) {
      const core::Ticket& t = it->second.ticket;
      if (!contains(t.title, phrase) && !contains(t.text, phrase)) continue;
      ++listed[t.id];
      ++found;
    }
  }
  std::vector<core::PhraseHits> out;
  for (const auto& [id, phrases] : listed) out.push_back({id, phrases});
  core::sort_phrase_hits(out);
  return out;
}

core::Result<core::TicketPage> InMemoryTicketRepository::list(const core::TicketQuery& query) {
  if (query.limit < 1 || query.limit > 500)
    return core::fail(core::ErrorCode::invalid_argument, "limit must be 1-500", "limit");
  if (query.sort == core::TicketSort::deadline && query.after_id.has_value() != query.after_deadline.has_value())
    return core::fail(core::ErrorCode::invalid_argument, "a deadline cursor needs both its deadline and its id",
                      "after");
  std::lock_guard lock(mutex_);
  if (query.sort == core::TicketSort::deadline) {
    std::vector<const core::Ticket*> matching;
    for (const auto& [id, entry] : entries_) {
      if (matches(entry.ticket, query)) matching.push_back(&entry.ticket);
    }
    return list_by_deadline(matching, query);
  }
  core::TicketPage page;
  auto end = entries_.lower_bound(query.after_id.value_or(std::numeric_limits<core::TicketId>::max()));
  // Walk ids downwards from just below the cursor.
  for (auto it = std::make_reverse_iterator(end); it != entries_.rend(); ++it) {
    if (!matches(it->second.ticket, query)) continue;
    if (static_cast<int>(page.tickets.size()) == query.limit) {
      page.next_after_id = page.tickets.back().id;
      break;
    }
    page.tickets.push_back(it->second.ticket);
  }
  return page;
}

core::Result<std::vector<core::TicketEvent>> InMemoryTicketRepository::events_after(std::int64_t after_id,
                                                                                    int limit) {
  if (limit < 1 || limit > core::kMaxEventsAfter)
    return core::fail(core::ErrorCode::invalid_argument, "limit must be 1-1000", "limit");
  std::lock_guard lock(mutex_);
  std::vector<core::TicketEvent> out;
  // Event id n sits at event_log_[n - 1].
  for (auto next = static_cast<std::size_t>(std::max<std::int64_t>(after_id, 0));
       next < event_log_.size() && static_cast<int>(out.size()) < limit; ++next) {
    const auto& [ticket_id, index] = event_log_[next];
    out.push_back(entries_.at(ticket_id).events[index]);
  }
  return out;
}

core::Result<std::vector<core::TicketEvent>> InMemoryTicketRepository::history(core::TicketId id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return core::fail(core::ErrorCode::not_found, "ticket not found");
  return it->second.events;
}

core::Result<std::int64_t> InMemoryTicketRepository::count() {
  std::lock_guard lock(mutex_);
  return static_cast<std::int64_t>(entries_.size());
}

}  // namespace hotline::storage::memory
