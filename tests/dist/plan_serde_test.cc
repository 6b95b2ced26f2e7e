// Whole plans through SerializePlan / DeserializePlan: every node, expression and provider kind,
// shared nodes, listing tables rebuilt from their description, codecs, and malformed input.
#include "ballista/dist/plan_serde.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/catalog/listing_table.h"
#include "ballista/catalog/memory_table.h"
#include "ballista/catalog/series_table.h"
#include "ballista/catalog/view_table.h"
#include "ballista/dist/provider_serde.h"
#include "ballista/session/execute.h"
#include "ballista/session/session_context.h"
#include "plan_serde_test_util.h"

namespace ballista::dist {
namespace {

namespace a = ballista::arrow;
namespace l = ballista::logical;
namespace pb = ballista::protobuf;
using testing_util::FindAll;

class PlanSerdeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Exec("CREATE TABLE t (a INT, b VARCHAR, c DOUBLE, d DECIMAL(10, 2), e DATE)");
    Exec(
        "INSERT INTO t VALUES (1, 'x', 1.5, 1.25, DATE '2024-01-01'), (2, 'y', NULL, 2.50, NULL), "
        "(3, NULL, 2.5, NULL, DATE '2024-03-01'), (2, 'y', 4.0, 9.99, DATE '2023-12-31')");
    Exec("CREATE TABLE u (k INT, v VARCHAR)");
    Exec("INSERT INTO u VALUES (1, 'one'), (2, 'two'), (NULL, 'none'), (4, 'four')");
  }

  void Exec(const std::string& sql) {
    auto result = ctx_.SqlCollect(sql);
    ASSERT_TRUE(result.ok()) << sql << ": " << result.status().ToString();
  }

  /// The bound plan of `sql`, optimized unless `optimize` is false.
  l::LogicalPlanPtr Plan(const std::string& sql, bool optimize = true) {
    auto frame = ctx_.Sql(sql);
    EXPECT_TRUE(frame.ok()) << sql << ": " << frame.status().ToString();
    if (!frame.ok()) return nullptr;
    if (!optimize) return frame->logical_plan();
    auto optimized = session::OptimizePlan(frame->logical_plan(), ctx_.config());
    EXPECT_TRUE(optimized.ok()) << sql << ": " << optimized.status().ToString();
    return optimized.ok() ? *optimized : nullptr;
  }

