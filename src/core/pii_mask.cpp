#include "core/pii_mask.hpp"

#include <algorithm>
#include <optional>
#include <vector>

namespace hotline::core {
namespace {

enum class Kind { digit, check_x, separator, other };

// One decoded character of the text: its bytes and, for a digit, its value.
struct Char {
  std::size_t begin = 0;
  std::size_t end = 0;
  Kind kind = Kind::other;
  char value = 0;  // '0'-'9' for digits, 'X' for the check character
};

bool bytes_are(std::string_view text, std::size_t at, unsigned char a, unsigned char b) {
  return at + 2 < text.size() && static_cast<unsigned char>(text[at + 1]) == a &&
         static_cast<unsigned char>(text[at + 2]) == b;
}

// The length of the UTF-8 sequence at `at`: its lead byte's count when the continuation bytes
// are there, else 1 (an invalid byte stands alone).
std::size_t sequence_length(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
  if (at + length > text.size()) return 1;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[at + k]) & 0xC0) != 0x80) return 1;
  }
  return length;
}

Char decode(std::string_view text, std::size_t at) {
  const auto c = static_cast<unsigned char>(text[at]);
  if (c >= '0' && c <= '9') return {at, at + 1, Kind::digit, static_cast<char>(c)};
  if (c == 'X' || c == 'x') return {at, at + 1, Kind::check_x, 'X'};
  if (c == ' ' || c == '-') return {at, at + 1, Kind::separator, 0};
  if (c == 0xEF && at + 2 < text.size()) {
    const auto second = static_cast<unsigned char>(text[at + 1]);
    const auto third = static_cast<unsigned char>(text[at + 2]);
    if (second == 0xBC && third >= 0x90 && third <= 0x99)  // U+FF10..U+FF19 full-width digits
      return {at, at + 3, Kind::digit, static_cast<char>('0' + (third - 0x90))};
    if ((second == 0xBC && third == 0xB8) || (second == 0xBD && third == 0x98))  // Ｘ ｘ
      return {at, at + 3, Kind::check_x, 'X'};
    if (second == 0xBC && third == 0x8D) return {at, at + 3, Kind::separator, 0};  // full-width hyphen
  }
  if (c == 0xE3 && bytes_are(text, at, 0x80, 0x80)) return {at, at + 3, Kind::separator, 0};  // U+3000
  return {at, at + sequence_length(text, at), Kind::other, 0};
}

// A group of adjacent digits: indexes into the decoded characters, [first, last].
struct Group {
  std::size_t first = 0;
  std::size_t last = 0;
};

bool is_number_to_mask(std::string_view digits) {
  return is_mobile_number(digits) || is_resident_id_number(digits) || is_bank_card_number(digits);
}

constexpr std::size_t kLongestNumber = 19;  // bank cards; identity numbers are 18 with the check

// Marks in `masked` the characters of the numbers found in one run of digit groups (groups with
// one separator between them, `check_x` the index of an 'X' right after the last group, if any).
// Returns whether it marked any.
bool mask_run(const std::vector<Char>& chars, const std::vector<Group>& groups, std::optional<std::size_t> check_x,
              std::vector<bool>& masked) {
  bool any = false;
  std::size_t start = 0;
  while (start < groups.size()) {
    // The longest stretch of whole groups from `start` that is a number; groups are never split,
    // as digits next to each other belong to one number.
    std::size_t matched_end = 0;  // one past the last group of the match, 0 for none
    bool with_x = false;
    std::string digits;
    std::vector<std::size_t> ends;  // digits.size() after each group
    for (std::size_t g = start; g < groups.size(); ++g) {
      for (std::size_t k = groups[g].first; k <= groups[g].last; ++k) digits += chars[k].value;
      if (digits.size() > kLongestNumber) break;
      ends.push_back(digits.size());
    }
    for (std::size_t count = ends.size(); count > 0 && matched_end == 0; --count) {
      std::string candidate = digits.substr(0, ends[count - 1]);
      const bool last_group = start + count == groups.size();
      if (last_group && check_x && is_resident_id_number(candidate + 'X')) {
        matched_end = start + count;
        with_x = true;
      } else if (is_number_to_mask(candidate)) {
        matched_end = start + count;
      }
    }
    if (matched_end == 0) {
      ++start;
      continue;
    }
    for (std::size_t k = groups[start].first; k <= groups[matched_end - 1].last; ++k) {
      if (chars[k].kind == Kind::digit) masked[k] = true;
    }
    if (with_x) masked[*check_x] = true;
    any = true;
    start = matched_end;
  }
  return any;
}

}  // namespace

bool is_mobile_number(std::string_view digits) {
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9' &&
         std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_resident_id_number(std::string_view digits) {
  if (digits.size() != 18) return false;
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (std::size_t k = 0; k < 17; ++k) {
    if (digits[k] < '0' || digits[k] > '9') return false;
    sum += (digits[k] - '0') * kWeights[k];
  }
  const char check = digits[17] == 'x' ? 'X' : digits[17];
  return kCheck[sum % 11] == check;
}

bool is_bank_card_number(std::string_view digits) {
  if (digits.size() < 16 || digits.size() > 19) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int digit = *it - '0';
    if (twice) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
    twice = !twice;
  }
  return sum % 10 == 0;
}

std::string mask_pii(std::string_view text) {
  std::vector<Char> chars;
  for (std::size_t at = 0; at < text.size();) {
    chars.push_back(decode(text, at));
    at = chars.back().end;
  }
  std::vector<bool> masked(chars.size(), false);
  bool any = false;
  std::size_t k = 0;
  while (k < chars.size()) {
    if (chars[k].kind != Kind::digit) {
      ++k;
      continue;
    }
    // A run: digit groups joined by single separators.
    std::vector<Group> groups;
    std::optional<std::size_t> check_x;
    while (true) {
      Group group{k, k};
      while (group.last + 1 < chars.size() && chars[group.last + 1].kind == Kind::digit) ++group.last;
      groups.push_back(group);
      k = group.last + 1;
      if (k < chars.size() && chars[k].kind == Kind::check_x) {
        check_x = k;  // only ever the end of a number
        ++k;
        break;
      }
      if (k + 1 < chars.size() && chars[k].kind == Kind::separator && chars[k + 1].kind == Kind::digit) {
        ++k;
        continue;
      }
      break;
    }
    if (mask_run(chars, groups, check_x, masked)) any = true;
  }
  if (!any) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t c = 0; c < chars.size(); ++c) {
    if (masked[c]) {
      out += '*';
    } else {
      out.append(text.substr(chars[c].begin, chars[c].end - chars[c].begin));
    }
  }
  return out;
}

}  // namespace hotline::core
