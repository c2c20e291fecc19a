#include "wire/json_reader.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <vector>

namespace hotline::wire {
namespace {

// Requests are small; deeper nesting is an attack or a bug, never a ticket.
constexpr std::size_t kMaxDepth = 16;

// A second, tree-less pass over a body that parsed: Boost.JSON keeps the last of two equal keys
// and accepts "\u0000", so this handler refuses both, naming the field ("caller.phone",
// "co_units[1]") as `ObjectReader` does.
class StrictnessCheck {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  // The first problem found, if any.
  const std::optional<core::Error>& problem() const { return problem_; }

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    frames_.push_back(Frame{true, {}, {}, 0});
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    frames_.pop_back();
    return value_done();
  }
  bool on_array_begin(boost::system::error_code&) {
    frames_.push_back(Frame{false, {}, {}, 0});
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) {
    frames_.pop_back();
    return value_done();
  }
  bool on_key_part(boost::json::string_view part, std::size_t, boost::system::error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view part, std::size_t, boost::system::error_code& ec) {
    key_.append(part.data(), part.size());
    Frame& frame = frames_.back();
    if (key_.find('\0') != std::string::npos) {
      // A key with a NUL is nobody's field name; name the object that holds it.
      std::string parent = path();
      return refuse(ec, parent.empty() ? "body" : parent, "a key contains a NUL character (U+0000)");
    }
    frame.key = std::move(key_);
    key_.clear();
    if (!frame.keys.insert(frame.key).second) return refuse(ec, path(), "duplicate key");
    return true;
  }
  bool on_string_part(boost::json::string_view part, std::size_t, boost::system::error_code& ec) {
    return check_text(part, ec);
  }
  bool on_string(boost::json::string_view part, std::size_t, boost::system::error_code& ec) {
    return check_text(part, ec) && value_done();
  }
  bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) { return value_done(); }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) { return value_done(); }
  bool on_double(double, boost::json::string_view, boost::system::error_code&) { return value_done(); }
  bool on_bool(bool, boost::system::error_code&) { return value_done(); }
  bool on_null(boost::system::error_code&) { return value_done(); }
  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string, std::less<>> keys;  // objects: the keys seen so far
    std::string key;                          // objects: the key of the current value
    std::size_t index;                        // arrays: the index of the current element
  };

  // The field name of the value being read, as `ObjectReader` spells it.
  std::string path() const {
    std::string out;
    for (const auto& frame : frames_) {
      if (frame.is_object) {
        if (!out.empty()) out += '.';
        out += frame.key;
      } else {
        out += "[" + std::to_string(frame.index) + "]";
      }
    }
    return out;
  }

  bool value_done() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
    return true;
  }

  bool check_text(boost::json::string_view part, boost::system::error_code& ec) {
    if (part.find('\0') == boost::json::string_view::npos) return true;
    return refuse(ec, path(), "contains a NUL character (U+0000)");
  }

  bool refuse(boost::system::error_code& ec, const std::string& field, const std::string& message) {
    problem_ = core::make_error(core::ErrorCode::invalid_argument, field + ": " + message, field);
    ec = boost::json::error::syntax;  // stops the parser; `problem_` says what happened
    return false;
  }

  std::vector<Frame> frames_;
  std::string key_;  // the parts of a key not yet complete
  std::optional<core::Error> problem_;
};

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
  boost::json::basic_parser<StrictnessCheck> check(options);
  check.write_some(false, body.data(), body.size(), ec);
  if (const auto& problem = check.handler().problem()) return *problem;
  if (ec) return core::fail(core::ErrorCode::invalid_argument, "malformed JSON: " + ec.message(), "body");
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
