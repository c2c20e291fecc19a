#include "core/portal_service.hpp"

#include <algorithm>
#include <set>

#include "core/image_metadata.hpp"
#include "core/pii_mask.hpp"

namespace hotline::core {
namespace {

constexpr std::size_t kTitleChars = 30;

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !continuation(c); }));
}

// The first `chars` code points of `text`.
std::string_view first_chars(std::string_view text, std::size_t chars) {
  std::size_t at = 0;
  for (std::size_t seen = 0; at < text.size(); ++at) {
    if (continuation(text[at])) continue;
    if (seen++ == chars) break;
  }
  return text.substr(0, at);
}

std::string trimmed(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// The title staff see in their lists: the first line of the text, at most 30 characters.
std::string title_of(const std::string& text) {
  std::string_view line = text;
  if (auto end = line.find('\n'); end != std::string_view::npos) line = line.substr(0, end);
  const std::string first = trimmed(line);
  if (code_points(first) <= kTitleChars) return first;
  return std::string(first_chars(first, kTitleChars - 1)) + "…";
}

Error invalid(const std::string& field, const std::string& message) {
  return Error{ErrorCode::invalid_argument, message, field, {}};
}

bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::vector<Unit> portal_places(const std::vector<Unit>& units) {
  std::vector<Unit> places;
  std::set<std::string_view> districts;
  for (const Unit& unit : units) {
    if (unit.kind != UnitKind::district || !unit.active) continue;
    districts.insert(unit.id);
    places.push_back(unit);
  }
  for (const Unit& unit : units) {
    if (unit.kind == UnitKind::street && unit.active && districts.count(unit.parent_id) != 0) places.push_back(unit);
  }
  return places;
}

PortalService::PortalService(DispatchService& dispatch, TicketService& tickets, ChallengeCrypto& crypto,
                             const Clock& clock, PortalPolicy policy)
    : dispatch_(dispatch),
      tickets_(tickets),
      crypto_(crypto),
      clock_(clock),
      policy_(policy),
      proof_of_work_(crypto, clock, policy.proof_of_work),
      per_address_(clock, policy.per_address),
      per_phone_(clock, policy.per_phone) {}

Actor PortalService::portal_actor() { return Actor{0, std::string(kPortalUsername), Role::agent, {}}; }

IssuedChallenge PortalService::challenge() { return proof_of_work_.issue(); }

Result<PortalReceipt> PortalService::submit(const PortalRequest& request, std::string_view client) {
  if (!request.consent) return invalid("consent", "请先阅读并同意隐私声明");
  const std::string text = trimmed(request.text);
  const std::size_t chars = code_points(text);
  if (chars < policy_.min_text_chars)
    return invalid("text", "请描述您的诉求（至少 " + std::to_string(policy_.min_text_chars) + " 个字）");
  if (chars > policy_.max_text_chars)
    return invalid("text", "诉求内容不能超过 " + std::to_string(policy_.max_text_chars) + " 个字");
  const std::string phone = normalize_phone(request.phone);
  if (!is_mobile_number(phone)) return invalid("phone", "请填写 11 位手机号码");
  const std::string name = trimmed(request.name);
  if (name.empty()) return invalid("name", "请填写您的称呼");
  if (code_points(name) > policy_.max_name_chars)
    return invalid("name", "称呼不能超过 " + std::to_string(policy_.max_name_chars) + " 个字");
  if (code_points(request.address) > policy_.max_address_chars)
    return invalid("place.address", "地址不能超过 " + std::to_string(policy_.max_address_chars) + " 个字");
  if (request.latitude.has_value() != request.longitude.has_value() ||
      (request.latitude && (*request.latitude < -90 || *request.latitude > 90 || *request.longitude < -180 ||
                            *request.longitude > 180)))
    return invalid("place.latitude", "位置坐标无效");

  if (auto spent = proof_of_work_.spend(request.challenge, request.nonce); !spent) return spent.error();
  if (auto allowed = per_address_.take("address:" + std::string(client), "client", "提交过于频繁，请稍后再试"); !allowed) {
    Error refused = allowed.error();
    refused.message = "提交过于频繁，请 " + wait_in_chinese(refused.retry_after) + "后再试";
    return refused;
  }
  if (auto allowed = per_phone_.take("phone:" + phone, "phone", "该手机号码提交过于频繁"); !allowed) {
    Error refused = allowed.error();
    refused.message = "该手机号码今天提交的诉求已较多，请 " + wait_in_chinese(refused.retry_after) + "后再试，或拨打 12345";
    return refused;
  }

  NewTicket ticket;
  ticket.type = request.type;
  ticket.channel = Channel::web;
  ticket.caller = Caller{name, phone, request.confidential};
  ticket.title = title_of(text);
  ticket.text = text;
  ticket.place = Place{request.district, request.street, trimmed(request.address), request.latitude, request.longitude};
  auto registered = dispatch_.register_ticket(portal_actor(), ticket);
  if (!registered) return registered.error();

  PortalReceipt receipt;
  receipt.ticket = std::move(registered->ticket);
  receipt.upload_token = crypto_.random_hex(16);
  receipt.upload_until = clock_.now() + policy_.upload_window;
  receipt.photos_allowed = policy_.max_photos;
  std::lock_guard lock(mutex_);
  const Timestamp now = clock_.now();
  std::erase_if(uploads_, [&](const auto& entry) { return entry.second.until < now; });
  uploads_[receipt.ticket.id] = Upload{receipt.upload_token, receipt.upload_until, 0};
  return receipt;
}

Result<PortalPhoto> PortalService::add_photo(TicketId ticket, std::string_view upload_token, std::string_view bytes) {
  int number = 0;
  {
    std::lock_guard lock(mutex_);
    auto found = uploads_.find(ticket);
    if (found == uploads_.end() || !same(found->second.token, upload_token))
      return fail(ErrorCode::not_found, "没有找到这次提交的上传凭证");
    if (clock_.now() > found->second.until) return fail(ErrorCode::conflict, "上传照片的时间已过，请在提交后 15 分钟内上传");
    if (found->second.photos >= policy_.max_photos)
      return fail(ErrorCode::conflict, "最多上传 " + std::to_string(policy_.max_photos) + " 张照片", "file");
    number = ++found->second.photos;  // counted now, so two uploads at once cannot both pass the limit
  }
  auto give_back = [&] {
    std::lock_guard lock(mutex_);
    if (auto found = uploads_.find(ticket); found != uploads_.end()) --found->second.photos;
  };
  if (bytes.empty()) {
    give_back();
    return invalid("file", "照片是空的");
  }
  if (bytes.size() > policy_.max_photo_bytes) {
    give_back();
    return invalid("file", "照片不能超过 " + std::to_string(policy_.max_photo_bytes / (1024 * 1024)) + " MB");
  }
  auto stripped = strip_image_metadata(bytes);
  if (!stripped) {
    give_back();
    return invalid("file", "只能上传 JPEG、PNG 或 WebP 格式的照片（" + stripped.error().message + "）");
  }
  const std::string extension = stripped->content_type == "image/jpeg" ? ".jpg"
                                : stripped->content_type == "image/png" ? ".png"
                                                                         : ".webp";
  auto attached = tickets_.attach(portal_actor(), ticket, "照片" + std::to_string(number) + extension, stripped->bytes);
  if (!attached) {
    give_back();
    return attached.error();
  }
  PortalPhoto photo;
  photo.attachment = attached->attachments.back();
  photo.removed_bytes = stripped->removed_bytes;
  photo.photos_left = policy_.max_photos - number;
  return photo;
}

}  // namespace hotline::core
