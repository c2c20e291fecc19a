#include "text/text_normalizer.hpp"

#include <opencc/SimpleConverter.hpp>
#include <unicode/normalizer2.h>
#include <unicode/bytestream.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <stdexcept>
#include <utility>
#include <vector>

namespace hotline::text {

namespace {

// OpenCC resolves bare names against its data directory only in some versions; resolve it
// ourselves so the behaviour does not depend on the library build.
std::string resolve_opencc_config(const std::string& name) {
  namespace fs = std::filesystem;
  if (fs::exists(name)) return name;
  for (const char* dir : {"/usr/share/opencc", "/usr/local/share/opencc"}) {
    const fs::path candidate = fs::path(dir) / name;
    if (fs::exists(candidate)) return candidate.string();
  }
  throw std::runtime_error("OpenCC config '" + name + "' not found (install libopencc-data)");
}

// Code points OpenCC's traditional -> simplified conversion rewrites on their own. Most messages
// are already simplified and contain none of them; for those the (slow, ~0.5 us per
// character) OpenCC pass is skipped. Phrase rules only fire on phrases that contain such a
// character, so skipping cannot change the result except for the rare phrase made only of
// characters that are also valid simplified ones.
constexpr UChar32 kLastCodePoint = 0x2FFFF;

std::vector<bool> traditional_code_points(const opencc::SimpleConverter& t2s) {
  std::vector<bool> changes(kLastCodePoint + 1, false);
  const std::pair<UChar32, UChar32> ranges[] = {{0x3400, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, kLastCodePoint}};
  std::string probe;
  std::vector<UChar32> order;
  for (const auto& [first, last] : ranges) {
    for (UChar32 c = first; c <= last; ++c) {
      icu::UnicodeString(c).toUTF8String(probe);
      probe.push_back('\n');
      order.push_back(c);
    }
  }
  const std::string converted = t2s.Convert(probe);
  // One character per line in and out; compare line by line.
  std::size_t in_pos = 0;
  std::size_t out_pos = 0;
  for (const UChar32 c : order) {
    const std::size_t in_end = probe.find('\n', in_pos);
    const std::size_t out_end = converted.find('\n', out_pos);
    if (out_end == std::string::npos) break;
    if (probe.compare(in_pos, in_end - in_pos, converted, out_pos, out_end - out_pos) != 0) {
      changes[static_cast<std::size_t>(c)] = true;
    }
    in_pos = in_end + 1;
    out_pos = out_end + 1;
  }
  return changes;
}

// `utf8` with every ill-formed sequence replaced by U+FFFD, so later stages see valid UTF-8;
// returns the input unchanged (the common case) without copying when it is valid.
std::string_view well_formed(std::string_view utf8, std::string& storage) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  bool valid = true;
  for (int32_t i = 0; i < length && valid;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    valid = c >= 0;
  }
  if (valid) return utf8;
  storage.clear();
  for (int32_t i = 0; i < length;) {
    const int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) storage += "\xEF\xBF\xBD";
    else storage.append(utf8.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(i - begin)));
  }
  return storage;
}

bool needs_conversion(const std::string& utf8, const std::vector<bool>& traditional) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0x3400 && c <= kLastCodePoint && traditional[static_cast<std::size_t>(c)]) return true;
  }
  return false;
}

}  // namespace

struct TextNormalizer::Impl {
  const icu::Normalizer2* nfkc_casefold = nullptr;  // owned by ICU, thread-safe
  std::unique_ptr<opencc::SimpleConverter> t2s;     // const use only, thread-safe
  std::vector<bool> traditional;                    // see `traditional_code_points`
};

TextNormalizer::TextNormalizer(const std::string& opencc_config) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU NFKC_Casefold unavailable: ") + u_errorName(status));
  }
  const std::string path = resolve_opencc_config(opencc_config);
  try {
    impl_->t2s = std::make_unique<opencc::SimpleConverter>(path);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot load OpenCC config '" + path + "': " + e.what());
  }
  impl_->traditional = traditional_code_points(*impl_->t2s);
}

TextNormalizer::~TextNormalizer() = default;

std::string TextNormalizer::normalize(std::string_view input) const {
  if (input.empty()) return {};
  std::string repaired;
  const std::string_view utf8 = well_formed(input, repaired);
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_casefold->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                                      nullptr, status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU normalisation failed: ") + u_errorName(status));
  }
  if (!needs_conversion(out, impl_->traditional)) return out;
  return impl_->t2s->Convert(out);
}

}  // namespace hotline::text
