// libFuzzer target: the RFC 4180 CSV reader (src/wire/csv_reader). Malformed input must end in the
// documented std::runtime_error naming the line, never a crash or a hang.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "wire/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  hotline::wire::CsvReader reader(in);
  std::vector<std::string> fields;
  std::size_t records = 0;
  try {
    while (reader.next(fields)) {
      if (++records > size + 1) __builtin_trap();  // more records than bytes: the reader loops
      (void)reader.line();
    }
  } catch (const std::runtime_error&) {
    // documented: unterminated quote, quote after data, invalid UTF-8
  }
  return 0;
}
