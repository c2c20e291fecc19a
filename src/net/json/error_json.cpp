#include "net/json/error_json.hpp"

#include <boost/json/value.hpp>

#include "wire/json_writer.hpp"

namespace hotline::net::json {

std::string encode_error(std::string_view code, std::string_view message, std::string_view field) {
  boost::json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return wire::serialize(boost::json::object{{"error", std::move(error)}});
}

}  // namespace hotline::net::json
