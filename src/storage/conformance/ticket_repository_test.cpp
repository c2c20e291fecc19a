// Conformance: core::TicketRepository. Every backend must pass these unchanged.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

using core::TicketState;
using namespace std::chrono_literals;

const core::Timestamp kT0 = core::from_epoch(1'700'000'000);

core::Ticket make_ticket(std::string title, std::string text = "正文") {
  core::Ticket t;
  t.type = core::TicketType::complaint;
  t.channel = core::Channel::wechat;
  t.caller = {"张三", "13800138000", true};
  t.title = std::move(title);
  t.text = std::move(text);
  t.place = {"440106", "440106001", "天河路 1 号", 23.13, 113.32};
  t.category = "城乡建设/住房管理";
  t.urgency = core::Urgency::urgent;
  t.state = TicketState::registered;
  t.created_at = kT0;
  t.updated_at = kT0;
  t.deadline = kT0 + 24h;
  t.version = 1;
  t.created_by = 7;
  return t;
}

core::TicketEvent make_event(core::Action action, core::Timestamp at) {
  core::TicketEvent e;
  e.action = action;
  e.actor_id = 7;
  e.actor = "agent7";
  e.role = core::Role::agent;
  e.at = at;
  e.reason = "理由";
  e.payload = {{"note", "备注"}, {"co_units", "a,b"}};
  return e;
}

void expect_same(const core::Ticket& a, const core::Ticket& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_EQ(a.caller.name, b.caller.name);
  EXPECT_EQ(a.caller.phone, b.caller.phone);
  EXPECT_EQ(a.caller.confidential, b.caller.confidential);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.place.district, b.place.district);
  EXPECT_EQ(a.place.street, b.place.street);
  EXPECT_EQ(a.place.address, b.place.address);
  EXPECT_EQ(a.place.latitude, b.place.latitude);
  EXPECT_EQ(a.place.longitude, b.place.longitude);
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.urgency, b.urgency);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.resume_state, b.resume_state);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.updated_at, b.updated_at);
  EXPECT_EQ(a.deadline, b.deadline);
  EXPECT_EQ(a.deadline_beyond_calendar, b.deadline_beyond_calendar);
  EXPECT_EQ(a.acknowledge_deadline, b.acknowledge_deadline);
  EXPECT_EQ(a.closed_at, b.closed_at);
  EXPECT_EQ(a.lead_unit, b.lead_unit);
  EXPECT_EQ(a.co_units, b.co_units);
  EXPECT_EQ(a.dispatch_count, b.dispatch_count);
  EXPECT_EQ(a.wrong_dispatch_count, b.wrong_dispatch_count);
  EXPECT_EQ(a.supervision_count, b.supervision_count);
  EXPECT_EQ(a.redo_count, b.redo_count);
  EXPECT_EQ(a.reviewed, b.reviewed);
  EXPECT_EQ(a.rating, b.rating);
  EXPECT_EQ(a.requested_deadline, b.requested_deadline);
  EXPECT_EQ(a.merged_into, b.merged_into);
  EXPECT_EQ(a.reply, b.reply);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.created_by, b.created_by);
  EXPECT_EQ(a.co_handling, b.co_handling);
  EXPECT_EQ(a.forwarded_from, b.forwarded_from);
  EXPECT_EQ(a.needs_correction, b.needs_correction);
  EXPECT_EQ(a.correction_reason, b.correction_reason);
  EXPECT_EQ(a.callback_due, b.callback_due);
  EXPECT_EQ(a.callback_attempts, b.callback_attempts);
  EXPECT_EQ(a.next_callback_at, b.next_callback_at);
  EXPECT_EQ(a.callback_result, b.callback_result);
  EXPECT_EQ(a.intake_answer, b.intake_answer);
  EXPECT_EQ(a.knowledge_article, b.knowledge_article);
  EXPECT_EQ(a.intake_rating, b.intake_rating);
  EXPECT_EQ(a.merged_from, b.merged_from);
  EXPECT_EQ(a.attachments, b.attachments);
}

std::vector<core::TicketId> ids_of(const core::TicketPage& page) {
  std::vector<core::TicketId> ids;
  for (const auto& t : page.tickets) ids.push_back(t.id);
  return ids;
}

class TicketRepositoryConformance : public ConformanceTest {
 protected:
  core::Ticket create(const core::Ticket& t) {
    auto stored = tickets().create(t, make_event(core::Action::register_ticket, t.created_at));
    EXPECT_TRUE(stored.has_value());
    return stored.has_value() ? stored->ticket : core::Ticket{};
  }

  // A varied set of 40 tickets; `seeded_` keeps them for the oracle below.
  void seed() {
    const TicketState states[] = {TicketState::registered, TicketState::dispatched, TicketState::in_progress,
                                  TicketState::closed, TicketState::acknowledged};
    const core::TicketType types[] = {core::TicketType::inquiry, core::TicketType::complaint, core::TicketType::help};
    const char* districts[] = {"440106", "440104", ""};
    const char* titles[] = {"噪音扰民", "路灯不亮", "市民投诉噪音", "咨询社保", "垃圾清运"};
    for (int i = 0; i < 40; ++i) {
      core::Ticket t = make_ticket(titles[i % 5], "第" + std::to_string(i) + "号 工单内容");
      t.state = states[i % 5];
      t.type = types[i % 3];
      t.place.district = districts[i % 3];
      t.created_at = kT0 + std::chrono::hours(i);
      t.deadline = kT0 + std::chrono::hours(i * 2);
      if (i % 4 == 0) t.lead_unit = "unit-a";
      if (i % 4 == 1) t.lead_unit = "unit-b";
      if (i % 6 == 0) t.co_units = {"unit-c", "unit-b"};
      seeded_.push_back(create(t));
    }
  }

