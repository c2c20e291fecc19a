#include "storage/sqlite/maintenance.hpp"

#include <spdlog/spdlog.h>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/group_commit_writer.hpp"

namespace hotline::storage::sqlite {

void configure_text_index(Connection& writer) {
  writer.exec("INSERT INTO ticket_fts(ticket_fts, rank) VALUES('automerge', 0)");
  // A safety net: if merges fall far behind, a commit still merges rather than letting segments grow.
  writer.exec("INSERT INTO ticket_fts(ticket_fts, rank) VALUES('crisismerge', 64)");
}

Maintenance::Maintenance(const std::string& path, GroupCommitWriter& writer, std::chrono::milliseconds interval)
    : connection_(std::make_unique<Connection>(path, ConnectionOptions{.cache_kib = 2 * 1024})),
      writer_(writer),
      interval_(interval),
      thread_([this] { loop(); }) {}

Maintenance::~Maintenance() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Maintenance::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    run_once();
    lock.lock();
  }
}

void Maintenance::run_once() {
  // A positive page budget merges only where a level has enough segments: no work when idle.
  auto merged = writer_.run([](Connection& db) -> core::Result<void> {
    auto merge = db.statement("INSERT INTO ticket_fts(ticket_fts, rank) VALUES('merge', ?)");
    merge->bind(1, kMergePages);
    merge->run();
    return {};
  });
  if (!merged) spdlog::warn("background text-index merge failed: {}", merged.error().message);
  try {
    // PASSIVE never blocks writers or readers; it copies what it can.
    connection_->exec("PRAGMA wal_checkpoint(PASSIVE)");
  } catch (const std::exception& e) {
    spdlog::warn("background checkpoint failed: {}", e.what());
  }
}

}  // namespace hotline::storage::sqlite
