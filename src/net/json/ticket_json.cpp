#include "net/json/ticket_json.hpp"

#include <charconv>
#include <limits>

#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "net/ticket_cursor.hpp"
#include "wire/json_reader.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {
namespace {

namespace bj = boost::json;

bj::value optional_time(const std::optional<core::Timestamp>& t) {
  if (!t) return nullptr;
  return bj::value(core::format_timestamp(*t));
}

bj::value optional_number(const std::optional<double>& v) {
  if (!v) return nullptr;
  return bj::value(*v);
}

bj::array string_array(const std::vector<std::string>& items) {
  bj::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

bj::object ticket_value(const core::Ticket& t, core::Timestamp now, const std::vector<core::Action>& allowed) {
  bj::object caller{{"name", t.caller.name}, {"phone", t.caller.phone}, {"confidential", t.caller.confidential}};
  bj::object place{{"district", t.place.district},
                   {"street", t.place.street},
                   {"address", t.place.address},
                   {"latitude", optional_number(t.place.latitude)},
                   {"longitude", optional_number(t.place.longitude)}};
  bj::object out;
  out["id"] = t.id;
  out["type"] = to_string(t.type);
  out["channel"] = to_string(t.channel);
  out["caller"] = std::move(caller);
  out["title"] = t.title;
  out["text"] = t.text;
  out["place"] = std::move(place);
  out["category"] = t.category;
  out["urgency"] = to_string(t.urgency);
  out["state"] = to_string(t.state);
  out["created_at"] = core::format_timestamp(t.created_at);
  out["updated_at"] = core::format_timestamp(t.updated_at);
  out["deadline"] = core::format_timestamp(t.deadline);
  out["deadline_beyond_calendar"] = t.deadline_beyond_calendar;
  out["acknowledge_deadline"] = optional_time(t.acknowledge_deadline);
  out["requested_deadline"] = optional_time(t.requested_deadline);
  out["closed_at"] = optional_time(t.closed_at);
  out["lead_unit"] = t.lead_unit;
  out["co_units"] = string_array(t.co_units);
  out["dispatch_count"] = t.dispatch_count;
  out["wrong_dispatch_count"] = t.wrong_dispatch_count;
  out["supervision_count"] = t.supervision_count;
  out["redo_count"] = t.redo_count;
  out["reviewed"] = t.reviewed;
  out["rating"] = t.rating ? bj::value(to_string(*t.rating)) : bj::value(nullptr);
  out["merged_into"] = t.merged_into ? bj::value(*t.merged_into) : bj::value(nullptr);
  out["reply"] = t.reply;
  // Dispatch-side workflow.
  bj::array co_handling;
  for (const auto& c : t.co_handling) {
    co_handling.emplace_back(bj::object{{"unit", c.unit},
                                        {"acknowledged_at", optional_time(c.acknowledged_at)},
                                        {"opinion", c.opinion},
                                        {"opinion_at", optional_time(c.opinion_at)}});
  }
  out["co_handling"] = std::move(co_handling);
  out["forwarded_from"] = string_array(t.forwarded_from);
  out["needs_correction"] = t.needs_correction;
  out["correction_reason"] = t.correction_reason;
  out["version"] = t.version;
  out["created_by"] = t.created_by;
  out["overdue"] = t.overdue_at(now);
  out["callback_due"] = optional_time(t.callback_due);
  out["callback_attempts"] = t.callback_attempts;
  out["next_callback_at"] = optional_time(t.next_callback_at);
  out["callback_result"] = t.callback_result ? bj::value(to_string(*t.callback_result)) : bj::value(nullptr);
  out["intake_answer"] = t.intake_answer;
  out["knowledge_article"] = t.knowledge_article;
  out["intake_rating"] = t.intake_rating ? bj::value(to_string(*t.intake_rating)) : bj::value(nullptr);
  bj::array merged_from;
  for (auto id : t.merged_from) merged_from.emplace_back(id);
  out["merged_from"] = std::move(merged_from);
  bj::array attachments;
  for (const auto& a : t.attachments) {
    attachments.emplace_back(bj::object{{"sha256", a.sha256},
                                        {"filename", a.filename},
                                        {"content_type", a.content_type},
                                        {"size", a.size},
                                        {"uploaded_by", a.uploaded_by},
                                        {"uploaded_at", core::format_timestamp(a.uploaded_at)}});
  }
  out["attachments"] = std::move(attachments);
  bj::array actions;
  for (auto action : allowed) actions.emplace_back(core::to_string(action));
  out["allowed_actions"] = std::move(actions);
  return out;
}

// A single ticket read (get, act) carries the merged callers; list items do not.
bj::object single_ticket_value(const core::Ticket& t, core::Timestamp now, const std::vector<core::Action>& allowed) {
  bj::object out = ticket_value(t, now, allowed);
  bj::array merged_callers;
  for (const auto& merged : t.merged_callers) {
    merged_callers.emplace_back(bj::object{{"ticket_id", merged.ticket_id},
                                           {"name", merged.caller.name},
                                           {"phone", merged.caller.phone},
                                           {"confidential", merged.caller.confidential}});
  }
  out["merged_callers"] = std::move(merged_callers);
  return out;
}

// Payload keys holding epoch seconds in core (see workflow.cpp); shown as ISO 8601 on the wire.
bool is_time_key(std::string_view key) {
  return key.ends_with("deadline") || key == "next_callback_at";
}

bj::value payload_value(std::string_view key, const std::string& text) {
  if (!is_time_key(key)) return bj::value(text);
  std::int64_t epoch = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), epoch);
  if (ec != std::errc{} || end != text.data() + text.size()) return bj::value(text);
  return bj::value(core::format_timestamp(core::from_epoch(epoch)));
}

