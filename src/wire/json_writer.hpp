#pragma once
// The one JSON writer: API responses, report documents, JSON Lines output.
//
// Numbers are written the way people read them: doubles in their shortest round-trip form without
// an exponent where that is shorter (0.94, not Boost 1.81's 9.4E-1; 96.16, not 9.616E1; 1.0, not
// 1), or with a fixed number of decimals where a document promises them (96.16, 100.00).
// Non-finite doubles become null (JSON has no NaN). Strings are UTF-8 as stored, escaped exactly as
// Boost.JSON escapes them ('"', '\\' and control characters).

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace hotline::wire {

// Serialises `value` as compact JSON, like boost::json::serialize but with the number format
// above.
[[nodiscard]] std::string serialize(const boost::json::value& value);
[[nodiscard]] std::string serialize(const boost::json::object& object);
[[nodiscard]] std::string serialize(const boost::json::array& array);

// Builds one compact JSON text front to back, for documents whose numbers a `boost::json::value`
// cannot carry (fixed decimals) or that are written a line at a time. The caller nests the
// begin/end calls and puts a `key` before each value in an object; the writer adds the commas.
// Not thread-safe; one writer per document.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The key of the next value inside an object.
  JsonWriter& key(std::string_view name);

  JsonWriter& null();
  JsonWriter& boolean(bool value);
  JsonWriter& integer(std::int64_t value);
  JsonWriter& unsigned_integer(std::uint64_t value);
  // Shortest round-trip form; an integral value keeps a ".0" so clients still read a double.
  JsonWriter& number(double value);
  // Exactly `decimals` digits after the point, rounded (96.16, 100.00).
  JsonWriter& fixed(double value, int decimals);
  JsonWriter& string(std::string_view value);
  // A whole tree, numbers as `number` writes them.
  JsonWriter& value(const boost::json::value& value);
  JsonWriter& value(const boost::json::object& object);
  JsonWriter& value(const boost::json::array& array);

  const std::string& text() const { return out_; }
  // The text written so far; the writer starts again empty.
  std::string take();

 private:
  void separate();
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);

  std::string out_;
  bool need_comma_ = false;  // a value ended and the next one in the same container needs a ','
};

}  // namespace hotline::wire
