#include "net/client_address.hpp"

#include <gtest/gtest.h>

namespace hotline::net {
namespace {

TrustedProxies proxies(std::vector<std::string> entries) {
  auto parsed = TrustedProxies::parse(entries);
  EXPECT_TRUE(parsed.has_value());
  return parsed.has_value() ? *parsed : TrustedProxies{};
}

TEST(TrustedProxies, WithoutProxiesTheHeaderIsNeverRead) {
  TrustedProxies none;
  EXPECT_EQ(none.client_address("203.0.113.9", "198.51.100.1"), "203.0.113.9");
}

TEST(TrustedProxies, APeerThatIsNoProxyIsTheClientWhateverItForwards) {
  auto trusted = proxies({"10.0.0.0/8"});
  EXPECT_EQ(trusted.client_address("203.0.113.9", "198.51.100.1"), "203.0.113.9");
}

TEST(TrustedProxies, TheRightmostAddressThatIsNoProxyIsTheClient) {
  auto trusted = proxies({"10.0.0.0/8", "192.168.1.5"});
  // The client forged the leftmost entry; the proxies appended what they saw.
  EXPECT_EQ(trusted.client_address("10.1.2.3", "1.1.1.1, 198.51.100.7, 192.168.1.5"), "198.51.100.7");
  EXPECT_EQ(trusted.client_address("10.1.2.3", "198.51.100.7:5555"), "198.51.100.7");
  EXPECT_EQ(trusted.client_address("10.1.2.3", ""), "10.1.2.3");
  EXPECT_EQ(trusted.client_address("10.1.2.3", "10.9.9.9"), "10.1.2.3");
  EXPECT_EQ(trusted.client_address("10.1.2.3", "1.1.1.1, not-an-address"), "10.1.2.3");
}

TEST(TrustedProxies, Ipv6NetworksAndBracketedAddresses) {
  auto trusted = proxies({"fd00::/8", "::1"});
  EXPECT_TRUE(trusted.contains("fd12:3456::1"));
  EXPECT_FALSE(trusted.contains("fe80::1"));
  EXPECT_EQ(trusted.client_address("::1", "[2001:db8::5]:443"), "2001:db8::5");
  EXPECT_EQ(trusted.client_address("::1", "2001:db8::5"), "2001:db8::5");
}

TEST(TrustedProxies, PrefixesThatAreNotByteAligned) {
  auto trusted = proxies({"172.16.0.0/12"});
  EXPECT_TRUE(trusted.contains("172.31.255.1"));
  EXPECT_FALSE(trusted.contains("172.32.0.1"));
}

TEST(TrustedProxies, BadEntriesAreRefusedNamingThem) {
  for (std::string bad : {"10.0.0.0/33", "proxy.local", "10.0.0.0/", "::1/129", "1.2.3.4/x"}) {
    auto parsed = TrustedProxies::parse({bad});
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().field, "trusted_proxy");
    EXPECT_NE(parsed.error().message.find(bad), std::string::npos);
  }
}

}  // namespace
}  // namespace hotline::net
