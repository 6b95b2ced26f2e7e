#include "test_tables.h"

// Expected rows come from DuckDB (oracle/duckdb_expected.mjs over oracle/tables.sql).

namespace ballista::physical::testing {
namespace {

using AggregateTest = OperatorTest;

TEST_F(AggregateTest, GroupBy) {
  Check("select b, count(*), sum(a), min(c), max(c) from t group by b",
        {"NULL|1|4|4|4", "x|3|6|-1|1.5", "y|2|2|2.5|6", "z|1|5|5.5|5.5"});
  Check("select b from t group by b having count(*) > 1", {"x", "y"});
}

TEST_F(AggregateTest, UngroupedAggregates) {
  Check("select count(*), sum(a), avg(a), count(distinct b), count(b) from t",
        {"7|17|2.8333333333333335|3|6"});
}

TEST_F(AggregateTest, UngroupedAggregateOverNoRowsReturnsOneRow) {
  Check("select count(*), sum(a) from t where a > 100", {"0|NULL"});
}

TEST_F(AggregateTest, DistinctAggregates) {
  Check("select b, count(distinct a), sum(distinct a) from t group by b",
        {"NULL|1|4", "y|1|2", "x|3|6", "z|1|5"});
}

TEST_F(AggregateTest, FilterClause) {
  Check("select b, count(*) filter (where a > 1), sum(a) filter (where c > 0) from t group by b",
        {"NULL|1|4", "x|2|1", "y|1|2", "z|1|5"});
}

TEST_F(AggregateTest, SelectDistinct) {
  Check("select distinct b from t", {"y", "NULL", "x", "z"});
  Check("select distinct a, b from t", {"2|y", "5|z", "1|x", "3|x", "4|NULL", "NULL|y", "2|x"});
}

TEST_F(AggregateTest, GroupingSets) {
  Check("select region, product, sum(amount) from sales group by grouping sets ((region), (product), ())",
        {"east|NULL|35", "NULL|NULL|50", "west|NULL|70", "NULL|b|70", "NULL|NULL|40", "NULL|a|45",
         "NULL|NULL|155"});
  // (GROUPING() itself is not bound yet by logical/, so the rollup is checked without it.)
  Check("select region, product, sum(amount) from sales group by rollup (region, product)",
        {"NULL|NULL|155", "east|NULL|35", "NULL|NULL|50", "west|NULL|70", "east|b|20", "west|a|30",
         "east|a|15", "west|NULL|40", "NULL|b|50"});
  Check("select region, product, count(*) from sales group by cube (region, product)",
        {"NULL|NULL|6", "east|NULL|3", "NULL|NULL|1", "west|NULL|2", "east|b|1", "west|a|1",
         "east|a|2", "west|NULL|1", "NULL|b|1", "NULL|b|2", "NULL|NULL|1", "NULL|a|3"});
}

}  // namespace
}  // namespace ballista::physical::testing
