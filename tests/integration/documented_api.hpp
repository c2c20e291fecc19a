#pragma once
// The integration tests' check that the real server answers as src/net/openapi.json (as
// committed) documents: every TestClient answer, and every event-stream frame against the
// EventMessage schema. Install in SetUp, remove in TearDown.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <boost/json/parse.hpp>

#include "net/openapi_validator_test_support.hpp"
#include "net/test_client.hpp"
#include "ws_client.hpp"

namespace hotline::tests {

inline const net::OpenApiValidator& documented_api() {
  static const net::OpenApiValidator validator([] {
    std::ifstream in(HOTLINE_OPENAPI_JSON, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }());
  return validator;
}

inline void check_against_documented_api(bool on) {
  if (!on) {
    net::TestClient::set_response_check({});
    WsClient::set_frame_check({});
    return;
  }
  net::TestClient::set_response_check(
      [](std::string_view method, std::string_view target, const net::HttpResult& result) {
        for (const auto& problem : documented_api().check_response(method, target, result.status, result.body))
          ADD_FAILURE() << "OpenAPI: " << problem;
      });
  WsClient::set_frame_check([](const std::string& frame) {
    static const auto schema = boost::json::parse(R"({"$ref":"#/components/schemas/EventMessage"})");
    boost::system::error_code ec;
    auto value = boost::json::parse(frame, ec);
    if (ec) {
      ADD_FAILURE() << "event frame is not JSON: " << frame;
      return;
    }
    for (const auto& problem : documented_api().check_value(value, schema, "frame"))
      ADD_FAILURE() << "OpenAPI: " << problem;
  });
}

}  // namespace hotline::tests
