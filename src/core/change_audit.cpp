#include "core/change_audit.hpp"

#include <cstdio>

namespace hotline::core {

std::string json_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string unit_json(const Unit& unit) {
  return "{\"id\":" + json_quote(unit.id) + ",\"parent_id\":" + json_quote(unit.parent_id) +
         ",\"kind\":" + json_quote(std::string(to_string(unit.kind))) + ",\"name\":" + json_quote(unit.name) +
         ",\"active\":" + (unit.active ? "true" : "false") + "}";
}

std::string calendar_days_json(const std::vector<CalendarDay>& days) {
  std::string out = "[";
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"date\":" + json_quote(format_date(days[i].date)) +
           ",\"off_day\":" + (days[i].off_day ? "true" : "false") + ",\"name\":" + json_quote(days[i].name) + "}";
  }
  return out + "]";
}

std::string dispatch_rule_json(const DispatchRule& rule) {
  std::string co = "[";
  for (std::size_t i = 0; i < rule.co_units.size(); ++i) co += (i > 0 ? "," : "") + json_quote(rule.co_units[i]);
  co += "]";
  return "{\"id\":" + json_quote(rule.id) + ",\"category\":" + json_quote(rule.category) +
         ",\"district\":" + json_quote(rule.district) + ",\"street\":" + json_quote(rule.street) +
         ",\"lead_unit\":" + json_quote(rule.lead_unit) + ",\"co_units\":" + co +
         ",\"place_co_handles\":" + (rule.place_co_handles ? "true" : "false") + ",\"note\":" + json_quote(rule.note) +
         "}";
}

std::string category_node_json(const std::string& path, bool retired) {
  return "{\"path\":" + json_quote(path) + ",\"retired\":" + (retired ? "true" : "false") + "}";
}

Result<void> record_change(AuditRepository& audit, const Clock& clock, const Actor& actor, const std::string& action,
                           const std::string& subject, const std::string& before, const std::string& after) {
  AuditEntry entry;
  entry.at = clock.now();
  entry.actor_id = actor.user_id;
  entry.actor = actor.username;
  entry.role = actor.role;
  entry.action = action;
  entry.subject = subject;
  entry.before = before;
  entry.after = after;
  auto stored = audit.append(entry);
  if (!stored) return stored.error();
  return {};
}

}  // namespace hotline::core
