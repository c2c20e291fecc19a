#include "core/portal_service.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "storage/memory/audit_repository.hpp"
#include "storage/memory/dispatch_catalogue_repository.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/ticket_repository.hpp"

namespace hotline::core {
namespace {

using namespace std::chrono;
using namespace std::string_literals;

class FakeCrypto final : public ChallengeCrypto {
 public:
  std::string random_hex(std::size_t bytes) override { return std::string(bytes * 2, "0123456789abcdef"[next_++ % 16]); }
  std::string mac_hex(std::string_view text) override { return std::to_string(std::hash<std::string_view>{}(text)) + "ab"; }
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

class MemoryAttachments final : public AttachmentStore {
 public:
  Result<std::string> put(std::string_view bytes) override {
    // Named by content, as the real store is (by SHA-256): the same bytes twice are one file.
    std::string key = std::to_string(std::hash<std::string_view>{}(bytes));
    key.insert(0, 64 - key.size(), '0');
    files_[key] = std::string(bytes);
    return key;
  }
  Result<std::optional<std::string>> get(const std::string& sha256) override {
    auto found = files_.find(sha256);
    if (found == files_.end()) return std::optional<std::string>{};
    return std::optional<std::string>{found->second};
  }
  std::map<std::string, std::string> files_;
};

std::string be16(std::size_t v) { return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)}; }
std::string segment(unsigned marker, const std::string& data) {
  return "\xFF"s + static_cast<char>(marker) + be16(data.size() + 2) + data;
}
// A JPEG whose Exif says where it was taken.
const std::string kPhoto = "\xFF\xD8"s + segment(0xE1, "Exif\0\0II\x2A\x00\x08\x00\x00\x00\x00\x00GPS 23.13N 113.26E"s) +
                           segment(0xC0, "\x08\x00\x10\x00\x10\x01\x01\x11\x00"s) + segment(0xDA, "\x01\x01\x00\x00\x3F\x00"s) +
                           "\x12\x34"s + "\xFF\xD9"s;

class PortalServiceTest : public ::testing::Test {
 protected:
  PortalServiceTest()
      : clock_(sys_days{year{2024} / 3 / 4} + hours{2}),
        reference_(reference_repo_),
        tickets_(ticket_repo_, audit_, reference_, clock_, {}, nullptr, &attachments_),
        dispatch_(tickets_, ticket_repo_, catalogue_, reference_, {}, metrics_),
        portal_(dispatch_, tickets_, crypto_, clock_,
                PortalPolicy{.per_address = {.limit = 3, .period = seconds{3600}, .burst = 3},
                             .per_phone = {.limit = 2, .period = seconds{86400}, .burst = 2},
                             .proof_of_work = {.difficulty = 6},
                             .max_photos = 2}) {
    EXPECT_TRUE(reference_repo_.upsert_units({
        {"4401", "", UnitKind::city, "广州市", true},
        {"440106", "4401", UnitKind::district, "天河区", true},
        {"440106001", "440106", UnitKind::street, "五山街道", true},
    }));
    EXPECT_TRUE(reference_.reload());
    EXPECT_TRUE(dispatch_.reload());
  }

  PortalRequest request(std::string phone = "138 0013 8000") {
    PortalRequest r;
    r.type = TicketType::complaint;
    r.text = "  五山路夜间施工噪音扰民，持续到凌晨两点，影响附近居民休息，希望有关部门尽快处理。\n已经持续一周。";
    r.district = "440106";
    r.street = "440106001";
    r.address = "五山路 100 号";
    r.name = "陈女士";
    r.phone = std::move(phone);
    r.consent = true;
    solve(r);
    return r;
  }

  void solve(PortalRequest& r) {
    const auto issued = portal_.challenge();
    r.challenge = issued.challenge;
    for (long n = 0;; ++n)
      if (leading_zero_bits(crypto_.sha256(issued.challenge + ":" + std::to_string(n))) >= issued.difficulty) {
        r.nonce = std::to_string(n);
        return;
      }
  }

  std::string field_of(const PortalRequest& r, std::string_view client = "203.0.113.7") {
    auto receipt = portal_.submit(r, client);
    return receipt ? "ok" : receipt.error().field;
  }

  FakeCrypto crypto_;
  FixedClock clock_;
  MemoryAttachments attachments_;
  storage::memory::InMemoryReferenceRepository reference_repo_;
  storage::memory::InMemoryTicketRepository ticket_repo_;
  storage::memory::InMemoryAuditRepository audit_;
  storage::memory::InMemoryDispatchCatalogueRepository catalogue_;
  ReferenceService reference_;
  TicketService tickets_;
  DispatchMetrics metrics_;
  DispatchService dispatch_;
  PortalService portal_;
};

TEST_F(PortalServiceTest, ASubmissionRegistersAWebTicketUnderThePortalWithoutACategory) {
  auto receipt = portal_.submit(request(), "203.0.113.7");
  ASSERT_TRUE(receipt.has_value()) << receipt.error().message;
  const Ticket& t = receipt->ticket;
  EXPECT_GT(t.id, 0);
  EXPECT_EQ(t.channel, Channel::web);
  EXPECT_EQ(t.type, TicketType::complaint);
  EXPECT_EQ(t.state, TicketState::registered);
  EXPECT_EQ(t.title, "五山路夜间施工噪音扰民，持续到凌晨两点，影响附近居民休息，…");
  EXPECT_TRUE(t.text.starts_with("五山路")) << "trimmed";
  EXPECT_EQ(t.category, "");
  EXPECT_EQ(t.place.street, "440106001");
  const Ticket stored = ticket_repo_.get(t.id).value();
  EXPECT_EQ(stored.caller.phone, "13800138000");
  EXPECT_EQ(stored.caller.name, "陈女士");
  EXPECT_EQ(receipt->upload_token.size(), 32u);
  EXPECT_EQ(receipt->photos_allowed, 2);
  const auto history = ticket_repo_.history(t.id).value();
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front().actor, kPortalUsername);
}

