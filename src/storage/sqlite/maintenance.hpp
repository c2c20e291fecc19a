#pragma once
// `Maintenance`: SQLite upkeep off the request path, on its own thread.
//   - WAL checkpoints (PASSIVE, own connection): copy committed frames into the database file so
//     commits rarely cross the automatic-checkpoint threshold. Durability is unchanged: a commit
//     is durable once its WAL frames are fsynced; checkpoints only move durable data.
//   - Full-text index merges: the bigram index's automatic merging is switched off (it ran inside
//     whichever commit crossed a threshold, up to tens of ms: the p99 of ticket creation), and
//     this thread queues small bounded merge jobs on the group-commit writer instead.
// Owns its thread and connection; the destructor stops and joins. Must be destroyed before the
// writer it borrows.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace hotline::storage::sqlite {

class Connection;
class GroupCommitWriter;

class Maintenance {
 public:
  // Throws `SqliteError` when its connection cannot be opened.
  Maintenance(const std::string& path, GroupCommitWriter& writer, std::chrono::milliseconds interval);
  ~Maintenance();
  Maintenance(const Maintenance&) = delete;
  Maintenance& operator=(const Maintenance&) = delete;

  // Pages one merge job may write; small enough to keep a batch's commit short.
  static constexpr int kMergePages = 64;

 private:
  void loop();
  void run_once();

  std::unique_ptr<Connection> connection_;
  GroupCommitWriter& writer_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Switches the bigram index to background merging; idempotent, run on the writer connection.
void configure_text_index(Connection& writer);

}  // namespace hotline::storage::sqlite
