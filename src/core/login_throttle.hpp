#pragma once
// Login throttling (issue #11): counts failed sign-ins per key (an account name, a client
// address) and, once a key has had its free failures, refuses attempts on it for a window that
// doubles with each further failure, up to a ceiling. A key's failures are forgotten after a quiet
// time with no failure. Pure bookkeeping on the injected `Clock`; `AuthService` owns two (accounts
// and addresses, with their own policies) and decides what to refuse. Thread-safe: `mutex_`
// guards `entries_`.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace hotline::core {

struct LoginThrottlePolicy {
  int free_failures = 5;                // failures before the first lock
  std::chrono::seconds first_lock{30};  // after the last free failure; doubles after each further one
  std::chrono::seconds max_lock{std::chrono::minutes{15}};
  std::chrono::seconds forget_after{std::chrono::hours{1}};  // quiet time after which failures are forgotten
  std::size_t max_keys = 100000;                             // memory bound; see `record_failure`
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, LoginThrottlePolicy policy);

  // How long attempts on `key` are still refused; zero when one may be checked now.
  std::chrono::seconds wait(std::string_view key);
  // Counts a failed attempt on `key`; returns the lock it starts (zero while failures are free).
  // When `max_keys` keys are tracked and none can be forgotten, a new key is not tracked (the
  // address throttle still holds a flood of names from one address).
  std::chrono::seconds record_failure(std::string_view key);
  // Forgets the failures of `key` (a successful sign-in of that account).
  void record_success(std::string_view key);

 private:
  struct Entry {
    int failures = 0;
    Timestamp last_failure{};
    Timestamp locked_until{};
  };
  bool forgettable(const Entry& entry, Timestamp now) const;

  const Clock& clock_;
  LoginThrottlePolicy policy_;
  std::mutex mutex_;  // guards entries_
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace hotline::core
