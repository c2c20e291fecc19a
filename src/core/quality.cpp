#include "core/quality.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>

#include "core/china_time.hpp"

namespace hotline::core {
namespace {

bool valid_key(const std::string& key) {
  if (key.empty() || key.size() > 32) return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// Labels and names are stored one per line by some backends: no control characters.
bool printable(const std::string& text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

double round2(double value) { return std::round(value * 100.0) / 100.0; }

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string month_of(Timestamp at) {
  auto date = china_date(at);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()));
  return text;
}

struct Sum {
  double total = 0.0;
  int count = 0;
};

QualityScoreRow row_of(std::string group, std::int64_t agent_id, std::string month, const Sum& sum) {
  return {std::move(group), agent_id, std::move(month), round2(sum.total / sum.count), sum.count};
}

}  // namespace

std::string to_string(InspectionState state) { return state == InspectionState::scored ? "scored" : "pending"; }

std::optional<InspectionState> parse_inspection_state(std::string_view text) {
  if (text == "pending") return InspectionState::pending;
  if (text == "scored") return InspectionState::scored;
  return std::nullopt;
}

Result<void> validate_checklist(const Checklist& checklist) {
  if (checklist.name.empty() || checklist.name.size() > 200 || !printable(checklist.name))
    return fail(ErrorCode::invalid_argument, "a checklist needs a name of 1..200 bytes without control characters", "name");
  if (checklist.items.empty() || checklist.items.size() > kMaxChecklistItems)
    return fail(ErrorCode::invalid_argument, "a checklist needs 1..30 items", "items");
  std::set<std::string> keys;
  for (std::size_t i = 0; i < checklist.items.size(); ++i) {
    const auto& item = checklist.items[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!valid_key(item.key)) return fail(ErrorCode::invalid_argument, "keys are 1..32 of a-z, 0-9, _", at + ".key");
    if (!keys.insert(item.key).second) return fail(ErrorCode::invalid_argument, "key " + item.key + " repeats", at + ".key");
    if (item.label.empty() || item.label.size() > 200 || !printable(item.label))
      return fail(ErrorCode::invalid_argument, "a label of 1..200 bytes without control characters", at + ".label");
    if (item.max_points < 1 || item.max_points > kMaxItemPoints)
      return fail(ErrorCode::invalid_argument, "max_points must be 1..100", at + ".max_points");
  }
  return {};
}

Result<void> validate_teams(const std::vector<QualityTeam>& teams) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < teams.size(); ++i) {
    const std::string at = "teams[" + std::to_string(i) + "]";
    const auto& team = teams[i];
    if (team.name.empty() || team.name.size() > 200 || !printable(team.name))
      return fail(ErrorCode::invalid_argument, "a team needs a name of 1..200 bytes", at + ".name");
    if (!names.insert(team.name).second) return fail(ErrorCode::invalid_argument, "team " + team.name + " repeats", at + ".name");
    std::set<std::int64_t> members(team.member_ids.begin(), team.member_ids.end());
    if (members.size() != team.member_ids.size())
      return fail(ErrorCode::invalid_argument, "a member is listed twice", at + ".member_ids");
  }
  return {};
}

Result<void> validate_scores(const Checklist& checklist, const std::map<std::string, int>& scores,
                             const std::string& remarks) {
  for (const auto& score : scores) {
    const std::string& key = score.first;
    const int points = score.second;
    auto item = std::find_if(checklist.items.begin(), checklist.items.end(), [&](const auto& it) { return it.key == key; });
    if (item == checklist.items.end())
      return fail(ErrorCode::invalid_argument, "no item " + key + " on checklist " + checklist.name, "scores." + key);
    if (points < 0 || points > item->max_points)
      return fail(ErrorCode::invalid_argument, "points of " + key + " must be 0.." + std::to_string(item->max_points),
                  "scores." + key);
  }
  for (const auto& item : checklist.items) {
    if (!scores.contains(item.key)) return fail(ErrorCode::invalid_argument, "item " + item.key + " is not scored", "scores." + item.key);
  }
  if (remarks.size() > kMaxRemarksBytes) return fail(ErrorCode::invalid_argument, "remarks are at most 4000 bytes", "remarks");
  return {};
}

double total_percent(const Checklist& checklist, const std::map<std::string, int>& scores) {
  int max = 0;
  int got = 0;
  for (const auto& item : checklist.items) {
    max += item.max_points;
    if (auto it = scores.find(item.key); it != scores.end()) got += it->second;
  }
  if (max == 0) return 0.0;
  return round2(100.0 * got / max);
}

std::vector<TicketId> draw_sample(std::vector<TicketId> candidates, int size, std::uint64_t seed) {
  std::uint64_t state = seed;
  const std::size_t want = std::min(candidates.size(), static_cast<std::size_t>(std::max(size, 0)));
  // Partial Fisher-Yates: position i takes a uniformly chosen element of [i, n).
  for (std::size_t i = 0; i < want; ++i) {
    const std::uint64_t span = candidates.size() - i;
    const std::size_t pick = i + static_cast<std::size_t>(splitmix64(state) % span);
    std::swap(candidates[i], candidates[pick]);
  }
  candidates.resize(want);
  return candidates;
}

std::vector<QualityScoreRow> scores_by_agent(const std::vector<Inspection>& scored) {
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, Sum>> groups;
  for (const auto& inspection : scored) {
    if (inspection.state != InspectionState::scored || !inspection.scored_at) continue;
    auto& [agent_id, sum] = groups[{inspection.agent, month_of(*inspection.scored_at)}];
    agent_id = inspection.agent_id;
    sum.total += inspection.total;
    ++sum.count;
  }
  std::vector<QualityScoreRow> out;
  for (const auto& [key, value] : groups) out.push_back(row_of(key.first, value.first, key.second, value.second));
  return out;
}

std::vector<QualityScoreRow> scores_by_team(const std::vector<Inspection>& scored,
                                            const std::vector<QualityTeam>& teams) {
  std::map<std::pair<std::string, std::string>, Sum> groups;
  for (const auto& inspection : scored) {
    if (inspection.state != InspectionState::scored || !inspection.scored_at) continue;
    for (const auto& team : teams) {
      if (std::find(team.member_ids.begin(), team.member_ids.end(), inspection.agent_id) == team.member_ids.end()) continue;
      auto& sum = groups[{team.name, month_of(*inspection.scored_at)}];
      sum.total += inspection.total;
      ++sum.count;
    }
  }
  std::vector<QualityScoreRow> out;
  for (const auto& [key, sum] : groups) out.push_back(row_of(key.first, 0, key.second, sum));
  return out;
}

}  // namespace hotline::core
