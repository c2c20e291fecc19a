// Conformance: core::UserRepository.

#include <gtest/gtest.h>

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

using UserRepositoryConformance = ConformanceTest;
using namespace std::chrono_literals;

const core::Timestamp kT0 = core::from_epoch(1'700'000'000);

core::User make_user(std::string username) {
  core::User user;
  user.username = std::move(username);
  user.display_name = "李四";
  user.role = core::Role::unit_handler;
  user.unit_id = "440106";
  user.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def";
  user.created_at = kT0;
  return user;
}

TEST_P(UserRepositoryConformance, CreateAssignsIdAndFindsByIdAndName) {
  auto alice = users().create_user(make_user("alice"));
  ASSERT_TRUE(alice.has_value());
  auto bob = users().create_user(make_user("bob"));
  ASSERT_TRUE(bob.has_value());
  EXPECT_GT(alice->id, 0);
  EXPECT_NE(alice->id, bob->id);

  auto found = users().find_user(alice->id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->username, "alice");
  EXPECT_EQ(found->display_name, "李四");
  EXPECT_EQ(found->role, core::Role::unit_handler);
  EXPECT_EQ(found->unit_id, "440106");
  EXPECT_EQ(found->password_hash, make_user("x").password_hash);
  EXPECT_TRUE(found->active);
  EXPECT_EQ(found->created_at, kT0);

  auto by_name = users().find_user_by_name("bob");
  ASSERT_TRUE(by_name.has_value());
  EXPECT_EQ(by_name->id, bob->id);
  auto all = users().list_users();
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, alice->id);
}

