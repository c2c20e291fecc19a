#include "net/json/json_writer.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>

namespace hotline::net::json {

namespace {

namespace bj = boost::json;

void write_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of characters that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(text.substr(plain));
  out.push_back('"');
}

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

}  // namespace

// Boost's serialiser is ~2x faster on large documents (ticket pages), and its output is the
// same when there is no double: it keeps that path, and this writer handles the rest.
std::string serialize(const boost::json::value& value) {
  if (!has_double(value)) return bj::serialize(value);
  std::string out;
  out.reserve(256);
  write(out, value);
  return out;
}

std::string serialize(const boost::json::object& object) {
  if (!has_double(object)) return bj::serialize(object);
  std::string out;
  out.reserve(256);
  write_object(out, object);
  return out;
}

std::string serialize(const boost::json::array& array) {
  if (!has_double(array)) return bj::serialize(array);
  std::string out;
  out.reserve(256);
  write_array(out, array);
  return out;
}

}  // namespace hotline::net::json
