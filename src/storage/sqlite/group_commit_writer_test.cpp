#include "storage/sqlite/group_commit_writer.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "storage/sqlite/test_support.hpp"

namespace hotline::storage::sqlite {
namespace {

class GroupCommitWriterTest : public ::testing::Test {
 protected:
  GroupCommitWriterTest() {
    auto connection = std::make_unique<Connection>(dir_.file("w.db"), ConnectionOptions{});
    connection->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (v INTEGER NOT NULL)");
    writer_ = std::make_unique<GroupCommitWriter>(std::move(connection));
  }

  // Occupies the writer thread until `release_` is set, so that later jobs queue up.
  std::thread hold_writer() {
    auto started = started_.get_future();
    std::thread holder([this] {
      auto held = writer_->run([this](Connection&) -> core::Result<void> {
        started_.set_value();
        release_.get_future().wait();
        return {};
      });
      EXPECT_TRUE(held.has_value());
    });
    started.wait();  // the held job is running; the queue is empty
    return holder;
  }

  // Waits (without sleeping) until `jobs` are queued behind the held one.
  void wait_for_queue(std::size_t jobs) {
    while (writer_->queued_for_test() < jobs) std::this_thread::yield();
  }

  std::int64_t rows() {
    Connection reader(dir_.file("w.db"), ConnectionOptions{.read_only = true});
    auto select = reader.statement("SELECT count(*) FROM t");
    select->step();
    return select->column_int64(0);
  }

  TempDir dir_;
  std::promise<void> started_;
  std::promise<void> release_;
  std::unique_ptr<GroupCommitWriter> writer_;
};

TEST_F(GroupCommitWriterTest, ConcurrentJobsAreCommittedAsOneBatch) {
  auto holder = hold_writer();
  constexpr int kThreads = 16;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto done = writer_->run([i](Connection& db) -> core::Result<void> {
        auto insert = db.statement("INSERT INTO t (v) VALUES (?)");
        insert->bind(1, i);
        insert->run();
        return {};
      });
      if (!done) ++failures;
    });
  }
  wait_for_queue(kThreads);
  release_.set_value();
  holder.join();
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(rows(), kThreads);
  auto stats = writer_->stats();
  EXPECT_EQ(stats.jobs, kThreads + 1);
  EXPECT_EQ(stats.commits, 2);  // the held job, then all sixteen together
  EXPECT_EQ(stats.max_batch, kThreads);
}

TEST_F(GroupCommitWriterTest, AFailingJobIsRolledBackAloneInItsBatch) {
  auto holder = hold_writer();
  auto insert_job = [](int value, bool fail_after) {
    return [value, fail_after](Connection& db) -> core::Result<void> {
      auto insert = db.statement("INSERT INTO t (v) VALUES (?)");
      insert->bind(1, value);
      insert->run();
      if (fail_after) return core::fail(core::ErrorCode::conflict, "job fails after writing");
      return {};
    };
  };
  auto good1 = std::async(std::launch::async, [&] { return writer_->run(insert_job(1, false)); });
  wait_for_queue(1);
  auto bad = std::async(std::launch::async, [&] { return writer_->run(insert_job(2, true)); });
  wait_for_queue(2);
  auto thrower = std::async(std::launch::async, [&] {
    return writer_->run([](Connection& db) -> core::Result<void> {
      db.exec("INSERT INTO t (v) VALUES (3)");
      db.exec("INSERT INTO t (v) VALUES (NULL)");  // NOT NULL: throws SqliteError
      return {};
    });
  });
  wait_for_queue(3);
  auto good2 = std::async(std::launch::async, [&] { return writer_->run(insert_job(4, false)); });
  wait_for_queue(4);
  release_.set_value();
  holder.join();

  EXPECT_TRUE(good1.get().has_value());
  auto bad_result = bad.get();
  ASSERT_FALSE(bad_result.has_value());
  EXPECT_EQ(bad_result.error().code, core::ErrorCode::conflict);
  auto thrown = thrower.get();
  ASSERT_FALSE(thrown.has_value());
  EXPECT_EQ(thrown.error().code, core::ErrorCode::internal);
  EXPECT_TRUE(good2.get().has_value());
  EXPECT_EQ(rows(), 2);  // values 1 and 4 only
  EXPECT_EQ(writer_->stats().commits, 2);
}

}  // namespace
}  // namespace hotline::storage::sqlite
