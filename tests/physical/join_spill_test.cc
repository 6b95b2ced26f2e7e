#include "physical_test_util.h"

#include <regex>

#include "ballista/exec/query_execution.h"

// Hash joins whose build side is several times the memory limit: the build spills into hash
// partitions and the probe joins them one at a time. Expected answers are computed below by
// plain loops over the same generated data (not by this engine).
//
// Data (generated in SetUp as memory tables b, bn and p):
//   build b: k = 0..kBuild-1, s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' || k (30 x's + the digits);
//            with 200000 rows that is about 8-9 MB of rows, more than 4x the 2MB limit.
//   probe p: k = 2*i for i = 0..kProbe-1, plus one row with a NULL key (the NOT IN cases add a
//            NULL key on the build side too).

namespace ballista::physical::testing {
namespace {

constexpr int64_t kBuild = 200000;
constexpr int64_t kProbe = 150000;
constexpr int64_t kPad = 30;

const std::string kB = "b";
const std::string kP = "p";

int64_t Digits(int64_t v) { return static_cast<int64_t>(std::to_string(v).size()); }

class JoinSpillTest : public SqlTest {
 protected:
  void SetUp() override {
    std::string k = "[", s = "[";
    for (int64_t i = 0; i < kBuild; ++i) {
      k += (i ? "," : "") + std::to_string(i);
      s += std::string(i ? "," : "") + "\"" + std::string(kPad, 'x') + std::to_string(i) + "\"";
    }
    AddTable("b", {{"k", a::Int64(), k + "]"}, {"s", a::Utf8(), s + "]"}}, 8192);
    // bn: b plus a row with a NULL key.
    AddTable("bn", {{"k", a::Int64(), k + ",null]"}, {"s", a::Utf8(), s + ",\"x\"]"}}, 8192);
    std::string pk = "[";
    for (int64_t i = 0; i < kProbe; ++i) pk += std::to_string(2 * i) + ",";
    AddTable("p", {{"k", a::Int64(), pk + "null]"}}, 8192);
  }

  /// Runs `sql` with a 2MB memory limit; returns the rows, and the metrics in *metrics.
  Result<std::vector<std::string>> RunLimited(const std::string& sql, std::string* metrics,
                                              int64_t limit = 2 << 20) {
    ASSIGN_OR_RAISE(auto plan, PlanSql(sql));
    ExecuteOptions options;
    options.config.memory_limit = limit;
    options.config.target_partitions = 2;
    ASSIGN_OR_RAISE(auto stream, ExecutePlan(*plan, options));
    std::vector<std::string> rows;
    while (true) {
      ASSIGN_OR_RAISE(auto b, stream->Next());
      if (!b) break;
      for (int64_t r = 0; r < b->num_rows(); ++r) {
        std::string row;
        for (int c = 0; c < b->num_columns(); ++c) {
          if (c) row += "|";
          row += CellText(*b->column_data(c), r);
        }
        rows.push_back(std::move(row));
      }
    }
    *metrics = stream->execution().MetricsToString();
    return rows;
  }

  void Expect(const std::string& sql, const std::vector<std::string>& want, int64_t limit = 2 << 20) {
    std::string metrics;
    auto got = RunLimited(sql, &metrics, limit);
    ASSERT_TRUE(got.ok()) << sql << "\n" << got.status().ToString();
    EXPECT_EQ(*got, want) << sql;
    // The build side spilled: its line in the metrics names spill files.
    std::smatch m;
    const std::regex spill("HashJoinBuild[^\n]*spill_files=([0-9]+)");
    ASSERT_TRUE(std::regex_search(metrics, m, spill)) << metrics;
    EXPECT_GT(std::stoll(m[1].str()), 0) << metrics;
  }
};

/// Sum of length(s) over build keys k in [0, n) that satisfy `pred`.
template <typename Pred>
int64_t PadLengths(Pred pred) {
  int64_t total = 0;
  for (int64_t k = 0; k < kBuild; ++k) {
    if (pred(k)) total += kPad + Digits(k);
  }
  return total;
}

bool Matched(int64_t k) { return k % 2 == 0 && k / 2 < kProbe; }  // some probe key equals k

TEST_F(JoinSpillTest, Inner) {
  // Probe keys 0,2,...,299998 meet build keys 0..199999 at the 100000 even keys < 200000, whose
  // sum is 2 * (0 + ... + 99999) = 9999900000.
  Expect("select count(*), sum(b.k), sum(length(b.s)) from " + kP + " p join " + kB +
             " b on p.k = b.k",
         {"100000|9999900000|" + std::to_string(PadLengths(Matched))});
}

TEST_F(JoinSpillTest, Left) {
  // 100000 matched probe rows + 50000 unmatched ones + the NULL-key row.
  Expect("select count(*), count(b.k), sum(length(b.s)) from " + kP + " p left join " + kB +
             " b on p.k = b.k",
         {"150001|100000|" + std::to_string(PadLengths(Matched))});
}

TEST_F(JoinSpillTest, SemiAntiAndNotIn) {
  // IN: the 100000 matched probe rows, keys summing to 9999900000.
  Expect("select count(*), sum(k) from " + kP + " p where k in (select k from " + kB +
             " b where length(b.s) > 0)",
         {"100000|9999900000"});
  // NOT EXISTS: the 50000 probe keys 200000..299998 (sum 2*(100000+...+149999) = 12499950000)
  // plus the NULL-key row.
  Expect("select count(*), sum(k) from " + kP + " p where not exists (select 1 from " + kB +
             " b where b.k = p.k and length(b.s) > 0)",
         {"50001|12499950000"});
  // NOT IN without NULLs on the build side: the NULL probe key is unknown, so dropped.
  Expect("select count(*), sum(k) from " + kP + " p where k not in (select k from " + kB +
             " b where length(b.s) > 0)",
         {"50000|12499950000"});
  // NOT IN with a NULL on the build side: nothing qualifies.
  Expect("select count(*) from " + kP + " p where k not in (select k from bn where length(bn.s) > 0)",
         {"0"});
}

TEST_F(JoinSpillTest, Mark) {
  // IN ... OR ...: a mark join. Matched: 100000 rows; the OR adds probe keys >= 290000
  // (290000..299998 even: 5000 rows) which are all unmatched.
  Expect("select count(*) from " + kP + " p where k in (select k from " + kB +
             " b where length(b.s) > 0) or k >= 290000",
         {"105000"});
}

}  // namespace
}  // namespace ballista::physical::testing

