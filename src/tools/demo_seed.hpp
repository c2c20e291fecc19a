#pragma once
// Demo data: tickets made from the real citizen messages in data/demo/messages.csv, driven
// through the real lifecycle rules (core::decide/apply) to varied states, with the demo accounts
// of every role as their actors. Deterministic for a given seed and `now`.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/quality.hpp"
#include "core/reference_service.hpp"
#include "core/ticket_repository.hpp"
#include "core/user_repository.hpp"
#include "core/workflow.hpp"

namespace hotline::tools {

struct DemoMessage {
  std::string title;
  std::string text;
  std::string category;  // first-level label, may be empty
  std::string reply;     // an official reply, may be empty
};

// Reads data/demo/messages.csv (header source,source_id,title,text,category,created_at,reply).
std::vector<DemoMessage> read_demo_messages(const std::string& path);

// The demo actor of each role; unit handlers keyed by unit id.
struct DemoActors {
  std::map<core::Role, core::Actor> by_role;
  std::map<core::UnitId, core::Actor> handlers;
};

struct DemoOptions {
  int ticket_count = 3000;
  std::uint32_t seed = 12345;
  core::Timestamp now{};
  int spread_days = 60;  // tickets are registered over this many days before `now`
  // For building a large set in chunks: this chunk's position in the whole set and its size.
  long long first_index = 0;
  long long total = 0;  // 0: this chunk is the whole set
};

// Builds `options.ticket_count` tickets (cycling through `messages`) with complete histories.
std::vector<core::ImportedTicket> build_demo_tickets(const std::vector<DemoMessage>& messages,
                                                     const core::ReferenceSnapshot& reference,
                                                     const core::DeadlinePolicy& policy, const DemoActors& actors,
                                                     const DemoOptions& options);

// The messages' places are anonymised, and from several cities of another province: cities as
// one capital letter and 市 ("A市", "K市"), districts and counties with a number ("A7县", "A3区",
// "M2县", "A9市"), and "A区". A demo ticket placed in a Guangzhou district names that district
// instead: every city token becomes "广州市", the first district token of the ticket's title and
// text becomes `district` (the ticket's place), each further distinct one the next name of
// `others` (other Guangzhou districts), the same token always the same name. `mapping` carries the
// choice from the title to the text.
std::string localise_places(std::string_view text, const std::string& district, const std::vector<std::string>& others,
                            std::map<std::string, std::string>& mapping);

// The towns and streets the messages name after a district ("南沙区星沙镇泉塘街道板桥小区": real
// names of the other province) become the ticket's own street: every run of one or more names of
// 1-4 Chinese characters ending in 镇, 乡 or 街道 right after `district` is replaced by `street`
// ("南沙区南沙街道板桥小区"). Text elsewhere is kept; nothing changes when `street` is empty.
std::string localise_towns(std::string_view text, std::string_view district, std::string_view street);

// A praise (表扬) ticket's title and text for a place in Guangzhou: the hotline's praise calls
// are not in the message set, so the demo writes them from a few templates (see data/README.md).
struct PraiseText {
  std::string title;
  std::string text;
};
PraiseText praise_text(const std::string& district, const std::string& street, int variant);

// The accounts `hotline demo` creates: username, role, unit (for handlers), display name.
struct DemoAccount {
  std::string username;
  core::Role role;
  core::UnitId unit_id;
  std::string display_name;
};
const std::vector<DemoAccount>& demo_accounts();

// The default quality checklist (质检表) of the demo: greeting, record accuracy, category,
// dispatch, attitude, 100 points in all; and the name of the demo's team of agents.
core::Checklist demo_quality_checklist();
inline constexpr const char* kDemoQualityTeam = "受理一组";
inline constexpr const char* kDemoPassword = "hotline-demo";

}  // namespace hotline::tools
