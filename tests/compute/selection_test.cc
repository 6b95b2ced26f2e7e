#include "ballista/compute/selection.h"

#include "ballista/compute/hash.h"
#include "ballista/compute/sort.h"
#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Boolean;
using arrow::Int32;
using arrow::Int64;
using arrow::Utf8;

TEST(Filter, AllTypesWithNullMaskEntries) {
  auto mask = Arr(Boolean(), "[true, false, null, true]");
  ExpectArray(Filter(*Arr(Int32(), "[1, 2, 3, null]"), *mask), Int32(), "[1, null]");
  ExpectArray(Filter(*Arr(Utf8(), R"(["a", "b", "c", "dd"])"), *mask), Utf8(), R"(["a", "dd"])");
  ExpectArray(Filter(*Arr(Boolean(), "[false, true, true, true]"), *mask), Boolean(), "[false, true]");
  ExpectArray(Filter(*Arr(arrow::Decimal128(5, 2), R"(["1.00", "2", "3", "4.5"])"), *mask),
              arrow::Decimal128(5, 2), R"(["1.00", "4.50"])");
  ExpectArray(Filter(*Arr(arrow::Utf8View(), R"(["a long string value here", "b", "c", "d"])"), *mask),
              arrow::Utf8View(), R"(["a long string value here", "d"])");
  ExpectArray(Filter(*Arr(arrow::List(Int32()), "[[1, 2], [3], null, []]"), *mask), arrow::List(Int32()),
              "[[1, 2], []]");
  auto st = arrow::Struct({arrow::MakeField("a", Int32()), arrow::MakeField("b", Utf8())});
  ExpectArray(Filter(*Arr(st, R"([{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, null, {"a": 4, "b": null}])"), *mask), st,
              R"([{"a": 1, "b": "x"}, {"a": 4, "b": null}])");
  // Sliced values and mask.
  auto values = Arr(Int64(), "[0, 10, 20, 30, 40]")->Slice(1, 3);
  auto sliced_mask = Arr(Boolean(), "[false, true, false, true]")->Slice(1, 3);
  ExpectArray(Filter(*values, *sliced_mask), Int64(), "[10, 30]");
  ExpectError(Filter(*values, *mask), "filter mask has 4 rows");
}

TEST(Take, IndicesAndNulls) {
  auto v = Arr(Utf8(), R"(["a", null, "c"])");
  ExpectArray(Take(*v, *Arr(Int32(), "[2, 0, null, 1, 2]")), Utf8(), R"(["c", "a", null, null, "c"])");
  const uint32_t idx[] = {1, 1, 0};
  ExpectArray(Take(*Arr(arrow::Float64(), "[1.5, 2.5]"), idx, 3), arrow::Float64(), "[2.5, 2.5, 1.5]");
  ExpectError(Take(*v, *Arr(Int64(), "[3]")), "take index 3 out of range");
  auto dict_values = Arr(Utf8(), R"(["x", "y"])");
  auto indices = Arr(arrow::Int8(), "[1, 0, 1]");
  auto dict = std::make_shared<arrow::ArrayData>(*indices);
  dict->type = arrow::Dictionary(arrow::Int8(), Utf8());
  dict->dictionary = dict_values;
  auto taken = Take(*dict, *Arr(Int32(), "[2, 1]"));
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(Texts(Datum(*taken)), (std::vector<std::string>{"y", "x"}));
}

TEST(Concatenate, MixedInputs) {
  auto a = Arr(Utf8(), R"(["a", null])");
  auto b = Arr(Utf8(), R"(["x", "bc", "def"])")->Slice(1, 2);
  ExpectArray(Concatenate({a, b}), Utf8(), R"(["a", null, "bc", "def"])");
  ExpectArray(Concatenate({Arr(Boolean(), "[true]"), Arr(Boolean(), "[null, false]")}), Boolean(),
              "[true, null, false]");
  ExpectArray(Concatenate({Arr(arrow::List(Int32()), "[[1], null]"), Arr(arrow::List(Int32()), "[[2, 3]]")}),
              arrow::List(Int32()), "[[1], null, [2, 3]]");
  ExpectArray(Concatenate({Arr(arrow::Utf8View(), R"(["a long string value here"])"),
                           Arr(arrow::Utf8View(), R"(["another long string value", "s"])")}),
              arrow::Utf8View(), R"(["a long string value here", "another long string value", "s"])");
  ExpectError(Concatenate({a, Arr(Int32(), "[1]")}), "different types");
}

TEST(RecordBatch, FilterTakeConcat) {
  auto schema = arrow::MakeSchema({arrow::MakeField("k", Int32()), arrow::MakeField("v", Utf8())});
  auto batch = *arrow::RecordBatchFromJson(schema, R"([[1, "a"], [2, "b"], [3, null]])");
  auto filtered = FilterRecordBatch(*batch, *Arr(Boolean(), "[true, false, true]"));
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ((*filtered)->num_rows(), 2);
  auto both = ConcatenateRecordBatches(schema, {batch, *filtered});
  ASSERT_TRUE(both.ok());
  ExpectArray(Datum((*both)->column_data(0)), Int32(), "[1, 2, 3, 1, 3]");
  auto sorted = SortRecordBatch(*batch, {0}, {SortKey{true, false}});
  ASSERT_TRUE(sorted.ok());
  ExpectArray(Datum((*sorted)->column_data(1)), Utf8(), R"([null, "b", "a"])");
}