  // Expected ids, newest first, by the reference semantics of TicketQuery.
  std::vector<core::TicketId> expected(const std::function<bool(const core::Ticket&)>& keep, std::size_t limit = 500) {
    std::vector<core::TicketId> ids;
    for (auto it = seeded_.rbegin(); it != seeded_.rend() && ids.size() < limit; ++it) {
      if (keep(*it)) ids.push_back(it->id);
    }
    return ids;
  }

  std::vector<core::TicketId> list_ids(core::TicketQuery query) {
    query.limit = 500;
    auto page = tickets().list(query);
    EXPECT_TRUE(page.has_value()) << (page.has_value() ? "" : page.error().message);
    if (!page) return {};
    EXPECT_FALSE(page->next_after_id.has_value());
    return ids_of(*page);
  }

  std::vector<core::Ticket> seeded_;
};

TEST_P(TicketRepositoryConformance, CreateAssignsIncreasingIdsAndGetReturnsEveryField) {
  auto first = create(make_ticket("第一"));
  core::Ticket second_in = make_ticket("第二");
  second_in.acknowledge_deadline = kT0 + 2h;
  second_in.closed_at = kT0 + 3h;
  second_in.rating = core::Rating::basically_satisfied;
  second_in.requested_deadline = kT0 + 4h;
  second_in.merged_into = first.id;
  second_in.co_units = {"u1", "u,2", "单位\"3"};
  second_in.lead_unit = "lead";
  second_in.reply = "已处理";
  second_in.reviewed = true;
  second_in.dispatch_count = 2;
  second_in.wrong_dispatch_count = 1;
  second_in.supervision_count = 3;
  second_in.redo_count = 4;
  second_in.resume_state = TicketState::in_progress;
  second_in.place.latitude.reset();
  second_in.callback_due = kT0 + 5h;
  second_in.callback_attempts = 2;
  second_in.next_callback_at = kT0 + 6h;
  second_in.callback_result = core::CallbackOutcome::refused;
  second_in.intake_answer = "已当场答复";
  second_in.knowledge_article = "KB-7";
  second_in.intake_rating = core::Rating::satisfied;
  second_in.merged_from = {3, 12};
  second_in.deadline_beyond_calendar = true;
  auto second = create(second_in);
  EXPECT_GT(first.id, 0);
  EXPECT_GT(second.id, first.id);

  auto loaded = tickets().get(second.id);
  ASSERT_TRUE(loaded.has_value());
  second_in.id = second.id;
  expect_same(*loaded, second_in);
  auto count = tickets().count();
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, 2);
}

TEST_P(TicketRepositoryConformance, GetManyReturnsTheExistingTicketsInTheOrderAsked) {
  auto a = create(make_ticket("甲", "第一张"));
  auto b = create(make_ticket("乙", "第二张"));
  auto many = tickets().get_many({b.id, 999999, a.id, b.id});
  ASSERT_TRUE(many.has_value()) << many.error().message;
  ASSERT_EQ(many->size(), 3U);
  EXPECT_EQ((*many)[0].id, b.id);
  EXPECT_EQ((*many)[0].text, "第二张");
  EXPECT_EQ((*many)[1].id, a.id);
  EXPECT_EQ((*many)[1].title, "甲");
  EXPECT_EQ((*many)[2].id, b.id);
  auto none = tickets().get_many({});
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

TEST_P(TicketRepositoryConformance, UnknownTicketIsNotFound) {
  auto ticket = tickets().get(12345);
  ASSERT_FALSE(ticket.has_value());
  EXPECT_EQ(ticket.error().code, core::ErrorCode::not_found);
  auto history = tickets().history(12345);
  ASSERT_FALSE(history.has_value());
  EXPECT_EQ(history.error().code, core::ErrorCode::not_found);
  core::Ticket ghost = make_ticket("无");
  ghost.id = 12345;
  ghost.version = 2;
  auto appended = tickets().append(ghost, make_event(core::Action::submit, kT0), 1);
  ASSERT_FALSE(appended.has_value());
  EXPECT_EQ(appended.error().code, core::ErrorCode::not_found);
}

TEST_P(TicketRepositoryConformance, AppendReplacesProjectionAndExtendsHistoryInOrder) {
  auto ticket = create(make_ticket("路灯不亮"));
  core::Ticket updated = ticket;
  updated.state = TicketState::pending_review;
  updated.version = 2;
  updated.updated_at = kT0 + 1h;
  ASSERT_TRUE(tickets().append(updated, make_event(core::Action::submit, kT0 + 1h), 1).has_value());
  updated.state = TicketState::dispatched;
  updated.lead_unit = "unit-a";
  updated.co_units = {"unit-b"};
  updated.deadline_beyond_calendar = true;
  updated.version = 3;
  ASSERT_TRUE(tickets().append(updated, make_event(core::Action::dispatch, kT0 + 2h), 2).has_value());

  auto loaded = tickets().get(ticket.id);
  ASSERT_TRUE(loaded.has_value());
  expect_same(*loaded, updated);

  auto history = tickets().history(ticket.id);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 3u);
  const core::Action actions[] = {core::Action::register_ticket, core::Action::submit, core::Action::dispatch};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& e = (*history)[i];
    EXPECT_EQ(e.ticket_id, ticket.id);
    EXPECT_EQ(e.seq, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(e.action, actions[i]);
    EXPECT_EQ(e.actor_id, 7);
    EXPECT_EQ(e.actor, "agent7");
    EXPECT_EQ(e.role, core::Role::agent);
    EXPECT_EQ(e.at, kT0 + std::chrono::hours(i));
    EXPECT_EQ(e.reason, "理由");
    EXPECT_EQ(e.payload.at("note"), "备注");
    EXPECT_EQ(e.payload.at("co_units"), "a,b");
  }
}

