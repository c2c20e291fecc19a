#pragma once
// libsodium implementations of core's security ports: argon2id password hashes and random bearer
// tokens with a BLAKE2b digest for storage. Thread-safe (libsodium is, once initialised).

#include <string>

#include "core/auth_service.hpp"

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

}  // namespace hotline::adapters
