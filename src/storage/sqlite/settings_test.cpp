// The settings on SQLite: they survive a reopen, the counters built with a changed KPI config are
// the ones a reopened database reports (and equal a recompute), and the stored text tolerates
// fields of older and newer programs.

#include <gtest/gtest.h>

#include "core/kpi_records.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/settings_codec.hpp"
#include "storage/sqlite/test_support.hpp"

namespace hotline::storage::sqlite {
namespace {

class OneBatch final : public core::KpiRecordSource {
 public:
  explicit OneBatch(core::KpiRecordBatch batch) : batch_(std::move(batch)) {}
  core::Result<bool> next(core::KpiRecordBatch& batch) override {
    if (done_) return false;
    batch = batch_;
    done_ = true;
    return true;
  }

 private:
  core::KpiRecordBatch batch_;
  bool done_ = false;
};

core::Timestamp at(const char* text) { return *core::parse_record_time(text); }

TEST(SqliteSettings, SettingsAndRebuiltCountersSurviveAReopen) {
  TempDir dir;
  {
    Database db({.path = dir.file("h.db")});
    core::KpiRecordBatch batch;
    // Registered 23:00, dispatched 01:30: timely under a 3 h limit, not under the default 2 h.
    batch.tickets.push_back(
        {1, core::TicketType::help, core::Channel::phone, at("2023-05-10 23:00:00"), false, at("2023-05-11 01:30:00")});
    batch.dispatches.push_back({1, at("2023-05-11 01:30:00"), "U1", false});
    OneBatch source(batch);
    ASSERT_TRUE(db.kpi().import_records(source));
    EXPECT_EQ((*db.kpi().counters(2023))[4][core::KpiCounter::tickets_dispatched_timely], 0);
    core::KpiConfig config;
    config.dispatch_limit_seconds = 3 * 3600;
    ASSERT_TRUE(db.kpi().change_config(config));
    core::DeadlinePolicy policy;
    policy.working_days[core::TicketType::help] = 7;
    ASSERT_TRUE(db.settings().put_deadline_policy(policy));
  }
  Database db({.path = dir.file("h.db")});  // the options say nothing of the KPI config
  EXPECT_EQ(db.kpi_config().dispatch_limit_seconds, 3 * 3600);
  auto counters = db.kpi().counters(2023);
  auto recomputed = db.kpi().recompute(2023);
  ASSERT_TRUE(counters && recomputed);
  EXPECT_EQ((*counters)[4][core::KpiCounter::tickets_dispatched_timely], 1);
  EXPECT_EQ(*counters, *recomputed);
  auto policy = db.settings().deadline_policy();
  ASSERT_TRUE(policy && policy->has_value());
  EXPECT_EQ((*policy)->working_days.at(core::TicketType::help), 7);
}

TEST(SqliteSettings, WithoutAStoredRowTheOpenOptionsApply) {
  TempDir dir;
  core::KpiConfig config;
  config.online_response_limit_seconds = 240;
  Database db({.path = dir.file("h.db"), .kpi = config});
  EXPECT_EQ(db.kpi_config().online_response_limit_seconds, 240);
}

TEST(SqliteSettings, TextRoundTripsAndToleratesOlderAndNewerFields) {
  core::KpiConfig config;
  config.satisfied_levels = {true, false, true, false};
  config.dispatch_limit_seconds = 5400;
  config.targets[3] = core::KpiTarget{10000, true};
  auto decoded = decode_kpi_config(encode_kpi_config(config));
  EXPECT_EQ(decoded.satisfied_levels, config.satisfied_levels);
  EXPECT_EQ(decoded.dispatch_limit_seconds, 5400);
  EXPECT_TRUE(decoded.targets[3].all_required);
  EXPECT_EQ(decoded.targets[3].basis_points, 10000);

  // An older program wrote fewer fields, a newer one more; a broken value keeps its default.
  auto mixed = decode_kpi_config("dispatch_limit_seconds=600\nsome_future_limit=3\nonline_response_limit_seconds=x\n");
  EXPECT_EQ(mixed.dispatch_limit_seconds, 600);
  EXPECT_EQ(mixed.online_response_limit_seconds, core::KpiConfig{}.online_response_limit_seconds);

  core::DeadlinePolicy policy;
  policy.working_days[core::TicketType::report] = 20;
  policy.callback_max_attempts = 4;
  auto back = decode_deadline_policy(encode_deadline_policy(policy));
  EXPECT_EQ(back.working_days, policy.working_days);
  EXPECT_EQ(back.callback_max_attempts, 4);
  auto partial = decode_deadline_policy("urgent_hours=6\nworking_days.consultation=9\n");
  EXPECT_EQ(partial.urgent_hours, 6);
  EXPECT_EQ(partial.working_days, core::DeadlinePolicy{}.working_days);
}

}  // namespace
}  // namespace hotline::storage::sqlite