TEST_P(TicketRepositoryConformance, DispatchSideWorkflowFieldsSurviveStoreAndReload) {
  core::Ticket rejected = make_ticket("待更正");
  rejected.needs_correction = true;
  rejected.correction_reason = "地址不全，请补充";
  auto first = create(rejected);
  auto loaded_first = tickets().get(first.id);
  ASSERT_TRUE(loaded_first.has_value());
  expect_same(*loaded_first, first);
  EXPECT_TRUE(loaded_first->needs_correction);

  auto ticket = create(make_ticket("协办工单"));
  core::Ticket updated = ticket;
  updated.state = TicketState::dispatched;
  updated.lead_unit = "unit-a1";
  updated.co_units = {"unit-b", "unit-c"};
  updated.co_handling = {{"unit-b", kT0 + 2h, "同意主办意见", kT0 + 3h}, {"unit-c", std::nullopt, "", std::nullopt}};
  updated.forwarded_from = {"unit-root", "unit-a"};
  updated.version = 2;
  ASSERT_TRUE(tickets().append(updated, make_event(core::Action::forward, kT0 + 3h), 1).has_value());
  auto loaded = tickets().get(ticket.id);
  ASSERT_TRUE(loaded.has_value());
  expect_same(*loaded, updated);
  auto many = tickets().get_many({ticket.id, first.id});
  ASSERT_TRUE(many.has_value());
  ASSERT_EQ(many->size(), 2u);
  expect_same((*many)[0], updated);
  core::TicketQuery query;
  query.units = {"unit-a1"};
  auto page = tickets().list(query);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->tickets.size(), 1u);
  expect_same(page->tickets[0], updated);

  // Emptied again (a recall), the fields read back empty rather than as before.
  updated.co_units.clear();
  updated.co_handling.clear();
  updated.forwarded_from.clear();
  updated.lead_unit.clear();
  updated.state = TicketState::pending_review;
  updated.version = 3;
  ASSERT_TRUE(tickets().append(updated, make_event(core::Action::recall, kT0 + 4h), 2).has_value());
  auto recalled = tickets().get(ticket.id);
  ASSERT_TRUE(recalled.has_value());
  expect_same(*recalled, updated);

  // Imported tickets keep them too.
  core::Ticket imported = make_ticket("导入");
  imported.co_units = {"unit-b"};
  imported.co_handling = {{"unit-b", kT0 + 1h, "意见", kT0 + 2h}};
  imported.forwarded_from = {"unit-a"};
  auto ids =
      tickets().import_tickets({core::ImportedTicket{imported, {make_event(core::Action::register_ticket, kT0)}}});
  ASSERT_TRUE(ids.has_value());
  auto reloaded = tickets().get(ids->front());
  ASSERT_TRUE(reloaded.has_value());
  EXPECT_EQ(reloaded->co_handling, imported.co_handling);
  EXPECT_EQ(reloaded->forwarded_from, imported.forwarded_from);
}

TEST_P(TicketRepositoryConformance, AttachmentsSurviveStoreAndReloadInUploadOrder) {
  auto ticket = create(make_ticket("附件"));
  core::Ticket updated = ticket;
  updated.attachments = {
      {std::string(64, 'a'), "现场照片.jpg", "image/jpeg", 12345, "agent7", kT0 + 1h},
      {std::string(64, 'b'), "report \"1\".pdf", "application/pdf", 1, "unit.handler", kT0 + 2h},
  };
  updated.version = 2;
  ASSERT_TRUE(tickets().append(updated, make_event(core::Action::attach, kT0 + 2h), 1).has_value());
  auto loaded = tickets().get(ticket.id);
  ASSERT_TRUE(loaded.has_value());
  expect_same(*loaded, updated);
  auto page = tickets().list(core::TicketQuery{});
  ASSERT_TRUE(page.has_value());
  ASSERT_FALSE(page->tickets.empty());
  EXPECT_EQ(page->tickets.front().attachments, updated.attachments);
  auto history = tickets().history(ticket.id);
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->back().action, core::Action::attach);
}

TEST_P(TicketRepositoryConformance, AppendWithStaleVersionIsConflictAndChangesNothing) {
  auto ticket = create(make_ticket("噪音"));
  core::Ticket first = ticket;
  first.version = 2;
  first.state = TicketState::pending_review;
  ASSERT_TRUE(tickets().append(first, make_event(core::Action::submit, kT0), 1).has_value());

  core::Ticket stale = ticket;
  stale.version = 2;
  stale.state = TicketState::resolved_at_intake;
  auto result = tickets().append(stale, make_event(core::Action::resolve_at_intake, kT0), 1);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, core::ErrorCode::conflict);
  auto loaded = tickets().get(ticket.id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->state, TicketState::pending_review);
  auto history = tickets().history(ticket.id);
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->size(), 2u);
}

TEST_P(TicketRepositoryConformance, ListRejectsLimitOutsideRange) {
  core::TicketQuery query;
  query.limit = 0;
  auto page = tickets().list(query);
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().code, core::ErrorCode::invalid_argument);
  query.limit = 501;
  EXPECT_FALSE(tickets().list(query).has_value());
}

TEST_P(TicketRepositoryConformance, ListWithoutFiltersIsNewestFirst) {
  seed();
  EXPECT_EQ(list_ids({}), expected([](const auto&) { return true; }));
}

