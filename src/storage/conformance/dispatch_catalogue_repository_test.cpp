#include "core/dispatch_catalogue_repository.hpp"

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

class DispatchCatalogueConformance : public ConformanceTest {
 protected:
  static core::DispatchRule rule(std::string id, std::string category, std::string lead) {
    core::DispatchRule r;
    r.id = std::move(id);
    r.category = std::move(category);
    r.lead_unit = std::move(lead);
    return r;
  }
};

TEST_P(DispatchCatalogueConformance, StartsEmpty) {
  auto rules = dispatch_catalogue().list();
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_TRUE(rules->empty());
}

TEST_P(DispatchCatalogueConformance, UpsertStoresEveryFieldAndListsById) {
  auto full = rule("zz-housing", "城乡建设/住房保障", "dept-zjj");
  full.district = "440106";
  full.street = "440106001";
  full.co_units = {"dept-ghzy", "440106"};
  full.place_co_handles = true;
  full.note = "公租房";
  ASSERT_TRUE(dispatch_catalogue().upsert(full));
  ASSERT_TRUE(dispatch_catalogue().upsert(rule("aa-traffic", "交通运输", "dept-jtj")));
  auto rules = dispatch_catalogue().list();
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].id, "aa-traffic");
  EXPECT_TRUE((*rules)[0].co_units.empty());
  EXPECT_FALSE((*rules)[0].place_co_handles);
  const auto& stored = (*rules)[1];
  EXPECT_EQ(stored.id, "zz-housing");
  EXPECT_EQ(stored.category, "城乡建设/住房保障");
  EXPECT_EQ(stored.district, "440106");
  EXPECT_EQ(stored.street, "440106001");
  EXPECT_EQ(stored.lead_unit, "dept-zjj");
  EXPECT_EQ(stored.co_units, (std::vector<core::UnitId>{"dept-ghzy", "440106"}));
  EXPECT_TRUE(stored.place_co_handles);
  EXPECT_EQ(stored.note, "公租房");
}

TEST_P(DispatchCatalogueConformance, UpsertReplacesTheRuleWithTheSameId) {
  ASSERT_TRUE(dispatch_catalogue().upsert(rule("r1", "交通运输", "dept-jtj")));
  auto changed = rule("r1", "交通运输/公共交通", "util-bus");
  changed.co_units = {"dept-jtj"};
  ASSERT_TRUE(dispatch_catalogue().upsert(changed));
  auto rules = dispatch_catalogue().list();
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->size(), 1u);
  EXPECT_EQ(rules->front().lead_unit, "util-bus");
  EXPECT_EQ(rules->front().category, "交通运输/公共交通");
  EXPECT_EQ(rules->front().co_units, std::vector<core::UnitId>{"dept-jtj"});
}

TEST_P(DispatchCatalogueConformance, UpsertAllStoresABatch) {
  ASSERT_TRUE(dispatch_catalogue().upsert_all(
      {rule("b", "民政", "dept-mzj"), rule("a", "教育文体", "dept-edu"), rule("b", "民政", "dept-sfj")}));
  auto rules = dispatch_catalogue().list();
  ASSERT_TRUE(rules);
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_EQ((*rules)[0].id, "a");
  EXPECT_EQ((*rules)[1].lead_unit, "dept-sfj");  // later entries win, as with upsert
}

TEST_P(DispatchCatalogueConformance, RemoveDeletesAndReportsMissingRules) {
  ASSERT_TRUE(dispatch_catalogue().upsert(rule("r1", "交通运输", "dept-jtj")));
  ASSERT_TRUE(dispatch_catalogue().remove("r1"));
  EXPECT_TRUE(dispatch_catalogue().list()->empty());
  auto again = dispatch_catalogue().remove("r1");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, DispatchCatalogueConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
