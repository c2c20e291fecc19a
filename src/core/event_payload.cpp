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

PayloadMap encode(const ReplyData& d) {
  PayloadMap p{{"reply", d.reply}};
  if (!d.co_units_without_opinion.empty()) p["co_units_without_opinion"] = join_units(d.co_units_without_opinion);
  return p;
}
PayloadMap encode(const ReplyReviewData& d) {
  PayloadMap p{{"approved", flag(d.approved)}};
  if (d.callback_deadline) p["callback_deadline"] = epoch_text(*d.callback_deadline);
  return p;
}

PayloadMap encode(const CallbackData& d) {
  PayloadMap p;
  if (d.rating) p["rating"] = to_string(*d.rating);
  p["outcome"] = to_string(d.outcome);
  p["in_time"] = flag(d.in_time);
  if (d.attempt > 0) p["attempt"] = std::to_string(d.attempt);
  if (d.next_callback_at) p["next_callback_at"] = epoch_text(*d.next_callback_at);
  return p;
}

PayloadMap encode(const ResolveData& d) {
  PayloadMap p{{"answer", d.answer}};
  if (!d.knowledge_article.empty()) p["knowledge_article"] = d.knowledge_article;
  return p;
}

PayloadMap encode(const IntakeRatingData& d) { return {{"rating", std::string(to_string(d.rating))}}; }

PayloadMap encode(const AttachData& d) {
  return {{"sha256", d.sha256},
          {"filename", d.filename},
          {"content_type", d.content_type},
          {"size", std::to_string(d.size)}};
}

PayloadMap encode(const RedoData& d) {
  PayloadMap p{{"deadline", epoch_text(d.deadline)}, {"acknowledge_deadline", epoch_text(d.acknowledge_deadline)}};
  if (d.deadline_beyond_calendar) p["deadline_beyond_calendar"] = flag(true);
  return p;
}

PayloadMap encode(const MergeData& d) {
  PayloadMap p;
  if (d.merged_from != 0) p["merged_from"] = std::to_string(d.merged_from);
  else p["merge_into"] = std::to_string(d.merge_into);
  if (d.forced) p["forced"] = flag(true);
  return p;
}
PayloadMap encode(const std::monostate&) { return {}; }

PayloadMap encode(const ForwardData& d) {
  PayloadMap p{
      {"from_unit", d.from_unit}, {"to_unit", d.to_unit}, {"acknowledge_deadline", epoch_text(d.acknowledge_deadline)}};
  if (!d.note.empty()) p["note"] = d.note;
  return p;
}

PayloadMap encode(const RecallData& d) {
  return {{"lead_unit", d.lead_unit}, {"co_units", join_units(d.co_units)}};
}

PayloadMap encode(const CoUnitData& d) {
  PayloadMap p{{"unit", d.unit}};
  if (!d.opinion.empty()) p["opinion"] = d.opinion;
  return p;
}

PayloadMap encode(const CorrectionData& d) {
  PayloadMap p;
  for (const auto& [field, change] : d.changes) {
    p["before_" + field] = change.before;
    p["after_" + field] = change.after;
  }
  return p;
}

CorrectionData decode_correction(const PayloadMap& payload) {
  CorrectionData d;
  constexpr std::string_view kAfter = "after_";
  for (const auto& [key, value] : payload) {
    if (!key.starts_with(kAfter)) continue;
    std::string field = key.substr(kAfter.size());
    auto before = payload.find("before_" + field);
    d.changes[field] = FieldChange{before == payload.end() ? std::string{} : before->second, value};
  }
  return d;
}

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

void rewrite_free_text(TicketEvent& event, const std::function<std::string(std::string_view)>& rewrite) {
  event.reason = rewrite(event.reason);
  for (const char* key : {"title", "text", "address", "note", "reply", "opinion", "answer", "before_text", "after_text",
                          "before_address", "after_address", "filename"}) {
    auto it = event.payload.find(key);
    if (it != event.payload.end()) it->second = rewrite(it->second);
  }
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
      return ReplyData{r.text("reply"), split_units(r.text("co_units_without_opinion"))};
    case Action::forward:
      return ForwardData{r.text("from_unit"), r.text("to_unit"), r.time("acknowledge_deadline"), r.text("note")};
    case Action::recall:
      return RecallData{r.text("lead_unit"), split_units(r.text("co_units"))};
    case Action::co_acknowledge:
    case Action::co_opinion:
      return CoUnitData{r.text("unit"), r.text("opinion")};
    case Action::correct:
      return decode_correction(payload);
    case Action::review_reply: {
      ReplyReviewData d{r.flag("approved"), std::nullopt};
      if (r.has("callback_deadline")) d.callback_deadline = r.time("callback_deadline");
      return d;
    }
    case Action::callback: {
      // Events stored before outcomes existed hold only a rating: they were rated, in time.
      CallbackData d;
      d.rating = parse_rating(r.text("rating"));
      d.outcome = parse_callback_outcome(r.text("outcome")).value_or(CallbackOutcome::rated);
      d.in_time = !r.has("in_time") || r.flag("in_time");
      d.attempt = static_cast<int>(r.integer("attempt"));
      if (r.has("next_callback_at")) d.next_callback_at = r.time("next_callback_at");
      return d;
    }
    case Action::resolve_at_intake:
      return ResolveData{r.text("answer"), r.text("knowledge_article")};
    case Action::rate_intake:
      return IntakeRatingData{parse_rating(r.text("rating")).value_or(Rating::satisfied)};
    case Action::attach:
      return AttachData{r.text("sha256"), r.text("filename"), r.text("content_type"), r.integer("size")};
    case Action::redo:
      return RedoData{r.time("deadline"), r.time("acknowledge_deadline"), r.flag("deadline_beyond_calendar")};
    case Action::merge:
      return MergeData{r.integer("merge_into"), r.flag("forced"), r.integer("merged_from")};
    default:
      return std::monostate{};
  }
}

}  // namespace hotline::core
