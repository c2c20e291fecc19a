#include "core/image_metadata.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using namespace std::string_literals;

std::string be16(std::size_t v) { return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)}; }
std::string be32(std::size_t v) { return be16(v >> 16) + be16(v & 0xFFFF); }
std::string le32(std::size_t v) {
  return {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF), static_cast<char>((v >> 16) & 0xFF),
          static_cast<char>((v >> 24) & 0xFF)};
}
std::string segment(unsigned marker, const std::string& data) {
  return "\xFF"s + static_cast<char>(marker) + be16(data.size() + 2) + data;
}

// A little-endian TIFF block whose IFD0 holds the orientation and a GPS pointer, then "GPS" text.
std::string exif_tiff(int orientation) {
  std::string tiff = "II\x2A\x00\x08\x00\x00\x00"s;
  tiff += "\x02\x00"s;                                                         // two entries
  tiff += "\x12\x01\x03\x00\x01\x00\x00\x00"s + static_cast<char>(orientation) + "\x00\x00\x00"s;
  tiff += "\x25\x88\x04\x00\x01\x00\x00\x00\x26\x00\x00\x00"s;                 // GPSInfo IFD pointer
  tiff += "\x00\x00\x00\x00"s;
  tiff += "GPS 23.1291N 113.2644E";
  return tiff;
}

const std::string kScan = "\x12\x34\xFF\x00\x56\xFF\xD0\x78\x9A"s;  // stuffed 0xFF00 and a restart marker

std::string jpeg(int orientation) {
  return "\xFF\xD8"s + segment(0xE0, "JFIF\0\x01\x01\0\0\x01\0\x01\0\0"s) + segment(0xE1, "Exif\0\0"s + exif_tiff(orientation)) +
         segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>secret place</x:xmpmeta>"s) +
         segment(0xED, "Photoshop 3.0\0IPTC city"s) + segment(0xFE, "camera serial 12345") +
         segment(0xDB, std::string(65, '\x01')) + segment(0xC0, "\x08\x00\x10\x00\x10\x01\x01\x11\x00"s) +
         segment(0xC4, std::string(20, '\x02')) + segment(0xDA, "\x01\x01\x00\x00\x3F\x00"s) + kScan + "\xFF\xD9"s +
         "trailing GPS bytes";
}

TEST(ImageMetadata, JpegLosesExifXmpIptcCommentsAndTrailingBytesButKeepsPixelsAndOrientation) {
  const std::string in = jpeg(6);
  auto out = strip_image_metadata(in);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->content_type, "image/jpeg");
  EXPECT_EQ(out->orientation, 6);
  for (const char* secret : {"GPS", "secret place", "IPTC", "camera serial", "trailing"})
    EXPECT_EQ(out->bytes.find(secret), std::string::npos) << secret;
  EXPECT_NE(out->bytes.find("JFIF"), std::string::npos);
  EXPECT_NE(out->bytes.find(kScan + "\xFF\xD9"s), std::string::npos) << "the scan is copied byte for byte";
  EXPECT_TRUE(out->bytes.ends_with("\xFF\xD9"s));
  EXPECT_EQ(in.size() - out->removed_bytes, out->bytes.size());
  // The new APP1 sits where the Exif was and says orientation 6 and nothing else.
  const auto app1 = out->bytes.find("\xFF\xE1"s);
  ASSERT_NE(app1, std::string::npos);
  EXPECT_EQ(out->bytes.substr(app1 + 2, 2), be16(34));
  EXPECT_EQ(exif_orientation(out->bytes.substr(app1 + 10, 32)), 6);
  // Stripping again changes nothing.
  auto again = strip_image_metadata(out->bytes);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->bytes, out->bytes);
  EXPECT_EQ(again->removed_bytes, 0u);
}

TEST(ImageMetadata, AnUprightJpegGetsNoOrientationSegment) {
  auto out = strip_image_metadata(jpeg(1));
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->orientation, 1);
  EXPECT_EQ(out->bytes.find("\xFF\xE1"s), std::string::npos);
}

TEST(ImageMetadata, ExifOrientationReadsBothByteOrdersAndIgnoresNonsense) {
  EXPECT_EQ(exif_orientation(exif_tiff(8)), 8);
  const std::string big = "MM\x00\x2A\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x03\x00\x00\x00\x00\x00\x00"s;
  EXPECT_EQ(exif_orientation(big), 3);
  EXPECT_EQ(exif_orientation(exif_tiff(9)), 1);
  EXPECT_EQ(exif_orientation("II\x2A\x00\xFF\xFF\x00\x00"s), 1);  // IFD past the end
  EXPECT_EQ(exif_orientation("junk"), 1);
}

