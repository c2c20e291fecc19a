#pragma once
// The OpenAPI 3.0 description of every route in router.cpp, served at GET /api/v1/openapi.json.

#include <string_view>

namespace hotline::net {

// A static JSON document (UTF-8).
std::string_view openapi_document();

}  // namespace hotline::net
