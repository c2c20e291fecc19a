// libFuzzer target: every JSON request decoder of the API (src/wire/json_reader, src/net/json) and
// the holiday-notice reader. The first byte picks the decoder, the rest is the body. A decoder
// must answer a value or an error for any input: no crash, no sanitizer report, no exception.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/holiday_notice.hpp"
#include "core/ticket_event.hpp"
#include "net/json/dispatch_json.hpp"
#include "net/json/event_json.hpp"
#include "net/json/reference_json.hpp"
#include "net/json/ticket_json.hpp"
#include "net/json/user_json.hpp"
#include "wire/json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  using namespace hotline;
  const std::uint8_t selector = data[0];
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (selector % 12) {
    case 0: (void)wire::parse_object(body, selector & 0x80); break;
    case 1: (void)net::json::decode_new_ticket(body); break;
    case 2: {
      // Every action of the lifecycle has its own fields.
      auto action = static_cast<core::Action>((selector / 12) % (static_cast<int>(core::Action::supervise) + 1));
      (void)net::json::decode_action_request(action, body);
      break;
    }
    case 3: (void)net::json::decode_credentials(body); break;
    case 4: (void)net::json::decode_new_user(body); break;
    case 5: (void)net::json::decode_unit("unit-1", body); break;
    case 6: (void)net::json::decode_calendar_days(body); break;
    case 7: (void)net::json::decode_holiday_notice(body); break;
    case 8: (void)net::json::decode_rule("rule-1", body); break;
    case 9: (void)net::json::decode_classify_request(body); break;
    case 10: (void)net::json::decode_auth_message(body); break;
    case 11: (void)core::parse_holiday_notice(2000 + selector % 101, body); break;
  }
  return 0;
}