TEST_P(TicketRepositoryConformance, ListFiltersByEachFilter) {
  seed();
  core::TicketQuery by_state;
  by_state.states = {TicketState::dispatched};
  EXPECT_EQ(list_ids(by_state), expected([](const auto& t) { return t.state == TicketState::dispatched; }));

  core::TicketQuery by_states;
  by_states.states = {TicketState::closed, TicketState::registered};
  EXPECT_EQ(list_ids(by_states), expected([](const auto& t) {
              return t.state == TicketState::closed || t.state == TicketState::registered;
            }));

  core::TicketQuery by_type;
  by_type.type = core::TicketType::help;
  EXPECT_EQ(list_ids(by_type), expected([](const auto& t) { return t.type == core::TicketType::help; }));

  core::TicketQuery by_unit;
  by_unit.units = {"unit-b"};  // lead of some, co-handling of others
  auto has_b = [](const core::Ticket& t) {
    return t.lead_unit == "unit-b" || std::count(t.co_units.begin(), t.co_units.end(), "unit-b") > 0;
  };
  EXPECT_EQ(list_ids(by_unit), expected(has_b));

  core::TicketQuery by_units;
  by_units.units = {"unit-a", "unit-c", "unit-b"};
  EXPECT_EQ(list_ids(by_units), expected([&](const auto& t) { return !t.lead_unit.empty() || !t.co_units.empty(); }));

  core::TicketQuery by_district;
  by_district.district = "440104";
  EXPECT_EQ(list_ids(by_district), expected([](const auto& t) { return t.place.district == "440104"; }));

  core::TicketQuery by_created;
  by_created.created_from = kT0 + 10h;
  by_created.created_to = kT0 + 20h;
  EXPECT_EQ(list_ids(by_created), expected([](const auto& t) {
              return t.created_at >= kT0 + 10h && t.created_at < kT0 + 20h;
            }));
  EXPECT_EQ(list_ids(by_created).size(), 10u);
}

TEST_P(TicketRepositoryConformance, AppendAllStoresEveryAppendOrNone) {
  auto source = create(make_ticket("来源"));
  auto target = create(make_ticket("目标"));
  auto merged_source = source;
  merged_source.version = 2;
  merged_source.state = TicketState::merged;
  merged_source.merged_into = target.id;
  auto merged_target = target;
  merged_target.version = 2;
  merged_target.merged_from = {source.id};
  auto stale_target = merged_target;
  stale_target.version = 3;  // expects version 2, stored is 1: a conflict
  auto refused = tickets().append_all({{merged_source, make_event(core::Action::merge, kT0 + 1h), 1},
                                       {stale_target, make_event(core::Action::merge, kT0 + 1h), 2}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::conflict);
  EXPECT_EQ(tickets().get(source.id)->version, 1);  // the first append was rolled back
  EXPECT_EQ(tickets().history(source.id)->size(), 1u);

  auto stored = tickets().append_all({{merged_source, make_event(core::Action::merge, kT0 + 1h), 1},
                                      {merged_target, make_event(core::Action::merge, kT0 + 1h), 1}});
  ASSERT_TRUE(stored) << stored.error().message;
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_LT((*stored)[0], (*stored)[1]);
  EXPECT_EQ(tickets().get(source.id)->state, TicketState::merged);
  EXPECT_EQ(tickets().get(target.id)->merged_from, std::vector<core::TicketId>{source.id});
  EXPECT_EQ(tickets().history(target.id)->back().seq, 2);
}

TEST_P(TicketRepositoryConformance, ListFiltersByMergeTarget) {
  seed();
  auto target = seeded_[3];
  std::vector<core::TicketId> merged;
  for (std::size_t i : {5u, 9u, 20u}) {
    core::Ticket t = seeded_[i];
    t.state = TicketState::merged;
    t.merged_into = target.id;
    t.version += 1;
    core::TicketEvent e = make_event(core::Action::merge, kT0 + 100h);
    e.ticket_id = t.id;
    e.seq = t.version;
    ASSERT_TRUE(tickets().append(t, e, t.version - 1));
    seeded_[i] = t;
    merged.insert(merged.begin(), t.id);  // newest first
  }
  core::Ticket elsewhere = seeded_[30];  // merged into another ticket
  elsewhere.merged_into = seeded_[4].id;
  elsewhere.state = TicketState::merged;
  elsewhere.version += 1;
  core::TicketEvent e = make_event(core::Action::merge, kT0 + 100h);
  e.ticket_id = elsewhere.id;
  e.seq = elsewhere.version;
  ASSERT_TRUE(tickets().append(elsewhere, e, elsewhere.version - 1));
  core::TicketQuery query;
  query.merged_into = target.id;
  EXPECT_EQ(list_ids(query), merged);
  query.states = {TicketState::merged};
  EXPECT_EQ(list_ids(query), merged);
  query.merged_into = seeded_[0].id;
  EXPECT_TRUE(list_ids(query).empty());
}

TEST_P(TicketRepositoryConformance, ListFiltersOverdueAtTheGivenNow) {
  seed();
  const core::Timestamp now = kT0 + 40h;  // deadlines are kT0 + 2h * i
  core::TicketQuery overdue;
  overdue.overdue = true;
  overdue.now = now;
  auto want = expected([&](const auto& t) { return t.overdue_at(now); });
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(list_ids(overdue), want);

  core::TicketQuery not_overdue = overdue;
  not_overdue.overdue = false;
  EXPECT_EQ(list_ids(not_overdue), expected([&](const auto& t) { return !t.overdue_at(now); }));

  // Exactly at the deadline is not yet overdue.
  core::TicketQuery at_deadline;
  at_deadline.overdue = true;
  at_deadline.now = seeded_[1].deadline;  // seeded_[1] is dispatched
  auto ids = list_ids(at_deadline);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), seeded_[1].id), 0);
}

TEST_P(TicketRepositoryConformance, ListCombinesFiltersWithAnd) {
  seed();
  core::TicketQuery query;
  query.states = {TicketState::dispatched, TicketState::in_progress, TicketState::registered};
  query.units = {"unit-a", "unit-b"};
  query.district = "440106";
  query.created_from = kT0 + 2h;
  EXPECT_EQ(list_ids(query), expected([](const core::Ticket& t) {
              bool state = t.state == TicketState::dispatched || t.state == TicketState::in_progress ||
                           t.state == TicketState::registered;
              bool unit = t.lead_unit == "unit-a" || t.lead_unit == "unit-b" ||
                          std::count(t.co_units.begin(), t.co_units.end(), "unit-b") > 0;
              return state && unit && t.place.district == "440106" && t.created_at >= kT0 + 2h;
            }));

  core::TicketQuery with_text;
  with_text.text_contains = "噪音";
  with_text.type = core::TicketType::inquiry;
  with_text.overdue = false;
  with_text.now = kT0 + 30h;
  with_text.units = {"unit-a"};
  EXPECT_EQ(list_ids(with_text), expected([](const core::Ticket& t) {
              return t.title.find("噪音") != std::string::npos && t.type == core::TicketType::inquiry &&
                     !t.overdue_at(kT0 + 30h) && t.lead_unit == "unit-a";
            }));
}

