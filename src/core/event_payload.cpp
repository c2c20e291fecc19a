#include "core/event_payload.hpp"

#include <charconv>
#include <cstdlib>
#include <type_traits>

namespace hotline::core {
namespace {

std::string epoch_text(Timestamp t) { return std::to_string(to_epoch(t)); }
std::string flag(bool value) { return value ? "1" : "0"; }

std::string join_units(const std::vector<UnitId>& units) {
  std::string out;
  for (const auto& unit : units) {
    if (!out.empty()) out += ',';
    out += unit;
  }
  return out;
}

std::vector<UnitId> split_units(const std::string& text) {
  std::vector<UnitId> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Reads the keys of one stored payload, leniently (see the header).
class Reader {
 public:
  explicit Reader(const PayloadMap& payload) : payload_(payload) {}

  const std::string& text(const std::string& key) const {
    static const std::string empty;
    auto it = payload_.find(key);
    return it == payload_.end() ? empty : it->second;
  }
  bool has(const std::string& key) const { return !text(key).empty(); }
  std::int64_t integer(const std::string& key) const {
    const auto& value = text(key);
    std::int64_t out = 0;
    std::from_chars(value.data(), value.data() + value.size(), out);
    return out;
  }
  Timestamp time(const std::string& key) const { return from_epoch(integer(key)); }
  bool flag(const std::string& key) const { return text(key) == "1"; }
  std::optional<double> number(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return std::strtod(text(key).c_str(), nullptr);
  }

 private:
  const PayloadMap& payload_;
};

PayloadMap encode(const RegisterData& d) {
  PayloadMap p;
  p["type"] = to_string(d.type);
  p["channel"] = to_string(d.channel);
  p["caller_name"] = d.caller.name;
  p["caller_phone"] = d.caller.phone;
  p["confidential"] = flag(d.caller.confidential);
  p["title"] = d.title;
  p["text"] = d.text;
  p["district"] = d.place.district;
  p["street"] = d.place.street;
  p["address"] = d.place.address;
  if (d.place.latitude) p["latitude"] = std::to_string(*d.place.latitude);
  if (d.place.longitude) p["longitude"] = std::to_string(*d.place.longitude);
  p["category"] = d.category;
  p["urgency"] = to_string(d.urgency);
  p["deadline"] = epoch_text(d.deadline);
  if (d.deadline_beyond_calendar) p["deadline_beyond_calendar"] = flag(true);
  return p;
}

PayloadMap encode(const ReviewData& d) {
  PayloadMap p{{"approved", flag(d.approved)}};
  if (!d.category.empty()) p["category"] = d.category;
  return p;
}

PayloadMap encode(const DispatchData& d) {
  return {{"lead_unit", d.lead_unit},
          {"co_units", join_units(d.co_units)},
          {"acknowledge_deadline", epoch_text(d.acknowledge_deadline)}};
}

PayloadMap encode(const NoteData& d) { return {{"note", d.note}}; }

PayloadMap encode(const ExtensionRequestData& d) {
  return {{"requested_deadline", epoch_text(d.requested_deadline)}, {"extension_days", std::to_string(d.extension_days)}};
}

PayloadMap encode(const ExtensionApprovalData& d) {
  if (!d.deadline) return {};
  PayloadMap p{{"deadline", epoch_text(*d.deadline)}};
  if (d.deadline_beyond_calendar) p["deadline_beyond_calendar"] = flag(true);
  return p;
}

PayloadMap encode(const ReplyData& d) { return {{"reply", d.reply}}; }
PayloadMap encode(const ReplyReviewData& d) { return {{"approved", flag(d.approved)}}; }

PayloadMap encode(const CallbackData& d) {
  if (!d.rating) return {};
  return {{"rating", std::string(to_string(*d.rating))}};
}

PayloadMap encode(const RedoData& d) {
  PayloadMap p{{"deadline", epoch_text(d.deadline)}, {"acknowledge_deadline", epoch_text(d.acknowledge_deadline)}};
  if (d.deadline_beyond_calendar) p["deadline_beyond_calendar"] = flag(true);
  return p;
}

PayloadMap encode(const MergeData& d) { return {{"merge_into", std::to_string(d.merge_into)}}; }
PayloadMap encode(const std::monostate&) { return {}; }

}  // namespace

PayloadMap encode_payload(const EventData& data) {
  return std::visit([](const auto& typed) { return encode(typed); }, data);
}

void rewrite_caller(TicketEvent& event, const std::function<void(Caller&)>& rewrite) {
  if (event.action != Action::register_ticket) return;
  const Reader r(event.payload);
  Caller caller{r.text("caller_name"), r.text("caller_phone"), r.flag("confidential")};
  rewrite(caller);
  event.payload["caller_name"] = caller.name;
  event.payload["caller_phone"] = caller.phone;
  if (caller.confidential || event.payload.contains("confidential")) event.payload["confidential"] = flag(caller.confidential);
}

EventData decode_payload(Action action, const PayloadMap& payload) {
  const Reader r(payload);
  switch (action) {
    case Action::register_ticket: {
      RegisterData d;
      d.type = parse_ticket_type(r.text("type")).value_or(TicketType::inquiry);
      d.channel = parse_channel(r.text("channel")).value_or(Channel::phone);
      d.caller = Caller{r.text("caller_name"), r.text("caller_phone"), r.flag("confidential")};
      d.title = r.text("title");
      d.text = r.text("text");
      d.place.district = r.text("district");
      d.place.street = r.text("street");
      d.place.address = r.text("address");
      d.place.latitude = r.number("latitude");
      d.place.longitude = r.number("longitude");
      d.category = r.text("category");
      d.urgency = parse_urgency(r.text("urgency")).value_or(Urgency::normal);
      d.deadline = r.time("deadline");
      d.deadline_beyond_calendar = r.flag("deadline_beyond_calendar");
      return d;
    }
    case Action::review:
      return ReviewData{r.flag("approved"), r.text("category")};
    case Action::dispatch:
      return DispatchData{r.text("lead_unit"), split_units(r.text("co_units")), r.time("acknowledge_deadline")};
    case Action::handle:
    case Action::supervise:
      return NoteData{r.text("note")};
    case Action::request_extension:
      return ExtensionRequestData{r.time("requested_deadline"), static_cast<int>(r.integer("extension_days"))};
    case Action::approve_extension: {
      ExtensionApprovalData d;
      if (r.has("deadline")) d.deadline = r.time("deadline");
      d.deadline_beyond_calendar = r.flag("deadline_beyond_calendar");
      return d;
    }
    case Action::reply:
      return ReplyData{r.text("reply")};
    case Action::review_reply:
      return ReplyReviewData{r.flag("approved")};
    case Action::callback:
      return CallbackData{parse_rating(r.text("rating"))};
    case Action::redo:
      return RedoData{r.time("deadline"), r.time("acknowledge_deadline"), r.flag("deadline_beyond_calendar")};
    case Action::merge:
      return MergeData{r.integer("merge_into")};
    default:
      return std::monostate{};
  }
}

}  // namespace hotline::core