std::string png_chunk(const std::string& type, const std::string& data) {
  return be32(data.size()) + type + data + "\0\0\0\0"s;  // the CRC is copied, not checked
}

TEST(ImageMetadata, PngLosesTextExifAndTimeChunks) {
  const std::string in = "\x89PNG\r\n\x1A\n"s + png_chunk("IHDR", std::string(13, '\x01')) +
                         png_chunk("tEXt", "Comment\0secret"s) + png_chunk("iTXt", "GPS") + png_chunk("eXIf", exif_tiff(1)) +
                         png_chunk("tIME", std::string(7, '\x02')) + png_chunk("pHYs", std::string(9, '\x03')) +
                         png_chunk("IDAT", "pixels") + png_chunk("IEND", "") + "after the end";
  auto out = strip_image_metadata(in);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->content_type, "image/png");
  for (const char* gone : {"tEXt", "secret", "iTXt", "eXIf", "GPS", "tIME", "after the end"})
    EXPECT_EQ(out->bytes.find(gone), std::string::npos) << gone;
  for (const char* kept : {"IHDR", "pHYs", "IDATpixels", "IEND"}) EXPECT_NE(out->bytes.find(kept), std::string::npos) << kept;
  EXPECT_EQ(in.size() - out->removed_bytes, out->bytes.size());
}

std::string riff_chunk(const std::string& fourcc, const std::string& data) {
  return fourcc + le32(data.size()) + data + (data.size() % 2 ? "\0"s : ""s);
}

TEST(ImageMetadata, WebpLosesExifAndXmpChunksAndTheirFlags) {
  const std::string body = "WEBP"s + riff_chunk("VP8X", "\x0C\0\0\0\x0F\0\0\x0F\0\0"s) + riff_chunk("VP8 ", "frame") +
                           riff_chunk("EXIF", exif_tiff(6)) + riff_chunk("XMP ", "<x:xmpmeta>secret</x:xmpmeta>");
  const std::string in = "RIFF"s + le32(body.size()) + body;
  auto out = strip_image_metadata(in);
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(out->content_type, "image/webp");
  EXPECT_EQ(out->bytes.find("EXIF"), std::string::npos);
  EXPECT_EQ(out->bytes.find("secret"), std::string::npos);
  EXPECT_NE(out->bytes.find("VP8 "), std::string::npos);
  EXPECT_EQ(out->bytes.substr(4, 4), le32(out->bytes.size() - 8));
  EXPECT_EQ(static_cast<unsigned char>(out->bytes[20]), 0u) << "the VP8X EXIF and XMP flags are cleared";
}

TEST(ImageMetadata, RefusesOtherTypesAndBrokenStructure) {
  auto field_of = [](const std::string& bytes) {
    auto out = strip_image_metadata(bytes);
    return out ? std::string("ok") : out.error().field + ": " + out.error().message;
  };
  EXPECT_EQ(field_of("GIF89a...").substr(0, 5), "file:");
  EXPECT_EQ(field_of("%PDF-1.7").substr(0, 5), "file:");
  // A segment length past the end, a JPEG with no scan, a scan before the frame.
  EXPECT_NE(field_of("\xFF\xD8"s + "\xFF\xE1\x40\x00"s + "short").find("past the end"), std::string::npos);
  EXPECT_NE(field_of("\xFF\xD8"s + segment(0xE0, "JFIF") + "\xFF\xD9"s), "ok");
  EXPECT_NE(field_of("\xFF\xD8"s + segment(0xDA, "\x01") + "\xFF\xD9"s).find("before its frame"), std::string::npos);
  // A PNG without IHDR first, without IEND, a chunk running past the end.
  EXPECT_NE(field_of("\x89PNG\r\n\x1A\n"s + png_chunk("IDAT", "x") + png_chunk("IEND", "")).find("IHDR"), std::string::npos);
  EXPECT_NE(field_of("\x89PNG\r\n\x1A\n"s + png_chunk("IHDR", "x") + png_chunk("IDAT", "x")).find("IEND"), std::string::npos);
  EXPECT_NE(field_of("\x89PNG\r\n\x1A\n"s + be32(1000) + "IHDR" + "x"), "ok");
  // A WebP whose RIFF size runs past the file, one without an image chunk.
  EXPECT_NE(field_of("RIFF"s + le32(100) + "WEBP"), "ok");
  const std::string empty = "WEBP"s + riff_chunk("EXIF", "x");
  EXPECT_NE(field_of("RIFF"s + le32(empty.size()) + empty).find("no image data"), std::string::npos);
}

}  // namespace
}  // namespace hotline::core