namespace ballista::physical::testing {
namespace {

// RIGHT/FULL joins: the build rows never matched are emitted after the last probe from the
// spilled partitions and their match flags; the joined rows are buffered (and spilled) until
// then. Both at the 2MB limit with the padding column, so the build side is over 4x the limit.
TEST_F(JoinSpillTest, RightAndFull) {
  auto all = [](int64_t) { return true; };
  // Right: every build row once; 100000 of them matched; sum(b.k) = 199999 * 200000 / 2.
  Expect("select count(*), count(p.k), sum(b.k), sum(length(b.s)) from p right join b on p.k = b.k",
         {"200000|100000|19999900000|" + std::to_string(PadLengths(all))});
  // Full: 200000 build rows (100000 matched) + 50000 unmatched probe rows + the NULL-key row.
  Expect("select count(*), count(p.k), count(b.k), sum(b.k), sum(length(b.s)) from p full join b on p.k = b.k",
         {"250001|150000|200000|19999900000|" + std::to_string(PadLengths(all))});
}

}  // namespace
}  // namespace ballista::physical::testing

namespace ballista::physical::testing {
namespace {

// EXISTS / NOT EXISTS whose outer table (b, 200000 rows) is clearly smaller than the subquery's
// (p2, 1000001 rows): b is the build side, p2's rows mark the b rows they match, and the marked (or
// unmarked) b rows come out after the last probe, from spilled partitions here.
TEST_F(JoinSpillTest, SemiAndAntiBuiltOnTheSmallerLeftSide) {
  std::string pk = "[";
  for (int64_t i = 0; i < 1000000; ++i) pk += std::to_string(2 * i) + ",";
  AddTable("p2", {{"k", a::Int64(), pk + "null]"}}, 8192);
  auto even = [](int64_t k) { return k % 2 == 0; };
  auto odd = [](int64_t k) { return k % 2 != 0; };
  struct Case {
    std::string sql;
    std::string want;
  };
  const Case cases[] = {
      {"select count(*), sum(k), sum(length(s)) from b where exists (select 1 from p2 where p2.k = b.k)",
       "100000|9999900000|" + std::to_string(PadLengths(even))},
      {"select count(*), sum(k), sum(length(s)) from b where not exists (select 1 from p2 where p2.k = b.k)",
       "100000|10000000000|" + std::to_string(PadLengths(odd))},
      // A residual condition over both sides: matched only while 2k < 1000, k even: k = 0..498.
      {"select count(*), sum(k) from b where exists (select 1 from p2 where p2.k = b.k and p2.k + b.k < 1000)",
       "250|62250"},
  };
  for (const auto& c : cases) {
    std::string metrics;
    auto got = RunLimited(c.sql, &metrics);
    ASSERT_TRUE(got.ok()) << c.sql << "\n" << got.status().ToString();
    EXPECT_EQ(*got, std::vector<std::string>{c.want}) << c.sql;
    EXPECT_NE(metrics.find("built on the left"), std::string::npos) << metrics;
    std::smatch m;
    const std::regex spill("HashJoinBuild[^\n]*spill_files=([0-9]+)");
    ASSERT_TRUE(std::regex_search(metrics, m, spill)) << metrics;
    EXPECT_GT(std::stoll(m[1].str()), 0) << metrics;
  }
}

}  // namespace
}  // namespace ballista::physical::testing
