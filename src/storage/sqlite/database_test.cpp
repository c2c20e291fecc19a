#include "storage/sqlite/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/test_support.hpp"

namespace hotline::storage::sqlite {
namespace {

TEST(SqliteDatabase, WritesSurviveCloseAndReopen) {
  TempDir dir;
  core::TicketId id = 0;
  {
    Database db({.path = dir.file("h.db")});
    auto created = db.tickets().create(sample_ticket("持久"), sample_event());
    ASSERT_TRUE(created.has_value());
    id = created->ticket.id;
    core::User alice;
    alice.username = "alice";
    ASSERT_TRUE(db.users().create_user(alice).has_value());
  }
  Database db({.path = dir.file("h.db")});
  auto loaded = db.tickets().get(id);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->title, "持久");
  EXPECT_TRUE(db.users().find_user_by_name("alice").has_value());
  core::TicketQuery query;
  query.text_contains = "持久";
  auto page = db.tickets().list(query);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->tickets.size(), 1u);
}

TEST(SqliteDatabase, MigrateIsIdempotentAndReportsTheVersion) {
  TempDir dir;
  Database db({.path = dir.file("h.db")});
  auto first = db.migrate();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, latest_schema_version());
  auto second = db.migrate();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*second, latest_schema_version());
  auto stored = db.schema_version();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(*stored, latest_schema_version());
}

TEST(SqliteDatabase, RefusesADatabaseNewerThanTheProgram) {
  TempDir dir;
  { Database db({.path = dir.file("h.db")}); }
  {
    Connection raw(dir.file("h.db"), {});
    raw.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)");
  }
  try {
    Database db({.path = dir.file("h.db")});
    FAIL() << "opened a newer database";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("newer than this program"), std::string::npos) << e.what();
  }
}

TEST(SqliteDatabase, ADatabaseWithUsernamesDifferingOnlyInCaseStillOpens) {
  // Before schema version 5 "Alice" and "alice" were two accounts; both keep signing in by their
  // exact name, and no third spelling can be added.
  TempDir dir;
  {
    Connection raw(dir.file("h.db"), {});
    raw.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (int version = 1; version <= 4; ++version) {
      raw.exec(migrations()[static_cast<std::size_t>(version - 1)]);
      raw.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (" + std::to_string(version) + ", 0)");
    }
    raw.exec("INSERT INTO users (username, display_name, role, unit_id, password_hash, active, created_at) VALUES "
             "('Alice', 'A', 'agent', '', 'h1', 1, 0), ('alice', 'a', 'agent', '', 'h2', 1, 0)");
  }
  Database db({.path = dir.file("h.db")});
  EXPECT_EQ(db.schema_version().value(), latest_schema_version());
  auto upper = db.users().find_user_by_name("Alice");
  auto lower = db.users().find_user_by_name("alice");
  ASSERT_TRUE(upper.has_value());
  ASSERT_TRUE(lower.has_value());
  EXPECT_EQ(upper->password_hash, "h1");
  EXPECT_EQ(lower->password_hash, "h2");
  core::User third;
  third.username = "ALICE";
  auto refused = db.users().create_user(third);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::conflict);
  EXPECT_EQ(db.users().list_users()->size(), 2u);
}

TEST(SqliteDatabase, TicketsStoredBeforeTheDispatchWorkflowGetItsFieldsAsTheirEventsWouldProject) {
  // Found by content: the integrator renumbers migrations, so no version number is written here.
  const auto& all = migrations();
  std::size_t before = 0;
  while (before < all.size() && all[before].find("ADD COLUMN co_handling") == std::string_view::npos) ++before;
  ASSERT_LT(before, all.size());
  TempDir dir;
  {
    Connection raw(dir.file("h.db"), {});
    raw.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (std::size_t i = 0; i < before; ++i) {
      raw.exec(all[i]);
      raw.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (" + std::to_string(i + 1) + ", 0)");
    }
    const std::string columns =
        "INSERT INTO tickets (id, type, channel, caller_name, caller_phone, caller_confidential, title, text, district, "
        "street, address, category, urgency, state, resume_state, created_at, updated_at, deadline, lead_unit, co_units, "
        "dispatch_count, wrong_dispatch_count, supervision_count, redo_count, reviewed, reply, version, created_by) VALUES ";
    raw.exec(columns + "(1, 'complaint', 'phone', '', '', 0, '协办', '', '', '', '', '', 'normal', 'dispatched', "
                       "'registered', 0, 0, 0, 'u-lead', '[\"u-b\",\"u-c\"]', 1, 0, 0, 0, 0, '', 3, 1)");
    raw.exec(columns + "(2, 'complaint', 'phone', '', '', 0, '退回', '', '', '', '', '', 'normal', 'registered', "
                       "'registered', 0, 0, 0, '', '[]', 0, 0, 0, 0, 0, '', 3, 1)");
    raw.exec(columns + "(3, 'complaint', 'phone', '', '', 0, '新登记', '', '', '', '', '', 'normal', 'registered', "
                       "'registered', 0, 0, 0, '', '[]', 0, 0, 0, 0, 0, '', 1, 1)");
    raw.exec("INSERT INTO ticket_events (ticket_id, seq, action, actor_id, actor, role, at, reason, payload) VALUES "
             "(2, 1, 'register', 1, 'a', 'agent', 0, '', '{}'), (2, 2, 'submit', 1, 'a', 'agent', 1, '', '{}'), "
             "(2, 3, 'review', 2, 'd', 'dispatcher', 2, '地址不全', '{\"approved\":\"0\"}'), "
             "(3, 1, 'register', 1, 'a', 'agent', 0, '', '{}')");
  }
  Database db({.path = dir.file("h.db")});
  EXPECT_EQ(db.schema_version().value(), latest_schema_version());
  auto co = db.tickets().get(1);
  ASSERT_TRUE(co.has_value());
  ASSERT_EQ(co->co_handling.size(), 2u);
  EXPECT_EQ(co->co_handling[0].unit, "u-b");
  EXPECT_EQ(co->co_handling[1].unit, "u-c");
  EXPECT_FALSE(co->co_handling[0].acknowledged_at);
  EXPECT_TRUE(co->forwarded_from.empty());
  EXPECT_FALSE(co->needs_correction);
  auto rejected = db.tickets().get(2);
  ASSERT_TRUE(rejected.has_value());
  EXPECT_TRUE(rejected->needs_correction);
  EXPECT_EQ(rejected->correction_reason, "地址不全");
  auto fresh = db.tickets().get(3);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_FALSE(fresh->needs_correction);
  EXPECT_TRUE(fresh->co_handling.empty());
}

