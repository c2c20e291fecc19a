#include "core/event_bus.hpp"

namespace hotline::core {

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    reset();
    cancel_ = std::move(other.cancel_);
    other.cancel_ = nullptr;
  }
  return *this;
}

void Subscription::reset() {
  if (!cancel_) return;
  auto cancel = std::move(cancel_);
  cancel_ = nullptr;
  cancel();
}

void InProcessEventBus::publish(const PublishedEvent& event) {
  // One shared copy for every subscriber: fan-out costs a pointer per session, not a ticket.
  auto shared = std::make_shared<const PublishedEvent>(event);
  std::lock_guard lock(mutex_);
  ++published_;
  for (const auto& [key, callback] : subscribers_) callback(shared);
}

Subscription InProcessEventBus::subscribe(EventCallback callback) {
  std::lock_guard lock(mutex_);
  std::uint64_t key = next_key_++;
  subscribers_.emplace(key, std::move(callback));
  return Subscription([this, key] { unsubscribe(key); });
}

void InProcessEventBus::unsubscribe(std::uint64_t key) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(key);
}

std::size_t InProcessEventBus::subscriber_count() {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

std::int64_t InProcessEventBus::published_count() {
  std::lock_guard lock(mutex_);
  return published_;
}

}  // namespace hotline::core
