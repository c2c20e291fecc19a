// The composition root over a real SQLite file: place extraction follows the city at the root
// of the unit tree, whichever city that is, and re-targets when the tree changes.
#include "app/application.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <unistd.h>

namespace hotline::app {
namespace {

namespace fs = std::filesystem;

class ApplicationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("hotline-app-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The place the dispatch service reads from `text`, as "district/street" ("" for none).
  static std::string place_of(Application& app, const std::string& text) {
    const core::Actor agent{1, "agent", core::Role::agent, ""};
    auto advice = app.dispatch().classify(agent, "", text);
    EXPECT_TRUE(advice) << advice.error().message;
    if (!advice || !advice->place) return "";
    return advice->place->place.district + "/" + advice->place->place.street;
  }

  fs::path dir_;
};

TEST_F(ApplicationTest, PlacesFollowTheCityAtTheRootOfTheUnitTree) {
  Application app((dir_ / "changsha.db").string(), true);
  const std::string message = "岳麓区望月湖街道的路灯坏了一个月";
  EXPECT_EQ(place_of(app, message), "") << "no city in an empty unit tree";

  ASSERT_TRUE(app.reference().save_unit(core::Unit{"4301", "", core::UnitKind::city, "长沙市", true}));
  EXPECT_EQ(place_of(app, message), "430104/430104001");
  EXPECT_EQ(place_of(app, "天河区石牌街道的路灯坏了"), "") << "Guangzhou is not this city";
}

TEST_F(ApplicationTest, AReopenedDatabaseKeepsItsCity) {
  const std::string db = (dir_ / "guangzhou.db").string();
  {
    Application app(db, true);
    ASSERT_TRUE(app.reference().save_unit(core::Unit{"4401", "", core::UnitKind::city, "广州市", true}));
  }
  Application app(db, true);
  EXPECT_EQ(place_of(app, "天河区石牌街道的路灯坏了"), "440106/440106006");
}

TEST_F(ApplicationTest, AttachmentsGoToAFolderBesideTheDatabaseUnlessNamed) {
  const std::string db = (dir_ / "files.db").string();
  EXPECT_EQ(default_attachments_dir(db), db + ".attachments");
  EXPECT_EQ(default_attachments_dir("sqlite:" + db), db + ".attachments");
  EXPECT_EQ(default_attachments_dir("memory:"), "");
  const core::Actor agent{1, "agent", core::Role::agent, ""};
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "pixels";
  auto upload_to = [&](Application& app) {
    core::NewTicket ticket;
    ticket.title = "路灯";
    auto created = app.tickets().register_ticket(agent, ticket);
    EXPECT_TRUE(created) << created.error().message;
    auto attached = app.tickets().attach(agent, created->id, "灯.png", png);
    EXPECT_TRUE(attached) << attached.error().message;
    return attached->attachments.at(0).sha256;
  };
  {
    Application app(db, true);
    EXPECT_FALSE(fs::exists(db + ".attachments")) << "created only with the first upload";
    const std::string sha = upload_to(app);
    EXPECT_TRUE(fs::exists(fs::path(db + ".attachments") / sha.substr(0, 2) / sha));
  }
  {
    const fs::path elsewhere = dir_ / "elsewhere";
    Application app(db, true, elsewhere.string());
    const std::string sha = upload_to(app);
    EXPECT_TRUE(fs::exists(elsewhere / sha.substr(0, 2) / sha));
  }
  Application in_memory("memory:", true);
  EXPECT_FALSE(upload_to(in_memory).empty());
}

TEST_F(ApplicationTest, ACityWithoutDivisionsStillClassifies) {
  Application app((dir_ / "nowhere.db").string(), true);
  ASSERT_TRUE(app.reference().save_unit(core::Unit{"9999", "", core::UnitKind::city, "无此市", true}));
  EXPECT_EQ(place_of(app, "天河区石牌街道的路灯坏了"), "");
}

}  // namespace
}  // namespace hotline::app
