#include "test_tables.h"

// Expected rows come from DuckDB (oracle/duckdb_expected.mjs over oracle/tables.sql).

namespace ballista::physical::testing {
namespace {

using ExpressionTest = OperatorTest;

TEST_F(ExpressionTest, FilterAndProjection) {
  Check("select a, b from t where a > 2", {"3|x", "4|NULL", "5|z"});
  Check("select a + 1 from t where b = 'x'", {"2", "4", "3"});
  Check("select a, b, c from t where c is null or a is null", {"3|x|NULL", "NULL|y|6"});
}

TEST_F(ExpressionTest, CaseEvaluatesBranchesOnlyOnTheirRows) {
  Check("select case when a > 2 then 'big' when a is null then 'none' else 'small' end from t",
        {"small", "small", "big", "big", "big", "none", "small"});
  // 1 / a would divide by zero on no row that the branch selects.
  Check("select case when a = 0 then 1 / a else a end from t",
        {"1", "2", "3", "4", "5", "NULL", "2"});
}

TEST_F(ExpressionTest, CastAndTryCast) {
  Check("select cast(a as varchar), try_cast(b as integer) from t",
        {"1|NULL", "2|NULL", "3|NULL", "4|NULL", "5|NULL", "NULL|NULL", "2|NULL"});
}

TEST_F(ExpressionTest, SelectWithoutFromAndValues) {
  Check("select 1 + 2, 'abc'", {"3|abc"});
  Check("select * from (values (3, 'c'), (1, 'a'), (2, null)) v(x, y) order by x",
        {"1|a", "2|NULL", "3|c"}, true);
}

}  // namespace
}  // namespace ballista::physical::testing
