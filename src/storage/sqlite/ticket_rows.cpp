#include "storage/sqlite/ticket_rows.hpp"

#include <boost/json.hpp>
#include <optional>
#include <stdexcept>

namespace hotline::storage::sqlite {
namespace {

template <typename T>
T parse_or_throw(std::optional<T> value, std::string_view text, const char* what) {
  if (!value) throw std::runtime_error(std::string("corrupt row: unknown ") + what + " '" + std::string(text) + "'");
  return *value;
}

std::optional<core::Timestamp> optional_time(const Statement& statement, int column) {
  auto value = statement.column_optional_int64(column);
  if (!value) return std::nullopt;
  return core::from_epoch(*value);
}

std::optional<std::int64_t> optional_epoch(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return core::to_epoch(*t);
}

boost::json::value parse_json(std::string_view json) {
  boost::system::error_code error;
  auto value = boost::json::parse(json, error);
  if (error) throw std::runtime_error("corrupt row: malformed JSON: " + error.message());
  return value;
}

}  // namespace

void bind_ticket(Statement& s, const core::Ticket& t) {
  if (t.id == 0) s.bind_null(1);
  else s.bind(1, t.id);
  s.bind(2, core::to_string(t.type));
  s.bind(3, core::to_string(t.channel));
  s.bind(4, t.caller.name);
  s.bind(5, t.caller.phone);
  s.bind(6, t.caller.confidential);
  s.bind(7, t.title);
  s.bind(8, t.text);
  s.bind(9, t.place.district);
  s.bind(10, t.place.street);
  s.bind(11, t.place.address);
  s.bind(12, t.place.latitude);
  s.bind(13, t.place.longitude);
  s.bind(14, t.category);
  s.bind(15, core::to_string(t.urgency));
  s.bind(16, core::to_string(t.state));
  s.bind(17, core::to_string(t.resume_state));
  s.bind(18, core::to_epoch(t.created_at));
  s.bind(19, core::to_epoch(t.updated_at));
  s.bind(20, core::to_epoch(t.deadline));
  s.bind(21, optional_epoch(t.acknowledge_deadline));
  s.bind(22, optional_epoch(t.closed_at));
  s.bind(23, t.lead_unit);
  s.bind(24, encode_units(t.co_units));
  s.bind(25, t.dispatch_count);
  s.bind(26, t.wrong_dispatch_count);
  s.bind(27, t.supervision_count);
  s.bind(28, t.redo_count);
  s.bind(29, t.reviewed);
  if (t.rating) s.bind(30, core::to_string(*t.rating));
  else s.bind_null(30);
  s.bind(31, optional_epoch(t.requested_deadline));
  s.bind(32, t.merged_into);
  s.bind(33, t.reply);
  s.bind(34, t.version);
  s.bind(35, t.created_by);
  s.bind(36, encode_co_handling(t.co_handling));
  s.bind(37, encode_units(t.forwarded_from));
  s.bind(38, t.needs_correction);
  s.bind(39, t.correction_reason);
  s.bind(40, optional_epoch(t.callback_due));
  s.bind(41, t.callback_attempts);
  s.bind(42, optional_epoch(t.next_callback_at));
  if (t.callback_result) s.bind(43, core::to_string(*t.callback_result));
  else s.bind_null(43);
  s.bind(44, t.intake_answer);
  s.bind(45, t.knowledge_article);
  if (t.intake_rating) s.bind(46, core::to_string(*t.intake_rating));
  else s.bind_null(46);
  s.bind(47, encode_ids(t.merged_from));
  s.bind(48, t.deadline_beyond_calendar);
  s.bind(49, encode_attachments(t.attachments));
}

core::Ticket read_ticket(const Statement& s) {
  core::Ticket t;
  t.id = s.column_int64(0);
  auto type = s.column_text(1);
  t.type = parse_or_throw(core::parse_ticket_type(type), type, "ticket type");
  auto channel = s.column_text(2);
  t.channel = parse_or_throw(core::parse_channel(channel), channel, "channel");
  t.caller.name = s.column_text(3);
  t.caller.phone = s.column_text(4);
  t.caller.confidential = s.column_int64(5) != 0;
  t.title = s.column_text(6);
  t.text = s.column_text(7);
  t.place.district = s.column_text(8);
  t.place.street = s.column_text(9);
  t.place.address = s.column_text(10);
  t.place.latitude = s.column_optional_double(11);
  t.place.longitude = s.column_optional_double(12);
  t.category = s.column_text(13);
  auto urgency = s.column_text(14);
  t.urgency = parse_or_throw(core::parse_urgency(urgency), urgency, "urgency");
  auto state = s.column_text(15);
  t.state = parse_or_throw(core::parse_ticket_state(state), state, "state");
  auto resume = s.column_text(16);
  t.resume_state = parse_or_throw(core::parse_ticket_state(resume), resume, "state");
  t.created_at = core::from_epoch(s.column_int64(17));
  t.updated_at = core::from_epoch(s.column_int64(18));
  t.deadline = core::from_epoch(s.column_int64(19));
  t.acknowledge_deadline = optional_time(s, 20);
  t.closed_at = optional_time(s, 21);
  t.lead_unit = s.column_text(22);
  t.co_units = decode_units(s.column_text(23));
  t.dispatch_count = static_cast<int>(s.column_int64(24));
  t.wrong_dispatch_count = static_cast<int>(s.column_int64(25));
  t.supervision_count = static_cast<int>(s.column_int64(26));
  t.redo_count = static_cast<int>(s.column_int64(27));
  t.reviewed = s.column_int64(28) != 0;
  if (!s.is_null(29)) {
    auto rating = s.column_text(29);
    t.rating = parse_or_throw(core::parse_rating(rating), rating, "rating");
  }
  t.requested_deadline = optional_time(s, 30);
  t.merged_into = s.column_optional_int64(31);
  t.reply = s.column_text(32);
  t.version = s.column_int64(33);
  t.created_by = s.column_int64(34);
  t.co_handling = decode_co_handling(s.column_text(35));
  t.forwarded_from = decode_units(s.column_text(36));
  t.needs_correction = s.column_int64(37) != 0;
  t.correction_reason = s.column_text(38);
  t.callback_due = optional_time(s, 39);
  t.callback_attempts = static_cast<int>(s.column_int64(40));
  t.next_callback_at = optional_time(s, 41);
  if (!s.is_null(42)) {
    auto result = s.column_text(42);
    t.callback_result = parse_or_throw(core::parse_callback_outcome(result), result, "callback result");
  }
  t.intake_answer = s.column_text(43);
  t.knowledge_article = s.column_text(44);
  if (!s.is_null(45)) {
    auto rating = s.column_text(45);
    t.intake_rating = parse_or_throw(core::parse_rating(rating), rating, "rating");
  }
  t.merged_from = decode_ids(s.column_text(46));
  t.deadline_beyond_calendar = s.column_int64(47) != 0;
  t.attachments = decode_attachments(s.column_text(48));
  return t;
}

void bind_event(Statement& s, const core::TicketEvent& e) {
  s.bind(1, e.ticket_id);
  s.bind(2, e.seq);
  s.bind(3, core::to_string(e.action));
  s.bind(4, e.actor_id);
  s.bind(5, e.actor);
  s.bind(6, core::to_string(e.role));
  s.bind(7, core::to_epoch(e.at));
  s.bind(8, e.reason);
  s.bind(9, encode_payload(e.payload));
}

core::TicketEvent read_event(const Statement& s) {
  core::TicketEvent e;
  e.ticket_id = s.column_int64(0);
  e.seq = s.column_int64(1);
  auto action = s.column_text(2);
  e.action = parse_or_throw(core::parse_action(action), action, "action");
  e.actor_id = s.column_int64(3);
  e.actor = s.column_text(4);
  auto role = s.column_text(5);
  e.role = parse_or_throw(core::parse_role(role), role, "role");
  e.at = core::from_epoch(s.column_int64(6));
  e.reason = s.column_text(7);
  e.payload = decode_payload(s.column_text(8));
  return e;
}

std::string encode_payload(const std::map<std::string, std::string>& payload) {
  boost::json::object object;
  for (const auto& [key, value] : payload) object[key] = value;
  return boost::json::serialize(object);
}

std::map<std::string, std::string> decode_payload(std::string_view json) {
  std::map<std::string, std::string> payload;
  auto value = parse_json(json);
  if (!value.is_object()) throw std::runtime_error("corrupt row: event payload is not a JSON object");
  for (const auto& [key, item] : value.as_object()) {
    if (!item.is_string()) throw std::runtime_error("corrupt row: event payload value is not a string");
    payload.emplace(std::string(key), std::string(item.as_string()));
  }
  return payload;
}

std::string encode_ids(const std::vector<core::TicketId>& ids) {
  if (ids.empty()) return "[]";
  boost::json::array array;
  for (auto id : ids) array.emplace_back(id);
  return boost::json::serialize(array);
}

std::vector<core::TicketId> decode_ids(std::string_view json) {
  std::vector<core::TicketId> ids;
  if (json == "[]") return ids;
  auto value = parse_json(json);
  if (!value.is_array()) throw std::runtime_error("corrupt row: merged_from is not a JSON array");
  for (const auto& item : value.as_array()) {
    if (!item.is_int64()) throw std::runtime_error("corrupt row: merged_from item is not an integer");
    ids.push_back(item.as_int64());
  }
  return ids;
}

std::string encode_units(const std::vector<core::UnitId>& units) {
  if (units.empty()) return "[]";
  boost::json::array array;
  for (const auto& unit : units) array.emplace_back(unit);
  return boost::json::serialize(array);
}

std::vector<core::UnitId> decode_units(std::string_view json) {
  std::vector<core::UnitId> units;
  if (json == "[]") return units;
  auto value = parse_json(json);
  if (!value.is_array()) throw std::runtime_error("corrupt row: co_units is not a JSON array");
  for (const auto& item : value.as_array()) {
    if (!item.is_string()) throw std::runtime_error("corrupt row: co_units item is not a string");
    units.emplace_back(item.as_string());
  }
  return units;
}

std::string encode_co_handling(const std::vector<core::CoHandling>& co_handling) {
  if (co_handling.empty()) return "[]";
  auto epoch_or_null = [](const std::optional<core::Timestamp>& t) -> boost::json::value {
    if (!t) return nullptr;
    return core::to_epoch(*t);
  };
  boost::json::array array;
  for (const auto& c : co_handling) {
    array.emplace_back(boost::json::object{{"unit", c.unit},
                                           {"acknowledged_at", epoch_or_null(c.acknowledged_at)},
                                           {"opinion", c.opinion},
                                           {"opinion_at", epoch_or_null(c.opinion_at)}});
  }
  return boost::json::serialize(array);
}

std::vector<core::CoHandling> decode_co_handling(std::string_view json) {
  std::vector<core::CoHandling> out;
  if (json == "[]") return out;
  auto value = parse_json(json);
  if (!value.is_array()) throw std::runtime_error("corrupt row: co_handling is not a JSON array");
  auto time = [](const boost::json::object& item, const char* key) -> std::optional<core::Timestamp> {
    auto it = item.find(key);
    if (it == item.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_int64()) throw std::runtime_error("corrupt row: co_handling time is not an integer");
    return core::from_epoch(it->value().as_int64());
  };
  auto text = [](const boost::json::object& item, const char* key) -> std::string {
    auto it = item.find(key);
    if (it == item.end()) return {};
    if (!it->value().is_string()) throw std::runtime_error("corrupt row: co_handling text is not a string");
    return std::string(it->value().as_string());
  };
  for (const auto& item : value.as_array()) {
    if (!item.is_object()) throw std::runtime_error("corrupt row: co_handling item is not an object");
    const auto& object = item.as_object();
    out.push_back(core::CoHandling{text(object, "unit"), time(object, "acknowledged_at"), text(object, "opinion"),
                                   time(object, "opinion_at")});
  }
  return out;
}

std::string encode_attachments(const std::vector<core::Attachment>& attachments) {
  if (attachments.empty()) return "[]";
  boost::json::array array;
  for (const auto& a : attachments) {
    array.emplace_back(boost::json::object{{"sha256", a.sha256},
                                           {"filename", a.filename},
                                           {"content_type", a.content_type},
                                           {"size", a.size},
                                           {"uploaded_by", a.uploaded_by},
                                           {"uploaded_at", core::to_epoch(a.uploaded_at)}});
  }
  return boost::json::serialize(array);
}

std::vector<core::Attachment> decode_attachments(std::string_view json) {
  std::vector<core::Attachment> out;
  if (json == "[]") return out;
  auto value = parse_json(json);
  if (!value.is_array()) throw std::runtime_error("corrupt row: attachments is not a JSON array");
  auto text = [](const boost::json::object& item, const char* key) -> std::string {
    const auto* found = item.if_contains(key);
    if (found == nullptr || !found->is_string()) throw std::runtime_error("corrupt row: attachment text is missing");
    return std::string(found->as_string());
  };
  auto number = [](const boost::json::object& item, const char* key) -> std::int64_t {
    const auto* found = item.if_contains(key);
    if (found == nullptr || !found->is_int64()) throw std::runtime_error("corrupt row: attachment number is missing");
    return found->as_int64();
  };
  for (const auto& item : value.as_array()) {
    if (!item.is_object()) throw std::runtime_error("corrupt row: attachments item is not an object");
    const auto& object = item.as_object();
    out.push_back(core::Attachment{text(object, "sha256"), text(object, "filename"), text(object, "content_type"),
                                   number(object, "size"), text(object, "uploaded_by"),
                                   core::from_epoch(number(object, "uploaded_at"))});
  }
  return out;
}

}  // namespace hotline::storage::sqlite
