#include "core/workflow_checks.hpp"

#include <algorithm>
#include <charconv>

namespace hotline::core {

bool is_blank(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    if (i + length > text.size()) return false;
    char32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const bool space = code == 0x20 || (code >= 0x09 && code <= 0x0D) || code == 0x85 || code == 0xA0 ||
                       code == 0x1680 || (code >= 0x2000 && code <= 0x200B) || code == 0x2028 || code == 0x2029 ||
                       code == 0x202F || code == 0x205F || code == 0x3000 || code == 0xFEFF;
    if (!space) return false;
    i += length;
  }
  return true;
}

bool co_unit_within(const Ticket& ticket, const Actor& actor, const UnitTree& units) {
  return std::any_of(ticket.co_handling.begin(), ticket.co_handling.end(),
                     [&](const CoHandling& c) { return units.is_within(c.unit, actor.unit_id); });
}

std::string unit_list_text(const std::vector<UnitId>& units) {
  std::string out;
  for (const auto& unit : units) out += (out.empty() ? "" : ", ") + unit;
  return out;
}

// The place's district and street as units of the right kind, the street inside the district.
Result<void> check_place_units(const UnitId& district, const UnitId& street, const UnitTree& units) {
  if (!district.empty()) {
    const Unit* d = units.find(district);
    if (d == nullptr || d->kind != UnitKind::district)
      return fail(ErrorCode::invalid_argument, "unknown district: " + district, "place.district");
  }
  if (!street.empty()) {
    const Unit* s = units.find(street);
    if (s == nullptr || s->kind != UnitKind::street)
      return fail(ErrorCode::invalid_argument, "unknown street: " + street, "place.street");
    if (!district.empty() && s->parent_id != district)
      return fail(ErrorCode::invalid_argument, "street is not in the given district", "place.street");
  }
  return {};
}

// The co-handling entry a unit handler acts for: the one named in `unit`, or the only one in the
// actor's subtree. The caller has checked that at least one is.
Result<std::size_t> pick_co_unit(const Ticket& ticket, const ActionRequest& request, const Actor& actor,
                                 const UnitTree& units) {
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < ticket.co_handling.size(); ++i) {
    const auto& unit = ticket.co_handling[i].unit;
    if (!request.unit.empty() && unit == request.unit) {
      if (!units.is_within(unit, actor.unit_id))
        return fail(ErrorCode::forbidden, "co-handling unit " + unit + " is not your unit");
      return i;
    }
    if (units.is_within(unit, actor.unit_id)) mine.push_back(i);
  }
  if (!request.unit.empty())
    return fail(ErrorCode::invalid_argument, "not a co-handling unit of this ticket: " + request.unit, "unit");
  if (mine.size() != 1)
    return fail(ErrorCode::invalid_argument, "several co-handling units are in your unit: name the one you act for",
                "unit");
  return mine.front();
}

// The target of a forward (层级转派): a unit strictly below the current lead unit.
Result<ForwardData> check_forward(const Ticket& ticket, const ActionRequest& request, Timestamp now,
                                  const WorkflowContext& ctx) {
  if (request.unit.empty()) return fail(ErrorCode::invalid_argument, "the sub-unit to forward to is required", "unit");
  const Unit* target = ctx.units.find(request.unit);
  if (target == nullptr) return fail(ErrorCode::invalid_argument, "unknown unit: " + request.unit, "unit");
  if (request.unit == ticket.lead_unit || !ctx.units.is_within(request.unit, ticket.lead_unit))
    return fail(ErrorCode::invalid_argument,
                "can only forward to a sub-unit of the lead unit " + ticket.lead_unit + ": " + request.unit, "unit");
  if (!target->active) return fail(ErrorCode::invalid_argument, "unit is inactive: " + request.unit, "unit");
  if (std::find(ticket.co_units.begin(), ticket.co_units.end(), request.unit) != ticket.co_units.end())
    return fail(ErrorCode::invalid_argument, "unit already co-handles this ticket: " + request.unit, "unit");
  if (request.note.size() > kMaxTicketText) return fail(ErrorCode::invalid_argument, "note is too long", "note");
  return ForwardData{ticket.lead_unit, request.unit,
                     ctx.calendar.add_working_days(now, ctx.policy.acknowledge_working_days), request.note};
}

