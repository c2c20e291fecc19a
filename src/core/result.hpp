#pragma once
// Result<T>: the std::expected subset the project uses for expected failures (validation, not found,
// conflict, forbidden transition). Becomes an alias of std::expected once we move to C++23.

#include <cassert>
#include <chrono>
#include <string>
#include <utility>
#include <variant>

namespace hotline::core {

// The short, closed set of error kinds; net maps each to one HTTP status in one place.
// `rate_limited`: too many attempts (failed sign-ins); `Error::retry_after` says for how long.
enum class ErrorCode {
  invalid_argument,
  not_found,
  conflict,
  forbidden,
  unauthenticated,
  rate_limited,
  unavailable,
  internal
};

const char* to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;  // for humans; zh-CN or English
  std::string field;    // the offending input field, empty when none
  std::chrono::seconds retry_after{0};  // rate_limited: when trying again makes sense (HTTP Retry-After)
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field), {}};
}

// Tag to construct an error result, mirrors std::unexpected.
struct Unexpected {
  Error error;
};
inline Unexpected fail(ErrorCode code, std::string message, std::string field = {}) {
  return Unexpected{Error{code, std::move(message), std::move(field), {}}};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit like expected
  Result(Unexpected unexpected) : state_(std::in_place_index<1>, std::move(unexpected.error)) {}  // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(state_); }
  const T& value() const& { assert(has_value()); return std::get<0>(state_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(state_)); }
  const Error& error() const { assert(!has_value()); return std::get<1>(state_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected unexpected) : error_(std::move(unexpected.error)), ok_(false) {}  // NOLINT
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const { assert(ok_); }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace hotline::core
