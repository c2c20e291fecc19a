#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace hotline::text {

// Canonical form of a message before segmentation: Unicode NFKC with case folding (ICU; this
// maps full-width letters, digits and punctuation to their half-width forms and upper case to
// lower case), then traditional -> simplified Chinese (OpenCC).
// Immutable after construction; `normalize` may be called from many threads at once.
class TextNormalizer {
 public:
  // `opencc_config` is an OpenCC config file name ("t2s.json" is looked up in OpenCC's data
  // directory) or path. Throws std::runtime_error if ICU or OpenCC data cannot be loaded.
  explicit TextNormalizer(const std::string& opencc_config = "t2s.json");
  ~TextNormalizer();
  TextNormalizer(const TextNormalizer&) = delete;
  TextNormalizer& operator=(const TextNormalizer&) = delete;

  // Returns the normalised UTF-8 text; ill-formed UTF-8 sequences become U+FFFD.
  [[nodiscard]] std::string normalize(std::string_view utf8) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hotline::text