TEST_P(TicketRepositoryConformance, CursorPaginationHasNoDuplicatesOrGaps) {
  seed();
  for (auto make : std::vector<std::function<core::TicketQuery()>>{
           [] { return core::TicketQuery{}; },
           [] {
             core::TicketQuery q;
             q.states = {TicketState::closed, TicketState::dispatched, TicketState::registered};
             return q;
           },
           [] {
             core::TicketQuery q;
             q.units = {"unit-a", "unit-b"};
             return q;
           },
           [] {
             core::TicketQuery q;
             q.text_contains = "工单";
             return q;
           }}) {
    core::TicketQuery query = make();
    auto all = list_ids(query);
    std::vector<core::TicketId> paged;
    query.limit = 3;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = tickets().list(query);
      ASSERT_TRUE(page.has_value());
      EXPECT_LE(page->tickets.size(), 3u);
      for (auto id : ids_of(*page)) paged.push_back(id);
      if (!page->next_after_id) break;
      EXPECT_EQ(*page->next_after_id, page->tickets.back().id);
      query.after_id = page->next_after_id;
    }
    EXPECT_EQ(paged, all);
    EXPECT_EQ(std::set<core::TicketId>(paged.begin(), paged.end()).size(), paged.size());
  }
}

// The agent desk's filters: category prefix, urgency, channel, street and the caller-history search.
TEST_P(TicketRepositoryConformance, ListFiltersByCategoryUrgencyChannelStreetAndCallerPhone) {
  const char* categories[] = {"城市管理", "城市管理/市容环境/占道经营", "城市管理局", "城市管理/市容环境", "城乡建设", ""};
  const char* phones[] = {"13800138000", "+86 138-0013-8000", "138\u30000013\u30008000", "020-8888-1234",
                          "+8613800138000", "13900139000", "8613800138000"};
  const core::Channel channels[] = {core::Channel::phone, core::Channel::wechat, core::Channel::web};
  const char* streets[] = {"440106001", "440106002", ""};
  for (int i = 0; i < 42; ++i) {
    core::Ticket t = make_ticket("工单" + std::to_string(i));
    t.category = categories[i % 6];
    t.caller.phone = phones[i % 7];
    t.caller.confidential = i % 5 == 0;
    t.channel = channels[i % 3];
    t.urgency = i % 4 == 0 ? core::Urgency::urgent : core::Urgency::normal;
    t.place.street = streets[i % 3];
    seeded_.push_back(create(t));
  }
  core::TicketQuery by_category;
  by_category.category_prefix = "城市管理";
  auto city = list_ids(by_category);
  EXPECT_EQ(city, expected([](const core::Ticket& t) {
              return t.category == "城市管理" || t.category.starts_with("城市管理/");
            }));
  EXPECT_EQ(city.size(), 21u);  // not "城市管理局"
  by_category.category_prefix = "城市管理/市容环境";
  EXPECT_EQ(list_ids(by_category).size(), 14u);
  by_category.category_prefix = "城市管理/市容环境/占道经营";
  EXPECT_EQ(list_ids(by_category).size(), 7u);
  by_category.category_prefix = "城市";
  EXPECT_TRUE(list_ids(by_category).empty());

  core::TicketQuery by_urgency;
  by_urgency.urgency = core::Urgency::urgent;
  EXPECT_EQ(list_ids(by_urgency), expected([](const core::Ticket& t) { return t.urgency == core::Urgency::urgent; }));
  core::TicketQuery by_channel;
  by_channel.channel = core::Channel::web;
  EXPECT_EQ(list_ids(by_channel), expected([](const core::Ticket& t) { return t.channel == core::Channel::web; }));
  core::TicketQuery by_street;
  by_street.street = "440106002";
  EXPECT_EQ(list_ids(by_street), expected([](const core::Ticket& t) { return t.place.street == "440106002"; }));

  // Blanks (also U+3000), dashes and a leading +86 do not count; "86..." without "+" is another number.
  core::TicketQuery by_phone;
  by_phone.caller_phone = "13800138000";
  auto same_caller = list_ids(by_phone);
  EXPECT_EQ(same_caller, expected([](const core::Ticket& t) {
              return t.caller.phone != "020-8888-1234" && t.caller.phone != "13900139000" &&
                     t.caller.phone != "8613800138000";
            }));
  EXPECT_EQ(same_caller.size(), 24u);
  by_phone.caller_phone = "02088881234";
  EXPECT_EQ(list_ids(by_phone).size(), 6u);
  by_phone.caller_phone = "13800138000";
  by_phone.include_confidential_callers = false;
  EXPECT_EQ(list_ids(by_phone), expected([&](const core::Ticket& t) {
              return !t.caller.confidential &&
                     std::find(same_caller.begin(), same_caller.end(), t.id) != same_caller.end();
            }));

  core::TicketQuery combined;
  combined.category_prefix = "城市管理";
  combined.channel = core::Channel::phone;
  combined.urgency = core::Urgency::normal;
  combined.street = "440106001";
  EXPECT_EQ(list_ids(combined), expected([](const core::Ticket& t) {
              return (t.category == "城市管理" || t.category.starts_with("城市管理/")) &&
                     t.channel == core::Channel::phone && t.urgency == core::Urgency::normal &&
                     t.place.street == "440106001";
            }));
}

