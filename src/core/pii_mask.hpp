#pragma once
// Masking of personal numbers written into free text (titles, descriptions, notes, replies,
// reasons) for the roles that may not see callers' contacts. Three kinds are recognised:
//   - mainland mobile numbers: 11 digits, 1 then 3-9 (an optional +86 in front stays);
//   - resident identity numbers: 17 digits and a check character ('0'-'9' or 'X'/'x') that is the
//     ISO 7064 MOD 11-2 check of the 17, so a random 18-digit number is left alone;
//   - bank card numbers: 16 to 19 digits passing the Luhn check.
// Digits may be ASCII or full-width (０-９, Ｘ); a number may be written in groups separated by one
// space, hyphen, ideographic space or full-width hyphen ("6222 0212 3456 7890"). A number counts
// only as a whole: digits run on before or after it (an order number, a longer id) make it
// something else, which is left as written. Every character of a masked number becomes one '*'
// (the separators stay); everything else, any UTF-8 and any invalid byte, is copied unchanged.
// Pure functions; safe from any thread.

#include <string>
#include <string_view>

namespace hotline::core {

// `text` with every mobile, identity and bank card number in it masked.
std::string mask_pii(std::string_view text);

// The checks on a plain string of ASCII digits (and a final 'X' for identity numbers).
bool is_mobile_number(std::string_view digits);
bool is_resident_id_number(std::string_view digits);
bool is_bank_card_number(std::string_view digits);

}  // namespace hotline::core