TEST(Sort, SingleAndMultiKey) {
  auto a = Arr(Int32(), "[3, null, 1, 3, 2, null]");
  auto order = SortIndices({a}, {SortKey{}});
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(*order, (std::vector<uint32_t>{2, 4, 0, 3, 1, 5}));  // stable, nulls last
  order = SortIndices({a}, {SortKey{true, true}});
  EXPECT_EQ(*order, (std::vector<uint32_t>{1, 5, 0, 3, 4, 2}));
  auto b = Arr(Utf8(), R"(["b", "x", "z", "a", "q", "y"])");
  order = SortIndices({a, b}, {SortKey{}, SortKey{true, false}});
  EXPECT_EQ(*order, (std::vector<uint32_t>{2, 4, 0, 3, 5, 1}));
  auto f = Arr(arrow::Float64(), R"([1.5, "NaN", -0.0, -3, "Infinity"])");
  order = SortIndices({f}, {SortKey{}});
  EXPECT_EQ(*order, (std::vector<uint32_t>{3, 2, 0, 4, 1}));  // NaN last, as PostgreSQL
  auto d = Arr(arrow::Decimal128(5, 2), R"(["1.50", "-2.00", null, "0.10"])");
  order = SortIndices({d}, {SortKey{false, true}});
  EXPECT_EQ(*order, (std::vector<uint32_t>{2, 1, 3, 0}));
  auto longs = Arr(Utf8(), R"(["prefix12345b", null, "prefix12345a", "prefix1", "prefix12345a"])");
  auto ids = Arr(Int32(), "[1, 2, 3, 4, 5]");
  order = SortIndices({longs, ids}, {SortKey{}, SortKey{true, false}});
  EXPECT_EQ(*order, (std::vector<uint32_t>{3, 4, 2, 0, 1}));
  order = SortIndices({longs}, {SortKey{true, true}});
  EXPECT_EQ(*order, (std::vector<uint32_t>{1, 0, 2, 4, 3}));
  auto s = Arr(Utf8(), R"(["b", "a", "B", "ab"])")->Slice(1, 3);
  order = SortIndices({s}, {SortKey{}});
  EXPECT_EQ(*order, (std::vector<uint32_t>{1, 0, 2}));  // "B" < "a" < "ab" bytewise
}

TEST(Hash, EqualValuesHashEqual) {
  auto utf8 = Arr(Utf8(), R"(["x", "a much longer string value", null])");
  auto view = Arr(arrow::Utf8View(), R"(["x", "a much longer string value", null])");
  auto large = Arr(arrow::LargeUtf8(), R"(["x", "a much longer string value", null])");
  std::vector<uint64_t> h1(3), h2(3), h3(3);
  ASSERT_TRUE(HashColumns({utf8}, h1.data()).ok());
  ASSERT_TRUE(HashColumns({view}, h2.data()).ok());
  ASSERT_TRUE(HashColumns({large}, h3.data()).ok());
  EXPECT_EQ(h1, h2);
  EXPECT_EQ(h1, h3);
  EXPECT_NE(h1[0], h1[1]);
  std::vector<uint64_t> i32(2), i64(2);
  ASSERT_TRUE(HashColumns({Arr(Int32(), "[5, -1]")}, i32.data()).ok());
  ASSERT_TRUE(HashColumns({Arr(Int64(), "[5, -1]")}, i64.data()).ok());
  EXPECT_EQ(i32, i64);
  std::vector<uint64_t> fl(2);
  ASSERT_TRUE(HashColumns({Arr(arrow::Float64(), "[0.0, -0.0]")}, fl.data()).ok());
  EXPECT_EQ(fl[0], fl[1]);
  // Two columns: order matters, slices hash like their values.
  std::vector<uint64_t> ab(2), ba(2), sliced(2);
  auto x = Arr(Int32(), "[1, 2]");
  auto y = Arr(Int32(), "[2, 1]");
  ASSERT_TRUE(HashColumns({x, y}, ab.data()).ok());
  ASSERT_TRUE(HashColumns({y, x}, ba.data()).ok());
  EXPECT_NE(ab[0], ba[0]);
  EXPECT_EQ(ab[0], ba[1]);
  ASSERT_TRUE(HashColumns({Arr(Int32(), "[9, 1, 2]")->Slice(1, 2), Arr(Int32(), "[2, 1, 9]")->Slice(0, 2)},
                          sliced.data()).ok());
  EXPECT_EQ(sliced, ab);
}

}  // namespace
}  // namespace ballista::compute
