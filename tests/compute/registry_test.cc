#include "ballista/compute/registry.h"

#include <thread>

#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)

TEST(Registry, LookupIsCaseInsensitive) {
  const auto& r = FunctionRegistry::Default();
  ASSERT_NE(r.FindScalar("LENGTH"), nullptr);
  EXPECT_EQ(r.FindScalar("Char_Length"), r.FindScalar("length"));
  EXPECT_NE(r.FindAggregate("SUM"), nullptr);
  EXPECT_NE(r.FindWindow("row_number"), nullptr);
  EXPECT_EQ(r.FindScalar("sum"), nullptr);
  EXPECT_EQ(r.FindScalar("no_such_function"), nullptr);
  for (const char* op : {"add", "subtract", "multiply", "divide", "modulo", "negate", "eq", "not_eq", "lt",
                         "lt_eq", "gt", "gt_eq", "and", "or", "not", "is_null", "is_not_null",
                         "is_distinct_from", "is_not_distinct_from", "like", "ilike", "not_like",
                         "not_ilike", "similar_to", "concat_op"}) {
    EXPECT_NE(r.FindScalar(op), nullptr) << op;
  }
}

TEST(Registry, DidYouMean) {
  auto r = FunctionRegistry::Default().ResolveScalar("lenght", {arrow::Utf8()});
  ExpectError(r, "function \"lenght\" does not exist; did you mean \"length\"?");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  ExpectError(FunctionRegistry::Default().ResolveScalar("zzzzzzzzzz", {}), "function \"zzzzzzzzzz\" does not exist");
}

TEST(Registry, ListAndDocs) {
  auto list = FunctionRegistry::Default().List();
  EXPECT_GT(list.size(), 120u);
  bool found_round = false;
  for (const auto& f : list) {
    EXPECT_FALSE(f.doc.empty()) << f.name;
    if (f.name == "round") {
      found_round = true;
      EXPECT_EQ(f.kind, "scalar");
      EXPECT_EQ(f.doc, "round(x [, digits]) - Rounds x to digits decimal places (half away from zero)");
    }
  }
  EXPECT_TRUE(found_round);
}

TEST(Registry, ResolveTypesAndErrors) {
  const auto& r = FunctionRegistry::Default();
  auto add = r.ResolveScalar("add", {arrow::Int32(), arrow::Int64()});
  ASSERT_TRUE(add.ok());
  EXPECT_EQ(add->return_type->ToString(), "int64");
  EXPECT_EQ(add->arg_types[0]->ToString(), "int64");
  ExpectError(r.ResolveScalar("lt", {arrow::Date32(), arrow::Int32()}), "cannot compare DATE with INTEGER");
  ExpectError(r.ResolveScalar("upper", {arrow::Int32()}), "function upper does not accept (INTEGER)");
  ExpectError(r.ResolveScalar("substr", {arrow::Utf8()}), "function substr takes 2 to 3 arguments, got 1");
  auto avg = r.FindAggregate("avg")->Resolve({arrow::Decimal128(15, 2)}, false);
  ASSERT_TRUE(avg.ok());
  EXPECT_EQ(avg->return_type->ToString(), arrow::Decimal128(19, 6)->ToString());
  auto sum = r.FindAggregate("sum")->Resolve({arrow::Decimal128(15, 2)}, false);
  EXPECT_EQ(sum->return_type->ToString(), arrow::Decimal128(38, 2)->ToString());
  auto lag = r.FindWindow("lag")->ReturnType({arrow::Int32(), arrow::Int64(), arrow::Int64()});
  ASSERT_TRUE(lag.ok());
  EXPECT_EQ((*lag)->ToString(), "int64");
  EXPECT_EQ((*r.FindWindow("percent_rank")->ReturnType({}))->ToString(), "float64");
}

TEST(Registry, DefaultIsThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<const FunctionRegistry*> seen(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&seen, i] { seen[static_cast<size_t>(i)] = &FunctionRegistry::Default(); });
  }
  for (auto& t : threads) t.join();
  for (auto* p : seen) EXPECT_EQ(p, seen[0]);
}

}  // namespace
}  // namespace ballista::compute