// sort=deadline: nearest deadline first, ties by id, and the (deadline, id) cursor pages through
// every matching ticket once, also when many share a deadline.
TEST_P(TicketRepositoryConformance, DeadlineSortPagesByDeadlineThenIdWithoutDuplicatesOrGaps) {
  for (int i = 0; i < 30; ++i) {
    core::Ticket t = make_ticket("工单" + std::to_string(i));
    t.deadline = kT0 + std::chrono::hours((i * 7) % 5);  // five deadlines, shared in turn
    t.state = i % 3 == 0 ? TicketState::closed : TicketState::dispatched;
    seeded_.push_back(create(t));
  }
  for (auto states : std::vector<std::vector<TicketState>>{{}, {TicketState::dispatched}}) {
    std::vector<core::Ticket> want;
    for (const auto& t : seeded_) {
      if (states.empty() || t.state == states.front()) want.push_back(t);
    }
    std::sort(want.begin(), want.end(), [](const auto& a, const auto& b) {
      return std::pair{a.deadline, a.id} < std::pair{b.deadline, b.id};
    });
    std::vector<core::TicketId> want_ids;
    for (const auto& t : want) want_ids.push_back(t.id);

    core::TicketQuery query;
    query.states = states;
    query.sort = core::TicketSort::deadline;
    query.limit = 500;
    auto whole = tickets().list(query);
    ASSERT_TRUE(whole.has_value());
    EXPECT_EQ(ids_of(*whole), want_ids);
    EXPECT_FALSE(whole->next_after_id.has_value());

    std::vector<core::TicketId> paged;
    query.limit = 4;
    for (int guard = 0; guard < 100; ++guard) {
      auto page = tickets().list(query);
      ASSERT_TRUE(page.has_value()) << page.error().message;
      for (auto id : ids_of(*page)) paged.push_back(id);
      if (!page->next_after_id) break;
      ASSERT_TRUE(page->next_after_deadline.has_value());
      EXPECT_EQ(*page->next_after_id, page->tickets.back().id);
      EXPECT_EQ(*page->next_after_deadline, page->tickets.back().deadline);
      query.after_id = page->next_after_id;
      query.after_deadline = page->next_after_deadline;
    }
    EXPECT_EQ(paged, want_ids);
  }
  core::TicketQuery half;
  half.sort = core::TicketSort::deadline;
  half.after_id = 3;
  auto refused = tickets().list(half);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::invalid_argument);
}

TEST_P(TicketRepositoryConformance, FirstCreatedSinceIsTheEarliestTicketOfATimeRange) {
  EXPECT_EQ(tickets().first_created_since(kT0).value(), std::nullopt);
  seed();
  EXPECT_EQ(tickets().first_created_since(kT0 - std::chrono::hours(1)).value(), seeded_[0].id);
  EXPECT_EQ(tickets().first_created_since(kT0 + std::chrono::hours(5)).value(), seeded_[5].id);
  EXPECT_EQ(tickets().first_created_since(kT0 + std::chrono::minutes(301)).value(), seeded_[6].id);
  EXPECT_EQ(tickets().first_created_since(kT0 + std::chrono::hours(40)).value(), std::nullopt);
  // Out of id order (an import of older tickets): the earliest by time wins.
  auto late = make_ticket("补录");
  late.created_at = kT0 + std::chrono::minutes(90);
  const auto stored = create(late);
  EXPECT_EQ(tickets().first_created_since(kT0 + std::chrono::hours(1)).value(), seeded_[1].id);
  EXPECT_EQ(tickets().first_created_since(kT0 + std::chrono::minutes(61)).value(), stored.id);
}

TEST_P(TicketRepositoryConformance, CreatedByListsTheIdsOneAccountRegisteredInATimeRange) {
  for (int i = 0; i < 12; ++i) {
    auto t = make_ticket("登记" + std::to_string(i));
    t.created_by = i % 3 == 0 ? 7 : 8;
    t.created_at = kT0 + std::chrono::hours(i);
    create(t);
  }
  auto late = make_ticket("补录");  // an import of an older ticket: a higher id, an earlier time
  late.created_by = 7;
  late.created_at = kT0 + std::chrono::minutes(30);
  const auto imported = create(late);
  const auto all = tickets().created_by(7, kT0, kT0 + std::chrono::hours(12), 100).value();
  ASSERT_EQ(all.size(), 5u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_EQ(all.back(), imported.id);
  for (auto id : all) EXPECT_EQ(tickets().get(id).value().created_by, 7);
  // [from, to): the ticket at 3 h is in, the one at 9 h is out.
  const auto range = tickets().created_by(7, kT0 + std::chrono::hours(3), kT0 + std::chrono::hours(9), 100).value();
  EXPECT_EQ(range.size(), 2u);
  EXPECT_EQ(tickets().created_by(7, kT0, kT0 + std::chrono::hours(12), 2).value().size(), 2u);
  EXPECT_TRUE(tickets().created_by(9, kT0, kT0 + std::chrono::hours(12), 10).value().empty());
  auto refused = tickets().created_by(7, kT0, kT0 + std::chrono::hours(1), 0);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::invalid_argument);
}

