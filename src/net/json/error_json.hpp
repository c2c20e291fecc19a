#pragma once
// The one error body of the API: {"error":{"code":"...","message":"...","field":"..."}};
// "field" appears only when the error names one.

#include <string>
#include <string_view>

namespace hotline::net::json {

std::string encode_error(std::string_view code, std::string_view message, std::string_view field = {});

}  // namespace hotline::net::json
