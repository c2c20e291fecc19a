// libFuzzer target: request-target and query-string decoding (src/wire/query_string, the ticket
// list and audit filters of src/net/ticket_query_params). Any target must decode or be refused
// with invalid_argument; what decodes must be valid UTF-8.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "net/request.hpp"
#include "net/ticket_query_params.hpp"
#include "wire/query_string.hpp"

namespace {

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hotline;
  std::string_view target(reinterpret_cast<const char*>(data), size);
  auto decoded = wire::decode_target(target);
  if (decoded) {
    for (const auto& segment : decoded->segments)
      if (!valid_utf8(segment)) __builtin_trap();
    for (const auto& [name, value] : decoded->query)
      if (!valid_utf8(name) || !valid_utf8(value)) __builtin_trap();
  }
  for (const auto& piece : wire::split_list(target)) (void)wire::parse_integer(piece);
  auto request = net::make_request("GET", target, "", "");
  if (request) {
    (void)net::decode_ticket_query(*request);
    (void)net::decode_audit_query(*request);
  }
  return 0;
}
