#pragma once
// What a file on a ticket may be: its type decided from the content (magic bytes), never from the
// client's Content-Type, and its name checked against that type. Pure functions; any thread.
//
//   JPEG  FF D8 FF                     image/jpeg   .jpg .jpeg
//   PNG   89 50 4E 47 0D 0A 1A 0A      image/png    .png
//   GIF   "GIF87a" / "GIF89a"          image/gif    .gif
//   WebP  "RIFF" <4 bytes> "WEBP"      image/webp   .webp
//   PDF   "%PDF-"                      application/pdf .pdf
//   OOXML "PK\x03\x04" with a local file header named "[Content_Types].xml":
//         .docx (wordprocessingml.document) or .xlsx (spreadsheetml.sheet)
// Anything else (HTML, SVG, scripts, executables, a plain ZIP) is refused.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hotline::core {

inline constexpr std::size_t kMaxAttachmentFilename = 200;  // bytes

struct AttachmentType {
  std::string content_type;  // e.g. "image/png"
  bool inline_safe = false;  // an image a browser may show in place (Content-Disposition: inline)
};

// The type of `filename` holding `bytes`. Errors (invalid_argument): field `file` when the body is
// empty or of no supported type; field `filename` when the name is empty, longer than
// kMaxAttachmentFilename bytes, holds '/', '\\', NUL or another control character, or its
// extension (case-insensitive) is not one of the detected type's.
[[nodiscard]] Result<AttachmentType> check_attachment(std::string_view filename, std::string_view bytes);

// True when `text` is 64 lowercase hex digits (the form `AttachmentStore` names files by).
bool is_sha256_hex(std::string_view text);

}  // namespace hotline::core
