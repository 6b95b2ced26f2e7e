#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "../sql/tpch_queries.h"
#include "optimizer_test_util.h"

namespace ballista::optimizer {
using namespace ballista::logical;
namespace {

bool HasSubqueryExpr(const LogicalPlanPtr& plan) {
  bool found = false;
  VisitPlan(plan, [&](const LogicalPlanPtr& node) {
    for (const auto& e : node->expressions()) {
      VisitExpr(e, [&](const ExprPtr& x) { found = found || x->kind == ExprKind::kSubquery; });
    }
  });
  return found;
}

// Every TPC-H query optimizes to a plan with no cross join and no subquery left, as the
// distributed engine needs (a cross join of TPC-H tables would not finish; a subquery has no
// physical operator).
TEST(TpchPlansTest, NoCrossJoinsAndNoSubqueries) {
  auto catalogs = testing::MakeTpchCatalog();
  Optimizer optimizer;
  int number = 0;
  for (const char* query : sql::testing::kTpchQueries) {
    ++number;
    auto bound = testing::BindSql(*catalogs, query);
    ASSERT_TRUE(bound.ok()) << "Q" << number << ": " << bound.status().ToString();
    auto optimized = optimizer.Optimize(*bound);
    ASSERT_TRUE(optimized.ok()) << "Q" << number << ": " << optimized.status().ToString();
    const LogicalPlanPtr& plan = optimized->plan;
    std::string text = PlanToString(*plan);
    if (std::getenv("BALLISTA_PRINT_PLANS")) std::cout << "Q" << number << "\n" << text << "\n";
    int cross = testing::CountNodes(plan, [](const LogicalPlan& n) {
      return n.kind == PlanKind::kJoin && n.As<JoinPlan>().IsCrossJoin();
    });
    EXPECT_EQ(cross, 0) << "Q" << number << " has a cross join:\n" << text;
    // The join keys hidden in Q19's OR branches are factored out into a keyed join.
    if (number == 19) {
      bool keyed = text.find("Join: Inner on=[lineitem.l_partkey = part.p_partkey]") != std::string::npos ||
                   text.find("Join: Inner on=[part.p_partkey = lineitem.l_partkey]") != std::string::npos;
      EXPECT_TRUE(keyed) << text;
    }
    EXPECT_FALSE(HasSubqueryExpr(plan)) << "Q" << number << " keeps a subquery:\n" << text;
  }
}

// The seed's aggregate query (an aggregate over a filtered scan) optimizes too.
TEST(TpchPlansTest, SeedAggregateQuery) {
  auto catalogs = testing::MakeTpchCatalog();
  auto bound = testing::BindSql(*catalogs,
                                "select l_returnflag, count(*) as n, sum(l_quantity) as q "
                                "from lineitem where l_shipdate < date '1998-01-01' "
                                "group by l_returnflag order by n desc");
  ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  auto optimized = Optimizer().Optimize(*bound);
  ASSERT_TRUE(optimized.ok()) << optimized.status().ToString();
  std::string text = PlanToString(*optimized->plan);
  // Only the three used columns are scanned, and the date filter reaches the scan.
  EXPECT_NE(text.find("TableScan: lineitem projection=[l_quantity, l_returnflag, l_shipdate] "
                      "filters=[lineitem.l_shipdate < DATE '1998-01-01']"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace ballista::optimizer
