#pragma once
// Helpers shared by the SQLite-only tests: a temp directory per test, deleted afterwards, and a
// minimal valid ticket. Test code only.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "core/ticket_event.hpp"

namespace hotline::storage::sqlite {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("hotline-sqlite-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline core::Ticket sample_ticket(std::string title) {
  core::Ticket t;
  t.title = std::move(title);
  t.text = "内容";
  t.created_at = core::from_epoch(1'700'000'000);
  t.updated_at = t.created_at;
  t.deadline = t.created_at + std::chrono::hours(48);
  t.version = 1;
  return t;
}

inline core::TicketEvent sample_event() {
  core::TicketEvent e;
  e.action = core::Action::register_ticket;
  e.actor = "agent";
  e.at = core::from_epoch(1'700'000'000);
  return e;
}

}  // namespace hotline::storage::sqlite
