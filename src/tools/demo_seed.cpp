#include "tools/demo_seed.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

#include "wire/csv_reader.hpp"

namespace hotline::tools {
namespace {

using core::Action;
using core::Role;
using core::TicketState;
using core::Timestamp;

// Category (first level) -> the city department a ticket of that kind usually goes to.
const std::map<std::string, core::UnitId>& department_for_category() {
  static const std::map<std::string, core::UnitId> map{
      {"城乡建设", "dept-zjj"},   {"教育文体", "dept-edu"},  {"劳动和社会保障", "dept-rsj"},
      {"卫生计生", "dept-wjw"},   {"交通运输", "dept-jtj"},  {"商贸旅游", "dept-swuj"},
      {"环境保护", "dept-sthj"},
  };
  return map;
}

constexpr const char* kSurnames[] = {"陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "何", "郑", "谢", "冯", "邓"};

// Drives one ticket through the lifecycle, recording events. Each step advances time; a step
// that the rules refuse (e.g. past `now`) ends the walk.
class TicketWalk {
 public:
  TicketWalk(const core::WorkflowContext& ctx, Timestamp start, Timestamp now, std::mt19937& rng)
      : ctx_(ctx), time_(start), now_(now), rng_(rng) {}

  bool begin(const core::NewTicket& ticket, const core::Actor& agent) {
    auto event = core::decide_register(ticket, agent, time_, ctx_);
    if (!event) return false;
    record(*event);
    return true;
  }

  // Applies `request` after `min_minutes`..`max_minutes`; false if refused or past now.
  bool step(const core::ActionRequest& request, const core::Actor& actor, int min_minutes, int max_minutes) {
    std::uniform_int_distribution<int> minutes(min_minutes, max_minutes);
    Timestamp at = time_ + std::chrono::minutes{minutes(rng_)};
    if (at > now_) return false;
    auto event = core::decide(ticket_, request, actor, at, ctx_);
    if (!event) return false;
    time_ = at;
    record(*event);
    return true;
  }

  const core::Ticket& ticket() const { return ticket_; }
  core::ImportedTicket take() { return core::ImportedTicket{ticket_, std::move(events_)}; }

 private:
  void record(const core::TicketEvent& event) {
    core::apply(ticket_, event);
    events_.push_back(event);
  }

  const core::WorkflowContext& ctx_;
  Timestamp time_;
  Timestamp now_;
  std::mt19937& rng_;
  core::Ticket ticket_;
  std::vector<core::TicketEvent> events_;
};

core::ActionRequest request(Action action, std::string reason = {}) {
  core::ActionRequest r;
  r.action = action;
  r.reason = std::move(reason);
  return r;
}

}  // namespace

std::vector<DemoMessage> read_demo_messages(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  wire::CsvReader reader(in);
  std::vector<std::string> fields;
  if (!reader.next(fields) || fields.size() < 7 || fields[2] != "title")
    throw std::runtime_error(path + ": expected header source,source_id,title,text,category,created_at,reply");
  std::vector<DemoMessage> out;
  while (reader.next(fields)) {
    if (fields.size() < 7) throw std::runtime_error(path + ":" + std::to_string(reader.line()) + ": too few fields");
    out.push_back(DemoMessage{fields[2], fields[3], fields[4], fields[6]});
  }
  if (out.empty()) throw std::runtime_error(path + ": no messages");
  return out;
}

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts{
      {"agent", Role::agent, "", "话务员 小陈"},
      {"dispatcher", Role::dispatcher, "", "派单员 小李"},
      {"callback", Role::callback_agent, "", "回访员 小黄"},
      {"supervisor", Role::supervisor, "", "督办员 小张"},
      {"manager", Role::manager, "", "管理者 老梁"},
      {"admin", Role::admin, "", "系统管理员"},
      {"tianhe", Role::unit_handler, "440106", "天河区承办员"},
      {"yuexiu", Role::unit_handler, "440104", "越秀区承办员"},
      {"housing", Role::unit_handler, "dept-zjj", "市住建局承办员"},
  };
  return accounts;
}

std::vector<core::ImportedTicket> build_demo_tickets(const std::vector<DemoMessage>& messages,
                                                     const core::ReferenceSnapshot& reference,
                                                     const core::DeadlinePolicy& policy, const DemoActors& actors,
                                                     const DemoOptions& options) {
  if (messages.empty()) throw std::runtime_error("no demo messages");
  std::mt19937 rng(options.seed);
  core::WorkflowContext ctx{reference.calendar, policy, reference.units, reference.taxonomy};

  std::vector<const core::Unit*> districts;
  std::map<core::UnitId, std::vector<const core::Unit*>> streets;
  for (const auto& unit : reference.units.units()) {
    if (unit.kind == core::UnitKind::district) districts.push_back(&unit);
    if (unit.kind == core::UnitKind::street) streets[unit.parent_id].push_back(&unit);
  }
  if (districts.empty()) throw std::runtime_error("demo needs the district units loaded first");
  const auto& agent = actors.by_role.at(Role::agent);
  const auto& dispatcher = actors.by_role.at(Role::dispatcher);
  const auto& callback = actors.by_role.at(Role::callback_agent);
  const auto& supervisor = actors.by_role.at(Role::supervisor);
  const auto& manager = actors.by_role.at(Role::manager);

  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  // Ticket type mix of a city hotline: mostly inquiries and complaints.
  std::discrete_distribution<int> type_mix({40, 15, 25, 5, 10, 5});
  std::discrete_distribution<int> channel_mix({60, 12, 14, 8, 3, 1, 1, 0, 1});
  std::discrete_distribution<int> rating_mix({45, 35, 12, 8});

  std::vector<core::ImportedTicket> out;
  out.reserve(static_cast<std::size_t>(options.ticket_count));
  const auto spread = std::chrono::duration_cast<std::chrono::minutes>(std::chrono::days{options.spread_days});
  for (int i = 0; i < options.ticket_count; ++i) {
    const long long index = options.first_index + i;
    const long long total = options.total > 0 ? options.total : options.ticket_count;
    const auto& message = messages[static_cast<std::size_t>(index) % messages.size()];
    // Older tickets first, so ids grow with time like a real hotline's.
    Timestamp start = options.now - spread + spread * index / std::max(1LL, total) + std::chrono::minutes{pick(30)};
    core::NewTicket nt;
    nt.type = static_cast<core::TicketType>(type_mix(rng));
    nt.channel = static_cast<core::Channel>(channel_mix(rng));
    nt.title = message.title;
    nt.text = message.text;
    nt.category = message.category;
    nt.urgency = chance(0.03) ? core::Urgency::urgent : core::Urgency::normal;
    nt.caller.name = std::string(kSurnames[pick(14)]) + (chance(0.5) ? "先生" : "女士");
    nt.caller.phone = "13" + std::to_string(100000000 + pick(899999999));
    nt.caller.confidential = chance(0.05);
    const core::Unit* district = districts[static_cast<std::size_t>(pick(static_cast<int>(districts.size())))];
    nt.place.district = district->id;
    const auto& district_streets = streets[district->id];
    const core::Unit* street =
        district_streets.empty() ? nullptr
                                 : district_streets[static_cast<std::size_t>(pick(static_cast<int>(district_streets.size())))];
    if (street != nullptr) {
      nt.place.street = street->id;
      nt.place.address = district->name + street->name;
    }

    TicketWalk walk(ctx, start, options.now, rng);
    if (!walk.begin(nt, agent)) continue;
    bool inquiry = nt.type == core::TicketType::inquiry;
    if (inquiry && chance(0.75)) {
      auto resolve = request(Action::resolve_at_intake);
      resolve.answer = "已按政策口径当场答复市民";
      if (walk.step(resolve, agent, 3, 15)) walk.step(request(Action::close), agent, 1, 5);
      out.push_back(walk.take());
      continue;
    }
    if (!walk.step(request(Action::submit), agent, 2, 20)) {
      out.push_back(walk.take());
      continue;
    }
    auto review = request(Action::review);
    review.approve = true;
    walk.step(review, dispatcher, 5, 60);

    // Lead unit: the department for the category, or the street/district of the place.
    auto dept = department_for_category().find(message.category);
    core::ActionRequest dispatch = request(Action::dispatch);
    if (dept != department_for_category().end() && chance(0.35)) {
      dispatch.lead_unit = dept->second;
      dispatch.co_units = {district->id};
    } else {
      dispatch.lead_unit = street != nullptr && chance(0.6) ? street->id : district->id;
    }
    if (!walk.step(dispatch, dispatcher, 10, 240)) {
      out.push_back(walk.take());
      continue;
    }
    auto lead_handler = [&]() {
      core::Actor handler{0, "unit-handler", Role::unit_handler, walk.ticket().lead_unit};
      for (const auto& [unit, actor] : actors.handlers) {
        if (reference.units.is_within(walk.ticket().lead_unit, unit)) return actor;
      }
      return handler;
    };
    // A few dispatches are returned; most returns are upheld and the ticket is sent elsewhere.
    if (chance(0.04)) {
      if (walk.step(request(Action::request_return, "不属于本单位职责范围"), lead_handler(), 30, 600)) {
        if (chance(0.7)) {
          walk.step(request(Action::uphold_return), dispatcher, 10, 120);
          core::ActionRequest redispatch = request(Action::dispatch);
          redispatch.lead_unit = district->id;
          if (!walk.step(redispatch, dispatcher, 10, 120)) {
            out.push_back(walk.take());
            continue;
          }
        } else {
          walk.step(request(Action::reject_return, "经核实属该单位职责"), dispatcher, 10, 120);
        }
      }
    }
    if (!walk.step(request(Action::acknowledge), lead_handler(), 10, 900)) {
      out.push_back(walk.take());
      continue;
    }
    core::ActionRequest handle = request(Action::handle);
    handle.note = "已安排工作人员现场核查";
    walk.step(handle, lead_handler(), 60, 2880);
    // Co-handling units (协办) sign for their part and give their opinion before the lead replies.
    const std::vector<core::UnitId> co_units = walk.ticket().co_units;
    for (const auto& co_unit : co_units) {
      core::Actor co_handler{0, "unit-handler", Role::unit_handler, co_unit};
      for (const auto& [unit, actor] : actors.handlers) {
        if (reference.units.is_within(co_unit, unit)) {
          co_handler = actor;
          break;
        }
      }
      core::ActionRequest co_ack = request(Action::co_acknowledge);
      co_ack.unit = co_unit;
      if (!walk.step(co_ack, co_handler, 30, 1440)) continue;
      core::ActionRequest opinion = request(Action::co_opinion);
      opinion.unit = co_unit;
      opinion.opinion = "已配合核查，同意主办单位处理意见。";
      walk.step(opinion, co_handler, 60, 2880);
    }
    if (chance(0.06)) {
      core::ActionRequest ext = request(Action::request_extension, "需协调多个部门，申请延期");
      ext.extension_days = 5;
      if (walk.step(ext, lead_handler(), 60, 1440))
        walk.step(request(chance(0.8) ? Action::approve_extension : Action::reject_extension, "同意"), supervisor,
                  30, 600);
    }
    if (walk.ticket().overdue_at(options.now) && chance(0.5)) {
      core::ActionRequest notice = request(Action::supervise, "已超期，请加快办理");
      walk.step(notice, supervisor, 10, 60);
    }
    core::ActionRequest reply = request(Action::reply);
    reply.reply = message.reply.empty() ? "经核查，已按规定处理并答复市民。" : message.reply;
    if (!walk.step(reply, lead_handler(), 240, 7200)) {
      out.push_back(walk.take());
      continue;
    }
    if (!walk.step(request(Action::review_reply), dispatcher, 30, 600)) {
      out.push_back(walk.take());
      continue;
    }
    core::ActionRequest cb = request(Action::callback);
    cb.rating = static_cast<core::Rating>(rating_mix(rng));
    if (cb.rating == core::Rating::dissatisfied) cb.reason = "市民认为问题未解决";
    if (!walk.step(cb, callback, 60, 2880)) {
      out.push_back(walk.take());
      continue;
    }
    if (walk.ticket().rating == core::Rating::dissatisfied && chance(0.5)) {
      walk.step(request(Action::redo, "市民对处理结果不满意，重新办理"), callback, 30, 240);
    } else if (chance(0.5)) {
      walk.step(request(Action::archive), manager, 60, 4320);
    }
    out.push_back(walk.take());
  }
  return out;
}

}  // namespace hotline::tools
