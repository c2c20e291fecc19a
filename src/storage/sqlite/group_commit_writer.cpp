#include "storage/sqlite/group_commit_writer.hpp"

#include <algorithm>
#include <exception>

namespace hotline::storage::sqlite {
namespace {

// Runs one job inside its own savepoint; the outer transaction is already open.
core::Result<void> run_in_savepoint(Connection& connection, const GroupCommitWriter::Job& job) {
  connection.exec("SAVEPOINT job");
  core::Result<void> result;
  try {
    result = job(connection);
  } catch (const std::exception& e) {
    // A failed statement or a corrupt row abandons this job only.
    result = core::fail(core::ErrorCode::internal, std::string("storage error: ") + e.what());
  }
  if (!result) connection.exec("ROLLBACK TO job");
  connection.exec("RELEASE job");
  return result;
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)), thread_([this] { loop(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

core::Result<void> GroupCommitWriter::run(Job job) {
  std::future<core::Result<void>> done;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return core::fail(core::ErrorCode::unavailable, "database is closing");
    auto& pending = queue_.emplace_back(Pending{std::move(job), {}});
    done = pending.done.get_future();
  }
  wake_.notify_one();
  return done.get();
}

WriterStats GroupCommitWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::size_t GroupCommitWriter::queued_for_test() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void GroupCommitWriter::loop() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      batch.swap(queue_);
    }
    run_batch(batch);
    batch.clear();
  }
}

void GroupCommitWriter::run_batch(std::vector<Pending>& batch) {
  std::vector<core::Result<void>> results(batch.size());
  bool committed = false;
  try {
    connection_->exec("BEGIN IMMEDIATE");
    for (std::size_t i = 0; i < batch.size(); ++i) results[i] = run_in_savepoint(*connection_, batch[i].job);
    connection_->exec("COMMIT");
    committed = true;
  } catch (const std::exception& e) {
    // BEGIN, a savepoint statement or COMMIT failed: nothing of this batch is durable.
    try {
      connection_->exec("ROLLBACK");
    } catch (const std::exception&) {
      // Already rolled back by SQLite (e.g. after an I/O error); nothing left to undo.
    }
    for (auto& result : results) {
      if (result) result = core::fail(core::ErrorCode::unavailable, std::string("commit failed: ") + e.what());
    }
  }
  {
    std::lock_guard lock(mutex_);
    if (committed) stats_.commits += 1;
    stats_.jobs += static_cast<std::int64_t>(batch.size());
    stats_.max_batch = std::max(stats_.max_batch, static_cast<std::int64_t>(batch.size()));
  }
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(std::move(results[i]));
}

}  // namespace hotline::storage::sqlite
