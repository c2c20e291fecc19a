#include "net/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace hotline::net {
namespace {

// An address (no brackets, no port) as 4 or 16 bytes; false when it is not one.
bool parse_address(std::string_view text, bool& v6, unsigned char (&bytes)[16]) {
  std::string copy(text);
  std::memset(bytes, 0, sizeof bytes);
  if (inet_pton(AF_INET, copy.c_str(), bytes) == 1) {
    v6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, copy.c_str(), bytes) == 1) {
    v6 = true;
    return true;
  }
  return false;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "1.2.3.4", "1.2.3.4:5678", "[::1]:80", "::1" -> the address part.
std::string_view strip_port(std::string_view item) {
  if (!item.empty() && item.front() == '[') {
    auto close = item.find(']');
    return close == std::string_view::npos ? std::string_view{} : item.substr(1, close - 1);
  }
  auto colon = item.find(':');
  if (colon != std::string_view::npos && item.find(':', colon + 1) == std::string_view::npos)
    return item.substr(0, colon);  // one colon: IPv4 with a port
  return item;
}

}  // namespace

core::Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies proxies;
  for (const auto& entry : entries) {
    std::string_view text = trim(entry);
    Network network;
    std::string_view address = text;
    int prefix = -1;
    if (auto slash = text.find('/'); slash != std::string_view::npos) {
      address = text.substr(0, slash);
      auto digits = text.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty())
        return core::fail(core::ErrorCode::invalid_argument, "not a network: " + entry, "trusted_proxy");
    }
    if (!parse_address(address, network.v6, network.bytes))
      return core::fail(core::ErrorCode::invalid_argument, "not an IP address or CIDR network: " + entry,
                        "trusted_proxy");
    const int bits = network.v6 ? 128 : 32;
    if (prefix < 0) prefix = bits;
    if (prefix > bits)
      return core::fail(core::ErrorCode::invalid_argument, "prefix too long: " + entry, "trusted_proxy");
    network.prefix = prefix;
    proxies.networks_.push_back(network);
  }
  return proxies;
}

bool TrustedProxies::contains(std::string_view address) const {
  bool v6 = false;
  unsigned char bytes[16];
  if (!parse_address(address, v6, bytes)) return false;
  for (const auto& network : networks_) {
    if (network.v6 != v6) continue;
    int whole = network.prefix / 8;
    int rest = network.prefix % 8;
    if (std::memcmp(bytes, network.bytes, static_cast<std::size_t>(whole)) != 0) continue;
    if (rest != 0) {
      auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
      if ((bytes[whole] & mask) != (network.bytes[whole] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string TrustedProxies::client_address(const std::string& peer, std::string_view forwarded_for) const {
  if (networks_.empty() || !contains(peer)) return peer;
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    auto comma = rest.rfind(',');
    std::string_view item = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    std::string_view address = strip_port(item);
    bool v6 = false;
    unsigned char bytes[16];
    if (!parse_address(address, v6, bytes)) return peer;  // garbage: believe nothing further left
    if (!contains(address)) return std::string(address);
  }
  return peer;  // only proxies, or no header: the proxy itself
}

}  // namespace hotline::net
