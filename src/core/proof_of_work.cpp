#include "core/proof_of_work.hpp"

#include <algorithm>
#include <vector>

namespace hotline::core {
namespace {

constexpr std::size_t kMaxNonceDigits = 32;
constexpr std::size_t kMaxChallenge = 200;

Error bad(const std::string& field, const std::string& message) {
  return Error{ErrorCode::invalid_argument, message, field, {}};
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool all_hex(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

int leading_zero_bits(const std::array<std::uint8_t, 32>& digest) {
  int bits = 0;
  for (std::uint8_t byte : digest) {
    if (byte == 0) {
      bits += 8;
      continue;
    }
    for (int mask = 0x80; (byte & mask) == 0; mask >>= 1) ++bits;
    break;
  }
  return bits;
}

ProofOfWork::ProofOfWork(ChallengeCrypto& crypto, const Clock& clock, ProofOfWorkPolicy policy)
    : crypto_(crypto), clock_(clock), policy_(policy) {
  policy_.difficulty = std::clamp(policy_.difficulty, 0, 32);
}

IssuedChallenge ProofOfWork::issue() {
  IssuedChallenge issued;
  issued.difficulty = policy_.difficulty;
  issued.expires_at = clock_.now() + policy_.lifetime;
  const std::string body = "v1." + std::to_string(to_epoch(issued.expires_at)) + "." +
                           std::to_string(issued.difficulty) + "." + crypto_.random_hex(12);
  issued.challenge = body + "." + crypto_.mac_hex(body);
  return issued;
}

void ProofOfWork::forget_expired(Timestamp now) {
  while (!spent_by_expiry_.empty() && spent_by_expiry_.begin()->first < now) {
    spent_.erase(spent_by_expiry_.begin()->second);
    spent_by_expiry_.erase(spent_by_expiry_.begin());
  }
}

Result<void> ProofOfWork::spend(std::string_view challenge, std::string_view nonce) {
  if (challenge.size() > kMaxChallenge) return bad("challenge", "the challenge is not one this server issued");
  const auto parts = split(challenge, '.');
  if (parts.size() != 5 || parts[0] != "v1" || !all_digits(parts[1]) || parts[1].size() > 12 || !all_digits(parts[2]) ||
      parts[2].size() > 2 || !all_hex(parts[3]) || !all_hex(parts[4]))
    return bad("challenge", "the challenge is not one this server issued");
  const std::string_view body = challenge.substr(0, challenge.size() - parts[4].size() - 1);
  if (!constant_time_equal(crypto_.mac_hex(body), parts[4])) return bad("challenge", "the challenge is not one this server issued");
  const Timestamp expires_at = from_epoch(std::stoll(std::string(parts[1])));
  const int difficulty = std::stoi(std::string(parts[2]));
  const Timestamp now = clock_.now();
  if (now > expires_at) return bad("challenge", "the challenge has expired; ask for a new one");
  if (nonce.size() > kMaxNonceDigits || !all_digits(nonce)) return bad("nonce", "the nonce must be 1-32 digits");
  std::string solved(challenge);
  solved += ':';
  solved += nonce;
  if (leading_zero_bits(crypto_.sha256(solved)) < difficulty) return bad("nonce", "the nonce does not solve the challenge");

  std::lock_guard lock(mutex_);
  forget_expired(now);
  if (spent_.contains(challenge)) return bad("challenge", "the challenge was already used; ask for a new one");
  if (spent_.size() >= policy_.max_spent) {
    Error busy{ErrorCode::rate_limited, "too many submissions at once; try again shortly", "challenge", {}};
    busy.retry_after = std::max(std::chrono::seconds{1},
                                std::chrono::duration_cast<std::chrono::seconds>(spent_by_expiry_.begin()->first - now));
    return busy;
  }
  spent_.emplace(std::string(challenge), expires_at);
  spent_by_expiry_.emplace(expires_at, std::string(challenge));
  return {};
}

}  // namespace hotline::core
