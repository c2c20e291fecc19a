// AuthService: the administrators' account management and the users' own password and sessions.

#include <gtest/gtest.h>

#include "core/auth_service.hpp"
#include "storage/memory/audit_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/user_repository.hpp"

namespace hotline::core {
namespace {

using namespace std::chrono;

class PlainHasher final : public PasswordHasher {
 public:
  std::string hash(const std::string& password) override { return "plain:" + password; }
  bool verify(const std::string& hash, const std::string& password) override { return hash == "plain:" + password; }
};

class CountingTokens final : public TokenGenerator {
 public:
  std::string new_token() override { return "token-" + std::to_string(++next_); }
  std::string digest(const std::string& token) override { return "digest:" + token; }

 private:
  int next_ = 0;
};

constexpr const char* kPassword = "correct-horse-42";
constexpr const char* kAddress = "198.51.100.7";

class AccountManagementTest : public ::testing::Test {
 protected:
  AccountManagementTest() : clock_(sys_days{year{2024} / 3 / 4} + hours{2}), reference_(reference_repo_) {
    EXPECT_TRUE(reference_.reload());
    EXPECT_TRUE(reference_.save_unit(Unit{"440106", "", UnitKind::district, "天河区", true}));
    admin_ = actor_of(add("admin.wang", Role::admin));
    agent_ = actor_of(add("agent.chen", Role::agent));
  }

  User add(const std::string& username, Role role, const UnitId& unit = "") {
    auto user = auth_.add_user(NewUser{username, kPassword, role, unit, ""});
    EXPECT_TRUE(user) << user.error().message;
    return user ? *user : User{};
  }
  static Actor actor_of(const User& user) { return Actor{user.id, user.username, user.role, user.unit_id}; }
  std::string sign_in(const std::string& username, const std::string& password = kPassword) {
    auto login = auth_.login(username, password, kAddress);
    EXPECT_TRUE(login) << login.error().message;
    return login ? login->token : std::string{};
  }
  std::vector<AuditEntry> trail() { return *audit_.list(AuditQuery{}); }  // newest first