TEST_P(TicketRepositoryConformance, FindPhrasesCountsThePhrasesEachTicketHoldsWithinTheIdRange) {
  auto make = [&](const std::string& title, const std::string& text, TicketState state) {
    auto t = make_ticket(title, text);
    t.state = state;
    return create(t);
  };
  const auto before = make("华师附中工地噪音", "夜间施工", TicketState::registered);  // below the range
  const auto both = make("华师附中工地噪音", "夜间施工扰民", TicketState::registered);
  const auto closed = make("华师附中工地噪音", "夜间施工", TicketState::closed);  // any state is listed
  const auto one = make("天河路施工", "附中门口占道", TicketState::dispatched);
  const auto none = make("路灯不亮", "天河路路灯坏了", TicketState::registered);
  const auto after = make("华师附中工地噪音", "夜间施工", TicketState::registered);  // at `below`
  core::PhraseSearch search;
  search.phrases = {"附中", "噪音", "扰民"};
  search.min_id = both.id;
  search.below = after.id;
  auto hits = tickets().find_phrases(search);
  ASSERT_TRUE(hits.has_value()) << hits.error().message;
  ASSERT_EQ(hits->size(), 3U);
  EXPECT_EQ((*hits)[0].id, both.id);
  EXPECT_EQ((*hits)[0].phrases, 3);
  EXPECT_EQ((*hits)[1].id, closed.id);
  EXPECT_EQ((*hits)[1].phrases, 2);
  EXPECT_EQ((*hits)[2].id, one.id);
  EXPECT_EQ((*hits)[2].phrases, 1);
  // Newest per phrase: with one ticket per phrase, 附中 lists `one`, 噪音 `closed`, 扰民 `both`;
  // equal counts, newest first.
  search.per_phrase = 1;
  hits = tickets().find_phrases(search);
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 3U);
  EXPECT_EQ((*hits)[0].id, one.id);
  EXPECT_EQ((*hits)[1].id, closed.id);
  EXPECT_EQ((*hits)[2].id, both.id);
  EXPECT_EQ((*hits)[2].phrases, 1);
  // An empty phrase matches nothing.
  search.per_phrase = 20;
  search.phrases = {"扰民", ""};
  hits = tickets().find_phrases(search);
  ASSERT_TRUE(hits.has_value());
  ASSERT_EQ(hits->size(), 1U);
  EXPECT_EQ((*hits)[0].id, both.id);
  search.per_phrase = 0;
  hits = tickets().find_phrases(search);
  ASSERT_FALSE(hits.has_value());
  EXPECT_EQ(hits.error().code, core::ErrorCode::invalid_argument);
  (void)before;
  (void)none;
}

TEST_P(TicketRepositoryConformance, TextContainsFindsChineseSubstringsWithoutFalsePositives) {
  auto noise = create(make_ticket("市民投诉噪音", "晚上工地施工噪音很大"));
  auto lights = create(make_ticket("路灯不亮", "天河路的路灯坏了"));
  auto social = create(make_ticket("咨询社保", "Social Security 卡补办"));
  auto find = [&](const std::string& needle) {
    core::TicketQuery query;
    query.text_contains = needle;
    return list_ids(query);
  };
  EXPECT_EQ(find("噪音"), (std::vector<core::TicketId>{noise.id}));           // 2 characters, title and text
  EXPECT_EQ(find("工地施"), (std::vector<core::TicketId>{noise.id}));         // 3 characters, text only
  EXPECT_EQ(find("路灯"), (std::vector<core::TicketId>{lights.id}));
  EXPECT_EQ(find("路"), (std::vector<core::TicketId>{lights.id}));            // 1 character
  EXPECT_EQ(find("社保"), (std::vector<core::TicketId>{social.id}));
  EXPECT_EQ(find("Security"), (std::vector<core::TicketId>{social.id}));      // ASCII
  EXPECT_TRUE(find("security").empty());                                      // case-sensitive, like find()
  EXPECT_TRUE(find("投噪").empty());      // both bigram chars occur, but not adjacent
  EXPECT_TRUE(find("噪音噪音").empty());  // repeated bigram
  EXPECT_TRUE(find("噪音晚上").empty());  // spans title and text
  EXPECT_TRUE(find("公交").empty());
  EXPECT_EQ(find("的路灯坏"), (std::vector<core::TicketId>{lights.id}));
}

TEST_P(TicketRepositoryConformance, TextContainsFollowsChangedTitle) {
  auto ticket = create(make_ticket("旧标题", "内容"));
  core::Ticket updated = ticket;
  updated.title = "新标题";
  updated.version = 2;
  ASSERT_TRUE(tickets().append(updated, make_event(core::Action::review, kT0), 1).has_value());
  core::TicketQuery query;
  query.text_contains = "旧标";
  EXPECT_TRUE(list_ids(query).empty());
  query.text_contains = "新标";
  EXPECT_EQ(list_ids(query), (std::vector<core::TicketId>{ticket.id}));
}

TEST_P(TicketRepositoryConformance, UnitFilterFollowsRedispatch) {
  core::Ticket t = make_ticket("改派");
  t.lead_unit = "unit-a";
  t.co_units = {"unit-c"};
  auto ticket = create(t);
  core::Ticket updated = ticket;
  updated.lead_unit = "unit-b";
  updated.co_units = {};
  updated.version = 2;
  ASSERT_TRUE(tickets().append(updated, make_event(core::Action::dispatch, kT0), 1).has_value());
  core::TicketQuery query;
  query.units = {"unit-a", "unit-c"};
  EXPECT_TRUE(list_ids(query).empty());
  query.units = {"unit-b"};
  EXPECT_EQ(list_ids(query), (std::vector<core::TicketId>{ticket.id}));
}

