#include "core/attachment_type.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace hotline::core {
namespace {

struct Kind {
  std::string_view content_type;
  std::vector<std::string_view> extensions;  // lowercase, with the dot
  bool inline_safe;
};

constexpr std::string_view kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

bool starts_with_bytes(std::string_view bytes, std::string_view magic) { return bytes.starts_with(magic); }

// A ZIP whose local file headers (signature, 26 bytes, name length at offset 26, name at 30)
// include "[Content_Types].xml": the one part every OOXML package has. Scanning the headers in
// order is enough; entries are not decompressed.
bool is_ooxml_package(std::string_view bytes) {
  constexpr std::string_view kLocalHeader{"PK\x03\x04", 4};
  constexpr std::string_view kContentTypes = "[Content_Types].xml";
  if (!bytes.starts_with(kLocalHeader)) return false;
  for (std::size_t at = bytes.find(kLocalHeader); at != std::string_view::npos;
       at = bytes.find(kLocalHeader, at + kLocalHeader.size())) {
    if (at + 30 > bytes.size()) break;
    auto byte = [&](std::size_t offset) { return static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + offset])); };
    const std::size_t name_length = byte(26) | (byte(27) << 8);
    if (at + 30 + name_length > bytes.size()) continue;
    if (bytes.substr(at + 30, name_length) == kContentTypes) return true;
  }
  return false;
}

// The kinds `bytes` may be; a ZIP package may be either OOXML kind, the extension decides.
std::vector<Kind> detect(std::string_view bytes) {
  using namespace std::string_view_literals;
  if (starts_with_bytes(bytes, "\xFF\xD8\xFF"sv)) return {{"image/jpeg", {".jpg", ".jpeg"}, true}};
  if (starts_with_bytes(bytes, "\x89PNG\r\n\x1A\n"sv)) return {{"image/png", {".png"}, true}};
  if (starts_with_bytes(bytes, "GIF87a"sv) || starts_with_bytes(bytes, "GIF89a"sv))
    return {{"image/gif", {".gif"}, true}};
  if (bytes.size() >= 12 && starts_with_bytes(bytes, "RIFF"sv) && bytes.substr(8, 4) == "WEBP")
    return {{"image/webp", {".webp"}, true}};
  if (starts_with_bytes(bytes, "%PDF-"sv)) return {{"application/pdf", {".pdf"}, false}};
  if (is_ooxml_package(bytes)) return {{kDocx, {".docx"}, false}, {kXlsx, {".xlsx"}, false}};
  return {};
}

std::string lowercase_extension(std::string_view filename) {
  auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string out(filename.substr(dot));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

Result<void> check_filename(std::string_view filename) {
  if (filename.empty()) return fail(ErrorCode::invalid_argument, "a filename is required", "filename");
  if (filename.size() > kMaxAttachmentFilename)
    return fail(ErrorCode::invalid_argument, "filename is longer than 200 bytes", "filename");
  for (char c : filename) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\' || byte < 0x20 || byte == 0x7F)
      return fail(ErrorCode::invalid_argument, "filename must not hold '/', '\\\\' or control characters",
                  "filename");
  }
  if (filename == "." || filename == "..") return fail(ErrorCode::invalid_argument, "filename is not a name", "filename");
  return {};
}

}  // namespace

Result<AttachmentType> check_attachment(std::string_view filename, std::string_view bytes) {
  if (auto ok = check_filename(filename); !ok) return ok.error();
  if (bytes.empty()) return fail(ErrorCode::invalid_argument, "the file is empty", "file");
  const auto kinds = detect(bytes);
  if (kinds.empty())
    return fail(ErrorCode::invalid_argument,
                "unsupported file type: photos (JPEG, PNG, GIF, WebP), PDF, Word (.docx) or Excel (.xlsx) only", "file");
  const std::string extension = lowercase_extension(filename);
  for (const auto& kind : kinds) {
    if (std::find(kind.extensions.begin(), kind.extensions.end(), extension) != kind.extensions.end())
      return AttachmentType{std::string(kind.content_type), kind.inline_safe};
  }
  std::string expected;
  for (const auto& kind : kinds)
    for (auto ext : kind.extensions) expected += (expected.empty() ? "" : ", ") + std::string(ext);
  return fail(ErrorCode::invalid_argument,
              "the file's content is " + std::string(kinds.front().content_type) + ": name it with " + expected,
              "filename");
}

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace hotline::core