TEST_P(UserRepositoryConformance, DuplicateUsernameIsConflict) {
  ASSERT_TRUE(users().create_user(make_user("alice")).has_value());
  auto again = users().create_user(make_user("alice"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, core::ErrorCode::conflict);
  auto all = users().list_users();
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(UserRepositoryConformance, UsernamesDifferingOnlyInCaseAreOneName) {
  auto alice = users().create_user(make_user("Alice"));
  ASSERT_TRUE(alice.has_value());
  for (const char* other : {"alice", "ALICE", "aLiCe"}) {
    auto again = users().create_user(make_user(other));
    ASSERT_FALSE(again.has_value()) << other;
    EXPECT_EQ(again.error().code, core::ErrorCode::conflict) << other;
    EXPECT_EQ(again.error().field, "username") << other;
    // Sign-in finds the one account however the name is typed; it keeps the spelling it was given.
    auto found = users().find_user_by_name(other);
    ASSERT_TRUE(found.has_value()) << other;
    EXPECT_EQ(found->id, alice->id);
    EXPECT_EQ(found->username, "Alice");
  }
  EXPECT_EQ(users().list_users()->size(), 1u);
  EXPECT_TRUE(users().create_user(make_user("alice2")).has_value());
}

TEST_P(UserRepositoryConformance, UnknownUserIsNotFound) {
  EXPECT_EQ(users().find_user(99).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(users().find_user_by_name("nobody").error().code, core::ErrorCode::not_found);
  core::User ghost = make_user("ghost");
  ghost.id = 99;
  EXPECT_EQ(users().update_user(ghost).error().code, core::ErrorCode::not_found);
}

TEST_P(UserRepositoryConformance, UpdateReplacesRoleUnitNameHashAndActive) {
  auto user = users().create_user(make_user("alice"));
  ASSERT_TRUE(user.has_value());
  core::User changed = *user;
  changed.username = "ignored";
  changed.role = core::Role::supervisor;
  changed.unit_id = "";
  changed.display_name = "王五";
  changed.password_hash = "new-hash";
  changed.active = false;
  ASSERT_TRUE(users().update_user(changed).has_value());
  auto found = users().find_user(user->id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->username, "alice");
  EXPECT_EQ(found->role, core::Role::supervisor);
  EXPECT_EQ(found->unit_id, "");
  EXPECT_EQ(found->display_name, "王五");
  EXPECT_EQ(found->password_hash, "new-hash");
  EXPECT_FALSE(found->active);
}

TEST_P(UserRepositoryConformance, SessionsAreCreatedFoundAndDeleted) {
  auto user = users().create_user(make_user("alice"));
  ASSERT_TRUE(user.has_value());
  core::Session session{"digest-1", user->id, kT0, kT0 + 12h, kT0 + 1min};
  ASSERT_TRUE(users().create_session(session).has_value());
  EXPECT_EQ(users().create_session(session).error().code, core::ErrorCode::conflict);

  auto found = users().find_session("digest-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->user_id, user->id);
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(found->expires_at, kT0 + 12h);
  EXPECT_EQ(found->last_seen_at, kT0 + 1min);

  ASSERT_TRUE(users().delete_session("digest-1").has_value());
  EXPECT_EQ(users().find_session("digest-1").error().code, core::ErrorCode::not_found);
  EXPECT_TRUE(users().delete_session("digest-1").has_value());  // idempotent
}

TEST_P(UserRepositoryConformance, SessionForUnknownUserIsNotFound) {
  auto result = users().create_session({"digest", 42, kT0, kT0 + 1h, kT0});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, core::ErrorCode::not_found);
}

TEST_P(UserRepositoryConformance, LastLoginIsRecordedAndSurvivesUpdates) {
  auto user = users().create_user(make_user("alice"));
  ASSERT_TRUE(user.has_value());
  EXPECT_FALSE(users().find_user(user->id)->last_login_at.has_value());
  ASSERT_TRUE(users().record_login(user->id, kT0 + 5min).has_value());
  EXPECT_EQ(users().find_user(user->id)->last_login_at, kT0 + 5min);
  EXPECT_EQ(users().find_user_by_name("alice")->last_login_at, kT0 + 5min);
  EXPECT_EQ(users().list_users()->front().last_login_at, kT0 + 5min);
  // An admin's change of role or password leaves it as it was.
  core::User changed = *users().find_user(user->id);
  changed.role = core::Role::agent;
  changed.unit_id.clear();
  changed.last_login_at.reset();
  ASSERT_TRUE(users().update_user(changed).has_value());
  EXPECT_EQ(users().find_user(user->id)->last_login_at, kT0 + 5min);
  EXPECT_EQ(users().record_login(99, kT0).error().code, core::ErrorCode::not_found);
}

TEST_P(UserRepositoryConformance, TouchingASessionMovesItsLastSeen) {
  auto user = users().create_user(make_user("alice"));
  ASSERT_TRUE(user.has_value());
  ASSERT_TRUE(users().create_session({"digest-1", user->id, kT0, kT0 + 12h, kT0}).has_value());
  EXPECT_EQ(users().find_session("digest-1")->last_seen_at, kT0);
  ASSERT_TRUE(users().touch_session("digest-1", kT0 + 7min).has_value());
  auto found = users().find_session("digest-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->last_seen_at, kT0 + 7min);
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(found->expires_at, kT0 + 12h);
  EXPECT_EQ(users().touch_session("no-such-digest", kT0).error().code, core::ErrorCode::not_found);
}

TEST_P(UserRepositoryConformance, DeletingAUsersSessionsKeepsTheNamedOneAndOthersUsers) {
  auto alice = users().create_user(make_user("alice"));
  auto bob = users().create_user(make_user("bob"));
  ASSERT_TRUE(alice.has_value() && bob.has_value());
  for (const char* digest : {"a1", "a2", "a3"})
    ASSERT_TRUE(users().create_session({digest, alice->id, kT0, kT0 + 12h, kT0}).has_value());
  ASSERT_TRUE(users().create_session({"b1", bob->id, kT0, kT0 + 12h, kT0}).has_value());

  auto deleted = users().delete_user_sessions(alice->id, "a2");
  ASSERT_TRUE(deleted.has_value());
  EXPECT_EQ(*deleted, 2);
  EXPECT_EQ(users().find_session("a1").error().code, core::ErrorCode::not_found);
  EXPECT_EQ(users().find_session("a3").error().code, core::ErrorCode::not_found);
  EXPECT_TRUE(users().find_session("a2").has_value());
  EXPECT_TRUE(users().find_session("b1").has_value());

  deleted = users().delete_user_sessions(alice->id, "");
  ASSERT_TRUE(deleted.has_value());
  EXPECT_EQ(*deleted, 1);
  EXPECT_EQ(users().find_session("a2").error().code, core::ErrorCode::not_found);
  EXPECT_TRUE(users().find_session("b1").has_value());
  EXPECT_EQ(*users().delete_user_sessions(99, ""), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, UserRepositoryConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