  /// The rows of a plan as text, in order.
  std::vector<std::string> Rows(const l::LogicalPlanPtr& plan) {
    auto reader = session::ExecuteLogicalPlan(plan, ctx_.config());
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    std::vector<std::string> rows;
    if (!reader.ok()) return rows;
    auto batches = (*reader)->ReadAll();
    EXPECT_TRUE(batches.ok()) << batches.status().ToString();
    if (!batches.ok()) return rows;
    for (const auto& batch : *batches) {
      for (int64_t r = 0; r < batch->num_rows(); ++r) {
        std::string row;
        for (int c = 0; c < batch->num_columns(); ++c) {
          const auto& column = *batch->column_data(c);
          row +=
              (c ? "|" : "") + (column.IsNull(r) ? std::string("NULL") : a::FormatValue(column, r));
        }
        rows.push_back(row);
      }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  l::LogicalPlanPtr RoundTrip(const l::LogicalPlanPtr& plan, const PlanSerdeOptions& options = {}) {
    auto bytes = SerializePlan(plan, options);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    if (!bytes.ok()) return nullptr;
    auto back = DeserializePlan(*bytes, options);
    EXPECT_TRUE(back.ok()) << back.status().ToString() << "\n" << l::PlanToString(*plan);
    if (!back.ok()) return nullptr;
    EXPECT_EQ(l::PlanToString(**back), l::PlanToString(*plan));
    return *back;
  }

  session::SessionContext ctx_;
};

const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {
      "SELECT a + 1 AS a1, upper(b), c * 2, CAST(d AS DOUBLE), TRY_CAST(b AS INT) FROM t WHERE a > "
      "1",
      "SELECT CASE WHEN a = 1 THEN 'one' WHEN a = 2 THEN 'two' END, CASE a WHEN 3 THEN c ELSE 0 "
      "END FROM t",
      "SELECT b, count(*), sum(c), avg(d), count(DISTINCT a), min(e), max(e) FROM t GROUP BY b",
      "SELECT b, sum(a) FILTER (WHERE c > 1), string_agg(b, ',' ORDER BY a DESC) FROM t GROUP BY b",
      "SELECT a, b, sum(c) FROM t GROUP BY GROUPING SETS ((a, b), (a), ()) ORDER BY 1, 2",
      "SELECT a, b, grouping(a, b), count(*) FROM t GROUP BY ROLLUP (a, b)",
      "SELECT a, b, count(*) FROM t GROUP BY CUBE (a, b) HAVING count(*) > 0",
      "SELECT * FROM t JOIN u ON t.a = u.k",
      "SELECT * FROM t LEFT JOIN u ON t.a = u.k AND u.v <> 'x'",
      "SELECT * FROM t RIGHT JOIN u ON t.a = u.k",
      "SELECT * FROM t FULL JOIN u ON t.a = u.k",
      "SELECT * FROM t CROSS JOIN u",
      "SELECT * FROM t JOIN u ON t.a < u.k",
      "SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.a)",
      "SELECT * FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.a)",
      "SELECT * FROM t WHERE a IN (SELECT k FROM u)",
      "SELECT * FROM t WHERE a NOT IN (SELECT k FROM u)",
      "SELECT a, (SELECT max(v) FROM u WHERE u.k = t.a) FROM t",
      "SELECT a, (SELECT count(*) FROM u WHERE u.k <= t.a) FROM t",
      "SELECT a, a IN (SELECT k FROM u) OR c > 2 FROM t",
      "SELECT a, a > ALL (SELECT k FROM u WHERE k IS NOT NULL) FROM t",
      "SELECT * FROM t ORDER BY c DESC NULLS FIRST, a LIMIT 2 OFFSET 1",
      "SELECT * FROM t ORDER BY a LIMIT 3",
      "SELECT DISTINCT b FROM t",
      "SELECT DISTINCT ON (b) b, a FROM t ORDER BY b, a DESC",
      "SELECT a FROM t UNION SELECT k FROM u",
      "SELECT a FROM t UNION ALL SELECT k FROM u",
      "SELECT a FROM t INTERSECT SELECT k FROM u",
      "SELECT a FROM t EXCEPT ALL SELECT k FROM u",
      "SELECT a, row_number() OVER (PARTITION BY b ORDER BY a), rank() OVER (ORDER BY c), "
      "lag(a, 1) OVER (ORDER BY a) FROM t",
      "SELECT a, sum(c) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), "
      "avg(a) OVER (PARTITION BY b), count(*) OVER (ORDER BY a RANGE BETWEEN UNBOUNDED PRECEDING "
      "AND CURRENT ROW) FROM t",
      "SELECT * FROM (VALUES (1, 'a'), (2, NULL), (3, 'c')) AS v(x, y) WHERE x > 1",
      "SELECT 1, 'two', 3.5, NULL, DATE '2024-02-29', TIMESTAMP '2024-01-01 12:00:00', "
      "INTERVAL '3 days'",
      "SELECT * FROM range(1, 10, 3)",
      "SELECT * FROM generate_series(5, 1, -2)",
      "SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY 1, 2",
      "SELECT * FROM t WHERE false",
      "SELECT * FROM t t1 JOIN t t2 ON t1.a = t2.a",
      "WITH w AS (SELECT a, sum(c) AS s FROM t GROUP BY a) SELECT * FROM w x JOIN w y ON x.a = y.a",
      "SELECT b LIKE 'x%', b || '!', length(b), substr(b, 1, 1), coalesce(b, 'none'), nullif(a, 2) "
      "FROM t",
      "SELECT e + INTERVAL '1 month', extract(year FROM e), date_trunc('month', e) FROM t",
  };
  return queries;
}

TEST_F(PlanSerdeTest, OptimizedPlansRoundTripAndAnswerTheSame) {
  for (const auto& sql : Queries()) {
    SCOPED_TRACE(sql);
    auto plan = Plan(sql);
    ASSERT_NE(plan, nullptr);
    auto back = RoundTrip(plan);
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(Rows(back), Rows(plan));
  }
}

TEST_F(PlanSerdeTest, UnoptimizedPlansWithSubqueriesRoundTrip) {
  for (const auto& sql : Queries()) {
    SCOPED_TRACE(sql);
    auto plan = Plan(sql, /*optimize=*/false);
    ASSERT_NE(plan, nullptr);
    auto back = RoundTrip(plan);
    ASSERT_NE(back, nullptr);
    // The decoded plan optimizes and runs like the original.
    auto optimized = session::OptimizePlan(back, ctx_.config());
    ASSERT_TRUE(optimized.ok()) << optimized.status().ToString();
    auto original = session::OptimizePlan(plan, ctx_.config());
    ASSERT_TRUE(original.ok());
    EXPECT_EQ(Rows(*optimized), Rows(*original));
  }
}

TEST_F(PlanSerdeTest, QueriesCoverEveryNodeAndExpressionKind) {
  std::set<l::PlanKind> plans;
  std::set<l::ExprKind> exprs;
  for (bool optimize : {true, false}) {
    for (const auto& sql : Queries()) {
      l::VisitPlan(Plan(sql, optimize), [&](const l::LogicalPlanPtr& p) {
        plans.insert(p->kind);
        for (const auto& e : p->expressions()) {
          l::VisitExpr(e, [&](const l::ExprPtr& x) { exprs.insert(x->kind); });
        }
      });
    }
  }
  EXPECT_EQ(plans.size(), 12u);
  // Every kind but parameters (tested on its own below).
  EXPECT_EQ(exprs.size(), 8u);
}

TEST_F(PlanSerdeTest, ParameterAndStandaloneExpressions) {
  auto param = std::make_shared<l::ParameterExpr>(2, a::Int64());
  auto proto = ExprToProto(param);
  ASSERT_TRUE(proto.ok());
  auto back = ExprFromProto(*proto);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(l::ExprEquals(*back, param));
  EXPECT_EQ((*back)->ToString(), "$3");
  EXPECT_TRUE((*back)->type->Equals(*a::Int64()));
}

TEST_F(PlanSerdeTest, SharedNodesAndTablesStayShared) {
  auto scan = Plan("SELECT a FROM t");
  ASSERT_NE(scan, nullptr);
  auto join = std::make_shared<l::JoinPlan>(
      scan, scan, l::JoinType::kInner, std::vector<std::pair<l::ExprPtr, l::ExprPtr>>{}, nullptr,
      false, l::JoinPlan::JoinOutput(*scan, *scan, l::JoinType::kInner, nullptr));
  auto back = RoundTrip(join);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->inputs()[0].get(), back->inputs()[1].get());

