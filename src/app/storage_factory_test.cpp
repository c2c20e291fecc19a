#include "app/storage_factory.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace hotline::app {
namespace {

TEST(StorageFactory, APlainPathAndTheSqliteSchemesNameASqliteFile) {
  EXPECT_EQ(parse_storage_location("demo/hotline.db").backend, StorageBackend::sqlite);
  EXPECT_EQ(parse_storage_location("demo/hotline.db").path, "demo/hotline.db");
  EXPECT_EQ(parse_storage_location("sqlite:demo/hotline.db").path, "demo/hotline.db");
  EXPECT_EQ(parse_storage_location("sqlite:///var/lib/hotline.db").path, "/var/lib/hotline.db");
  EXPECT_EQ(parse_storage_location("memory:").backend, StorageBackend::memory);
  EXPECT_EQ(parse_storage_location("postgres://user@db/hotline").backend, StorageBackend::postgres);
}

TEST(StorageFactory, AnUnknownSchemeOrNothingIsRefusedWithAClearLine) {
  EXPECT_THROW(parse_storage_location(""), std::runtime_error);
  try {
    (void)parse_storage_location("mysql://db/hotline");
    FAIL() << "mysql accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown storage scheme 'mysql://'"), std::string::npos) << e.what();
  }
}

TEST(StorageFactory, PostgresIsNamedButNotBuiltIntoThisVersion) {
  try {
    (void)open_storage("postgres://localhost/hotline");
    FAIL() << "postgres opened";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("PostgreSQL backend is not built"), std::string::npos) << e.what();
  }
}

TEST(StorageFactory, OpensWorkingBundlesOfEitherBackend) {
  const auto dir = std::filesystem::temp_directory_path() / ("hotline-factory-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "h.db").string();
  EXPECT_FALSE(storage_exists(file));
  for (const std::string& db : {"sqlite:" + file, std::string("memory:")}) {
    auto storage = open_storage(db);
    ASSERT_TRUE(storage);
    auto version = storage->migrate();
    ASSERT_TRUE(version);
    auto count = storage->tickets().count();
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, 0);
    EXPECT_EQ(storage->kpi_config().dispatch_limit_seconds, core::KpiConfig{}.dispatch_limit_seconds);
  }
  EXPECT_TRUE(storage_exists(file));
  EXPECT_FALSE(storage_exists("memory:"));
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

}  // namespace
}  // namespace hotline::app