  FixedClock clock_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  storage::memory::InMemoryUserRepository users_;
  storage::memory::InMemoryAuditRepository audit_;
  ReferenceService reference_;
  PlainHasher hasher_;
  CountingTokens tokens_;
  AuthService auth_{users_, audit_, reference_, hasher_, tokens_, clock_};
  Actor admin_;
  Actor agent_;
};

TEST_F(AccountManagementTest, ADeactivatedUserCannotSignInAndTheirTokensStopAtOnce) {
  std::string token = sign_in("agent.chen");
  std::string other = sign_in("agent.chen");
  ASSERT_TRUE(auth_.authenticate(token));  // cached from here on
  auto deactivated = auth_.set_active(admin_, agent_.user_id, false);
  ASSERT_TRUE(deactivated) << deactivated.error().message;
  EXPECT_FALSE(deactivated->active);
  EXPECT_TRUE(deactivated->password_hash.empty());
  EXPECT_EQ(auth_.authenticate(token).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(auth_.authenticate(other).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(auth_.login("agent.chen", kPassword, kAddress).error().code, ErrorCode::unauthenticated);

  // Reactivated, the user signs in again; the old tokens stay dead.
  ASSERT_TRUE(auth_.set_active(admin_, agent_.user_id, true));
  EXPECT_EQ(auth_.authenticate(token).error().code, ErrorCode::unauthenticated);
  std::string fresh = sign_in("agent.chen");
  EXPECT_TRUE(auth_.authenticate(fresh));
}

TEST_F(AccountManagementTest, OnlyAdministratorsManageAccounts) {
  EXPECT_EQ(auth_.set_active(agent_, admin_.user_id, false).error().code, ErrorCode::forbidden);
  EXPECT_EQ(auth_.change_role(agent_, agent_.user_id, {Role::admin, ""}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(auth_.reset_password(agent_, admin_.user_id, "another-pass-77").error().code, ErrorCode::forbidden);
  EXPECT_EQ(auth_.get_user(agent_, admin_.user_id).error().code, ErrorCode::forbidden);
  EXPECT_EQ(auth_.set_active(admin_, 999, false).error().code, ErrorCode::not_found);
  EXPECT_EQ(auth_.get_user(admin_, agent_.user_id)->username, "agent.chen");
}

TEST_F(AccountManagementTest, TokensCarryTheNewRoleAndUnitAtTheirNextRequest) {
  std::string token = sign_in("agent.chen");
  ASSERT_EQ(auth_.authenticate(token)->role, Role::agent);  // cached
  auto changed = auth_.change_role(admin_, agent_.user_id, {Role::unit_handler, "440106"});
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->role, Role::unit_handler);
  auto actor = auth_.authenticate(token);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->role, Role::unit_handler);
  EXPECT_EQ(actor->unit_id, "440106");
  EXPECT_EQ(users_.find_user(agent_.user_id)->role, Role::unit_handler);
}

TEST_F(AccountManagementTest, AUnitIsRequiredForUnitHandlersAndRefusedOtherwise) {
  auto no_unit = auth_.change_role(admin_, agent_.user_id, {Role::unit_handler, ""});
  ASSERT_FALSE(no_unit);
  EXPECT_EQ(no_unit.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(no_unit.error().field, "unit_id");
  EXPECT_EQ(auth_.change_role(admin_, agent_.user_id, {Role::unit_handler, "nowhere"}).error().field, "unit_id");
  auto stray = auth_.change_role(admin_, agent_.user_id, {Role::dispatcher, "440106"});
  ASSERT_FALSE(stray);
  EXPECT_EQ(stray.error().field, "unit_id");
  EXPECT_EQ(users_.find_user(agent_.user_id)->role, Role::agent);  // nothing changed
  // A handler given another role leaves the unit.
  ASSERT_TRUE(auth_.change_role(admin_, agent_.user_id, {Role::unit_handler, "440106"}));
  auto back = auth_.change_role(admin_, agent_.user_id, {Role::callback_agent, ""});
  ASSERT_TRUE(back);
  EXPECT_EQ(back->unit_id, "");
}

TEST_F(AccountManagementTest, TheLastActiveAdministratorCannotDeactivateOrDemoteThemselves) {
  auto deactivate = auth_.set_active(admin_, admin_.user_id, false);
  ASSERT_FALSE(deactivate);
  EXPECT_EQ(deactivate.error().code, ErrorCode::conflict);
  auto demote = auth_.change_role(admin_, admin_.user_id, {Role::supervisor, ""});
  ASSERT_FALSE(demote);
  EXPECT_EQ(demote.error().code, ErrorCode::conflict);
  EXPECT_EQ(users_.find_user(admin_.user_id)->role, Role::admin);
  EXPECT_TRUE(users_.find_user(admin_.user_id)->active);

  // An inactive second admin does not count; an active one does.
  Actor second = actor_of(add("admin.li", Role::admin));
  ASSERT_TRUE(auth_.set_active(admin_, second.user_id, false));
  EXPECT_EQ(auth_.change_role(admin_, admin_.user_id, {Role::supervisor, ""}).error().code, ErrorCode::conflict);
  ASSERT_TRUE(auth_.set_active(admin_, second.user_id, true));
  EXPECT_TRUE(auth_.change_role(admin_, admin_.user_id, {Role::supervisor, ""}));
  // Now admin.li is the last one.
  EXPECT_EQ(auth_.set_active(second, second.user_id, false).error().code, ErrorCode::conflict);
}

TEST_F(AccountManagementTest, AnAdminResetsAPasswordThroughThePolicyAndEverySessionEnds) {
  std::string token = sign_in("agent.chen");
  ASSERT_TRUE(auth_.authenticate(token));
  auto weak = auth_.reset_password(admin_, agent_.user_id, "123456");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field, "password");
  EXPECT_TRUE(auth_.authenticate(token));  // a refused reset changes nothing

  ASSERT_TRUE(auth_.reset_password(admin_, agent_.user_id, "brand-new-pass-9"));
  EXPECT_EQ(auth_.authenticate(token).error().code, ErrorCode::unauthenticated);
  EXPECT_FALSE(auth_.login("agent.chen", kPassword, kAddress));
  EXPECT_TRUE(auth_.login("agent.chen", "brand-new-pass-9", kAddress));
}

TEST_F(AccountManagementTest, ChangingTheOwnPasswordNeedsTheCurrentOneAndEndsTheOtherSessions) {
  std::string here = sign_in("agent.chen");
  std::string elsewhere = sign_in("agent.chen");
  ASSERT_TRUE(auth_.authenticate(elsewhere));
  auto wrong = auth_.change_password(agent_, here, "not-my-password", "brand-new-pass-9");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(wrong.error().field, "current_password");
  EXPECT_EQ(auth_.change_password(agent_, here, kPassword, "agent.chen").error().field, "password");
  EXPECT_TRUE(auth_.authenticate(elsewhere));

  ASSERT_TRUE(auth_.change_password(agent_, here, kPassword, "brand-new-pass-9"));
  EXPECT_TRUE(auth_.authenticate(here));
  EXPECT_EQ(auth_.authenticate(elsewhere).error().code, ErrorCode::unauthenticated);
  EXPECT_TRUE(auth_.login("agent.chen", "brand-new-pass-9", kAddress));
}

TEST_F(AccountManagementTest, WrongCurrentPasswordsAreThrottledLikeSignIns) {
  std::string token = sign_in("agent.chen");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(auth_.change_password(agent_, token, "guess-" + std::to_string(i), "brand-new-pass-9").error().code,
              ErrorCode::invalid_argument);
  auto locked = auth_.change_password(agent_, token, kPassword, "brand-new-pass-9");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(locked.error().retry_after, 30s);
}

TEST_F(AccountManagementTest, LoggingOutEverywhereEndsEverySessionOfThatUser) {
  std::string one = sign_in("agent.chen");
  std::string two = sign_in("agent.chen");
  std::string admins = sign_in("admin.wang");
  ASSERT_TRUE(auth_.authenticate(one));
  auto ended = auth_.logout_everywhere(agent_, agent_.user_id);
  ASSERT_TRUE(ended);
  EXPECT_EQ(*ended, 2);
  EXPECT_FALSE(auth_.authenticate(one));
  EXPECT_FALSE(auth_.authenticate(two));
  EXPECT_TRUE(auth_.authenticate(admins));

  // Another user's sessions: administrators only.
  std::string three = sign_in("agent.chen");
  EXPECT_EQ(auth_.logout_everywhere(agent_, admin_.user_id).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(auth_.authenticate(admins));
  EXPECT_EQ(*auth_.logout_everywhere(admin_, agent_.user_id), 1);
  EXPECT_FALSE(auth_.authenticate(three));
  EXPECT_EQ(auth_.logout_everywhere(admin_, 999).error().code, ErrorCode::not_found);
}

TEST_F(AccountManagementTest, EveryChangeIsAuditedWithWhoTargetAndBeforeAfterButNoPassword) {
  ASSERT_TRUE(auth_.change_role(admin_, agent_.user_id, {Role::unit_handler, "440106"}));
  ASSERT_TRUE(auth_.set_active(admin_, agent_.user_id, false));
  ASSERT_TRUE(auth_.set_active(admin_, agent_.user_id, true));
  ASSERT_TRUE(auth_.reset_password(admin_, agent_.user_id, "brand-new-pass-9"));
  Actor handler = agent_;
  handler.role = Role::unit_handler;
  std::string token = sign_in("agent.chen", "brand-new-pass-9");
  ASSERT_TRUE(auth_.change_password(handler, token, "brand-new-pass-9", "second-new-pass-8"));
  ASSERT_TRUE(auth_.logout_everywhere(admin_, agent_.user_id));
  (void)auth_.set_active(admin_, admin_.user_id, false);  // refused: not a change, not audited

  std::vector<AuditEntry> changes;
  for (const auto& entry : trail()) {
    if (entry.action != "login" && entry.action != "user_created") changes.push_back(entry);
  }
  ASSERT_EQ(changes.size(), 6u);
  EXPECT_EQ(changes[5].action, "user_role_changed");
  EXPECT_EQ(changes[5].actor, "admin.wang");
  EXPECT_EQ(changes[5].actor_id, admin_.user_id);
  EXPECT_EQ(changes[5].role, Role::admin);
  const std::string target = "user #" + std::to_string(agent_.user_id) + " agent.chen: ";
  EXPECT_EQ(changes[5].reason, target + "role agent -> unit_handler, unit - -> 440106, active yes -> yes");
  EXPECT_EQ(changes[4].action, "user_deactivated");
  EXPECT_EQ(changes[4].reason,
            target + "role unit_handler -> unit_handler, unit 440106 -> 440106, active yes -> no; 0 sessions ended");
  EXPECT_EQ(changes[3].action, "user_reactivated");
  EXPECT_EQ(changes[2].action, "password_reset");
  EXPECT_EQ(changes[1].action, "password_changed");
  EXPECT_EQ(changes[1].actor, "agent.chen");
  EXPECT_EQ(changes[0].action, "logout_everywhere");
  for (const auto& entry : trail()) {
    EXPECT_EQ(entry.reason.find("new-pass"), std::string::npos) << entry.reason;
    EXPECT_EQ(entry.reason.find("plain:"), std::string::npos) << entry.reason;
  }
}

TEST_F(AccountManagementTest, SignInRecordsTheLastLogin) {
  EXPECT_FALSE(users_.find_user(agent_.user_id)->last_login_at);
  clock_.advance(5min);
  auto login = auth_.login("agent.chen", kPassword, kAddress);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->user.last_login_at, clock_.now());
  EXPECT_TRUE(login->user.password_hash.empty());
  auto listed = auth_.list_users(admin_);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->at(1).last_login_at, clock_.now());
  EXPECT_FALSE(listed->at(0).last_login_at);  // the admin never signed in
}

}  // namespace
}  // namespace hotline::core