  auto self = RoundTrip(Plan("SELECT * FROM t t1 JOIN t t2 ON t1.a = t2.a"));
  ASSERT_NE(self, nullptr);
  std::vector<catalog::TableProviderPtr> providers;
  l::VisitPlan(self, [&](const l::LogicalPlanPtr& p) {
    if (p->kind == l::PlanKind::kTableScan)
      providers.push_back(p->As<l::TableScan>().table.provider);
  });
  ASSERT_EQ(providers.size(), 2u);
  EXPECT_EQ(providers[0], providers[1]);
  EXPECT_NE(dynamic_cast<const catalog::MemoryTable*>(providers[0].get()), nullptr);
}

TEST_F(PlanSerdeTest, ColumnIdsAreFreshButConsistent) {
  auto plan = Plan("SELECT a, sum(c) FROM t GROUP BY a");
  auto back = RoundTrip(plan);
  ASSERT_NE(back, nullptr);
  std::set<l::ColumnId> original, decoded;
  l::VisitPlan(plan, [&](const l::LogicalPlanPtr& p) {
    for (const auto& c : p->output()) original.insert(c.id);
  });
  l::VisitPlan(back, [&](const l::LogicalPlanPtr& p) {
    for (const auto& c : p->output()) decoded.insert(c.id);
  });
  EXPECT_EQ(original.size(), decoded.size());
  for (auto id : decoded)
    EXPECT_EQ(original.count(id), 0u) << "decoded ids come from this process's counter";
}

