#include <gtest/gtest.h>

#include "../sql/tpch_queries.h"
#include "ballista/catalog/memory_table.h"
#include "ballista/compute/registry.h"
#include "ballista/logical/binder.h"
#include "ballista/sql/parser.h"
#include "tpch_catalog.h"

namespace ballista::logical {
namespace a = ballista::arrow;
namespace {

class BinderTest : public ::testing::Test {
 protected:
  void SetUp() override { catalogs_ = testing::MakeTpchCatalog(); }

  Result<LogicalPlanPtr> Bind(const std::string& text) {
    ASSIGN_OR_RAISE(auto query, sql::ParseQuery(text));
    Binder binder(catalogs_.get(), &compute::FunctionRegistry::Default());
    return binder.BindQuery(*query);
  }

  LogicalPlanPtr BindOk(const std::string& text) {
    auto plan = Bind(text);
    EXPECT_TRUE(plan.ok()) << text << "\n" << plan.status().ToString();
    return plan.ok() ? *plan : nullptr;
  }

  std::string BindError(const std::string& text) {
    auto plan = Bind(text);
    EXPECT_FALSE(plan.ok()) << text;
    return plan.ok() ? "" : plan.status().message();
  }

  std::vector<std::string> OutputNames(const LogicalPlanPtr& plan) {
    std::vector<std::string> names;
    for (const auto& c : plan->output()) names.push_back(c.name);
    return names;
  }