TEST(SqliteDatabase, WithoutMigrateAnOutdatedDatabaseIsRefused) {
  TempDir dir;
  EXPECT_THROW(Database({.path = dir.file("h.db"), .migrate = false}), std::runtime_error);
}

TEST(SqliteDatabase, UnopenablePathIsAClearError) {
  TempDir dir;
  try {
    Database db({.path = dir.file("missing-dir/h.db")});
    FAIL() << "opened a file in a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open database"), std::string::npos) << e.what();
  }
}

TEST(SqliteDatabase, ConcurrentWritersFromSixteenThreadsAllSucceed) {
  TempDir dir;
  Database db({.path = dir.file("h.db")});
  constexpr int kThreads = 16;
  constexpr int kPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::vector<core::TicketId>> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto created = db.tickets().create(sample_ticket("并发" + std::to_string(t)), sample_event());
        if (!created) {
          ++failures;
          continue;
        }
        ids[t].push_back(created->ticket.id);
        core::Ticket next = created->ticket;
        next.version = 2;
        if (!db.tickets().append(next, sample_event(), 1)) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<core::TicketId> unique;
  for (const auto& list : ids) unique.insert(list.begin(), list.end());
  EXPECT_EQ(unique.size(), static_cast<std::size_t>(kThreads * kPerThread));
  auto count = db.tickets().count();
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, kThreads * kPerThread);
  auto stats = db.stats();
  // Background maintenance (maintenance.hpp) queues its own merge jobs on the same writer.
  EXPECT_GE(stats.jobs, 2 * kThreads * kPerThread);
  EXPECT_LE(stats.commits, stats.jobs);
}

TEST(SqliteDatabase, TextFilterCannotInjectSql) {
  TempDir dir;
  Database db({.path = dir.file("h.db")});
  ASSERT_TRUE(db.tickets().create(sample_ticket("正常"), sample_event()).has_value());
  for (std::string attack : {"'); DROP TABLE tickets; --", "\" OR 1=1 --", "x' OR '1'='1", "*", "\"", "NEAR(a b)"}) {
    core::TicketQuery query;
    query.text_contains = attack;
    auto page = db.tickets().list(query);
    ASSERT_TRUE(page.has_value()) << attack << ": " << page.error().message;
    EXPECT_TRUE(page->tickets.empty()) << attack;
    core::TicketQuery by_district;
    by_district.district = attack;
    auto other = db.tickets().list(by_district);
    ASSERT_TRUE(other.has_value());
    EXPECT_TRUE(other->tickets.empty());
  }
  auto count = db.tickets().count();
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(*count, 1);
}

TEST(SqliteDatabase, TextIndexMergesInTheBackgroundAndStaysSearchable) {
  TempDir dir;
  {
    Database db({.path = dir.file("h.db")});
    for (int i = 0; i < 40; ++i) {
      ASSERT_TRUE(db.tickets().create(sample_ticket("工地噪音 " + std::to_string(i)), sample_event()).has_value());
    }
    core::TicketQuery query;
    query.text_contains = "噪音";
    query.limit = 100;
    auto page = db.tickets().list(query);
    ASSERT_TRUE(page.has_value());
    EXPECT_EQ(page->tickets.size(), 40u);
  }
  // Commits no longer merge the index themselves (see maintenance.hpp).
  Connection raw(dir.file("h.db"), {});
  auto config = raw.statement("SELECT v FROM ticket_fts_config WHERE k = 'automerge'");
  ASSERT_TRUE(config->step());
  EXPECT_EQ(config->column_int64(0), 0);
}

}  // namespace
}  // namespace hotline::storage::sqlite