TEST_F(PlanSerdeTest, SeriesAndInformationSchemaTables) {
  auto back = RoundTrip(Plan("SELECT * FROM generate_series(10, 20, 5)"));
  ASSERT_NE(back, nullptr);
  const catalog::TableProvider* provider = nullptr;
  l::VisitPlan(back, [&](const l::LogicalPlanPtr& p) {
    if (p->kind == l::PlanKind::kTableScan) provider = p->As<l::TableScan>().table.provider.get();
  });
  const auto* series = dynamic_cast<const catalog::SeriesTable*>(provider);
  ASSERT_NE(series, nullptr);
  EXPECT_EQ(series->start(), 10);
  EXPECT_EQ(series->step(), 5);
  EXPECT_EQ(series->num_rows(), 3);
  EXPECT_EQ(series->schema()->field(0)->name(), "generate_series");

  // information_schema has no wire form of its own: its rows travel, as they were when sent.
  auto tables = Plan("SELECT table_name FROM information_schema.tables");
  auto bytes = SerializePlan(tables);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  Exec("CREATE TABLE later (x INT)");
  auto decoded = DeserializePlan(*bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  auto rows = Rows(*decoded);
  EXPECT_EQ(std::count(rows.begin(), rows.end(), "later"), 0);
  EXPECT_EQ(std::count(rows.begin(), rows.end(), "t"), 1);
}

TEST_F(PlanSerdeTest, ViewsTravelAsTheirQuery) {
  Exec("CREATE VIEW v (first, second) AS SELECT a, b FROM t WHERE a < 3");
  auto resolved = ctx_.catalog().ResolveTable({"", "", "v"});
  ASSERT_TRUE(resolved.ok());
  auto proto = ProviderToProto(resolved->provider);
  ASSERT_TRUE(proto.ok()) << proto.status().ToString();
  ASSERT_TRUE(proto->has_view());
  auto back = ProviderFromProto(*proto);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const auto* view = dynamic_cast<const catalog::ViewTable*>(back->get());
  ASSERT_NE(view, nullptr);
  const auto* original = dynamic_cast<const catalog::ViewTable*>(resolved->provider.get());
  EXPECT_EQ(view->definition_sql(), original->definition_sql());
  EXPECT_EQ(view->column_names(), (std::vector<std::string>{"first", "second"}));
  EXPECT_TRUE(view->schema()->Equals(*original->schema()));
}

TEST_F(PlanSerdeTest, ListingTablesAreRebuiltFromTheirDescription) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("ballista_plan_serde_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "year=2023");
  fs::create_directories(dir / "year=2024");
  std::ofstream(dir / "year=2023" / "a.csv") << "id;name\n1;ann\n2;bob\n";
  std::ofstream(dir / "year=2024" / "b.csv") << "id;name\n3;cy\n";
  Exec("CREATE EXTERNAL TABLE people STORED AS CSV LOCATION '" + dir.string() +
       "' OPTIONS ('has_header' 'true', 'delimiter' ';')");
  auto plan = Plan("SELECT year, count(*), max(name) FROM people WHERE id > 0 GROUP BY year");
  ASSERT_NE(plan, nullptr);
  auto bytes = SerializePlan(plan);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  // A file added after serialization is seen: the receiver lists the files itself.
  std::ofstream(dir / "year=2024" / "c.csv") << "id;name\n4;dee\n";
  auto back = DeserializePlan(*bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(l::PlanToString(**back), l::PlanToString(*plan));
  const catalog::ListingTable* listing = nullptr;
  l::VisitPlan(*back, [&](const l::LogicalPlanPtr& p) {
    if (p->kind == l::PlanKind::kTableScan) {
      listing =
          dynamic_cast<const catalog::ListingTable*>(p->As<l::TableScan>().table.provider.get());
    }
  });
  ASSERT_NE(listing, nullptr);
  EXPECT_EQ(listing->files().size(), 3u);
  EXPECT_EQ(listing->options().csv.delimiter, ';');
  EXPECT_EQ(listing->options().partition_columns.size(), 1u);
  EXPECT_EQ(Rows(*back), (std::vector<std::string>{"2023|2|bob", "2024|2|dee"}));

  // Parquet, written by COPY, read back through a rebuilt table.
  const std::string parquet = (dir / "t.parquet").string();
  Exec("COPY (SELECT a, b, d FROM t) TO '" + parquet + "'");
  ASSERT_TRUE(ctx_.RegisterParquet("tp", parquet).ok());
  auto pq = Plan("SELECT b, sum(d) FROM tp GROUP BY b");
  auto pq_back = RoundTrip(pq);
  ASSERT_NE(pq_back, nullptr);
  EXPECT_EQ(Rows(pq_back), Rows(pq));

  // Files gone on the receiving side: a clear error naming the location.
  fs::remove_all(dir);
  auto gone = DeserializePlan(*bytes);
  ASSERT_FALSE(gone.ok());
  EXPECT_NE(gone.status().message().find(dir.string()), std::string::npos)
      << gone.status().ToString();
}

/// A provider the built-in serde does not know, standing in for the dist layer's shuffle reader.
class TaggedTable final : public catalog::TableProvider {
 public:
  explicit TaggedTable(std::string tag) : tag_(std::move(tag)) {}
  a::SchemaPtr schema() const override {
    return a::MakeSchema({a::MakeField("tag", a::Utf8(), false)});
  }
  Result<std::vector<catalog::ScanUnitPtr>> PlanScan(
      const catalog::ScanRequest& request) const override {
    ASSIGN_OR_RAISE(auto table,
                    catalog::MemoryTable::Make(
                        schema(), {*a::RecordBatchFromJson(schema(), "[[\"" + tag_ + "\"]]")}));
    return table->PlanScan(request);
  }
  const std::string& tag() const { return tag_; }

 private:
  std::string tag_;
};

class TaggedCodec final : public ProviderCodec {
 public:
  Result<std::optional<std::string>> Encode(const catalog::TableProvider& provider) const override {
    if (const auto* tagged = dynamic_cast<const TaggedTable*>(&provider))
      return std::optional<std::string>(tagged->tag());
    return std::optional<std::string>();
  }
  Result<catalog::TableProviderPtr> Decode(std::string_view payload) const override {
    if (payload.empty()) return Status::InvalidData("empty tag");
    return catalog::TableProviderPtr(std::make_shared<TaggedTable>(std::string(payload)));
  }
};

TEST_F(PlanSerdeTest, CodecsEncodeProvidersTheSerdeDoesNotKnow) {
  ASSERT_TRUE(ctx_.RegisterTable("tagged", std::make_shared<TaggedTable>("hello")).ok());
  auto plan = Plan("SELECT tag, length(tag) FROM tagged");
  PlanSerdeOptions options;
  options.codecs.emplace_back("tagged", std::make_shared<TaggedCodec>());
  auto bytes = SerializePlan(plan, options);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto back = DeserializePlan(*bytes, options);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const TaggedTable* tagged = nullptr;
  l::VisitPlan(*back, [&](const l::LogicalPlanPtr& p) {
    if (p->kind == l::PlanKind::kTableScan) {
      tagged = dynamic_cast<const TaggedTable*>(p->As<l::TableScan>().table.provider.get());
    }
  });
  ASSERT_NE(tagged, nullptr);
  EXPECT_EQ(tagged->tag(), "hello");
  EXPECT_EQ(Rows(*back), (std::vector<std::string>{"hello|5"}));

  // Without the codec on the receiving side: NotFound naming it.
  auto missing = DeserializePlan(*bytes);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("\"tagged\""), std::string::npos)
      << missing.status().ToString();

  // Without a codec when sending: the rows travel inline.
  auto inlined = RoundTrip(plan);
  ASSERT_NE(inlined, nullptr);
  EXPECT_EQ(Rows(inlined), (std::vector<std::string>{"hello|5"}));
}

TEST_F(PlanSerdeTest, DeepExpressionsRoundTripAndTooDeepOnesFail) {
  // A long OR chain is a left-deep tree past protobuf's default nesting limit of 100. (Kept at
  // 200 terms: the binder recurses per term, and a sanitizer build's frames are large.)
  std::string sql = "SELECT a FROM t WHERE a = 0";
  for (int i = 1; i < 200; ++i) sql += " OR a = " + std::to_string(i);
  auto plan = Plan(sql);
  ASSERT_NE(plan, nullptr);
  auto back = RoundTrip(plan);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(Rows(back), Rows(plan));

  // Deeper than the decoder accepts: an error, not a stack overflow.
  auto scan = Plan("SELECT a FROM t");
  ASSERT_NE(scan, nullptr);
  l::ExprPtr expr = scan->output()[0].ToExpr();
  for (int i = 0; i < 2100; ++i) {
    expr = std::make_shared<l::CastExpr>(expr, i % 2 ? a::Int32() : a::Int64(), false);
  }
  auto deep = std::make_shared<l::ProjectionPlan>(
      scan, std::vector<l::ExprPtr>{expr},
      std::vector<l::OutputColumn>{{l::NextColumnId(), "", "deep", expr->type, true}});
  auto bytes = SerializePlan(deep);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto decoded = DeserializePlan(*bytes);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidData) << decoded.status().ToString();
}

