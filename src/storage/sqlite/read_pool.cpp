#include "storage/sqlite/read_pool.hpp"

namespace hotline::storage::sqlite {

ReadPool::ReadPool(std::string path, std::size_t max_connections, int cache_kib)
    : path_(std::move(path)), max_connections_(max_connections == 0 ? 1 : max_connections), cache_kib_(cache_kib) {}

ReadPool::Lease::Lease(ReadPool& pool, std::unique_ptr<Connection> connection)
    : pool_(&pool), connection_(std::move(connection)) {}

ReadPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ReadPool::Lease ReadPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty() || opened_ < max_connections_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(connection));
  }
  ++opened_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<Connection>(path_, ConnectionOptions{.read_only = true, .cache_kib = cache_kib_}));
  } catch (const std::exception&) {  // keep the count right, then let the caller see the error
    std::lock_guard relock(mutex_);
    --opened_;
    available_.notify_one();
    throw;
  }
}

void ReadPool::release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace hotline::storage::sqlite
