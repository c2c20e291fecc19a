#pragma once
// The rules a new password follows (issue #11): 10 to 256 characters (counted as Unicode
// characters, not bytes), not one character repeated, not the username, and not on the list of
// common passwords that guessing attacks try first (compared ignoring ASCII case). Pure functions.

#include <cstddef>
#include <string_view>

#include "core/result.hpp"

namespace hotline::core {

inline constexpr std::size_t kMinPasswordChars = 10;
inline constexpr std::size_t kMaxPasswordChars = 256;

// Ok, or invalid_argument on field "password" saying which rule `password` breaks.
[[nodiscard]] Result<void> check_password(std::string_view password, std::string_view username);

// True when `password`, ASCII letters folded to lower case, is on the list of common passwords:
// about 900 entries written by the team from the published frequency lists of leaked passwords
// (the yearly "worst passwords" lists and the 2011 Chinese site leaks as commonly reported:
// 123456, password, qwerty, 5201314, woaini1314, a123456, 88888888, ...), long ones included
// since only those pass the length rule.
bool is_common_password(std::string_view password);

}  // namespace hotline::core