TEST_F(PortalServiceTest, TheFormIsCheckedFieldByFieldBeforeTheChallengeIsSpent) {
  auto r = request();
  r.consent = false;
  EXPECT_EQ(field_of(r), "consent");
  r = request();
  r.text = "噪音";
  EXPECT_EQ(field_of(r), "text");
  r = request();
  r.text = std::string(2001 * 3, 'a');
  EXPECT_EQ(field_of(r), "text");
  r = request("010-12345678");
  EXPECT_EQ(field_of(r), "phone");
  r = request();
  r.name = " ";
  EXPECT_EQ(field_of(r), "name");
  r = request();
  r.latitude = 23.1;
  EXPECT_EQ(field_of(r), "place.latitude");
  r = request();
  r.district = "999999";
  EXPECT_EQ(field_of(r), "place.district") << "the ticket service's own check";
  // A refused form did not spend its challenge; a wrong nonce or a reused challenge are refused.
  r = request();
  const auto challenge = r.challenge;
  r.consent = false;
  EXPECT_EQ(field_of(r), "consent");
  r.consent = true;
  EXPECT_EQ(field_of(r), "ok");
  EXPECT_EQ(field_of(r), "challenge");
  r = request("13700000009");
  r.nonce += "1";
  std::string outcome = field_of(r);
  EXPECT_TRUE(outcome == "nonce" || outcome == "ok");  // a longer nonce may solve it by chance
}

TEST_F(PortalServiceTest, RateLimitsPerAddressAndPerMobileSayWhenToComeBack) {
  EXPECT_EQ(field_of(request("13800000001")), "ok");
  EXPECT_EQ(field_of(request("13800000001")), "ok");
  auto refused = portal_.submit(request("13800000001"), "203.0.113.7");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(refused.error().field, "phone");
  EXPECT_NE(refused.error().message.find("12345"), std::string::npos);
  EXPECT_GT(refused.error().retry_after.count(), 0);
  // The address had its three (the refused one counted against it too).
  auto busy = portal_.submit(request("13800000002"), "203.0.113.7");
  ASSERT_FALSE(busy.has_value());
  EXPECT_EQ(busy.error().field, "client");
  EXPECT_NE(busy.error().message.find("分钟后再试"), std::string::npos);
  EXPECT_EQ(field_of(request("13800000002"), "198.51.100.9"), "ok");
}

// "ok", or the error's code and field: a test that reads a refusal must not throw on a success.
std::string outcome(const Result<PortalPhoto>& result) {
  if (result) return "ok";
  const auto code = result.error().code;
  const std::string name = code == ErrorCode::not_found ? "not_found"
                           : code == ErrorCode::conflict ? "conflict"
                           : code == ErrorCode::invalid_argument ? "invalid"
                                                                   : "other";
  return name + (result.error().field.empty() ? "" : ":" + result.error().field);
}

TEST_F(PortalServiceTest, PhotosNeedTheTokenLoseTheirMetadataAndAreLimited) {
  auto receipt = portal_.submit(request(), "203.0.113.7");
  ASSERT_TRUE(receipt.has_value());
  const TicketId id = receipt->ticket.id;
  EXPECT_EQ(outcome(portal_.add_photo(id, "wrong", kPhoto)), "not_found");
  EXPECT_EQ(outcome(portal_.add_photo(id + 1, receipt->upload_token, kPhoto)), "not_found");
  EXPECT_EQ(outcome(portal_.add_photo(id, receipt->upload_token, "GIF89a....")), "invalid:file");
  EXPECT_EQ(outcome(portal_.add_photo(id, receipt->upload_token, "")), "invalid:file");

  auto photo = portal_.add_photo(id, receipt->upload_token, kPhoto);
  ASSERT_TRUE(photo.has_value()) << photo.error().message;
  EXPECT_EQ(photo->attachment.filename, "照片1.jpg");
  EXPECT_EQ(photo->attachment.content_type, "image/jpeg");
  EXPECT_GT(photo->removed_bytes, 0u);
  EXPECT_EQ(photo->photos_left, 1);
  ASSERT_EQ(attachments_.files_.size(), 1u);
  EXPECT_EQ(attachments_.files_.begin()->second.find("GPS"), std::string::npos) << "stored without the position";
  EXPECT_EQ(ticket_repo_.get(id).value().attachments.size(), 1u);

  // The refused uploads above did not use up the allowance; the same photo twice is a conflict.
  EXPECT_EQ(outcome(portal_.add_photo(id, receipt->upload_token, kPhoto)), "conflict:file");
  std::string other = kPhoto;
  other[other.size() - 3] = '\x56';
  EXPECT_EQ(outcome(portal_.add_photo(id, receipt->upload_token, other)), "ok");
  EXPECT_EQ(outcome(portal_.add_photo(id, receipt->upload_token, other)), "conflict:file") << "two at most";

  auto late = portal_.submit(request("13900000003"), "198.51.100.1");
  ASSERT_TRUE(late.has_value());
  clock_.advance(seconds{15 * 60 + 1});
  EXPECT_EQ(outcome(portal_.add_photo(late->ticket.id, late->upload_token, kPhoto)), "conflict");
}

}  // namespace
}  // namespace hotline::core
