#pragma once
// Proof of work for anonymous submissions (the citizens' portal): before a request is accepted,
// the browser spends a moment of CPU, which costs a person nothing and a flood a great deal,
// without a third-party CAPTCHA. Hashcash-style:
//
//   challenge  "v1.<expires epoch s>.<difficulty>.<salt hex>.<mac hex>", issued by the server; the
//              MAC (keyed by the server's secret) makes it unforgeable, so nothing is stored until
//              it is spent
//   solution   a nonce (1..32 ASCII digits) such that SHA-256(challenge ":" nonce) starts with
//              `difficulty` zero bits (16 bits: about 65,000 hashes, well under a second in a phone's
//              browser)
//
// A challenge is good once, until it expires: spent challenges are remembered until then
// (`max_spent` at most; when full, new solutions are refused rather than forgotten ones
// accepted twice). One process's memory: several server nodes would share spent challenges
// through a port (the multi-node issue). Thread-safe: `mutex_` guards `spent_`.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hotline::core {

// Port: the cryptography the rules need (adapters/sodium_crypto implements it with libsodium).
class ChallengeCrypto {
 public:
  virtual ~ChallengeCrypto() = default;
  virtual std::string random_hex(std::size_t bytes) = 0;  // unpredictable
  virtual std::string mac_hex(std::string_view text) = 0;  // keyed by a secret; deterministic
  virtual std::array<std::uint8_t, 32> sha256(std::string_view bytes) = 0;
};

struct ProofOfWorkPolicy {
  int difficulty = 16;                         // leading zero bits, 0..32
  std::chrono::seconds lifetime{10 * 60};      // from issue to expiry
  std::size_t max_spent = 200000;              // memory bound of the replay guard
};

struct IssuedChallenge {
  std::string challenge;
  int difficulty = 0;
  Timestamp expires_at{};
};

// Compares without an early exit, so the time taken says nothing about a forged MAC or code.
bool constant_time_equal(std::string_view a, std::string_view b);

// Leading zero bits of a digest (0..256).
int leading_zero_bits(const std::array<std::uint8_t, 32>& digest);

class ProofOfWork {
 public:
  ProofOfWork(ChallengeCrypto& crypto, const Clock& clock, ProofOfWorkPolicy policy = {});

  IssuedChallenge issue();
  // Ok when `nonce` solves `challenge`, which this server issued, has not expired and was not
  // spent; it is spent then. Errors: invalid_argument on field `challenge` (malformed, forged,
  // expired, already used) or `nonce` (malformed, not a solution); rate_limited when the replay
  // guard is full (retry after the oldest challenge expires).
  [[nodiscard]] Result<void> spend(std::string_view challenge, std::string_view nonce);

  const ProofOfWorkPolicy& policy() const { return policy_; }

 private:
  void forget_expired(Timestamp now);  // with mutex_ held

  ChallengeCrypto& crypto_;
  const Clock& clock_;
  ProofOfWorkPolicy policy_;
  std::mutex mutex_;                                  // guards spent_
  std::multimap<Timestamp, std::string> spent_by_expiry_;
  std::map<std::string, Timestamp, std::less<>> spent_;
};

}  // namespace hotline::core
