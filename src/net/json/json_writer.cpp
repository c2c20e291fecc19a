#include "net/json/json_writer.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>

namespace hotline::net::json {

namespace {

namespace bj = boost::json;

// Strings are escaped by Boost, exactly as in its own serialiser.
void write_string(std::string& out, std::string_view text) { out += bj::serialize(text); }

template <typename Number>
void write_number(std::string& out, Number n) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, result.ptr);
}

void write(std::string& out, const bj::value& value);

void write_array(std::string& out, const bj::array& array) {
  out.push_back('[');
  bool first = true;
  for (const auto& item : array) {
    if (!first) out.push_back(',');
    first = false;
    write(out, item);
  }
  out.push_back(']');
}

void write_object(std::string& out, const bj::object& object) {
  out.push_back('{');
  bool first = true;
  for (const auto& member : object) {
    if (!first) out.push_back(',');
    first = false;
    write_string(out, member.key());
    out.push_back(':');
    write(out, member.value());
  }
  out.push_back('}');
}

void write(std::string& out, const bj::value& value) {
  switch (value.kind()) {
    case bj::kind::null: out += "null"; break;
    case bj::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case bj::kind::int64: write_number(out, value.get_int64()); break;
    case bj::kind::uint64: write_number(out, value.get_uint64()); break;
    case bj::kind::double_: {
      const double d = value.get_double();
      if (!std::isfinite(d)) {
        out += "null";
      } else {
        // Shortest form that reads back as the same double; to_chars picks plain or
        // scientific notation, whichever is shorter. An integral value keeps a ".0" so that
        // clients still read a floating-point number (a score of 1 is 1.0).
        const std::size_t start = out.size();
        write_number(out, d);
        if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
      }
      break;
    }
    case bj::kind::string: write_string(out, value.get_string()); break;
    case bj::kind::array: write_array(out, value.get_array()); break;
    case bj::kind::object: write_object(out, value.get_object()); break;
  }
}

bool has_double(const bj::value& value);

bool has_double(const bj::array& array) {
  for (const auto& item : array) {
    if (has_double(item)) return true;
  }
  return false;
}

bool has_double(const bj::object& object) {
  for (const auto& member : object) {
    if (has_double(member.value())) return true;
  }
  return false;
}

bool has_double(const bj::value& value) {
  switch (value.kind()) {
    case bj::kind::double_: return true;
    case bj::kind::array: return has_double(value.get_array());
    case bj::kind::object: return has_double(value.get_object());
    default: return false;
  }
}

// Boost's serialiser is ~2x faster on large documents (ticket pages), and its output is the
// same when there is no double: it keeps that path, and this writer handles the rest.
template <typename Json>
std::string serialize_any(const Json& json, void (*write_json)(std::string&, const Json&)) {
  if (!has_double(json)) return bj::serialize(json);
  std::string out;
  out.reserve(256);
  write_json(out, json);
  return out;
}

}  // namespace

std::string serialize(const boost::json::value& value) { return serialize_any(value, &write); }
std::string serialize(const boost::json::object& object) { return serialize_any(object, &write_object); }
std::string serialize(const boost::json::array& array) { return serialize_any(array, &write_array); }

}  // namespace hotline::net::json