  std::shared_ptr<catalog::CatalogList> catalogs_;
};

TEST_F(BinderTest, ColumnNotFoundSuggestsTheClosestName) {
  EXPECT_EQ(BindError("select l_quantiy from lineitem"),
            "line 1, column 8: column \"l_quantiy\" not found; did you mean \"l_quantity\"?");
  EXPECT_EQ(BindError("select zzz from nation"), "line 1, column 8: column \"zzz\" not found");
}

TEST_F(BinderTest, TableNotFoundSuggestsTheClosestName) {
  EXPECT_EQ(BindError("select * from lineitm"),
            "line 1, column 15: table \"lineitm\" not found; did you mean \"lineitem\"?");
}

TEST_F(BinderTest, AmbiguousColumnsAreErrors) {
  std::string message = BindError("select n_name from nation a, nation b");
  EXPECT_NE(message.find("column reference \"n_name\" is ambiguous"), std::string::npos) << message;
  BindOk("select a.n_name, b.n_name from nation a, nation b");
}

TEST_F(BinderTest, ComparisonTypeErrorsNameBothTypes) {
  std::string message = BindError("select * from orders where o_orderdate = 5");
  EXPECT_NE(message.find("cannot compare DATE with INTEGER"), std::string::npos) << message;
}

TEST_F(BinderTest, WhereMustBeBoolean) {
  std::string message = BindError("select * from nation where n_nationkey + 1");
  EXPECT_NE(message.find("WHERE must be type BOOLEAN, not INTEGER"), std::string::npos) << message;
}

TEST_F(BinderTest, GroupByValidity) {
  std::string message = BindError("select n_name, count(*) from nation group by n_regionkey");
  EXPECT_NE(message.find("must appear in the GROUP BY clause"), std::string::npos) << message;
  BindOk("select n_regionkey, count(*) from nation group by n_regionkey");
  BindOk("select n_regionkey + 1, count(*) from nation group by n_regionkey + 1");
  BindOk("select n_regionkey as r, count(*) from nation group by r");
  BindOk("select n_regionkey, count(*) from nation group by 1");
  BindOk("select n_regionkey, count(*) from nation group by all");
  message = BindError("select sum(n_nationkey) from nation where sum(n_nationkey) > 1");
  EXPECT_NE(message.find("not allowed"), std::string::npos) << message;
  message = BindError("select sum(sum(n_nationkey)) from nation");
  EXPECT_NE(message.find("cannot be nested"), std::string::npos) << message;
}

TEST_F(BinderTest, UnknownFunctionSuggestsName) {
  std::string message = BindError("select lenght(n_name) from nation");
  EXPECT_NE(message.find("did you mean \"length\""), std::string::npos) << message;
}

TEST_F(BinderTest, SelectStarAndExclude) {
  auto plan = BindOk("select * exclude (n_comment) from nation");
  EXPECT_EQ(OutputNames(plan), (std::vector<std::string>{"n_nationkey", "n_name", "n_regionkey"}));
  plan = BindOk("select r.* from nation n join region r on n.n_regionkey = r.r_regionkey");
  EXPECT_EQ(OutputNames(plan), (std::vector<std::string>{"r_regionkey", "r_name", "r_comment"}));
}

TEST_F(BinderTest, UsingJoinShowsTheColumnOnce) {
  auto plan = BindOk(
      "select * from (select n_regionkey as k, n_name from nation) a "
      "join (select r_regionkey as k, r_name from region) b using (k)");
  EXPECT_EQ(OutputNames(plan), (std::vector<std::string>{"k", "n_name", "r_name"}));
  plan = BindOk(
      "select * from (select n_regionkey as k from nation) a natural join "
      "(select r_regionkey as k from region) b");
  EXPECT_EQ(OutputNames(plan), (std::vector<std::string>{"k"}));
}

TEST_F(BinderTest, OutputNamesFollowAliasesAndExpressions) {
  auto plan = BindOk("select n_name, n_nationkey + 1, count(*) as c from nation group by 1, 2");
  EXPECT_EQ(OutputNames(plan), (std::vector<std::string>{"n_name", "n_nationkey + 1", "c"}));
}

TEST_F(BinderTest, OrderByAliasOrdinalAndHiddenColumns) {
  auto plan = BindOk("select n_name as x from nation order by x");
  EXPECT_EQ(plan->kind, PlanKind::kSort);
  plan = BindOk("select n_name from nation order by n_nationkey desc");
  // A projection drops the hidden sort column after the sort.
  ASSERT_EQ(plan->kind, PlanKind::kProjection);
  EXPECT_EQ(plan->inputs()[0]->kind, PlanKind::kSort);
  EXPECT_EQ(OutputNames(plan), (std::vector<std::string>{"n_name"}));
  std::string message = BindError("select n_name from nation order by 3");
  EXPECT_NE(message.find("ORDER BY position 3 is not in the select list"), std::string::npos);
  message = BindError("select distinct n_name from nation order by n_nationkey");
  EXPECT_NE(message.find("must appear in the select list"), std::string::npos) << message;
}

TEST_F(BinderTest, CteScopingAndShadowing) {
  auto plan = BindOk("with nation as (select 1 as x) select x from nation");
  EXPECT_EQ(OutputNames(plan), (std::vector<std::string>{"x"}));
  // A CTE sees the CTEs before it, not after it.
  BindOk("with a as (select 1 as x), b as (select x + 1 as y from a) select y from b");
  std::string message = BindError("with a as (select y from b), b as (select 1 as y) select * from a");
  EXPECT_NE(message.find("table \"b\" not found"), std::string::npos) << message;
  // Two references bind twice, with distinct columns: a self join works.
  BindOk("with a as (select n_nationkey as k from nation) select * from a a1 join a a2 on a1.k = a2.k");
}

TEST_F(BinderTest, CorrelatedReferencesAtAnyDepth) {
  auto plan = BindOk(
      "select n_name from nation n where exists (select * from region r where r.r_regionkey = "
      "n.n_regionkey and exists (select 1 from supplier s where s.s_nationkey = n.n_nationkey))");
  ASSERT_NE(plan, nullptr);
  std::string text = PlanToString(*plan);
  EXPECT_NE(text.find("Subquery:"), std::string::npos) << text;
}

TEST_F(BinderTest, DecimalAndDateCoercion) {
  auto plan = BindOk("select l_extendedprice * (1 - l_discount) as v from lineitem");
  EXPECT_EQ(plan->output()[0].type->id(), a::TypeId::kDecimal128);
  plan = BindOk("select o_orderdate + interval '1' month as d from orders");
  EXPECT_EQ(plan->output()[0].type->id(), a::TypeId::kDate32);
  plan = BindOk("select * from orders where o_orderdate < '1995-01-01'");
  ASSERT_NE(plan, nullptr);
  plan = BindOk("select case when n_nationkey > 1 then 1 else 2.5 end as c from nation");
  EXPECT_EQ(plan->output()[0].type->id(), a::TypeId::kDecimal128);
  plan = BindOk("select coalesce(n_nationkey, 2) as c from nation");
  EXPECT_EQ(plan->output()[0].type->id(), a::TypeId::kInt32);
}

TEST_F(BinderTest, SetOperationsUseCommonTypes) {
  auto plan = BindOk("select 1 as a union all select 2.5");
  EXPECT_EQ(plan->output()[0].name, "a");
  EXPECT_EQ(plan->output()[0].type->id(), a::TypeId::kDecimal128);
  std::string message = BindError("select 1, 2 union select 3");
  EXPECT_NE(message.find("same number of columns"), std::string::npos) << message;
}

TEST_F(BinderTest, WindowsAndQualify) {
  auto plan = BindOk(
      "select n_name, row_number() over (partition by n_regionkey order by n_name) as rn "
      "from nation qualify rn = 1");
  ASSERT_NE(plan, nullptr);
  std::string text = PlanToString(*plan);
  EXPECT_NE(text.find("Window: row_number()"), std::string::npos) << text;
  BindOk("select n_regionkey, sum(count(*)) over () from nation group by n_regionkey");
  std::string message = BindError("select n_name from nation where row_number() over () > 1");
  EXPECT_NE(message.find("window functions are not allowed"), std::string::npos) << message;
}

TEST_F(BinderTest, GroupingSetsExpand) {
  auto plan = BindOk(
      "select n_regionkey, n_name, count(*) from nation group by rollup (n_regionkey, n_name)");
  ASSERT_NE(plan, nullptr);
  std::string text = PlanToString(*plan);
  EXPECT_NE(text.find("sets=[(nation.n_regionkey, nation.n_name), (nation.n_regionkey), ()]"), std::string::npos)
      << text;
}

TEST_F(BinderTest, AllTpchQueriesBind) {
  for (const char* query : sql::testing::kTpchQueries) {
    auto plan = Bind(query);
    EXPECT_TRUE(plan.ok()) << query << "\n" << plan.status().ToString();
  }
}

}  // namespace
}  // namespace ballista::logical

namespace ballista::logical {
namespace {

TEST(BinderGroupingTest, GroupingReadsTheGroupingId) {
  auto catalogs = testing::MakeTpchCatalog();
  auto query = sql::ParseQuery(
      "select n_regionkey, n_name, grouping(n_regionkey, n_name) as g from nation "
      "group by rollup (n_regionkey, n_name)");
  ASSERT_TRUE(query.ok());
  Binder binder(catalogs.get(), &compute::FunctionRegistry::Default());
  auto plan = binder.BindQuery(**query);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  std::string text = PlanToString(**plan);
  EXPECT_NE(text.find("__grouping_id"), std::string::npos) << text;
  auto bad = sql::ParseQuery("select grouping(n_comment) from nation group by n_name");
  ASSERT_TRUE(bad.ok());
  auto error = binder.BindQuery(**bad);
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.status().message().find("is not a GROUP BY expression"), std::string::npos);
}

}  // namespace
}  // namespace ballista::logical
