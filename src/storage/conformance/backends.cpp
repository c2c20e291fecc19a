#include "storage/conformance/backends.hpp"

#include <atomic>
#include <unistd.h>

#include "storage/memory/storage.hpp"
#include "storage/sqlite/database.hpp"

namespace hotline::storage::conformance {
std::vector<BackendFactory> all_backends() {
  return {
      {"Memory", [](const std::filesystem::path&) -> std::unique_ptr<Backend> {
         return std::make_unique<memory::InMemoryStorage>();
       }},
      {"Sqlite", [](const std::filesystem::path& dir) -> std::unique_ptr<Backend> {
         return std::make_unique<sqlite::Database>(sqlite::DatabaseOptions{.path = (dir / "hotline.db").string()});
       }},
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
