#pragma once
// The OpenAPI 3.0 description of every route in router.cpp, served at GET /api/v1/openapi.json.
// Hand-maintained in src/net/openapi.json: when a route changes, change it there too;
// `OpenApi.DocumentsEveryRoute` (router_test.cpp) checks that every route is documented.

#include <string_view>

namespace hotline::net {

// The document as served: src/net/openapi.json with the action operation
// (POST /api/v1/tickets/{id}/{action}) completed from the transition table: its description lists
// each action's from-states, target, roles and reason rule (core::lifecycle_action_lines) and the
// `action` parameter's enum is the table's actions. Built once; a static JSON document (UTF-8).
std::string_view openapi_document();

// src/net/openapi.json as committed (compiled in by CMake).
std::string_view committed_openapi_document();

// The path of the action operation whose description `openapi_document` generates.
inline constexpr std::string_view kActionOperationPath = "/api/v1/tickets/{id}/{action}";

}  // namespace hotline::net
