#include <gtest/gtest.h>

#include "optimizer_test_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

class PassTest : public ::testing::Test {
 protected:
  void SetUp() override { catalogs_ = testing::MakeTpchCatalog(); }

  LogicalPlanPtr Bind(const std::string& sql) {
    auto plan = testing::BindSql(*catalogs_, sql);
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    return plan.ok() ? *plan : nullptr;
  }

  /// Runs the listed passes in order and returns the plan text.
  std::string Run(const std::string& sql, std::vector<std::unique_ptr<OptimizerPass>> passes) {
    auto plan = Bind(sql);
    if (!plan) return "";
    Optimizer optimizer(std::move(passes));
    auto result = optimizer.Optimize(plan);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? PlanToString(*result->plan) : "";
  }

  template <typename... Factories>
  static std::vector<std::unique_ptr<OptimizerPass>> Passes(Factories... factories) {
    std::vector<std::unique_ptr<OptimizerPass>> out;
    (out.push_back(factories()), ...);
    return out;
  }

  std::shared_ptr<catalog::CatalogList> catalogs_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(PassTest, SimplifyFoldsConstantsAndDropsTrueConjuncts) {
  std::string text = Run("select n_name from nation where 1 = 1 and n_nationkey > 2 + 3",
                         Passes(MakeSimplifyExpressions));
  EXPECT_TRUE(Contains(text, "Filter: nation.n_nationkey > 5\n")) << text;
  text = Run("select n_name from nation where 1 = 2", Passes(MakeSimplifyExpressions));
  EXPECT_TRUE(Contains(text, "EmptyRelation: rows=0")) << text;
}

TEST_F(PassTest, SimplifyUnwrapsWideningCastsInComparisons) {
  // l_quantity is DECIMAL(15,2); comparing with an INTEGER widens both to DECIMAL(17,2). The
  // column is compared as stored instead, with the constant converted once.
  std::string text = Run("select l_orderkey from lineitem where l_quantity > 100",
                         Passes(MakeSimplifyExpressions));
  EXPECT_TRUE(Contains(text, "Filter: lineitem.l_quantity > 100.00\n")) << text;
  // 100.5 does not fit DECIMAL(15,0)-free conversions of an INTEGER column: the cast stays.
  text = Run("select n_name from nation where n_nationkey > 1.5", Passes(MakeSimplifyExpressions));
  EXPECT_TRUE(Contains(text, "CAST(nation.n_nationkey AS")) << text;
}

TEST_F(PassTest, ExtractJoinKeysMovesEqualitiesOnly) {
  std::string text = Run(
      "select * from nation join region on n_regionkey = r_regionkey and n_nationkey > r_regionkey",
      Passes(MakeExtractJoinKeys));
  EXPECT_TRUE(Contains(text, "Join: Inner on=[nation.n_regionkey = region.r_regionkey] "
                             "filter=nation.n_nationkey > region.r_regionkey"))
      << text;
}

TEST_F(PassTest, ExistsBecomesSemiJoinAndNotInANullAwareAntiJoin) {
  std::string text = Run(
      "select o_orderkey from orders where exists (select * from lineitem where l_orderkey = "
      "o_orderkey and l_commitdate < l_receiptdate)",
      Passes(MakeDecorrelateSubqueries));
  EXPECT_TRUE(Contains(text, "Join: LeftSemi filter=lineitem.l_orderkey = orders.o_orderkey")) << text;
  EXPECT_FALSE(Contains(text, "Subquery:")) << text;
  text = Run("select s_suppkey from supplier where s_suppkey not in (select ps_suppkey from partsupp)",
             Passes(MakeDecorrelateSubqueries));
  EXPECT_TRUE(Contains(text, "Join: LeftAnti filter=supplier.s_suppkey = partsupp.ps_suppkey null_aware"))
      << text;
}

TEST_F(PassTest, CorrelatedScalarSubqueryBecomesGroupedAggregateAndLeftJoin) {
  std::string text = Run(
      "select p_partkey from part where p_retailprice > (select avg(l_extendedprice) from lineitem "
      "where l_partkey = p_partkey)",
      Passes(MakeDecorrelateSubqueries));
  EXPECT_TRUE(Contains(text, "Join: Left filter=")) << text;
  EXPECT_TRUE(Contains(text, "Aggregate: groups=[lineitem.l_partkey] aggs=[avg(lineitem.l_extendedprice)]"))
      << text;
  EXPECT_FALSE(Contains(text, "Subquery:")) << text;
}

TEST_F(PassTest, FilterOverCrossJoinBecomesKeyedJoinWithSidesFiltered) {
  std::string text = Run(
      "select n_name, r_name from nation, region where n_regionkey = r_regionkey and r_name = 'ASIA'",
      Passes(MakePushDownFilter));
  EXPECT_TRUE(Contains(text, "Join: Inner on=[nation.n_regionkey = region.r_regionkey]")) << text;
  EXPECT_TRUE(Contains(text, "Filter: region.r_name = 'ASIA'")) << text;
  EXPECT_TRUE(Contains(text, "filters=[region.r_name = 'ASIA']")) << text;
}

TEST_F(PassTest, FiltersOnTheNullableSideOfALeftJoinStayAbove) {
  std::string text = Run(
      "select * from nation left join region on n_regionkey = r_regionkey where r_name is null",
      Passes(MakePushDownFilter));
  EXPECT_TRUE(Contains(text, "Filter: region.r_name IS NULL\n    Join: Left")) << text;
}

TEST_F(PassTest, OuterJoinRejectedByFilterBecomesInner) {
  std::string text = Run(
      "select * from nation left join region on n_regionkey = r_regionkey where r_name = 'ASIA'",
      Passes(MakePushDownFilter, MakeEliminateOuterJoin, MakePushDownFilter));
  EXPECT_TRUE(Contains(text, "Join: Inner on=[nation.n_regionkey = region.r_regionkey]")) << text;
}

TEST_F(PassTest, JoinReorderingAvoidsCrossJoinsAndBuildsOnTheSmallSide) {
  // Written order would cross join part and supplier.
  std::string text = Run(
      "select count(*) from part, supplier, partsupp where p_partkey = ps_partkey and "
      "s_suppkey = ps_suppkey and p_size = 15",
      Passes(MakePushDownFilter, MakeReorderJoins, MakePushDownFilter));
  EXPECT_FALSE(Contains(text, "CrossJoin")) << text;
  // partsupp (800k rows) is the probe side of the join with filtered part.
  EXPECT_TRUE(Contains(text, "on=[partsupp.ps_partkey = part.p_partkey]")) << text;
}

TEST_F(PassTest, LimitOverSortBecomesTopK) {
  std::string text = Run("select n_name from nation order by n_name limit 3",
                         Passes(MakePushDownLimit));
  EXPECT_TRUE(Contains(text, "Sort: nation.n_name ASC NULLS LAST fetch=3")) << text;
}

TEST_F(PassTest, DistinctOverGroupByIsRemoved) {
  std::string text = Run("select distinct n_regionkey from nation group by n_regionkey",
                         Passes(MakeEliminateDistinct));
  EXPECT_FALSE(Contains(text, "Distinct")) << text;
  text = Run("select distinct n_regionkey from nation", Passes(MakeEliminateDistinct));
  EXPECT_TRUE(Contains(text, "Distinct")) << text;
}

TEST_F(PassTest, RepeatedExpressionIsComputedOnce) {
  std::string text = Run(
      "select sum(l_extendedprice * (1 - l_discount)), sum(l_extendedprice * (1 - l_discount) * "
      "(1 + l_tax)) from lineitem",
      Passes(MakeCommonSubexpressions));
  EXPECT_TRUE(Contains(text, "Projection: ")) << text;
  EXPECT_TRUE(Contains(text, ", lineitem.l_extendedprice * (CAST(1 AS DECIMAL(10,0)) - lineitem.l_discount)\n")) << text;
}

TEST_F(PassTest, ProjectionPushdownReadsOnlyNeededColumns) {
  std::string text = Run("select n_name from nation where n_regionkey = 1",
                         Passes(MakePushDownProjection));
  EXPECT_TRUE(Contains(text, "TableScan: nation projection=[n_name, n_regionkey]")) << text;
}

TEST_F(PassTest, DriverSkipsByNameAndRejectsUnknownNames) {
  auto plan = Bind("select n_name from nation where 1 = 1");
  Optimizer optimizer;
  auto skipped = optimizer.Optimize(plan, {"simplify_expressions"}, true);
  ASSERT_TRUE(skipped.ok()) << skipped.status().ToString();
  EXPECT_TRUE(skipped->passes[0].skipped);
  EXPECT_EQ(skipped->passes[0].name, "simplify_expressions");
  EXPECT_FALSE(skipped->passes[1].plan_after.empty());
  auto unknown = optimizer.Optimize(plan, {"simplify"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown optimizer pass \"simplify\""), std::string::npos);
}

/// A pass that drops the plan's last column, to prove the driver's output check.
class BrokenPass final : public OptimizerPass {
 public:
  std::string_view name() const override { return "broken"; }
  Result<LogicalPlanPtr> Apply(const LogicalPlanPtr& plan, const OptimizerContext&) const override {
    std::vector<ExprPtr> exprs;
    std::vector<OutputColumn> output;
    for (size_t i = 0; i + 1 < plan->output().size(); ++i) {
      exprs.push_back(plan->output()[i].ToExpr());
      output.push_back(plan->output()[i]);
    }
    return LogicalPlanPtr(std::make_shared<ProjectionPlan>(plan, exprs, output));
  }
};

TEST_F(PassTest, DriverChecksThatPassesKeepTheOutput) {
  std::vector<std::unique_ptr<OptimizerPass>> passes;
  passes.push_back(std::make_unique<BrokenPass>());
  Optimizer optimizer(std::move(passes));
  auto result = optimizer.Optimize(Bind("select n_name, n_nationkey from nation"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
  EXPECT_NE(result.status().message().find("optimizer pass broken changed the plan's output"),
            std::string::npos);
}

}  // namespace
}  // namespace ballista::optimizer
