#include "core/call_events.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

Timestamp at(std::int64_t epoch) { return from_epoch(epoch); }

TEST(CallEvents, AnOfferAndItsOutcomeMakeOneCallRecord) {
  std::vector<CallEvent> events{{"c1", CallEventKind::offered, at(100), "consult", ""},
                                {"c2", CallEventKind::offered, at(110), "consult", ""},
                                {"c2", CallEventKind::abandoned, at(150), "", ""},
                                {"c1", CallEventKind::answered, at(120), "", "A07"}};
  auto records = pair_call_events(events);
  ASSERT_TRUE(records) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[0].call_id, "c1");
  EXPECT_EQ((*records)[0].answered_at, at(120));
  EXPECT_EQ((*records)[0].agent, "A07");
  EXPECT_EQ((*records)[0].skill, "consult");
  EXPECT_EQ((*records)[1].call_id, "c2");
  EXPECT_FALSE((*records)[1].answered_at);
  EXPECT_EQ((*records)[1].ended_at, at(150));
}

TEST(CallEvents, IncompleteOrInconsistentCallsNameTheEvent) {
  std::vector<CallEvent> lonely{{"c1", CallEventKind::offered, at(100), "", ""}};
  EXPECT_EQ(pair_call_events(lonely).error().field, "events[0].call_id");
  std::vector<CallEvent> twice{{"c1", CallEventKind::offered, at(100), "", ""},
                               {"c1", CallEventKind::answered, at(110), "", ""},
                               {"c1", CallEventKind::abandoned, at(120), "", ""}};
  EXPECT_EQ(pair_call_events(twice).error().field, "events[2].event");
  std::vector<CallEvent> early{{"c1", CallEventKind::offered, at(100), "", ""},
                               {"c1", CallEventKind::answered, at(90), "", ""}};
  EXPECT_EQ(pair_call_events(early).error().field, "events[1].at");
  std::vector<CallEvent> unnamed{{"", CallEventKind::offered, at(100), "", ""}};
  EXPECT_EQ(pair_call_events(unnamed).error().field, "events[0].call_id");
}

}  // namespace
}  // namespace hotline::core
