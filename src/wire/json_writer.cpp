#include "wire/json_writer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace hotline::wire {

namespace {

namespace bj = boost::json;

template <typename Number>
void append_number(std::string& out, Number n) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, result.ptr);
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
// same when there is no double: it keeps that path, and `JsonWriter` handles the rest.
template <typename Json>
std::string serialize_any(const Json& json) {
  if (!has_double(json)) return bj::serialize(json);
  JsonWriter writer;
  writer.value(json);
  return writer.take();
}

}  // namespace

std::string serialize(const boost::json::value& value) { return serialize_any(value); }
std::string serialize(const boost::json::object& object) { return serialize_any(object); }
std::string serialize(const boost::json::array& array) { return serialize_any(array); }

void JsonWriter::separate() {
  if (need_comma_) out_.push_back(',');
  need_comma_ = true;
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  out_.push_back(bracket);
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_.push_back(bracket);
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_object() { return open('{'); }
JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::begin_array() { return open('['); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
  string(name);
  out_.push_back(':');
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  separate();
  append_number(out_, value);
  return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t value) {
  separate();
  append_number(out_, value);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  if (!std::isfinite(value)) return null();
  separate();
  // Shortest form that reads back as the same double; to_chars picks plain or scientific
  // notation, whichever is shorter.
  const std::size_t start = out_.size();
  append_number(out_, value);
  if (out_.find_first_of(".e", start) == std::string::npos) out_ += ".0";
  return *this;
}

JsonWriter& JsonWriter::fixed(double value, int decimals) {
  if (!std::isfinite(value)) return null();
  separate();
  char buffer[64];
  const int length = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  out_.append(buffer, static_cast<std::size_t>(length));
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  separate();
  out_ += bj::serialize(value);  // Boost's escaping, exactly as in its own serialiser
  return *this;
}

JsonWriter& JsonWriter::value(const boost::json::value& value) {
  switch (value.kind()) {
    case bj::kind::null: return null();
    case bj::kind::bool_: return boolean(value.get_bool());
    case bj::kind::int64: return integer(value.get_int64());
    case bj::kind::uint64: return unsigned_integer(value.get_uint64());
    case bj::kind::double_: return number(value.get_double());
    case bj::kind::string: return string(value.get_string());
    case bj::kind::array: return this->value(value.get_array());
    case bj::kind::object: return this->value(value.get_object());
  }
  return *this;
}

JsonWriter& JsonWriter::value(const boost::json::object& object) {
  begin_object();
  for (const auto& member : object) key(member.key()).value(member.value());
  return end_object();
}

JsonWriter& JsonWriter::value(const boost::json::array& array) {
  begin_array();
  for (const auto& item : array) value(item);
  return end_array();
}

std::string JsonWriter::take() {
  std::string out = std::move(out_);
  out_.clear();
  need_comma_ = false;
  return out;
}

}  // namespace hotline::wire
