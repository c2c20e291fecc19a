#include "core/holiday_notice.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace hotline::core {
namespace {

using namespace std::chrono;

constexpr std::string_view kFullColon = "：";
constexpr std::string_view kFullStop = "。";
constexpr std::string_view kOff = "放假";
constexpr std::string_view kWork = "上班";
constexpr std::string_view kTo = "至";

bool is_space_at(std::string_view s, std::size_t i, std::size_t& width) {
  if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
    width = 1;
    return true;
  }
  if (s.substr(i, 3) == "\u3000") {  // ideographic space
    width = 3;
    return true;
  }
  return false;
}

std::string_view trim(std::string_view s) {
  std::size_t width = 0;
  while (!s.empty() && is_space_at(s, 0, width)) s.remove_prefix(width);
  for (;;) {
    if (s.empty()) break;
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\r') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

// Drops "（...）" and "(...)", which hold weekdays and lunar dates.
std::string without_parentheses(std::string_view s) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s.substr(i, 3) == "（" || s[i] == '(') {
      ++depth;
      i += s[i] == '(' ? 1 : 3;
    } else if (s.substr(i, 3) == "）" || s[i] == ')') {
      if (depth > 0) --depth;
      i += s[i] == ')' ? 1 : 3;
    } else {
      if (depth == 0) out += s[i];
      ++i;
    }
  }
  return out;
}

// Drops a leading "一、" ... "十二、" enumerator.
std::string_view without_enumerator(std::string_view s) {
  static constexpr std::string_view kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  std::size_t i = 0;
  for (bool more = true; more;) {
    more = false;
    for (auto numeral : kNumerals) {
      if (s.substr(i, numeral.size()) == numeral) {
        i += numeral.size();
        more = true;
        break;
      }
    }
  }
  if (i > 0 && s.substr(i, 3) == "、") return s.substr(i + 3);
  if (i > 0 && s.substr(i, 1) == ".") return s.substr(i + 1);
  return s;
}

struct Scan {
  std::vector<Date> dates;
  std::string error;  // empty when fine
};

// The "[YYYY年][M月]D日" dates of `s`, in order.
Scan scan_dates(std::string_view s, int default_year) {
  Scan scan;
  int y = default_year;
  std::optional<unsigned> m;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] < '0' || s[i] > '9') {
      ++i;
      continue;
    }
    long value = 0;
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 6) value = value * 10 + (s[i++] - '0');
    std::string_view unit = s.substr(i, 3);
    if (unit == "年") {
      y = static_cast<int>(value);
      i += 3;
    } else if (unit == "月") {
      m = static_cast<unsigned>(value);
      i += 3;
    } else if (unit == "日") {
      i += 3;
      if (!m) {
        scan.error = "a date without its month";
        return scan;
      }
      Date date{year{y}, month{*m}, day{static_cast<unsigned>(value)}};
      if (!date.ok()) {
        scan.error = "no such date: " + std::to_string(y) + "年" + std::to_string(*m) + "月" + std::to_string(value) + "日";
        return scan;
      }
      scan.dates.push_back(date);
    }
  }
  return scan;
}

// N of "共N天" or "放假N天", when the sentence states it.
std::optional<int> stated_count(std::string_view s) {
  for (std::string_view marker : {std::string_view{"共"}, kOff}) {
    for (std::size_t at = s.find(marker); at != std::string_view::npos; at = s.find(marker, at + 1)) {
      std::size_t i = at + marker.size();
      int n = 0;
      std::size_t digits = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 3) {
        n = n * 10 + (s[i++] - '0');
        ++digits;
      }
      if (digits > 0 && s.substr(i, 3) == "天") return n;
    }
  }
  return std::nullopt;
}

bool is_weekend(Date d) {
  weekday wd{sys_days{d}};
  return wd == Saturday || wd == Sunday;
}

}  // namespace

Result<std::vector<CalendarDay>> parse_holiday_notice(int notice_year, std::string_view text) {
  if (notice_year < 2000 || notice_year > 2100)
    return fail(ErrorCode::invalid_argument, "year must be 2000-2100", "year");
  std::vector<CalendarDay> found;
  int line_number = 0;
  int holiday_lines = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    auto colon = line.find(kFullColon);
    std::size_t colon_width = kFullColon.size();
    if (colon == std::string_view::npos) {
      colon = line.find(':');
      colon_width = 1;
    }
    if (colon == std::string_view::npos || line.find(kOff, colon) == std::string_view::npos) continue;
    auto where = [&](const std::string& what) {
      return fail(ErrorCode::invalid_argument, "line " + std::to_string(line_number) + ": " + what, "text");
    };
    std::string name{trim(without_enumerator(trim(line.substr(0, colon))))};
    if (name.empty()) return where("no holiday name before the colon");
    ++holiday_lines;
    std::string body = without_parentheses(line.substr(colon + colon_width));
    bool had_holidays = false;
    for (std::size_t s = 0; s < body.size();) {
      std::size_t stop = body.find(kFullStop, s);
      if (stop == std::string::npos) stop = body.size();
      std::string_view sentence = std::string_view{body}.substr(s, stop - s);
      s = stop + kFullStop.size();
      auto off_at = sentence.find(kOff);
      if (off_at != std::string_view::npos && !had_holidays) {
        std::string_view span = sentence.substr(0, off_at);
        auto scan = scan_dates(span, notice_year);
        if (!scan.error.empty()) return where(scan.error);
        if (scan.dates.empty()) return where("no date before 放假");
        std::vector<Date> off;
        if (span.find(kTo) != std::string_view::npos) {
          if (scan.dates.size() != 2) return where("a range needs two dates around 至");
          sys_days first{scan.dates[0]};
          sys_days last{scan.dates[1]};
          if (last < first || last - first > days{30}) return where("a range that runs backwards or over 31 days");
          for (sys_days d = first; d <= last; d += days{1}) off.push_back(Date{d});
        } else {
          off = scan.dates;
        }
        if (auto count = stated_count(sentence); count && *count != static_cast<int>(off.size()))
          return where("states " + std::to_string(*count) + " days but gives " + std::to_string(off.size()));
        for (auto d : off) found.push_back({d, true, name});
        had_holidays = true;
        continue;
      }
      if (sentence.find(kWork) != std::string_view::npos) {
        auto scan = scan_dates(sentence.substr(0, sentence.rfind(kWork)), notice_year);
        if (!scan.error.empty()) return where(scan.error);
        for (auto d : scan.dates) {
          if (!is_weekend(d)) return where("make-up working day " + format_date(d) + " is not a Saturday or Sunday");
          found.push_back({d, false, name});
        }
      }
    }
    if (!had_holidays) return where("no holiday dates");
  }
  if (holiday_lines == 0)
    return fail(ErrorCode::invalid_argument, "no holiday line (\"名称：M月D日至D日放假...\") in the text", "text");
  return found;
}

}  // namespace hotline::core
