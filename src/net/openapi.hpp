#pragma once
// The OpenAPI 3.0 description of every route in router.cpp, served at GET /api/v1/openapi.json.
// Hand-maintained in src/net/openapi.json: when a route changes, change it there too;
// `OpenApi.DocumentsEveryRoute` (router_test.cpp) checks that every route is documented.

#include <string_view>

namespace hotline::net {

// A static JSON document (UTF-8).
std::string_view openapi_document();

}  // namespace hotline::net
