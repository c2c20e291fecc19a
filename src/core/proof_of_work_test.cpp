#include "core/proof_of_work.hpp"

#include <gtest/gtest.h>

#include <functional>

namespace hotline::core {
namespace {

// Not cryptography: enough for the rules (a MAC that depends on the text, a spread-out digest).
class FakeCrypto final : public ChallengeCrypto {
 public:
  std::string random_hex(std::size_t bytes) override { return std::string(bytes * 2, "0123456789abcdef"[next_++ % 16]); }
  std::string mac_hex(std::string_view text) override {
    return std::to_string(std::hash<std::string_view>{}(text) % 1000000007ULL) + "aa";
  }
  std::array<std::uint8_t, 32> sha256(std::string_view bytes) override {
    std::array<std::uint8_t, 32> digest{};
    std::size_t h = std::hash<std::string_view>{}(bytes);
    for (auto& byte : digest) {
      h = h * 6364136223846793005ULL + 1442695040888963407ULL;
      byte = static_cast<std::uint8_t>(h >> 56);
    }
    return digest;
  }

 private:
  int next_ = 0;
};

const Timestamp kNow = from_epoch(1'780'000'000);

std::string solve(ChallengeCrypto& crypto, const std::string& challenge, int difficulty, bool want_solution = true) {
  for (long nonce = 0;; ++nonce) {
    const bool solves = leading_zero_bits(crypto.sha256(challenge + ":" + std::to_string(nonce))) >= difficulty;
    if (solves == want_solution) return std::to_string(nonce);
  }
}

std::string field_of(const Result<void>& r) { return r ? "ok" : r.error().field + ": " + r.error().message; }

TEST(ProofOfWork, LeadingZeroBitsCountsAcrossBytes) {
  std::array<std::uint8_t, 32> digest{};
  EXPECT_EQ(leading_zero_bits(digest), 256);
  digest[0] = 0x80;
  EXPECT_EQ(leading_zero_bits(digest), 0);
  digest[0] = 0x00;
  digest[1] = 0x10;
  EXPECT_EQ(leading_zero_bits(digest), 11);
}

TEST(ProofOfWork, ASolvedChallengeIsGoodOnceAndOnlyWhileFresh) {
  FakeCrypto crypto;
  FixedClock clock(kNow);
  ProofOfWork pow(crypto, clock, {.difficulty = 8, .lifetime = std::chrono::seconds{600}, .max_spent = 100});
  const auto issued = pow.issue();
  EXPECT_EQ(issued.difficulty, 8);
  EXPECT_EQ(issued.expires_at, kNow + std::chrono::seconds{600});
  EXPECT_TRUE(issued.challenge.starts_with("v1." + std::to_string(to_epoch(issued.expires_at)) + ".8."));

  EXPECT_NE(field_of(pow.spend(issued.challenge, solve(crypto, issued.challenge, 8, false))).find("nonce: "), std::string::npos);
  EXPECT_NE(field_of(pow.spend(issued.challenge, "12a")).find("nonce: "), std::string::npos);
  EXPECT_NE(field_of(pow.spend(issued.challenge, "")).find("nonce: "), std::string::npos);
  const std::string nonce = solve(crypto, issued.challenge, 8);
  EXPECT_EQ(field_of(pow.spend(issued.challenge, nonce)), "ok");
  EXPECT_NE(field_of(pow.spend(issued.challenge, nonce)).find("already used"), std::string::npos);

  const auto later = pow.issue();
  clock.advance(std::chrono::seconds{601});
  EXPECT_NE(field_of(pow.spend(later.challenge, solve(crypto, later.challenge, 8))).find("expired"), std::string::npos);
}

TEST(ProofOfWork, ForgedOrAlteredChallengesAreRefused) {
  FakeCrypto crypto;
  FixedClock clock(kNow);
  ProofOfWork pow(crypto, clock, {.difficulty = 8});
  const auto issued = pow.issue();
  // An easier difficulty or a later expiry written into a real challenge breaks its MAC.
  std::string easier = issued.challenge;
  easier.replace(easier.find(".8.") + 1, 1, "0");
  EXPECT_NE(field_of(pow.spend(easier, "1")).find("challenge: "), std::string::npos);
  std::string longer = issued.challenge;
  longer.replace(3, 1, "9");
  EXPECT_NE(field_of(pow.spend(longer, solve(crypto, longer, 8))).find("challenge: "), std::string::npos);
  for (const char* junk : {"", "v1", "v1.1.1.1.1.1", "v2.1.8.aa.bb", "v1.x.8.aa.bb", "v1.1.8.AA.bb"})
    EXPECT_NE(field_of(pow.spend(junk, "1")).find("challenge: "), std::string::npos) << junk;
  EXPECT_NE(field_of(pow.spend(std::string(300, 'a'), "1")).find("challenge: "), std::string::npos);
}

TEST(ProofOfWork, AFullReplayGuardRefusesUntilTheOldestExpires) {
  FakeCrypto crypto;
  FixedClock clock(kNow);
  ProofOfWork pow(crypto, clock, {.difficulty = 4, .lifetime = std::chrono::seconds{60}, .max_spent = 2});
  for (int i = 0; i < 2; ++i) {
    const auto issued = pow.issue();
    EXPECT_EQ(field_of(pow.spend(issued.challenge, solve(crypto, issued.challenge, 4))), "ok");
    clock.advance(std::chrono::seconds{10});
  }
  const auto third = pow.issue();
  const std::string nonce = solve(crypto, third.challenge, 4);
  auto refused = pow.spend(third.challenge, nonce);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(refused.error().retry_after, std::chrono::seconds{40});
  clock.advance(std::chrono::seconds{41});  // the first one expired and is forgotten
  EXPECT_EQ(field_of(pow.spend(third.challenge, nonce)), "ok");
}

}  // namespace
}  // namespace hotline::core
