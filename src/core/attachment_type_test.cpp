#include "core/attachment_type.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using namespace std::string_literals;

// The smallest ZIP that is an OOXML package: one local file header named [Content_Types].xml.
std::string ooxml_package(std::string_view first_entry = "[Content_Types].xml") {
  std::string zip = "PK\x03\x04"s + std::string(22, '\0');
  zip += static_cast<char>(first_entry.size());
  zip += '\0';
  zip += "\0\0"s;  // extra field length
  zip += first_entry;
  zip += "<Types/>";
  return zip;
}

std::string code_of(const Result<AttachmentType>& result) { return result ? "ok" : result.error().field; }

TEST(AttachmentType, EachSupportedTypeIsKnownByItsContent) {
  const std::string jpeg = "\xFF\xD8\xFF\xE0"s + "JFIF";
  const std::string png = "\x89PNG\r\n\x1A\n"s + "IHDR";
  const std::string webp = "RIFF\x10\0\0\0WEBPVP8 "s;
  EXPECT_EQ(check_attachment("现场.jpg", jpeg)->content_type, "image/jpeg");
  EXPECT_EQ(check_attachment("现场.JPEG", jpeg)->content_type, "image/jpeg");
  EXPECT_EQ(check_attachment("a.png", png)->content_type, "image/png");
  EXPECT_EQ(check_attachment("a.gif", "GIF87a...")->content_type, "image/gif");
  EXPECT_EQ(check_attachment("a.gif", "GIF89a...")->content_type, "image/gif");
  EXPECT_EQ(check_attachment("a.webp", webp)->content_type, "image/webp");
  EXPECT_EQ(check_attachment("回复函.pdf", "%PDF-1.7\n")->content_type, "application/pdf");
  EXPECT_EQ(check_attachment("a.docx", ooxml_package())->content_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(check_attachment("a.xlsx", ooxml_package())->content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(check_attachment("a.png", png)->inline_safe);
  EXPECT_FALSE(check_attachment("a.pdf", "%PDF-1.4")->inline_safe);
}

TEST(AttachmentType, AnOoxmlPartFoundAfterOtherEntriesCounts) {
  std::string zip = ooxml_package("word/document.xml") + ooxml_package().substr(0);
  EXPECT_TRUE(check_attachment("a.docx", zip));
}

TEST(AttachmentType, OtherContentIsRefusedNamingFile) {
  for (const std::string& bytes : {"<!DOCTYPE html><script>alert(1)</script>"s, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"s,
                                   "#!/bin/sh\nrm -rf /"s, "MZ\x90\0"s, ooxml_package("notes.txt"), "RIFF\0\0\0\0WAVE"s,
                                   "\xFF\xD8"s}) {
    auto refused = check_attachment("x.jpg", bytes);
    ASSERT_FALSE(refused) << bytes;
    EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(refused.error().field, "file");
    EXPECT_NE(refused.error().message.find("unsupported file type"), std::string::npos);
  }
  EXPECT_EQ(code_of(check_attachment("x.jpg", "")), "file");
}

TEST(AttachmentType, ContentAndExtensionMustAgree) {
  const std::string png = "\x89PNG\r\n\x1A\n"s;
  EXPECT_EQ(code_of(check_attachment("x.pdf", png)), "filename");
  EXPECT_EQ(code_of(check_attachment("x", png)), "filename");
  EXPECT_EQ(code_of(check_attachment("x.png.exe", png)), "filename");
  EXPECT_EQ(code_of(check_attachment("x.zip", ooxml_package())), "filename");
  EXPECT_EQ(code_of(check_attachment("x.xlsx", "%PDF-")), "filename");
}

TEST(AttachmentType, BadNamesAreRefusedNamingFilename) {
  const std::string png = "\x89PNG\r\n\x1A\n"s;
  for (const std::string& name : {""s, "a/b.png"s, "..\\b.png"s, "a\0b.png"s, "a\nb.png"s, "a\x7F.png"s,
                                  std::string(197, 'a') + ".png"}) {
    EXPECT_EQ(code_of(check_attachment(name, png)), "filename") << name;
  }
  EXPECT_EQ(code_of(check_attachment(std::string(196, 'a') + ".png", png)), "ok");  // 200 bytes
  EXPECT_EQ(code_of(check_attachment("照片 (1).png", png)), "ok");
}

TEST(AttachmentType, Sha256HexIsSixtyFourLowercaseHexDigits) {
  EXPECT_TRUE(is_sha256_hex(std::string(64, 'a')));
  EXPECT_TRUE(is_sha256_hex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'A')));
  EXPECT_FALSE(is_sha256_hex(std::string(63, 'a')));
  EXPECT_FALSE(is_sha256_hex(std::string(63, 'a') + "g"));
}

}  // namespace
}  // namespace hotline::core
