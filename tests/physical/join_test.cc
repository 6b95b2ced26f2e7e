#include "test_tables.h"

// Expected rows come from DuckDB (oracle/duckdb_expected.mjs over oracle/tables.sql).

namespace ballista::physical::testing {
namespace {

using JoinTest = OperatorTest;

TEST_F(JoinTest, InnerJoinNullKeysNeverMatch) {
  Check("select l.k, v, w from l join r on l.k = r.k",
        {"2|l2|r2b", "2|l2b|r2b", "3|l3|r3", "2|l2|r2", "2|l2b|r2"});
}

TEST_F(JoinTest, OuterJoins) {
  Check("select l.k, v, w from l left join r on l.k = r.k",
        {"2|l2|r2b", "2|l2b|r2b", "3|l3|r3", "2|l2|r2", "2|l2b|r2", "1|l1|NULL", "NULL|lnull|NULL",
         "5|l5|NULL"});
  Check("select r.k, v, w from l right join r on l.k = r.k",
        {"2|l2|r2b", "2|l2b|r2b", "3|l3|r3", "2|l2|r2", "2|l2b|r2", "NULL|NULL|rnull", "4|NULL|r4"});
  Check("select l.k, r.k, v, w from l full join r on l.k = r.k",
        {"2|2|l2|r2b", "2|2|l2b|r2b", "3|3|l3|r3", "2|2|l2|r2", "2|2|l2b|r2", "1|NULL|l1|NULL",
         "NULL|NULL|lnull|NULL", "5|NULL|l5|NULL", "NULL|NULL|NULL|rnull", "NULL|4|NULL|r4"});
}

TEST_F(JoinTest, ResidualFilters) {
  Check("select l.k, v, w from l join r on l.k = r.k and v < 'l2b'", {"2|l2|r2", "2|l2|r2b"});
  Check("select l.k, v, w from l left join r on l.k = r.k and w = 'r2b'",
        {"2|l2|r2b", "2|l2b|r2b", "1|l1|NULL", "3|l3|NULL", "NULL|lnull|NULL", "5|l5|NULL"});
}

TEST_F(JoinTest, SemiAndAntiJoins) {
  Check("select k, v from l where k in (select k from r)", {"2|l2", "2|l2b", "3|l3"});
  Check("select k, v from l where k not in (select k from r where k is not null)", {"1|l1", "5|l5"});
  Check("select k, v from l where exists (select 1 from r where r.k = l.k)",
        {"2|l2", "2|l2b", "3|l3"});
  Check("select k, v from l where not exists (select 1 from r where r.k = l.k)",
        {"1|l1", "NULL|lnull", "5|l5"});
}

TEST_F(JoinTest, NullAwareNotIn) {
  Check("select x from n1 where x not in (select y from n2)", {"1", "4"});
  Check("select x from n1 where x not in (select y from n3)", {});
}

TEST_F(JoinTest, MarkJoins) {
  Check("select x, x in (select y from n3) from n1", {"1|NULL", "2|true", "NULL|NULL", "4|NULL"});
  Check("select x, x not in (select y from n2) from n1", {"1|true", "2|false", "NULL|NULL", "4|true"});
}

TEST_F(JoinTest, CrossJoinAndScalarSubqueries) {
  Check("select count(*) from l, r", {"30"});
  Check("select v, (select count(*) from r where r.k = l.k) from l",
        {"l1|0", "l2|2", "l2b|2", "l3|1", "lnull|0", "l5|0"});
  Check("select v, (select max(w) from r) from l",
        {"l1|rnull", "l2|rnull", "l2b|rnull", "l3|rnull", "lnull|rnull", "l5|rnull"});
}

}  // namespace
}  // namespace ballista::physical::testing
