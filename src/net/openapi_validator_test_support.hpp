#pragma once
// Test support: checks HTTP responses against the OpenAPI document (src/net/openapi.json), so
// every response the net tests see is the documented one. Supports the subset the document uses:
// $ref (to components), type, properties, required, additionalProperties (false or a schema),
// items, enum, nullable, minimum, maximum, maxItems, and format date-time (loosely: ISO 8601 with
// an offset or Z); any other schema keyword is reported, so the document cannot outgrow the check.
// Immutable after construction; safe to share between threads.

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace hotline::net {

class OpenApiValidator {
 public:
  // `document`: the OpenAPI JSON text. Throws std::invalid_argument when it is not JSON.
  explicit OpenApiValidator(std::string_view document);

  // The problems of one exchange, empty when it matches the document: the operation of `method`
  // (HEAD answers as GET, with an empty body) and the path of `target` (query ignored) must
  // document `status`, and a JSON body must validate against that response's schema. A path or
  // method the document does not have (the router's 404/405) is not checked; 500 and 503 are
  // documented once for all operations (the document's info) and checked as the Error response.
  std::vector<std::string> check_response(std::string_view method, std::string_view target, int status,
                                          std::string_view body) const;

  // The problems of `value` against `schema` (at `where`, for messages).
  std::vector<std::string> check_value(const boost::json::value& value, const boost::json::value& schema,
                                       const std::string& where = "$") const;

 private:
  const boost::json::value& resolve(const boost::json::value& maybe_ref) const;
  void check(const boost::json::value& value, const boost::json::value& schema, const std::string& where,
             std::vector<std::string>& problems) const;

  boost::json::value document_;
};

}  // namespace hotline::net
