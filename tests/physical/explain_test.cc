#include "test_tables.h"

namespace ballista::physical::testing {
namespace {

using ExplainTest = OperatorTest;

TEST_F(ExplainTest, TreeNamesOperatorsAndPipelines) {
  auto plan = PlanSql("select b, count(*) from t where a > 1 group by b order by b");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const std::string text = ExplainPhysical(**plan);
  EXPECT_NE(text.find("Sort("), std::string::npos) << text;
  EXPECT_NE(text.find("HashAggregate("), std::string::npos) << text;
  EXPECT_NE(text.find("TableScan(t)"), std::string::npos) << text;
  EXPECT_NE(text.find("Pipelines:"), std::string::npos) << text;
  // Scan -> aggregate, aggregate -> sort, sort -> result.
  EXPECT_GE((*plan)->graph().num_pipelines(), 3) << text;
}

TEST_F(ExplainTest, AnalyzeReportsRowsPerOperator) {
  auto plan = PlanSql("select l.k, w from l join r on l.k = r.k");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  auto text = ExplainAnalyze(**plan);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_NE(text->find("Metrics:"), std::string::npos) << *text;
  EXPECT_NE(text->find("HashJoinProbe"), std::string::npos) << *text;
  EXPECT_NE(text->find("rows_out=5"), std::string::npos) << *text;
}

TEST_F(ExplainTest, PlansRunTwice) {
  auto plan = PlanSql("select count(*) from t");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  for (int i = 0; i < 2; ++i) {
    auto batches = CollectPlan(**plan);
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    ASSERT_EQ(batches->size(), 1u);
    EXPECT_EQ(CellText(*(*batches)[0]->column_data(0), 0), "7");
  }
}

TEST_F(ExplainTest, RuntimeErrorsReachTheReader) {
  auto rows = Run("select cast(b as integer) from t where b is not null");
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("cast"), std::string::npos) << rows.status().ToString();
}

TEST_F(ExplainTest, MemoryLimitIsEnforced) {
  auto plan = PlanSql("select a, b, c from t order by a");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ExecuteOptions options;
  options.config.memory_limit = 16;
  auto batches = CollectPlan(**plan, options);
  ASSERT_FALSE(batches.ok());
  EXPECT_EQ(batches.status().code(), StatusCode::kResourcesExhausted) << batches.status().ToString();
}

}  // namespace
}  // namespace ballista::physical::testing
