#include "core/reference_service.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "storage/memory/reference_repository.hpp"

namespace hotline::core {
namespace {

TEST(ReferenceService, ListenerSeesEverySuccessfulReloadAndNoRefusedEdit) {
  storage::memory::InMemoryReferenceRepository repo;
  ReferenceService reference(repo);
  std::vector<std::size_t> seen;  // units per snapshot the listener was given
  reference.on_reload([&](const ReferenceSnapshot& snapshot) { seen.push_back(snapshot.units.units().size()); });

  ASSERT_TRUE(reference.reload());
  ASSERT_TRUE(reference.save_unit(Unit{"4401", "", UnitKind::city, "广州市", true}));
  ASSERT_TRUE(reference.save_unit(Unit{"440106", "4401", UnitKind::district, "天河区", true}));
  EXPECT_FALSE(reference.save_unit(Unit{"440199", "9999", UnitKind::district, "无父区", true}))
      << "an unknown parent is refused";
  const Actor agent{1, "agent", Role::agent, ""};
  EXPECT_FALSE(reference.save_unit(agent, Unit{"440104", "4401", UnitKind::district, "越秀区", true}))
      << "only admins edit units";

  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(reference.snapshot()->units.units().size(), 2U);
}

}  // namespace
}  // namespace hotline::core