bj::object event_value(const core::TicketEvent& e) {
  bj::object payload;
  for (const auto& [key, text] : e.payload) payload[key] = payload_value(key, text);
  bj::object out;
  out["id"] = e.id;
  out["ticket_id"] = e.ticket_id;
  out["seq"] = e.seq;
  out["action"] = to_string(e.action);
  out["actor_id"] = e.actor_id;
  out["actor"] = e.actor;
  out["role"] = to_string(e.role);
  out["at"] = core::format_timestamp(e.at);
  out["reason"] = e.reason;
  out["payload"] = std::move(payload);
  return out;
}

}  // namespace

std::string encode_ticket(const core::Ticket& ticket, core::Timestamp now, const std::vector<core::Action>& allowed) {
  return wire::serialize(single_ticket_value(ticket, now, allowed));
}

std::string encode_ticket_page(const core::TicketPage& page, core::Timestamp now, const AllowedActionsOf& allowed_of) {
  bj::array items;
  items.reserve(page.tickets.size());
  for (const auto& t : page.tickets) items.emplace_back(ticket_value(t, now, allowed_of(t)));
  bj::object out;
  out["items"] = std::move(items);
  // `next_after` is the id cursor of the newest-first order; `next_cursor` serves every order.
  out["next_after"] =
      page.next_after_id && !page.next_after_deadline ? bj::value(*page.next_after_id) : bj::value(nullptr);
  auto cursor = encode_ticket_cursor(page);
  out["next_cursor"] = cursor ? bj::value(*cursor) : bj::value(nullptr);
  return wire::serialize(out);
}

std::string encode_event_message(const core::PublishedEvent& published, core::Timestamp now,
                                 const std::vector<core::Action>& allowed) {
  bj::object out;
  out["type"] = "event";
  for (auto& [key, value] : event_value(published.event)) out[key] = std::move(value);
  out["ticket"] = ticket_value(published.ticket, now, allowed);
  return wire::serialize(out);
}

std::string encode_history(const std::vector<core::TicketEvent>& events) {
  bj::array items;
  items.reserve(events.size());
  for (const auto& e : events) items.emplace_back(event_value(e));
  return wire::serialize(bj::object{{"items", std::move(items)}});
}

