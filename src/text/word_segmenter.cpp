#include "text/word_segmenter.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace hotline::text {

namespace {

// Creating a dictionary-backed iterator costs milliseconds; cloning one is cheap.
std::unique_ptr<icu::BreakIterator> make_iterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status) || !it) {
      throw std::runtime_error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
    }
    return it;
  }();
  return std::unique_ptr<icu::BreakIterator>(prototype->clone());
}

icu::BreakIterator& thread_iterator() {
  thread_local const std::unique_ptr<icu::BreakIterator> iterator = make_iterator();
  return *iterator;
}

}  // namespace

void segment_words(std::string_view utf8, std::vector<std::string_view>& words) {
  if (utf8.empty()) return;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU utext_openUTF8: ") + u_errorName(status));
  icu::BreakIterator& it = thread_iterator();
  it.setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    throw std::runtime_error(std::string("ICU setText: ") + u_errorName(status));
  }
  // With UTF-8 UText, break positions are byte offsets into `utf8`.
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    if (it.getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
      words.push_back(utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
    }
  }
  // Detach the iterator from `ut` before closing it: the iterator outlives this call.
  it.setText(icu::UnicodeString());
  utext_close(ut);
}

}  // namespace hotline::text