// ---- Malformed input ----

class PlanSerdeErrorTest : public PlanSerdeTest {
 protected:
  void SetUp() override {
    PlanSerdeTest::SetUp();
    plan_ =
        Plan("SELECT b, sum(a + 1) FROM t JOIN u ON t.a = u.k WHERE c > 1.0 GROUP BY b ORDER BY b");
    ASSERT_NE(plan_, nullptr);
    auto bytes = SerializePlan(plan_);
    ASSERT_TRUE(bytes.ok());
    bytes_ = *bytes;
    ASSERT_TRUE(message_.ParseFromString(bytes_));
  }

  /// DeserializePlan of the edited message; expects an error containing `needle`.
  void ExpectError(const pb::SerializedPlan& message, const std::string& needle,
                   StatusCode code = StatusCode::kInvalidData) {
    auto back = DeserializePlan(message.SerializeAsString());
    ASSERT_FALSE(back.ok()) << "expected an error containing: " << needle;
    EXPECT_EQ(back.status().code(), code) << back.status().ToString();
    EXPECT_NE(back.status().message().find(needle), std::string::npos) << back.status().ToString();
  }

  l::LogicalPlanPtr plan_;
  std::string bytes_;
  pb::SerializedPlan message_;
};

TEST_F(PlanSerdeErrorTest, TruncatedBytes) {
  for (size_t n = 0; n < bytes_.size(); ++n) {
    auto back = DeserializePlan(std::string_view(bytes_).substr(0, n));
    EXPECT_FALSE(back.ok()) << "a prefix of " << n << " of " << bytes_.size() << " bytes decoded";
  }
  EXPECT_TRUE(DeserializePlan(bytes_).ok());
}

