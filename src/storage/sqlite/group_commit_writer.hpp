#pragma once
// `GroupCommitWriter`: the single writer of a SQLite database. It owns the write connection and one
// thread. Callers submit a job and block until it is durable; the thread takes every queued job,
// runs them in one transaction (each inside its own SAVEPOINT, so a failing job is rolled back
// alone), COMMITs once - one fsync for the whole batch under `synchronous=FULL` - and then
// completes every caller. This turns N concurrent writes into one disk flush.
// Thread-safe: `run` may be called from any number of threads.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "storage/sqlite/connection.hpp"

namespace hotline::storage::sqlite {

// Counters for tests and benchmarks; `jobs / commits` is the average batch size.
struct WriterStats {
  std::int64_t commits = 0;    // transactions committed (one fsync each)
  std::int64_t jobs = 0;       // jobs run, succeeded or not
  std::int64_t max_batch = 0;  // most jobs in one transaction
};

class GroupCommitWriter {
 public:
  // A unit of work on the write connection. It runs on the writer thread inside a SAVEPOINT; an
  // error result or a thrown `std::exception` rolls back only this job. Jobs may capture the caller's
  // locals by reference: the caller is blocked until the job has finished.
  using Job = std::function<core::Result<void>(Connection&)>;

  explicit GroupCommitWriter(std::unique_ptr<Connection> connection);
  // Finishes the queued jobs, then stops the thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Runs `job` and returns once its transaction has committed (durable) or failed. Errors: the
  // job's own error; unavailable when the COMMIT fails (disk full, I/O error, busy).
  [[nodiscard]] core::Result<void> run(Job job);

  WriterStats stats() const;
  // Jobs waiting for the writer thread; lets a test hold the writer and see a batch form.
  std::size_t queued_for_test() const;

 private:
  struct Pending {
    Job job;
    std::promise<core::Result<void>> done;
  };

  void loop();
  void run_batch(std::vector<Pending>& batch);

  std::unique_ptr<Connection> connection_;  // used only by thread_
  mutable std::mutex mutex_;                // guards queue_, stopping_ and stats_
  std::condition_variable wake_;
  std::vector<Pending> queue_;
  bool stopping_ = false;
  WriterStats stats_;
  std::thread thread_;  // last member: starts after everything above is constructed
};

}  // namespace hotline::storage::sqlite
