#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace hotline::net::json {

// Serialises `value` as compact JSON, like boost::json::serialize but with numbers written the
// way people read them: doubles in their shortest round-trip form without an exponent where
// that is shorter (0.94, not Boost 1.81's 9.4E-1; 96.16, not 9.616E1; 1.0, not 1). Non-finite doubles become
// null (JSON has no NaN). Strings are UTF-8 as stored, with '"', '\\' and control characters
// escaped. The one serialiser of every API response.
[[nodiscard]] std::string serialize(const boost::json::value& value);
[[nodiscard]] std::string serialize(const boost::json::object& object);
[[nodiscard]] std::string serialize(const boost::json::array& array);

}  // namespace hotline::net::json