TEST_F(PlanSerdeErrorTest, GarbageAndFlippedBytesNeverCrash) {
  std::mt19937 rng(42);
  for (int i = 0; i < 200; ++i) {
    std::string garbage(rng() % 300, '\0');
    for (char& ch : garbage) ch = static_cast<char>(rng());
    auto back = DeserializePlan(garbage);
    if (back.ok()) l::PlanToString(**back);
  }
  int decoded = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string mutated = bytes_;
    for (int k = 0, flips = 1 + static_cast<int>(rng() % 3); k < flips; ++k) {
      mutated[rng() % mutated.size()] ^= static_cast<char>(1u << (rng() % 8));
    }
    auto back = DeserializePlan(mutated);
    if (back.ok()) {
      ++decoded;
      l::PlanToString(**back);
    }
  }
  std::cout << "[flipped bytes] " << decoded << " of 3000 mutations still decoded\n";
}

TEST_F(PlanSerdeErrorTest, WrongVersion) {
  auto message = message_;
  message.set_version(kPlanSerdeVersion + 1);
  ExpectError(message, "version 2; this build reads version 1");
  message.clear_version();
  ExpectError(message, "version 0");
  pb::SerializedPlan empty;
  empty.set_version(kPlanSerdeVersion);
  ExpectError(empty, "the plan is missing");
}

TEST_F(PlanSerdeErrorTest, UnknownFunction) {
  auto message = message_;
  auto calls = FindAll<pb::CallExprNode>(&message);
  ASSERT_FALSE(calls.empty());
  calls[0]->set_function("no_such_function");
  ExpectError(message, "no_such_function", StatusCode::kNotFound);
  message = message_;
  auto aggregates = FindAll<pb::AggregateExprNode>(&message);
  ASSERT_FALSE(aggregates.empty());
  aggregates[0]->set_function("summ");
  ExpectError(message, "did you mean \"sum\"", StatusCode::kNotFound);
}

