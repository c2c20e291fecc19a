#include "storage/conformance/backends.hpp"

#include <atomic>
#include <unistd.h>

#include "storage/memory/audit_repository.hpp"
#include "storage/memory/dispatch_catalogue_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/ticket_repository.hpp"
#include "storage/memory/user_repository.hpp"
#include "storage/sqlite/database.hpp"

namespace hotline::storage::conformance {
namespace {

class MemoryBackend final : public Backend {
 public:
  core::TicketRepository& tickets() override { return tickets_; }
  core::ReferenceRepository& reference() override { return reference_; }
  core::UserRepository& users() override { return users_; }
  core::AuditRepository& audit() override { return audit_; }
  core::DispatchCatalogueRepository& dispatch_catalogue() override { return dispatch_catalogue_; }

 private:
  memory::InMemoryAuditRepository audit_;
  memory::InMemoryDispatchCatalogueRepository dispatch_catalogue_;
  memory::InMemoryTicketRepository tickets_;
  memory::InMemoryReferenceRepository reference_;
  memory::InMemoryUserRepository users_;
};

class SqliteBackend final : public Backend {
 public:
  explicit SqliteBackend(const std::filesystem::path& dir)
      : database_(sqlite::DatabaseOptions{.path = (dir / "hotline.db").string()}) {}
  core::TicketRepository& tickets() override { return database_.tickets(); }
  core::ReferenceRepository& reference() override { return database_.reference(); }
  core::UserRepository& users() override { return database_.users(); }
  core::AuditRepository& audit() override { return database_.audit(); }
  core::DispatchCatalogueRepository& dispatch_catalogue() override { return database_.dispatch_catalogue(); }

 private:
  sqlite::Database database_;
};

}  // namespace

std::vector<BackendFactory> all_backends() {
  return {
      {"Memory", [](const std::filesystem::path&) { return std::make_unique<MemoryBackend>(); }},
      {"Sqlite", [](const std::filesystem::path& dir) { return std::make_unique<SqliteBackend>(dir); }},
  };
}

void ConformanceTest::SetUp() {
  static std::atomic<int> counter{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string test_name = info->name();  // "Name/Backend" for parameterised tests
  for (auto& c : test_name) {
    if (c == '/') c = '-';
  }
  temp_dir_ = std::filesystem::temp_directory_path() /
              ("hotline-conformance-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + test_name);
  std::filesystem::create_directories(temp_dir_);
  backend_ = GetParam().make(temp_dir_);
}

void ConformanceTest::TearDown() {
  backend_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(temp_dir_, ignored);
}

std::string backend_name(const ::testing::TestParamInfo<BackendFactory>& info) { return info.param.name; }

}  // namespace hotline::storage::conformance
