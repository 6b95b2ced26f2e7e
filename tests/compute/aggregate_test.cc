#include "ballista/compute/aggregates.h"

#include <cmath>

#include "ballista/arrow/builder.h"
#include "ballista/compute/cast.h"
#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Float64;
using arrow::Int32;
using arrow::Int64;
using arrow::Utf8;

// Runs `name` over `args` with `groups` in one accumulator.
Result<std::shared_ptr<arrow::ArrayData>> Aggregate(const std::string& name, const std::vector<Datum>& args,
                                                    const std::vector<uint32_t>& groups, uint32_t total,
                                                    bool distinct = false) {
  const AggregateFunction* f = FunctionRegistry::Default().FindAggregate(name);
  if (f == nullptr) return Status::NotFound(name);
  std::vector<arrow::DataTypePtr> types;
  for (const auto& a : args) types.push_back(a.type());
  ASSIGN_OR_RAISE(auto resolved, f->Resolve(types, distinct));
  std::vector<Datum> cast_args;
  for (size_t i = 0; i < args.size(); ++i) {
    ASSIGN_OR_RAISE(auto c, Cast(args[i], resolved.arg_types[i]));
    cast_args.push_back(c);
  }
  auto acc = resolved.make_accumulator();
  RETURN_NOT_OK(acc->Update(cast_args, groups.data(), static_cast<int64_t>(groups.size()), total));
  return acc->Finalize();
}

// The same in two phases: rows split between two accumulators, states merged into a third.
Result<std::shared_ptr<arrow::ArrayData>> TwoPhase(const std::string& name, const std::vector<Datum>& args,
                                                   const std::vector<uint32_t>& groups, uint32_t total,
                                                   bool distinct = false) {
  const AggregateFunction* f = FunctionRegistry::Default().FindAggregate(name);
  std::vector<arrow::DataTypePtr> types;
  for (const auto& a : args) types.push_back(a.type());
  ASSIGN_OR_RAISE(auto resolved, f->Resolve(types, distinct));
  const int64_t n = static_cast<int64_t>(groups.size());
  const int64_t half = n / 2;
  auto final_acc = resolved.make_accumulator();
  for (int part = 0; part < 2; ++part) {
    const int64_t begin = part == 0 ? 0 : half;
    const int64_t len = part == 0 ? half : n - half;
    std::vector<Datum> slice;
    for (size_t i = 0; i < args.size(); ++i) {
      ASSIGN_OR_RAISE(auto c, Cast(args[i], resolved.arg_types[i]));
      slice.push_back(c.is_array() ? Datum(c.array()->Slice(begin, len)) : c);
    }
    auto acc = resolved.make_accumulator();
    RETURN_NOT_OK(acc->Update(slice, groups.data() + begin, len, total));
    ASSIGN_OR_RAISE(auto states, acc->State());
    if (states.size() != resolved.state_fields.size()) return Status::Internal("state shape");
    std::vector<uint32_t> identity(total);
    for (uint32_t g = 0; g < total; ++g) identity[g] = g;
    RETURN_NOT_OK(final_acc->Merge(states, identity.data(), total, total));
  }
  return final_acc->Finalize();
}

void ExpectBoth(const std::string& name, const std::vector<Datum>& args, const std::vector<uint32_t>& groups,
                uint32_t total, const arrow::DataTypePtr& type, const std::string& json, bool distinct = false) {
  SCOPED_TRACE(name);
  ExpectArray(Aggregate(name, args, groups, total, distinct), type, json);
  ExpectArray(TwoPhase(name, args, groups, total, distinct), type, json);
}

TEST(Aggregates, CountSumAvgMinMax) {
  auto x = Arr(Int32(), "[1, 2, null, 4, 5, 5]");
  const std::vector<uint32_t> g = {0, 1, 0, 0, 1, 2};
  ExpectBoth("count", {x}, g, 4, Int64(), "[2, 2, 1, 0]");
  ExpectBoth("count", {}, g, 4, Int64(), "[3, 2, 1, 0]");
  ExpectBoth("sum", {x}, g, 4, Int64(), "[5, 7, 5, null]");
  ExpectBoth("avg", {x}, g, 4, Float64(), "[2.5, 3.5, 5, null]");
  ExpectBoth("min", {x}, g, 4, Int32(), "[1, 2, 5, null]");
  ExpectBoth("max", {x}, g, 4, Int32(), "[4, 5, 5, null]");
  ExpectBoth("count", {x}, {0, 0, 0, 0, 0, 0}, 1, Int64(), "[4]", /*distinct=*/true);
  ExpectBoth("sum", {x}, {0, 0, 0, 0, 0, 0}, 1, Int64(), "[12]", /*distinct=*/true);
  auto s = Arr(Utf8(), R"(["pear", "apple", null, "zoo", "fig", "fig"])");
  ExpectBoth("min", {s}, g, 4, Utf8(), R"(["pear", "apple", "fig", null])");
  ExpectBoth("max", {s}, {0, 0, 0, 0, 0, 0}, 1, Utf8(), R"(["zoo"])");
  ExpectBoth("count", {s}, {0, 0, 0, 0, 0, 0}, 1, Int64(), "[4]", true);
  auto dates = Arr(arrow::Date32(), R"(["2024-01-02", "2023-05-06", null])");
  ExpectBoth("max", {dates}, {0, 0, 0}, 1, arrow::Date32(), R"(["2024-01-02"])");
  ExpectError(Aggregate("sum", {Arr(Int64(), "[9223372036854775807, 1]")}, {0, 0}, 1), "integer overflow in sum");
  ExpectError(Aggregate("sum", {Arr(Utf8(), R"(["a"])")}, {0}, 1), "function sum does not accept (VARCHAR)");
}

