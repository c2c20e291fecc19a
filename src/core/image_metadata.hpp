#pragma once
// What a citizen's photo tells besides the picture: EXIF (GPS position, camera serial, time),
// XMP, IPTC, comments and text chunks. `strip_image_metadata` rewrites a JPEG, PNG or WebP file
// without them, segment by segment (no decoding, so the pixels are the same bytes), before the
// photo is stored. Pure functions; any thread.
//
//   JPEG  keeps SOI, APP0 (JFIF), APP2 ICC_PROFILE, APP14 (Adobe: needed to decode CMYK), the
//         tables, frames and scans, EOI; drops APP1 (Exif, XMP), APP3..APP13, APP15 and COM.
//         The EXIF orientation survives in a new APP1 of 36 bytes holding only that tag, so a phone's
//         portrait photo is not shown on its side. Bytes after EOI are dropped.
//   PNG   keeps every chunk but tEXt, zTXt, iTXt, eXIf and tIME; nothing after IEND.
//   WebP  drops the EXIF and "XMP " chunks, clears their VP8X flags, rewrites the RIFF size.
//
// A file whose structure does not hold (a length running past the end, no image data, a PNG
// without IHDR first) is refused: what cannot be parsed cannot be said to be clean.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hotline::core {

struct StrippedImage {
  std::string bytes;
  std::string content_type;         // image/jpeg, image/png or image/webp
  std::size_t removed_bytes = 0;    // metadata left out
  int orientation = 1;              // the EXIF orientation kept (JPEG), 1 when none
};

// Errors (invalid_argument, field `file`): not a JPEG, PNG or WebP by content; a malformed one.
[[nodiscard]] Result<StrippedImage> strip_image_metadata(std::string_view bytes);

// The EXIF orientation (1..8) of a TIFF block ("Exif\0\0" already removed); 1 when absent or
// malformed.
int exif_orientation(std::string_view tiff);

}  // namespace hotline::core
