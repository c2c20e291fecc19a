#include "tools/demo_seed.hpp"

#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include "wire/csv_reader.hpp"

namespace hotline::tools {
namespace {

// The `index`-th message of `count` in an order that visits every one once per `count` tickets:
// a multiplicative stride by a prime, which is coprime with any count it does not divide.
std::size_t spread_index(std::size_t index, std::size_t count) {
  constexpr std::size_t kStride = 7919;
  const std::size_t stride = count % kStride == 0 ? 1 : kStride;
  return (index % count) * stride % count;
}

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

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Praise calls written by the team (the message set holds none): {d} the district, {s} the street.
struct PraiseTemplate {
  const char* title;  // {d} district, {s} street
  const char* text;
};
constexpr PraiseTemplate kPraise[] = {
    {"表扬{s}工作人员及时修复路灯",
     "我住在{d}{s}，上周小区门口的路灯坏了，晚上出行很不方便。打12345反映后，第二天街道就安排人员修好了，"
     "回访也很及时。特此表扬{s}的工作人员，感谢你们的高效服务！"},
    {"感谢{s}社区工作人员上门服务",
     "我家老人行动不便，需要办理社保卡。{d}{s}社区的工作人员得知后主动上门帮忙采集信息、代办手续，"
     "全程耐心细致。希望12345转达我们全家的感谢，并对他们提出表扬。"},
    {"表扬{d}城管及时清理垃圾堆放点",
     "之前反映{d}{s}路边垃圾堆放、气味很大的问题，城管和环卫部门很快清理干净，还增加了清运次数，"
     "现在环境整洁多了。特此来电表扬，感谢相关部门的辛勤付出。"},
    {"表扬{s}政务服务窗口一次办好",
     "孩子办理入学材料时有几份证明不齐，{d}{s}政务服务中心窗口的工作人员耐心讲解、帮我们联系开具，"
     "当天就一次办好了。服务热情周到，值得表扬！"},
    {"感谢{s}连夜组织排水",
     "前几天暴雨，{d}{s}我们小区地下车库进水。街道和社区组织人员连夜排水、疏通管道，第二天一早就恢复通行。"
     "特此表扬他们不辞辛苦、为民办实事。"},
    {"表扬{d}派出所民警帮助寻回走失老人",
     "我父亲有阿尔茨海默病，在{d}{s}附近走失。{d}派出所民警和社区志愿者连续寻找几个小时，当晚就把老人平安送回家。"
     "非常感谢，请12345转达我们的谢意并给予表扬。"},
    {"表扬{s}及时处理夜间施工噪音",
     "上个月反映{d}{s}附近工地夜间施工噪音扰民，相关部门很快到场核查并督促整改，现在晚上十点后已经停工。"
     "处理及时、反馈清楚，特此表扬。"},
    {"点赞{d}{s}便民服务",
     "{d}{s}的工作人员在办理居住证时主动延时服务，还帮我核对材料、讲清楚后续流程。这样的服务让外来务工人员"
     "很暖心，特来表扬。"},
};

std::string fill(std::string_view pattern, const std::string& district, const std::string& street) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.substr(i, 3) == "{d}") {
      out += district;
      i += 3;
    } else if (pattern.substr(i, 3) == "{s}") {
      out += street;
      i += 3;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

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

std::string localise_places(std::string_view text, const std::string& district, const std::vector<std::string>& others,
                            std::map<std::string, std::string>& mapping) {
  static constexpr std::string_view kCity = "市";
  static constexpr std::string_view kDistrict = "区";
  static constexpr std::string_view kCounty = "县";
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    // A token starts at a capital letter that does not continue a Latin word ("BoBo", "GDP"); a
    // digit before it may be a list number ("1C5市路").
    bool starts = is_upper(text[i]) && (i == 0 || !(is_upper(text[i - 1]) || (text[i - 1] >= 'a' && text[i - 1] <= 'z')));
    if (starts) {
      std::size_t j = i + 1;
      while (j < text.size() && is_digit(text[j])) ++j;
      std::string_view suffix = text.substr(j, 3);
      bool numbered = j > i + 1;
      bool city = suffix == kCity && !numbered;
      bool local = (numbered && (suffix == kDistrict || suffix == kCounty || suffix == kCity)) ||
                   (!numbered && text[i] == 'A' && suffix == kDistrict);
      if (city) {
        out += "广州市";
        i = j + 3;
        continue;
      }
      if (local) {
        std::string token{text.substr(i, j + 3 - i)};
        auto found = mapping.find(token);
        if (found == mapping.end()) {
          std::string name = district;
          if (!mapping.empty() && !others.empty()) name = others[(mapping.size() - 1) % others.size()];
          found = mapping.emplace(token, name).first;
        }
        out += found->second;
        i = j + 3;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

namespace {

// The length in bytes of a town or street name starting at `at` (1-4 CJK characters, then 镇, 乡
// or 街道), or 0. The shortest such name, so "星沙镇泉塘街道" is two names.
std::size_t town_name_length(std::string_view text, std::size_t at) {
  auto is_cjk = [&](std::size_t i) {
    return i + 3 <= text.size() && static_cast<unsigned char>(text[i]) >= 0xE4 &&
           static_cast<unsigned char>(text[i]) <= 0xE9;
  };
  std::size_t i = at;
  for (int chars = 0; chars < 4 && is_cjk(i); ++chars) {
    i += 3;
    std::string_view rest = text.substr(i);
    if (rest.starts_with("镇") || rest.starts_with("乡")) return i + 3 - at;
    if (rest.starts_with("街道")) return i + 6 - at;
  }
  return 0;
}

}  // namespace

std::string localise_towns(std::string_view text, std::string_view district, std::string_view street) {
  if (district.empty() || street.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto found = text.find(district, i);
    if (found == std::string_view::npos) break;
    std::size_t after = found + district.size();
    out.append(text.substr(i, after - i));
    std::size_t end = after;
    while (std::size_t n = town_name_length(text, end)) end += n;
    if (end > after) out.append(street);
    i = end;
  }
  out.append(text.substr(i));
  return out;
}

PraiseText praise_text(const std::string& district, const std::string& street, int variant) {
  constexpr int kCount = static_cast<int>(std::size(kPraise));
  const auto& t = kPraise[((variant % kCount) + kCount) % kCount];
  std::string place_street = street.empty() ? district : street;
  return {fill(t.title, district, place_street), fill(t.text, district, place_street)};
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
    // A stride through the messages, so every stretch of days mixes their sources (the file holds
    // one source's labelled messages, then another's unlabelled ones: cycling in order would give
    // the newest fortnight no category at all).
    const auto& message = messages[spread_index(static_cast<std::size_t>(index), messages.size())];
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
    const auto district_index = static_cast<std::size_t>(pick(static_cast<int>(districts.size())));
    const core::Unit* district = districts[district_index];
    nt.place.district = district->id;
    const auto& district_streets = streets[district->id];
    const core::Unit* street =
        district_streets.empty() ? nullptr
                                 : district_streets[static_cast<std::size_t>(pick(static_cast<int>(district_streets.size())))];
    if (street != nullptr) {
      nt.place.street = street->id;
      nt.place.address = district->name + street->name;
    }
    if (nt.type == core::TicketType::praise) {
      auto praise = praise_text(district->name, street != nullptr ? street->name : std::string{}, pick(1000));
      nt.title = std::move(praise.title);
      nt.text = std::move(praise.text);
      nt.category.clear();  // the message's category was about its complaint
    } else {
      std::vector<std::string> others;
      for (std::size_t k = 1; k < districts.size(); ++k)
        others.push_back(districts[(district_index + k) % districts.size()]->name);
      std::map<std::string, std::string> mapping;
      nt.title = localise_places(nt.title, district->name, others, mapping);
      nt.text = localise_places(nt.text, district->name, others, mapping);
      if (street != nullptr) {
        nt.title = localise_towns(nt.title, district->name, street->name);
        nt.text = localise_towns(nt.text, district->name, street->name);
      }
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

core::Checklist demo_quality_checklist() {
  return core::Checklist{0,
                         "默认质检表",
                         {{"greeting", "问候语", 10},
                          {"record_accuracy", "记录准确", 30},
                          {"category", "正确分类", 20},
                          {"dispatch", "正确派单", 20},
                          {"attitude", "服务态度", 20}},
                         true};
}

}  // namespace hotline::tools