TEST(Aggregates, Decimals) {
  // DuckDB: avg(1.10, 2.20, 3.35) = 2.216666..., sum = 6.65.
  auto d = Arr(arrow::Decimal128(10, 2), R"(["1.10", "2.20", null, "3.35"])");
  ExpectBoth("sum", {d}, {0, 0, 0, 0}, 1, arrow::Decimal128(38, 2), R"(["6.65"])");
  ExpectBoth("avg", {d}, {0, 0, 0, 0}, 1, arrow::Decimal128(14, 6), R"(["2.216667"])");
  ExpectBoth("avg", {Arr(arrow::Decimal128(10, 2), R"(["-1.00", "-2.00", "0.01"])")}, {0, 0, 0}, 1,
             arrow::Decimal128(14, 6), R"(["-0.996667"])");
  ExpectBoth("min", {d}, {0, 0, 0, 0}, 1, arrow::Decimal128(10, 2), R"(["1.10"])");
  ExpectBoth("avg", {Arr(Int64(), "[1, 2]")}, {0, 0}, 1, Float64(), "[1.5]");
}

TEST(Aggregates, Statistics) {
  // Checked against DuckDB on (1, 2.0), (2, 4.5), (4, 5.0), (7, 11.0).
  auto x = Arr(Int32(), "[1, 2, 4, 7]");
  auto y = Arr(Float64(), "[2.0, 4.5, 5.0, 11.0]");
  const std::vector<uint32_t> g = {0, 0, 0, 0};
  auto near = [](const Result<std::shared_ptr<arrow::ArrayData>>& r, double expected) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_NEAR((*r)->GetValues<double>(1)[0], expected, 1e-12);
  };
  near(Aggregate("stddev_samp", {x}, g, 1), 2.6457513110645907);
  near(TwoPhase("stddev", {x}, g, 1), 2.6457513110645907);
  near(Aggregate("var_pop", {x}, g, 1), 5.25);
  near(TwoPhase("var_samp", {x}, g, 1), 7.0);
  near(TwoPhase("corr", {x, y}, g, 1), 0.9656897605714756);
  near(TwoPhase("covar_samp", {x, y}, g, 1), 9.75);
  near(Aggregate("covar_pop", {x, y}, g, 1), 9.75 * 3 / 4);
  near(TwoPhase("median", {x}, g, 1), 3.0);
  near(TwoPhase("approx_percentile_cont", {x, Datum(arrow::Scalar::Float64(0.25))}, g, 1), 1.75);
  ExpectArray(Aggregate("stddev_samp", {Arr(Int32(), "[3]")}, {0}, 1), Float64(), "[null]");
}

TEST(Aggregates, BoolStringArrayAgg) {
  auto b = Arr(arrow::Boolean(), "[true, false, null, true]");
  ExpectBoth("bool_and", {b}, {0, 0, 1, 1}, 2, arrow::Boolean(), "[false, true]");
  ExpectBoth("bool_or", {b}, {0, 0, 1, 1}, 2, arrow::Boolean(), "[true, true]");
  auto s = Arr(Utf8(), R"(["a", "b", null, "c"])");
  ExpectBoth("string_agg", {s, Datum(arrow::Scalar::Utf8(", "))}, {0, 0, 0, 1}, 3, Utf8(), R"(["a, b", "c", null])");
  ExpectBoth("array_agg", {Arr(Int32(), "[1, null, 3]")}, {1, 1, 0}, 3, arrow::List(Int32()),
             "[[3], [1, null], null]");
  ExpectBoth("first_value", {Arr(Int32(), "[null, 2, 3]")}, {0, 0, 0}, 1, Int32(), "[2]");
}

TEST(Aggregates, ApproxDistinct) {
  std::vector<int64_t> values;
  std::vector<uint32_t> groups;
  for (int64_t i = 0; i < 20000; ++i) {
    values.push_back(i % 5000);
    groups.push_back(static_cast<uint32_t>(i % 2));
  }
  arrow::Int64Builder builder;
  ASSERT_TRUE(builder.AppendValues(values).ok());
  auto arr = *builder.Finish();
  auto r = TwoPhase("approx_distinct", {Datum(arr)}, groups, 2);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Each group sees the 2500 values of its parity; HyperLogLog with 2048 registers is within ~5%.
  for (int g = 0; g < 2; ++g) {
    EXPECT_NEAR(static_cast<double>((*r)->GetValues<int64_t>(1)[g]), 2500.0, 125.0);
  }
  auto small = Aggregate("approx_distinct", {Arr(Utf8(), R"(["a", "b", "a", null])")}, {0, 0, 0, 0}, 1);
  ExpectArray(small, Int64(), "[2]");
}

}  // namespace
}  // namespace ballista::compute
