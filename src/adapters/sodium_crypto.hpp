#pragma once
// libsodium implementations of core's security ports: argon2id password hashes, random bearer
// tokens with a BLAKE2b digest for storage, and the proof of work's HMAC-SHA-256 and SHA-256.
// Thread-safe (libsodium is, once initialised).

#include <array>
#include <string>

#include "core/auth_service.hpp"
#include "core/proof_of_work.hpp"

namespace hotline::adapters {

// Calls sodium_init(); throws std::runtime_error if libsodium cannot initialise.
void init_sodium();

class SodiumPasswordHasher final : public core::PasswordHasher {
 public:
  // `fast` lowers the argon2id cost to the library minimum; for tests and demo seeding only.
  explicit SodiumPasswordHasher(bool fast = false) : fast_(fast) {}

  // core::PasswordHasher
  std::string hash(const std::string& password) override;
  bool verify(const std::string& hash, const std::string& password) override;

 private:
  bool fast_;
};

class SodiumTokenGenerator final : public core::TokenGenerator {
 public:
  // core::TokenGenerator
  std::string new_token() override;
  std::string digest(const std::string& token) override;
};

// HMAC-SHA-256 under a key drawn at construction: challenges of an earlier run (or of another
// node) are refused as forged, which only costs a citizen one more challenge.
class SodiumChallengeCrypto final : public core::ChallengeCrypto {
 public:
  SodiumChallengeCrypto();

  // core::ChallengeCrypto
  std::string random_hex(std::size_t bytes) override;
  std::string mac_hex(std::string_view text) override;
  std::array<std::uint8_t, 32> sha256(std::string_view bytes) override;

 private:
  std::array<unsigned char, 32> key_{};
};

}  // namespace hotline::adapters
