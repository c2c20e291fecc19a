#include "storage/sqlite/bigram.hpp"

#include <cstdint>
#include <vector>

namespace hotline::storage::sqlite {
namespace {

// Decodes UTF-8 leniently: a malformed byte becomes its own code point (0xDC00 + byte, as in
// Python's surrogateescape), so documents and queries decode identically.
std::vector<std::uint32_t> code_points(std::string_view text) {
  std::vector<std::uint32_t> out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    std::uint32_t point = length == 1 ? lead : length == 2 ? (lead & 0x1Fu) : length == 3 ? (lead & 0x0Fu) : (lead & 0x07u);
    for (std::size_t k = 1; valid && k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) valid = false;
      point = (point << 6) | (next & 0x3Fu);
    }
    if (!valid) {
      out.push_back(0xDC00u + lead);
      ++i;
      continue;
    }
    out.push_back(point);
    i += length;
  }
  return out;
}

void append_hex(std::string& out, std::uint32_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  char buffer[8];
  int length = 0;
  do {
    buffer[length++] = kDigits[value & 0xF];
    value >>= 4;
  } while (value != 0);
  while (length > 0) out.push_back(buffer[--length]);
}

// Appends the bigram tokens of one field; the end marker is code point 0 ("...x0").
void append_field(std::string& out, std::string_view field) {
  auto points = code_points(field);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!out.empty()) out.push_back(' ');
    append_hex(out, points[i]);
    out.push_back('x');
    append_hex(out, i + 1 < points.size() ? points[i + 1] : 0);
  }
}

}  // namespace

std::string bigram_document(std::string_view title, std::string_view text) {
  std::string out;
  out.reserve((title.size() + text.size()) * 4);
  append_field(out, title);
  append_field(out, text);
  return out;
}

std::string bigram_query(std::string_view needle) {
  auto points = code_points(needle);
  std::string out;
  if (points.empty()) return out;
  if (points.size() == 1) {
    append_hex(out, points[0]);
    out += "x*";
    return out;
  }
  out.push_back('"');
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    if (i > 0) out.push_back(' ');
    append_hex(out, points[i]);
    out.push_back('x');
    append_hex(out, points[i + 1]);
  }
  out.push_back('"');
  return out;
}

}  // namespace hotline::storage::sqlite
