#include "adapters/attachment_stores.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace hotline::adapters {
namespace {

namespace fs = std::filesystem;

// A fresh folder per test, removed afterwards.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name)
      if (c == '/') c = '_';
    path_ = fs::temp_directory_path() / ("hotline_attach_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// SHA-256("abc") from FIPS 180-2.
constexpr const char* kAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(Sha256Hex, MatchesTheStandardVector) {
  EXPECT_EQ(sha256_hex("abc"), kAbc);
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// The conformance suite every AttachmentStore passes.
struct StoreCase {
  std::string name;
  std::function<std::unique_ptr<core::AttachmentStore>(const fs::path& folder)> make;
};

class AttachmentStoreConformance : public ::testing::TestWithParam<StoreCase> {
 protected:
  void SetUp() override { store_ = GetParam().make(folder_.path()); }
  TempFolder folder_;
  std::unique_ptr<core::AttachmentStore> store_;
};

TEST_P(AttachmentStoreConformance, PutReturnsTheHashAndGetTheBytes) {
  std::string bytes("a\0b\xFF\x01 binary", 11);
  auto name = store_->put(bytes);
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(*name, sha256_hex(bytes));
  auto back = store_->get(*name);
  ASSERT_TRUE(back);
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ(**back, bytes);
}

TEST_P(AttachmentStoreConformance, PuttingTheSameBytesAgainGivesTheSameName) {
  auto first = store_->put("abc");
  auto second = store_->put("abc");
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_EQ(*first, kAbc);
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(**store_->get(kAbc), "abc");
}

TEST_P(AttachmentStoreConformance, DifferentBytesAreKeptApart) {
  auto a = store_->put("first");
  auto b = store_->put("second");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(**store_->get(*a), "first");
  EXPECT_EQ(**store_->get(*b), "second");
}

TEST_P(AttachmentStoreConformance, AnUnknownHashIsNotFound) {
  auto missing = store_->get(kAbc);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(AttachmentStoreConformance, ANameThatIsNotAHashIsRefused) {
  for (std::string bad : {std::string(""), std::string("../../etc/passwd"), std::string(kAbc).substr(1),
                          std::string(64, 'A'), std::string(62, 'a') + "/x"}) {
    auto refused = store_->get(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, core::ErrorCode::invalid_argument);
  }
}

TEST_P(AttachmentStoreConformance, ConcurrentPutsOfTheSameBytesAgree) {
  std::vector<std::thread> threads;
  std::vector<std::string> names(8);
  for (std::size_t i = 0; i < names.size(); ++i)
    threads.emplace_back([&, i] { names[i] = store_->put(std::string(100000, 'x')).value(); });
  for (auto& t : threads) t.join();
  for (const auto& name : names) EXPECT_EQ(name, names.front());
  EXPECT_EQ(**store_->get(names.front()), std::string(100000, 'x'));
}

INSTANTIATE_TEST_SUITE_P(
    Stores, AttachmentStoreConformance,
    ::testing::Values(StoreCase{"memory", [](const fs::path&) { return std::make_unique<InMemoryAttachmentStore>(); }},
                      StoreCase{"filesystem",
                                [](const fs::path& folder) {
                                  return std::make_unique<FilesystemAttachmentStore>(folder / "nested" / "store");
                                }}),
    [](const auto& info) { return info.param.name; });

TEST(FilesystemAttachmentStore, StoresUnderTheFirstTwoHexDigitsAndLeavesNoTemporaryFile) {
  TempFolder folder;
  FilesystemAttachmentStore store(folder.path());
  ASSERT_TRUE(store.put("abc"));
  EXPECT_EQ(store.path_of(kAbc), folder.path() / "ba" / kAbc);
  EXPECT_EQ(read_file(folder.path() / "ba" / kAbc), "abc");
  std::vector<std::string> entries;
  for (const auto& entry : fs::directory_iterator(folder.path() / "ba")) entries.push_back(entry.path().filename());
  EXPECT_EQ(entries, std::vector<std::string>{kAbc});
}

TEST(FilesystemAttachmentStore, AnExistingFileOfThatNameIsLeftAsItIs) {
  TempFolder folder;
  FilesystemAttachmentStore store(folder.path());
  fs::create_directories(folder.path() / "ba");
  { std::ofstream(folder.path() / "ba" / kAbc) << "already here"; }
  auto name = store.put("abc");
  ASSERT_TRUE(name);
  EXPECT_EQ(*name, kAbc);
  EXPECT_EQ(read_file(folder.path() / "ba" / kAbc), "already here");
}

TEST(FilesystemAttachmentStore, ATemporaryFileLeftByACrashIsNeitherReadNorInTheWay) {
  TempFolder folder;
  FilesystemAttachmentStore store(folder.path());
  fs::create_directories(folder.path() / "ba");
  const auto leftover = folder.path() / "ba" / ("." + std::string(kAbc) + ".a1b2c3");
  { std::ofstream(leftover) << "half writ"; }
  EXPECT_FALSE(store.get(kAbc)->has_value());  // a temporary file is not a stored one
  ASSERT_TRUE(store.put("abc"));
  EXPECT_EQ(**store.get(kAbc), "abc");
  EXPECT_EQ(read_file(leftover), "half writ");  // someone else's temporary name is not touched
}

TEST(FilesystemAttachmentStore, AFolderThatCannotBeWrittenIsUnavailable) {
  TempFolder folder;
  fs::create_directories(folder.path());
  { std::ofstream(folder.path() / "ba") << "a file where the folder should be"; }
  FilesystemAttachmentStore store(folder.path());
  auto refused = store.put("abc");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::unavailable);
}

TEST(FilesystemAttachmentStore, AnotherStoreOverTheSameFolderReadsWhatWasWritten) {
  TempFolder folder;
  ASSERT_TRUE(FilesystemAttachmentStore(folder.path()).put("abc"));
  EXPECT_EQ(**FilesystemAttachmentStore(folder.path()).get(kAbc), "abc");
}

}  // namespace
}  // namespace hotline::adapters
