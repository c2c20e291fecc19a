#include "core/visibility.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

class VisibilityTest : public ::testing::Test {
 protected:
  UnitTree units_{{
      {"4401", "", UnitKind::city, "广州市", true},
      {"440106", "4401", UnitKind::district, "天河区", true},
      {"440106001", "440106", UnitKind::street, "五山街道", true},
      {"440104", "4401", UnitKind::district, "越秀区", true},
      {"dept-housing", "4401", UnitKind::department, "住建局", true},
  }};
  Actor tianhe_{3, "tianhe", Role::unit_handler, "440106"};
  Actor wushan_{4, "wushan", Role::unit_handler, "440106001"};
  Actor yuexiu_{5, "yuexiu", Role::unit_handler, "440104"};
  Actor dispatcher_{6, "dispatcher", Role::dispatcher, ""};
  Actor admin_{7, "admin", Role::admin, ""};
};

TEST_F(VisibilityTest, UnitHandlersReadOnlyTicketsOfTheirSubtree) {
  Ticket t;
  t.lead_unit = "440106001";
  EXPECT_TRUE(may_read_ticket(tianhe_, t, units_));  // the street lies in the district
  EXPECT_TRUE(may_read_ticket(wushan_, t, units_));
  EXPECT_FALSE(may_read_ticket(yuexiu_, t, units_));
  t.lead_unit = "440106";
  EXPECT_FALSE(may_read_ticket(wushan_, t, units_));  // a street does not see its district's tickets
}

TEST_F(VisibilityTest, CoHandlingUnitsReadTheTicketToo) {
  Ticket t;
  t.lead_unit = "dept-housing";
  t.co_units = {"440104"};
  EXPECT_TRUE(may_read_ticket(yuexiu_, t, units_));
  EXPECT_FALSE(may_read_ticket(tianhe_, t, units_));
}

TEST_F(VisibilityTest, UndispatchedTicketsAreNoUnitsAndEveryOtherRoleButAdminReadsAll) {
  Ticket t;  // registered, no unit yet
  EXPECT_FALSE(may_read_ticket(tianhe_, t, units_));
  EXPECT_TRUE(may_read_ticket(dispatcher_, t, units_));
  EXPECT_FALSE(may_read_ticket(admin_, t, units_));
  Actor unitless{8, "nobody", Role::unit_handler, ""};
  t.lead_unit = "440106";
  EXPECT_FALSE(may_read_ticket(unitless, t, units_));
  for (Role role : {Role::agent, Role::callback_agent, Role::supervisor, Role::manager}) {
    EXPECT_TRUE(may_read_ticket(Actor{1, "x", role, ""}, t, units_)) << to_string(role);
  }
}

}  // namespace
}  // namespace hotline::core
