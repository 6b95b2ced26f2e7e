#include "test_tables.h"

// Expected rows come from DuckDB (oracle/duckdb_expected.mjs over oracle/tables.sql).

namespace ballista::physical::testing {
namespace {

using WindowTest = OperatorTest;

TEST_F(WindowTest, RankingFunctions) {
  Check("select dept, name, salary, row_number() over (partition by dept order by salary desc, name) "
        "from emp",
        {"hr|fay|70|1", "ops|dan|90|1", "ops|eve|NULL|2", "eng|bob|120|1", "eng|cid|120|2",
         "eng|ann|100|3", "eng|gus|80|4"});
  Check("select dept, name, rank() over (partition by dept order by salary desc), dense_rank() over "
        "(partition by dept order by salary desc) from emp",
        {"hr|fay|1|1", "ops|dan|1|1", "ops|eve|2|2", "eng|bob|1|1", "eng|cid|1|1", "eng|ann|3|2",
         "eng|gus|4|3"});
  Check("select name, percent_rank() over (order by salary), cume_dist() over (order by salary) from emp",
        {"fay|0|0.14285714285714285", "gus|0.16666666666666666|0.2857142857142857",
         "dan|0.3333333333333333|0.42857142857142855", "ann|0.5|0.5714285714285714",
         "bob|0.6666666666666666|0.8571428571428571", "cid|0.6666666666666666|0.8571428571428571",
         "eve|1|1"});
  Check("select name, ntile(3) over (order by name) from emp",
        {"ann|1", "bob|1", "cid|1", "dan|2", "eve|2", "fay|3", "gus|3"});
}

TEST_F(WindowTest, ValueFunctions) {
  Check("select name, lag(salary) over (order by name), lead(salary, 2, -1) over (order by name) from emp",
        {"ann|NULL|120", "bob|100|90", "cid|120|NULL", "dan|120|70", "eve|90|80", "fay|NULL|-1",
         "gus|70|-1"});
  Check("select name, first_value(name) over (partition by dept order by salary), last_value(name) "
        "over (partition by dept order by salary rows between unbounded preceding and unbounded "
        "following) from emp",
        {"fay|fay|fay", "dan|dan|eve", "eve|dan|eve", "gus|gus|cid", "ann|gus|cid", "bob|gus|cid",
         "cid|gus|cid"});
  Check("select name, nth_value(name, 2) over (order by name rows between unbounded preceding and "
        "current row) from emp",
        {"ann|NULL", "bob|bob", "cid|bob", "dan|bob", "eve|bob", "fay|bob", "gus|bob"});
}

TEST_F(WindowTest, AggregatesOverFrames) {
  Check("select name, sum(salary) over (partition by dept order by name), count(*) over (partition by "
        "dept) from emp",
        {"fay|70|1", "dan|90|2", "eve|90|2", "ann|100|4", "bob|220|4", "cid|340|4", "gus|420|4"});
  Check("select name, sum(salary) over (order by name rows between 1 preceding and 1 following) from emp",
        {"ann|220", "bob|340", "cid|330", "dan|210", "eve|160", "fay|150", "gus|150"});
  Check("select name, sum(salary) over (order by salary range between 20 preceding and current row) "
        "from emp",
        {"fay|70", "gus|150", "dan|240", "ann|270", "bob|340", "cid|340", "eve|NULL"});
  Check("select name, count(*) over (order by salary groups between 1 preceding and current row) from emp",
        {"fay|1", "gus|2", "dan|2", "ann|2", "bob|3", "cid|3", "eve|3"});
  Check("select name, avg(salary) over (partition by dept) from emp",
        {"ann|105", "bob|105", "cid|105", "dan|90", "eve|90", "fay|70", "gus|105"});
}

}  // namespace
}  // namespace ballista::physical::testing