TEST_P(TicketRepositoryConformance, ImportStoresWholeHistoriesWithIdsInOrder) {
  auto existing = create(make_ticket("已有"));
  std::vector<core::ImportedTicket> batch;
  for (int i = 0; i < 3; ++i) {
    core::ImportedTicket imported{make_ticket("导入" + std::to_string(i)), {}};
    imported.ticket.state = TicketState::closed;
    for (int k = 0; k <= i; ++k) imported.events.push_back(make_event(core::Action::register_ticket, kT0 + std::chrono::minutes(k)));
    batch.push_back(imported);
  }
  auto ids = tickets().import_tickets(batch);
  ASSERT_TRUE(ids.has_value());
  ASSERT_EQ(ids->size(), 3u);
  EXPECT_GT((*ids)[0], existing.id);
  EXPECT_LT((*ids)[0], (*ids)[1]);
  EXPECT_LT((*ids)[1], (*ids)[2]);
  for (int i = 0; i < 3; ++i) {
    auto ticket = tickets().get((*ids)[i]);
    ASSERT_TRUE(ticket.has_value());
    EXPECT_EQ(ticket->title, "导入" + std::to_string(i));
    EXPECT_EQ(ticket->version, i + 1);
    auto history = tickets().history((*ids)[i]);
    ASSERT_TRUE(history.has_value());
    ASSERT_EQ(history->size(), static_cast<std::size_t>(i + 1));
    for (int k = 0; k <= i; ++k) EXPECT_EQ((*history)[k].seq, k + 1);
  }
  auto count = tickets().count();
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, 4);
  core::TicketQuery query;
  query.text_contains = "导入";
  EXPECT_EQ(list_ids(query).size(), 3u);
}

TEST_P(TicketRepositoryConformance, ImportIsAllOrNothing) {
  std::vector<core::ImportedTicket> batch{{make_ticket("好"), {make_event(core::Action::register_ticket, kT0)}},
                                          {make_ticket("坏"), {}}};
  auto ids = tickets().import_tickets(batch);
  ASSERT_FALSE(ids.has_value());
  EXPECT_EQ(ids.error().code, core::ErrorCode::invalid_argument);
  auto count = tickets().count();
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, 0);
}

// Live subscribers resume from a global event id (issue #10): `create` and `append` return it,
// it grows in commit order across tickets, and `events_after` lists what followed an id.
TEST_P(TicketRepositoryConformance, EventIdsAreGlobalAndGrowInCommitOrder) {
  auto first = tickets().create(make_ticket("一"), make_event(core::Action::register_ticket, kT0));
  ASSERT_TRUE(first.has_value());
  auto second = tickets().create(make_ticket("二"), make_event(core::Action::register_ticket, kT0));
  ASSERT_TRUE(second.has_value());
  EXPECT_GT(first->event_id, 0);
  EXPECT_GT(second->event_id, first->event_id);
  core::Ticket updated = first->ticket;
  updated.version = 2;
  auto appended = tickets().append(updated, make_event(core::Action::submit, kT0 + 1h), 1);
  ASSERT_TRUE(appended.has_value());
  EXPECT_GT(*appended, second->event_id);

  core::Ticket stale = first->ticket;
  stale.version = 2;
  ASSERT_FALSE(tickets().append(stale, make_event(core::Action::submit, kT0), 1).has_value());

  auto history = tickets().history(first->ticket.id);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].id, first->event_id);
  EXPECT_EQ((*history)[1].id, *appended);

  auto all = tickets().events_after(0, 100);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);  // the conflicting append stored nothing
  EXPECT_EQ((*all)[0].id, first->event_id);
  EXPECT_EQ((*all)[0].ticket_id, first->ticket.id);
  EXPECT_EQ((*all)[0].seq, 1);
  EXPECT_EQ((*all)[1].id, second->event_id);
  EXPECT_EQ((*all)[1].ticket_id, second->ticket.id);
  EXPECT_EQ((*all)[2].id, *appended);
  EXPECT_EQ((*all)[2].ticket_id, first->ticket.id);
  EXPECT_EQ((*all)[2].seq, 2);
  EXPECT_EQ((*all)[2].action, core::Action::submit);
  EXPECT_EQ((*all)[2].actor, "agent7");
  EXPECT_EQ((*all)[2].at, kT0 + 1h);
  EXPECT_EQ((*all)[2].reason, "理由");
  EXPECT_EQ((*all)[2].payload.at("note"), "备注");
}

TEST_P(TicketRepositoryConformance, EventsAfterIsExclusiveBoundedAndInIdOrder) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    auto created = tickets().create(make_ticket("工单" + std::to_string(i)), make_event(core::Action::register_ticket, kT0));
    ASSERT_TRUE(created.has_value());
    ids.push_back(created->event_id);
    core::Ticket updated = created->ticket;
    updated.version = 2;
    auto appended = tickets().append(updated, make_event(core::Action::submit, kT0), 1);
    ASSERT_TRUE(appended.has_value());
    ids.push_back(*appended);
  }
  ASSERT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  auto page = tickets().events_after(ids[2], 4);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ((*page)[i].id, ids[3 + i]);
  auto rest = tickets().events_after(page->back().id, 1000);
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->size(), 3u);
  EXPECT_EQ(rest->back().id, ids.back());
  auto none = tickets().events_after(ids.back(), 10);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  auto before_all = tickets().events_after(-5, 1);
  ASSERT_TRUE(before_all.has_value());
  ASSERT_EQ(before_all->size(), 1u);
  EXPECT_EQ(before_all->front().id, ids.front());
  for (int bad : {0, -1, 1001}) {
    auto refused = tickets().events_after(0, bad);
    ASSERT_FALSE(refused.has_value()) << bad;
    EXPECT_EQ(refused.error().code, core::ErrorCode::invalid_argument);
  }
}

TEST_P(TicketRepositoryConformance, ImportedEventsGetIdsAfterTheExistingOnes) {
  auto existing = tickets().create(make_ticket("已有"), make_event(core::Action::register_ticket, kT0));
  ASSERT_TRUE(existing.has_value());
  core::ImportedTicket imported{make_ticket("导入"), {}};
  for (int k = 0; k < 3; ++k) imported.events.push_back(make_event(core::Action::register_ticket, kT0));
  auto ids = tickets().import_tickets({imported});
  ASSERT_TRUE(ids.has_value());
  auto after = tickets().events_after(existing->event_id, 10);
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->size(), 3u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ((*after)[k].ticket_id, ids->front());
    EXPECT_EQ((*after)[k].seq, k + 1);
    if (k > 0) {
      EXPECT_GT((*after)[k].id, (*after)[k - 1].id);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, TicketRepositoryConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
