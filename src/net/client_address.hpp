#pragma once
// Which address a request comes from, for the rate limits and the sign-in throttle. The socket's
// peer, unless the peer is one of the configured reverse proxies (`hotline serve --trusted-proxy`):
// then X-Forwarded-For is read from the right, skipping trusted proxies, and the first address
// that is not one of them is the client (the left part of the header is whatever the client sent,
// so it is never believed). No proxies configured: the header is never read. Beast-free.

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hotline::net {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Each entry an IPv4 or IPv6 address, or a network in CIDR form ("10.0.0.0/8", "fd00::/8").
  // Errors: invalid_argument naming the entry.
  [[nodiscard]] static core::Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool contains(std::string_view address) const;

  // The client of a request from `peer` carrying `forwarded_for` (the raw X-Forwarded-For, several
  // headers joined by commas, may be empty).
  std::string client_address(const std::string& peer, std::string_view forwarded_for) const;

 private:
  struct Network {
    bool v6 = false;
    unsigned char bytes[16] = {};
    int prefix = 0;
  };
  std::vector<Network> networks_;
};

}  // namespace hotline::net
