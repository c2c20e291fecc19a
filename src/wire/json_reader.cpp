#include "wire/json_reader.hpp"

#include <boost/json/parse.hpp>

namespace hotline::wire {
namespace {

// Requests are small; deeper nesting is an attack or a bug, never a ticket.
constexpr std::size_t kMaxDepth = 16;

}  // namespace

core::Result<boost::json::object> parse_object(std::string_view body, bool empty_is_object) {
  if (body.empty()) {
    if (empty_is_object) return boost::json::object{};
    return core::fail(core::ErrorCode::invalid_argument, "request body must be a JSON object", "body");
  }
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;  // UTF-8 validation stays on (the default)
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) return core::fail(core::ErrorCode::invalid_argument, "malformed JSON: " + ec.message(), "body");
  if (!value.is_object())
    return core::fail(core::ErrorCode::invalid_argument, "request body must be a JSON object", "body");
  return std::move(value.as_object());
}

ObjectReader::ObjectReader(const boost::json::object& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

void ObjectReader::fail_field(std::string_view key, std::string message) {
  if (error_) return;
  std::string field = field_name(key);
  error_ = core::make_error(core::ErrorCode::invalid_argument, field + ": " + message, field);
}

void ObjectReader::fail(core::Error error) {
  if (!error_) error_ = std::move(error);
}

const boost::json::value* ObjectReader::find(std::string_view key, Need need) {
  seen_.emplace(key);
  if (error_) return nullptr;
  auto it = object_.find(key);
  if (it == object_.end() || it->value().is_null()) {
    if (need == Need::required) fail_field(key, "is required");
    return nullptr;
  }
  return &it->value();
}

std::optional<std::string> ObjectReader::string(std::string_view key, Need need) {
  const auto* value = find(key, need);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    fail_field(key, "must be a string");
    return std::nullopt;
  }
  return std::string(value->get_string());
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need) {
  const auto* value = find(key, need);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    fail_field(key, "must be true or false");
    return std::nullopt;
  }
  return value->get_bool();
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, Need need) {
  const auto* value = find(key, need);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64())
    fail_field(key, "is out of range");
  else
    fail_field(key, "must be an integer");
  return std::nullopt;
}

std::optional<double> ObjectReader::number(std::string_view key, Need need) {
  const auto* value = find(key, need);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) {
    fail_field(key, "must be a number");
    return std::nullopt;
  }
  return value->to_number<double>();
}

const boost::json::object* ObjectReader::object(std::string_view key, Need need) {
  const auto* value = find(key, need);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    fail_field(key, "must be an object");
    return nullptr;
  }
  return &value->get_object();
}

const boost::json::array* ObjectReader::array(std::string_view key, Need need) {
  const auto* value = find(key, need);
  if (value == nullptr) return nullptr;
  if (!value->is_array()) {
    fail_field(key, "must be an array");
    return nullptr;
  }
  return &value->get_array();
}

std::optional<std::vector<std::string>> ObjectReader::string_array(std::string_view key, Need need) {
  const auto* items = array(key, need);
  if (items == nullptr) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    if (!item.is_string()) {
      fail_field(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
      return std::nullopt;
    }
    out.emplace_back(item.get_string());
  }
  return out;
}

core::Result<void> ObjectReader::finish() {
  if (error_) return *error_;
  for (const auto& entry : object_) {
    if (seen_.find(std::string_view(entry.key())) == seen_.end()) {
      std::string field = field_name(entry.key());
      return core::fail(core::ErrorCode::invalid_argument, field + ": unknown field", field);
    }
  }
  return {};
}

}  // namespace hotline::wire
