#pragma once
// Strict decoding of request bodies: a JSON object whose every key must be read by the decoder.
// Refuses malformed JSON, invalid UTF-8 (Boost.JSON validates it), duplicate keys, NUL characters
// ("\u0000") in any key or string, unknown fields, wrong types and missing required fields; the first problem becomes an `invalid_argument` error naming the field
// ("caller.phone", "co_units[2]"). The base of every JSON decoder (wire/kpi_json, net/json/*).

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "core/result.hpp"

namespace hotline::wire {

enum class Need { required, optional };

// Parses `body` as one JSON object; an empty body counts as `{}` when `empty_is_object`. A key
// repeated within one object or a NUL in a string is refused naming the field ("caller.phone").
[[nodiscard]] core::Result<boost::json::object> parse_object(std::string_view body, bool empty_is_object = false);

// Reads the keys of one object. Every accessor records the first error it meets and then returns
// nullopt; call `finish()` last to also refuse keys that no accessor asked for.
// Not thread-safe; lives for one decode call.
class ObjectReader {
 public:
  // `prefix` is prepended to field names in errors, e.g. "caller.".
  explicit ObjectReader(const boost::json::object& object, std::string prefix = {});

  std::optional<std::string> string(std::string_view key, Need need = Need::optional);
  std::optional<bool> boolean(std::string_view key, Need need = Need::optional);
  std::optional<std::int64_t> integer(std::string_view key, Need need = Need::optional);
  std::optional<double> number(std::string_view key, Need need = Need::optional);
  const boost::json::object* object(std::string_view key, Need need = Need::optional);
  std::optional<std::vector<std::string>> string_array(std::string_view key, Need need = Need::optional);
  const boost::json::array* array(std::string_view key, Need need = Need::optional);

  // A string that `parse` turns into an enum; unknown text is an error naming the field.
  template <typename E, typename Parse>
  std::optional<E> enumeration(std::string_view key, Parse parse, Need need = Need::optional) {
    auto text = string(key, need);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) fail_field(key, "unknown value \"" + *text + "\"");
    return value;
  }

  // Records an error on `key` unless one is recorded already.
  void fail_field(std::string_view key, std::string message);
  // Adopts an error from a nested reader.
  void fail(core::Error error);
  bool ok() const { return !error_.has_value(); }
  std::string field_name(std::string_view key) const { return prefix_ + std::string(key); }

  // The first error, or the first key nobody read.
  [[nodiscard]] core::Result<void> finish();

 private:
  // The value of `key` or null; records "is required" when missing and `need` says so.
  const boost::json::value* find(std::string_view key, Need need);

  const boost::json::object& object_;
  std::string prefix_;
  std::set<std::string, std::less<>> seen_;
  std::optional<core::Error> error_;
};

}  // namespace hotline::wire
