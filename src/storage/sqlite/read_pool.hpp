#pragma once
// `ReadPool`: a bounded set of read-only connections to one database file. WAL lets them read
// concurrently with each other and with the writer. A caller checks a connection out for the
// duration of one repository call (`Lease`); connections are opened lazily up to `max_connections`,
// then callers wait. Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite/connection.hpp"

namespace hotline::storage::sqlite {

class ReadPool {
 public:
  ReadPool(std::string path, std::size_t max_connections, int cache_kib);

  // Exclusive use of one connection until destroyed.
  class Lease {
   public:
    Lease(ReadPool& pool, std::unique_ptr<Connection> connection);
    ~Lease();
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    ReadPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Blocks while all `max_connections` are in use. Throws `SqliteError` if a new connection
  // cannot be opened.
  Lease acquire();

 private:
  void release(std::unique_ptr<Connection> connection);

  std::string path_;
  std::size_t max_connections_;
  int cache_kib_;
  std::mutex mutex_;  // guards idle_ and opened_
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t opened_ = 0;
};

}  // namespace hotline::storage::sqlite
