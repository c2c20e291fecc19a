#include "adapters/sodium_crypto.hpp"

#include <gtest/gtest.h>

namespace hotline::adapters {
namespace {

std::string hex(const std::array<std::uint8_t, 32>& digest) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (auto byte : digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

TEST(SodiumChallengeCrypto, Sha256IsTheStandardOne) {
  init_sodium();
  SodiumChallengeCrypto crypto;
  // FIPS 180-2's example: what a browser's crypto.subtle.digest('SHA-256', "abc") gives too.
  EXPECT_EQ(hex(crypto.sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(crypto.random_hex(12).size(), 24u);
  EXPECT_NE(crypto.random_hex(12), crypto.random_hex(12));
  EXPECT_EQ(crypto.mac_hex("v1.1.16.ab"), crypto.mac_hex("v1.1.16.ab"));
  EXPECT_NE(crypto.mac_hex("v1.1.16.ab"), crypto.mac_hex("v1.1.16.ac"));
}

TEST(SodiumChallengeCrypto, AChallengeSolvedWithRealHashesIsSpentOnceAndOnlyWhereIssued) {
  init_sodium();
  SodiumChallengeCrypto crypto;
  core::FixedClock clock(core::from_epoch(1'780'000'000));
  core::ProofOfWork pow(crypto, clock, {.difficulty = 12});
  const auto issued = pow.issue();
  std::string nonce;
  for (long n = 0; nonce.empty(); ++n)
    if (core::leading_zero_bits(crypto.sha256(issued.challenge + ":" + std::to_string(n))) >= 12) nonce = std::to_string(n);
  SodiumChallengeCrypto other;  // another run's key
  core::ProofOfWork elsewhere(other, clock, {.difficulty = 12});
  EXPECT_FALSE(elsewhere.spend(issued.challenge, nonce).has_value());
  EXPECT_TRUE(pow.spend(issued.challenge, nonce).has_value());
  EXPECT_FALSE(pow.spend(issued.challenge, nonce).has_value());
}

}  // namespace
}  // namespace hotline::adapters
