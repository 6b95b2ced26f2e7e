#include "test_tables.h"

// Expected rows come from DuckDB (oracle/duckdb_expected.mjs over oracle/tables.sql).

namespace ballista::physical::testing {
namespace {

using SortLimitTest = OperatorTest;

TEST_F(SortLimitTest, OrderByDirectionsAndNulls) {
  Check("select a, b from t order by a, b", {"1|x", "2|x", "2|y", "3|x", "4|NULL", "5|z", "NULL|y"},
        true);
  Check("select a, b from t order by a desc nulls first, b",
        {"NULL|y", "5|z", "4|NULL", "3|x", "2|x", "2|y", "1|x"}, true);
  Check("select a, b from t order by b nulls first, a desc",
        {"4|NULL", "3|x", "2|x", "1|x", "2|y", "NULL|y", "5|z"}, true);
  Check("select b, sum(a) from t group by b order by b", {"x|6", "y|2", "z|5", "NULL|4"}, true);
}

TEST_F(SortLimitTest, TopKAndOffset) {
  Check("select a, c from t order by c desc limit 3", {"NULL|6", "5|5.5", "4|4"}, true);
  Check("select a from t order by a limit 2 offset 2", {"2", "3"}, true);
  Check("select name, salary from emp order by salary desc nulls last, name limit 4",
        {"bob|120", "cid|120", "ann|100", "dan|90"}, true);
  Check("select a from t order by a nulls first limit 3", {"NULL", "1", "2"}, true);
}

TEST_F(SortLimitTest, LimitWithoutOrderCountsRows) {
  auto rows = Run("select a from t limit 4");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 4u);
  rows = Run("select a from t limit 0");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(rows->size(), 0u);
}

}  // namespace
}  // namespace ballista::physical::testing