TEST_F(PlanSerdeErrorTest, DifferentOverload) {
  auto message = message_;
  auto aggregates = FindAll<pb::AggregateExprNode>(&message);
  ASSERT_FALSE(aggregates.empty());
  aggregates[0]->mutable_return_type()->set_simple(pb::SIMPLE_TYPE_UTF8);
  ExpectError(message, "returns");
  message = message_;
  auto calls = FindAll<pb::CallExprNode>(&message);
  ASSERT_FALSE(calls.empty());
  calls[0]->mutable_arg_types(0)->set_simple(pb::SIMPLE_TYPE_BINARY);
  ExpectError(message, "serialized plan");
}

TEST_F(PlanSerdeErrorTest, UnknownEnumValues) {
  auto message = message_;
  auto joins = FindAll<pb::JoinNode>(&message);
  ASSERT_FALSE(joins.empty());
  joins[0]->set_join_type(static_cast<pb::JoinType>(42));
  ExpectError(message, "unknown join type 42");
  message = message_;
  auto types = FindAll<pb::ArrowType>(&message);
  ASSERT_FALSE(types.empty());
  types[0]->set_simple(static_cast<pb::SimpleType>(77));
  ExpectError(message, "unknown type 77");
  message = message_;
  auto nodes = FindAll<pb::LogicalPlanNode>(&message);
  ASSERT_FALSE(nodes.empty());
  nodes.back()->clear_node();  // what a node kind added by a newer build looks like
  ExpectError(message, "plan node without a kind");
}

TEST_F(PlanSerdeErrorTest, MissingChildren) {
  auto message = message_;
  auto joins = FindAll<pb::JoinNode>(&message);
  ASSERT_FALSE(joins.empty());
  joins[0]->clear_right();
  ExpectError(message, "join right input is missing");
  message = message_;
  auto keys = FindAll<pb::JoinKey>(&message);
  ASSERT_FALSE(keys.empty());
  keys[0]->clear_left();
  ExpectError(message, "join key (left) is missing");
  message = message_;
  auto scans = FindAll<pb::TableScanNode>(&message);
  ASSERT_FALSE(scans.empty());
  scans[0]->clear_provider();
  ExpectError(message, "without its table");
}

TEST_F(PlanSerdeErrorTest, IndicesOutOfRange) {
  auto message = message_;
  auto scans = FindAll<pb::TableScanNode>(&message);
  ASSERT_FALSE(scans.empty());
  scans[0]->set_projection(0, 99);
  ExpectError(message, "projects column 99");
  message = message_;
  scans = FindAll<pb::TableScanNode>(&message);
  scans[0]->add_projection(0);
  ExpectError(message, "projection entries");
  message = message_;
  auto columns = FindAll<pb::ColumnExprNode>(&message);
  ASSERT_FALSE(columns.empty());
  columns[0]->set_id(123456);
  ExpectError(message, "no plan node produces it");
  message = message_;
  auto aggregates = FindAll<pb::AggregateNode>(&message);
  ASSERT_FALSE(aggregates.empty());
  aggregates[0]->add_grouping_sets()->add_group_indices(5);
  ExpectError(message, "grouping set refers to group expression 5");
  message = message_;
  auto nodes = FindAll<pb::LogicalPlanNode>(&message);
  ASSERT_GT(nodes.size(), 2u);
  nodes[1]->set_ref(999);
  ExpectError(message, "before its definition");
}

TEST_F(PlanSerdeErrorTest, ProviderSchemaMismatch) {
  auto message = message_;
  auto memory = FindAll<pb::MemoryTableNode>(&message);
  ASSERT_FALSE(memory.empty());
  memory[0]->mutable_schema()->mutable_fields(0)->mutable_type()->set_simple(pb::SIMPLE_TYPE_UTF8);
  ExpectError(message, "inline Arrow IPC data has schema");
}

}  // namespace
}  // namespace ballista::dist
