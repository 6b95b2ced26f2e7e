#include "test_tables.h"

// Expected rows come from DuckDB (oracle/duckdb_expected.mjs over oracle/tables.sql).

namespace ballista::physical::testing {
namespace {

using SetOperationTest = OperatorTest;

TEST_F(SetOperationTest, Union) {
  Check("select a from t union all select k from l",
        {"1", "2", "3", "4", "5", "NULL", "2", "1", "2", "2", "3", "NULL", "5"});
  Check("select a from t union select k from l", {"1", "3", "NULL", "2", "4", "5"});
}

TEST_F(SetOperationTest, IntersectAndExcept) {
  Check("select a from t intersect select k from l", {"NULL", "1", "3", "2", "5"});
  Check("select a from t except select k from l", {"4"});
  Check("select a from t intersect all select k from l", {"3", "1", "2", "2", "NULL", "5"});
  Check("select a from t except all select k from l", {"4"});
}

}  // namespace
}  // namespace ballista::physical::testing
