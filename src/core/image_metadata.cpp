#include "core/image_metadata.hpp"

#include <algorithm>
#include <array>

namespace hotline::core {
namespace {

using namespace std::string_view_literals;

Error malformed(const std::string& what) { return Error{ErrorCode::invalid_argument, what, "file"}; }

unsigned byte_at(std::string_view bytes, std::size_t at) { return static_cast<unsigned char>(bytes[at]); }

std::uint32_t be16(std::string_view b, std::size_t at) { return (byte_at(b, at) << 8) | byte_at(b, at + 1); }
std::uint32_t be32(std::string_view b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
std::uint32_t le16(std::string_view b, std::size_t at) { return byte_at(b, at) | (byte_at(b, at + 1) << 8); }
std::uint32_t le32(std::string_view b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

void put_le32(std::string& out, std::size_t at, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[at + static_cast<std::size_t>(i)] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

// An APP1 segment with a big-endian TIFF block whose IFD0 holds only the orientation tag.
std::string orientation_segment(int orientation) {
  std::string segment(std::string_view("\xFF\xE1\x00\x22", 4));  // APP1, length 34
  segment += "Exif\0\0"sv;
  segment += "MM\x00\x2A\x00\x00\x00\x08"sv;         // TIFF header, IFD0 at offset 8
  segment += "\x00\x01"sv;                           // one entry
  segment += "\x01\x12\x00\x03\x00\x00\x00\x01"sv;   // Orientation, SHORT, count 1
  segment += static_cast<char>(0);
  segment += static_cast<char>(orientation);
  segment += "\x00\x00"sv;
  segment += "\x00\x00\x00\x00"sv;                   // no next IFD
  return segment;
}

bool jpeg_keeps(unsigned marker, std::string_view data, int& orientation) {
  if (marker == 0xE1) {  // Exif or XMP
    if (data.starts_with("Exif\0\0"sv)) orientation = exif_orientation(data.substr(6));
    return false;
  }
  if (marker == 0xE0) return true;                                     // JFIF
  if (marker == 0xE2) return data.starts_with("ICC_PROFILE\0"sv);      // colour profile
  if (marker == 0xEE) return data.starts_with("Adobe"sv);              // colour transform
  if (marker >= 0xE3 && marker <= 0xEF) return false;                  // other APPn (IPTC in APP13...)
  return marker != 0xFE;                                               // COM
}

Result<StrippedImage> strip_jpeg(std::string_view in) {
  StrippedImage image{std::string("\xFF\xD8", 2), "image/jpeg", 0, 1};
  std::string& out = image.bytes;
  std::size_t exif_at = std::string::npos;  // where the first dropped Exif segment was
  bool frame = false;
  bool scan = false;
  std::size_t pos = 2;
  for (;;) {
    if (pos >= in.size()) {
      if (!scan) return malformed("the JPEG ends before its image data");
      break;  // a truncated scan: keep what there is, like a browser shows it
    }
    if (byte_at(in, pos) != 0xFF) return malformed("the JPEG has a broken segment at byte " + std::to_string(pos));
    while (pos < in.size() && byte_at(in, pos) == 0xFF) ++pos;  // fill bytes
    if (pos >= in.size()) return malformed("the JPEG ends inside a marker");
    const unsigned marker = byte_at(in, pos++);
    if (marker == 0xD9) {
      if (!scan) return malformed("the JPEG has no image data");
      out += "\xFF\xD9"sv;
      image.removed_bytes += in.size() - pos;
      break;
    }
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      out += '\xFF';
      out += static_cast<char>(marker);
      continue;
    }
    if (marker == 0x00 || marker == 0xD8) return malformed("the JPEG has a stray marker at byte " + std::to_string(pos - 1));
    if (pos + 2 > in.size()) return malformed("the JPEG ends inside a segment header");
    const std::size_t length = be16(in, pos);
    if (length < 2 || pos + length > in.size()) return malformed("a JPEG segment runs past the end of the file");
    const std::string_view data = in.substr(pos + 2, length - 2);
    const std::size_t segment_start = pos - 2;
    const std::size_t segment_size = length + 2;
    pos += length;
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) frame = true;
    if (!jpeg_keeps(marker, data, image.orientation)) {
      if (marker == 0xE1 && exif_at == std::string::npos && data.starts_with("Exif\0\0"sv)) exif_at = out.size();
      image.removed_bytes += segment_size;
      continue;
    }
    out.append(in.substr(segment_start, segment_size));
    if (marker != 0xDA) continue;
    if (!frame) return malformed("the JPEG has a scan before its frame header");
    // Entropy-coded data: up to the next marker that is neither a stuffed 0xFF00 nor a restart.
    scan = true;
    std::size_t end = pos;
    while (end < in.size()) {
      if (byte_at(in, end) == 0xFF && end + 1 < in.size()) {
        const unsigned next = byte_at(in, end + 1);
        if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
          end += 2;
          continue;
        }
        break;
      }
      ++end;
    }
    out.append(in.substr(pos, end - pos));
    pos = end;
  }
  if (image.orientation != 1) {
    const std::string segment = orientation_segment(image.orientation);
    out.insert(exif_at == std::string::npos ? 2 : exif_at, segment);
    image.removed_bytes -= std::min(image.removed_bytes, segment.size());
  }
  return image;
}

Result<StrippedImage> strip_png(std::string_view in) {
  constexpr std::array<std::string_view, 5> kDropped{"tEXt", "zTXt", "iTXt", "eXIf", "tIME"};
  StrippedImage image{std::string(in.substr(0, 8)), "image/png", 0, 1};
  std::size_t pos = 8;
  bool data = false;
  for (bool first = true;; first = false) {
    if (pos + 12 > in.size()) return malformed("the PNG ends before its IEND chunk");
    const std::uint32_t length = be32(in, pos);
    const std::string_view type = in.substr(pos + 4, 4);
    if (length > 0x7FFFFFFFu || pos + 12 + length > in.size()) return malformed("a PNG chunk runs past the end of the file");
    for (char c : type)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return malformed("the PNG has a chunk with a broken type");
    if (first && type != "IHDR") return malformed("the PNG does not start with IHDR");
    const std::size_t chunk_size = 12 + static_cast<std::size_t>(length);
    if (type == "IDAT") data = true;
    bool dropped = false;
    for (auto name : kDropped) dropped = dropped || type == name;
    if (dropped) image.removed_bytes += chunk_size;
    else image.bytes.append(in.substr(pos, chunk_size));
    pos += chunk_size;
    if (type == "IEND") break;
  }
  if (!data) return malformed("the PNG has no image data");
  image.removed_bytes += in.size() - pos;
  return image;
}

Result<StrippedImage> strip_webp(std::string_view in) {
  const std::size_t riff_end = 8 + static_cast<std::size_t>(le32(in, 4));
  if (riff_end > in.size() || riff_end < 12) return malformed("the WebP is shorter than its RIFF header says");
  StrippedImage image{std::string(in.substr(0, 12)), "image/webp", in.size() - riff_end, 1};
  std::size_t vp8x_at = std::string::npos;
  bool data = false;
  std::size_t pos = 12;
  while (pos < riff_end) {
    if (pos + 8 > riff_end) return malformed("the WebP ends inside a chunk header");
    const std::string_view fourcc = in.substr(pos, 4);
    const std::size_t size = le32(in, pos + 4);
    const std::size_t padded = 8 + size + (size & 1);
    if (pos + 8 + size > riff_end) return malformed("a WebP chunk runs past the end of the file");
    const std::size_t take = std::min(padded, riff_end - pos);
    if (fourcc == "EXIF" || fourcc == "XMP ") {
      image.removed_bytes += take;
    } else {
      if (fourcc == "VP8X" && size >= 1) vp8x_at = image.bytes.size() + 8;
      if (fourcc == "VP8 " || fourcc == "VP8L" || fourcc == "ANMF") data = true;
      image.bytes.append(in.substr(pos, take));
    }
    pos += take;
  }
  if (!data) return malformed("the WebP has no image data");
  if (vp8x_at != std::string::npos)
    image.bytes[vp8x_at] = static_cast<char>(byte_at(image.bytes, vp8x_at) & ~0x0Cu);  // EXIF and XMP flags
  put_le32(image.bytes, 4, static_cast<std::uint32_t>(image.bytes.size() - 8));
  return image;
}

}  // namespace

int exif_orientation(std::string_view tiff) {
  if (tiff.size() < 8) return 1;
  const bool little = tiff.starts_with("II"sv);
  if (!little && !tiff.starts_with("MM"sv)) return 1;
  auto u16 = [&](std::size_t at) { return little ? le16(tiff, at) : be16(tiff, at); };
  auto u32 = [&](std::size_t at) { return little ? le32(tiff, at) : be32(tiff, at); };
  if (u16(2) != 42) return 1;
  const std::size_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return 1;
  const std::size_t entries = u16(ifd);
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd + 2 + 12 * i;
    if (entry + 12 > tiff.size()) break;
    if (u16(entry) != 0x0112) continue;
    if (u16(entry + 2) != 3) return 1;  // SHORT
    const auto value = static_cast<int>(u16(entry + 8));
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

Result<StrippedImage> strip_image_metadata(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF"sv)) return strip_jpeg(bytes);
  if (bytes.starts_with("\x89PNG\r\n\x1A\n"sv)) return strip_png(bytes);
  if (bytes.size() >= 12 && bytes.starts_with("RIFF"sv) && bytes.substr(8, 4) == "WEBP") return strip_webp(bytes);
  return malformed("a photo must be a JPEG, PNG or WebP image");
}

}  // namespace hotline::core
