#include "core/china_time.hpp"

#include <cstdio>

namespace hotline::core {
namespace {

// Reads exactly `width` digits at `pos`; advances `pos`.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// The offset at `pos` ("Z", "+HH:MM", "-HH:MM", or nothing in the record syntax); advances `pos`.
std::optional<std::chrono::minutes> offset(std::string_view text, std::size_t& pos, TimestampSyntax syntax) {
  using namespace std::chrono;
  const bool strict = syntax == TimestampSyntax::strict;
  if (!strict && pos == text.size()) return kChinaOffset;
  if (expect(text, pos, 'Z') || (strict && expect(text, pos, 'z'))) return minutes{0};
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
  int sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  auto offset_hours = digits(text, pos, 2);
  if (!offset_hours || !expect(text, pos, ':')) return std::nullopt;
  auto offset_minutes = digits(text, pos, 2);
  if (!offset_minutes) return std::nullopt;
  if (strict && (*offset_hours > 23 || *offset_minutes > 59)) return std::nullopt;
  return sign * (hours{*offset_hours} + minutes{*offset_minutes});
}

}  // namespace

std::chrono::year_month_day china_date(Timestamp at) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(at + kChinaOffset)};
}

Timestamp china_midnight(std::chrono::year_month_day date) {
  return Timestamp{std::chrono::sys_days{date}.time_since_epoch() - kChinaOffset};
}

std::string format_timestamp(Timestamp at) {
  using namespace std::chrono;
  auto local = at + kChinaOffset;
  auto day = floor<days>(local);
  year_month_day date{day};
  hh_mm_ss time{local - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

std::optional<Timestamp> parse_timestamp(std::string_view text, TimestampSyntax syntax) {
  using namespace std::chrono;
  const bool strict = syntax == TimestampSyntax::strict;
  std::size_t pos = 0;
  auto y = digits(text, pos, 4);
  if (!y || !expect(text, pos, '-')) return std::nullopt;
  auto mo = digits(text, pos, 2);
  if (!mo || !expect(text, pos, '-')) return std::nullopt;
  auto d = digits(text, pos, 2);
  if (!d || !(expect(text, pos, 'T') || expect(text, pos, strict ? 't' : ' '))) return std::nullopt;
  auto h = digits(text, pos, 2);
  if (!h || !expect(text, pos, ':')) return std::nullopt;
  auto mi = digits(text, pos, 2);
  if (!mi || !expect(text, pos, ':')) return std::nullopt;
  auto s = digits(text, pos, 2);
  if (!s) return std::nullopt;
  if (strict && expect(text, pos, '.')) {
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > (strict ? 59 : 60)) return std::nullopt;
  auto zone = offset(text, pos, syntax);
  if (!zone || pos != text.size()) return std::nullopt;
  auto local = sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s};
  return Timestamp{local - *zone};
}

}  // namespace hotline::core