// The changes a correction makes, checked as registration checks them; the deadline follows a
// new type or urgency, counted from the registration.
Result<CorrectionData> check_correction(const Ticket& ticket, const TicketCorrection& c, const WorkflowContext& ctx) {
  CorrectionData data;
  auto change = [&](const char* field, const std::string& before, const std::string& after) {
    if (before != after) data.changes[field] = FieldChange{before, after};
  };
  if (!c.text_addition.empty()) {
    if (is_blank(c.text_addition))
      return fail(ErrorCode::invalid_argument, "text_addition must not be blank", "text_addition");
    std::string text = ticket.text.empty() ? c.text_addition : ticket.text + "\n" + c.text_addition;
    if (text.size() > kMaxTicketText) return fail(ErrorCode::invalid_argument, "text is too long", "text_addition");
    change("text", ticket.text, text);
  }
  if (c.district || c.street) {
    UnitId district = c.district.value_or(ticket.place.district);
    UnitId street = c.street.value_or(ticket.place.street);
    if (auto ok = check_place_units(district, street, ctx.units); !ok) return ok.error();
    change("district", ticket.place.district, district);
    change("street", ticket.place.street, street);
  }
  if (c.address) {
    if (c.address->size() > 500) return fail(ErrorCode::invalid_argument, "address is too long", "place.address");
    change("address", ticket.place.address, *c.address);
  }
  if (c.category) {
    if (auto ok = check_category(ctx.categories, *c.category, "category"); !ok) return ok.error();
    change("category", ticket.category, *c.category);
  }
  TicketType type = c.type.value_or(ticket.type);
  Urgency urgency = c.urgency.value_or(ticket.urgency);
  change("type", std::string(to_string(ticket.type)), std::string(to_string(type)));
  change("urgency", std::string(to_string(ticket.urgency)), std::string(to_string(urgency)));
  if (type != ticket.type || urgency != ticket.urgency) {
    Timestamp deadline = handling_deadline(ctx.calendar, ctx.policy, type, urgency, ticket.created_at);
    change("deadline", std::to_string(to_epoch(ticket.deadline)), std::to_string(to_epoch(deadline)));
  }
  if (data.changes.empty())
    return fail(ErrorCode::invalid_argument,
                "nothing to correct: give text_addition, place, category, type or urgency that differ");
  return data;
}

// Sets one corrected field from its text form (see CorrectionData).
void apply_correction(Ticket& t, const std::string& field, const std::string& value) {
  if (field == "text")
    t.text = value;
  else if (field == "district")
    t.place.district = value;
  else if (field == "street")
    t.place.street = value;
  else if (field == "address")
    t.place.address = value;
  else if (field == "category")
    t.category = value;
  else if (field == "type")
    t.type = parse_ticket_type(value).value_or(t.type);
  else if (field == "urgency")
    t.urgency = parse_urgency(value).value_or(t.urgency);
  else if (field == "deadline") {
    std::int64_t epoch = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), epoch);
    if (ec == std::errc{} && end == value.data() + value.size()) t.deadline = from_epoch(epoch);
  }
}

CoHandling* co_entry(Ticket& t, const UnitId& unit) {
  for (auto& c : t.co_handling)
    if (c.unit == unit) return &c;
  return nullptr;
}

std::vector<CoHandling> fresh_co_handling(const std::vector<UnitId>& co_units) {
  std::vector<CoHandling> out;
  for (const auto& unit : co_units) out.push_back(CoHandling{unit, std::nullopt, {}, std::nullopt});
  return out;
}

}  // namespace hotline::core