core::Result<core::NewTicket> decode_new_ticket(std::string_view body) {
  auto parsed = wire::parse_object(body);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::NewTicket out;
  if (auto v = reader.enumeration<core::TicketType>("type", core::parse_ticket_type, wire::Need::required))
    out.type = *v;
  if (auto v = reader.enumeration<core::Channel>("channel", core::parse_channel, wire::Need::required))
    out.channel = *v;
  if (const auto* caller = reader.object("caller")) {
    wire::ObjectReader nested(*caller, "caller.");
    out.caller.name = nested.string("name").value_or("");
    out.caller.phone = nested.string("phone").value_or("");
    out.caller.confidential = nested.boolean("confidential").value_or(false);
    if (auto done = nested.finish(); !done) reader.fail(done.error());
  }
  if (auto v = reader.string("title", wire::Need::required)) out.title = std::move(*v);
  out.text = reader.string("text").value_or("");
  if (const auto* place = reader.object("place")) {
    wire::ObjectReader nested(*place, "place.");
    out.place.district = nested.string("district").value_or("");
    out.place.street = nested.string("street").value_or("");
    out.place.address = nested.string("address").value_or("");
    out.place.latitude = nested.number("latitude");
    out.place.longitude = nested.number("longitude");
    if (auto done = nested.finish(); !done) reader.fail(done.error());
  }
  out.category = reader.string("category").value_or("");
  if (auto v = reader.enumeration<core::Urgency>("urgency", core::parse_urgency)) out.urgency = *v;
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

core::Result<core::ActionRequest> decode_action_request(core::Action action, std::string_view body) {
  auto parsed = wire::parse_object(body, /*empty_is_object=*/true);
  if (!parsed) return parsed.error();
  wire::ObjectReader reader(*parsed);
  core::ActionRequest out;
  out.action = action;
  out.reason = reader.string("reason").value_or("");
  out.approve = reader.boolean("approve").value_or(true);
  out.lead_unit = reader.string("lead_unit").value_or("");
  out.co_units = reader.string_array("co_units").value_or(std::vector<std::string>{});
  if (auto days = reader.integer("extension_days")) {
    if (*days < std::numeric_limits<int>::min() || *days > std::numeric_limits<int>::max())
      reader.fail_field("extension_days", "is out of range");
    else
      out.extension_days = static_cast<int>(*days);
  }
  out.rating = reader.enumeration<core::Rating>("rating", core::parse_rating);
  out.merge_into = reader.integer("merge_into");
  out.reply = reader.string("reply").value_or("");
  out.category = reader.string("category").value_or("");
  out.note = reader.string("note").value_or("");
  // Dispatch-side workflow.
  out.unit = reader.string("unit").value_or("");
  out.opinion = reader.string("opinion").value_or("");
  out.correction.text_addition = reader.string("text_addition").value_or("");
  if (const auto* place = reader.object("place")) {
    wire::ObjectReader nested(*place, "place.");
    out.correction.district = nested.string("district");
    out.correction.street = nested.string("street");
    out.correction.address = nested.string("address");
    if (auto done = nested.finish(); !done) reader.fail(done.error());
  }
  if (action == core::Action::correct && !out.category.empty()) out.correction.category = out.category;
  out.correction.type = reader.enumeration<core::TicketType>("type", core::parse_ticket_type);
  out.correction.urgency = reader.enumeration<core::Urgency>("urgency", core::parse_urgency);
  if (auto v = reader.enumeration<core::CallbackOutcome>("outcome", core::parse_callback_outcome)) out.outcome = *v;
  out.answer = reader.string("answer").value_or("");
  out.knowledge_article = reader.string("knowledge_article").value_or("");
  out.force = reader.boolean("force").value_or(false);
  if (auto done = reader.finish(); !done) return done.error();
  return out;
}

std::string encode_caller(const core::Caller& caller) {
  bj::object out;
  out["name"] = caller.name;
  out["phone"] = caller.phone;
  out["confidential"] = caller.confidential;
  return wire::serialize(out);
}

std::string encode_audit_entries(const std::vector<core::AuditEntry>& entries) {
  bj::array items;
  items.reserve(entries.size());
  for (const auto& e : entries) {
    bj::object item;
    item["id"] = e.id;
    item["at"] = core::format_timestamp(e.at);
    item["actor_id"] = e.actor_id;
    item["actor"] = e.actor;
    item["role"] = to_string(e.role);
    item["action"] = e.action;
    item["ticket_id"] = e.ticket_id;
    item["reason"] = e.reason;
    item["subject"] = e.subject;
    item["before"] = e.before;
    item["after"] = e.after;
    items.emplace_back(std::move(item));
  }
  bj::object out;
  out["items"] = std::move(items);
  return wire::serialize(out);
}

}  // namespace hotline::net::json
