#include "ballista/compute/compare.h"

#include "ballista/compute/boolean.h"
#include "ballista/compute/conditional.h"
#include "ballista/compute/type_coercion.h"
#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Boolean;
using arrow::Int32;
using arrow::Int64;
using arrow::Utf8;

TEST(Compare, NumbersAcrossTypes) {
  auto a = Arr(Int32(), "[1, 2, 3, null]");
  auto b = Arr(arrow::Float64(), "[1.0, 2.5, 2.5, 1]");
  ExpectArray(Compare(CompareOp::kEq, a, b), Boolean(), "[true, false, false, null]");
  ExpectArray(Compare(CompareOp::kLt, a, b), Boolean(), "[false, true, false, null]");
  ExpectArray(Compare(CompareOp::kGtEq, a, Datum(arrow::Scalar::Int64(2))), Boolean(), "[false, true, true, null]");
  ExpectArray(Compare(CompareOp::kNotEq, Datum(arrow::Scalar::Int64(2)), a), Boolean(), "[true, false, true, null]");
  auto d = Arr(arrow::Decimal128(5, 2), R"(["1.00", "2.50", "2.49", null])");
  ExpectArray(Compare(CompareOp::kLtEq, d, b), Boolean(), "[true, true, true, null]");
  ExpectArray(Compare(CompareOp::kEq, d, Arr(Int64(), "[1, 2, 2, 2]")), Boolean(), "[true, false, false, null]");
}

TEST(Compare, StringsDatesAndSlices) {
  auto s = Arr(Utf8(), R"(["apple", "banana", null, "cherry"])")->Slice(1, 3);
  ExpectArray(Compare(CompareOp::kGt, s, Datum(arrow::Scalar::Utf8("b"))), Boolean(), "[true, null, true]");
  auto dates = Arr(arrow::Date32(), R"(["1998-12-01", "1998-09-02"])");
  // A string literal compared with a date is read as a date.
  ExpectArray(Compare(CompareOp::kLtEq, dates, Datum(arrow::Scalar::Utf8("1998-09-02"))), Boolean(),
              "[false, true]");
  auto ts = arrow::Timestamp(arrow::TimeUnit::kMicro);
  ExpectArray(Compare(CompareOp::kLt, dates, Arr(ts, R"(["1998-12-01T00:00:01", "1998-09-01T00:00:00"])")),
              Boolean(), "[true, false]");
  ExpectError(Compare(CompareOp::kEq, dates, Arr(Int32(), "[1, 2]")), "cannot compare DATE with INTEGER");
  auto views = Arr(arrow::Utf8View(), R"(["a long value beyond 12 bytes", "x"])");
  ExpectArray(Compare(CompareOp::kEq, views, Arr(Utf8(), R"(["a long value beyond 12 bytes", "y"])")), Boolean(),
              "[true, false]");
}

TEST(Compare, DistinctFrom) {
  auto a = Arr(Int32(), "[1, null, null, 2]");
  auto b = Arr(Int32(), "[1, null, 3, 3]");
  ExpectArray(IsDistinctFrom(a, b), Boolean(), "[false, false, true, true]");
  ExpectArray(IsNotDistinctFrom(a, b), Boolean(), "[true, true, false, false]");
}

TEST(Boolean, KleeneLogic) {
  auto a = Arr(Boolean(), "[true, true, true, false, false, false, null, null, null]");
  auto b = Arr(Boolean(), "[true, false, null, true, false, null, true, false, null]");
  ExpectArray(And(a, b), Boolean(), "[true, false, null, false, false, false, null, false, null]");
  ExpectArray(Or(a, b), Boolean(), "[true, true, true, true, false, null, true, null, null]");
  ExpectArray(Not(a), Boolean(), "[false, false, false, true, true, true, null, null, null]");
  ExpectArray(And(a, Datum(arrow::Scalar::Boolean(false))), Boolean(),
              "[false, false, false, false, false, false, false, false, false]");
  ExpectArray(IsNull(b), Boolean(), "[false, false, true, false, false, true, false, false, true]");
  ExpectArray(IsNotNull(Arr(Int32(), "[1, null]")), Boolean(), "[true, false]");
  ExpectError(And(Arr(Int32(), "[1]"), a), "argument of AND must be BOOLEAN, not INTEGER");
}

/// Kleene AND/OR of one row, as the SQL standard's truth tables give it ("null" for unknown).
std::string KleeneRow(const std::string& a, const std::string& b, bool is_and) {
  const std::string dominant = is_and ? "false" : "true";
  if (a == dominant || b == dominant) return dominant;
  if (a == "null" || b == "null") return "null";
  return is_and ? "true" : "false";
}

TEST(Boolean, KleeneLogicOverLongSlicedAndScalarInputs) {
  // 200 rows cycle through the 9 combinations; slices at byte and non-byte offsets and scalar
  // operands reach both the 64-rows-at-a-time path and the row-by-row one.
  const std::string values[] = {"true", "false", "null"};
  std::vector<std::string> a_rows, b_rows;
  for (int i = 0; i < 211; ++i) {
    a_rows.push_back(values[i % 3]);
    b_rows.push_back(values[(i / 3 + i / 7) % 3]);
  }
  auto json = [](const std::vector<std::string>& rows, size_t from, size_t count) {
    std::string out = "[";
    for (size_t i = from; i < from + count; ++i) out += (i > from ? ", " : "") + rows[i];
    return out + "]";
  };
  auto a_all = Arr(Boolean(), json(a_rows, 0, a_rows.size()));
  auto b_all = Arr(Boolean(), json(b_rows, 0, b_rows.size()));
  for (bool is_and : {true, false}) {
    for (int64_t offset : {0, 8, 3}) {
      const int64_t n = 200;
      std::vector<std::string> want;
      for (int64_t i = 0; i < n; ++i) want.push_back(KleeneRow(a_rows[offset + i], b_rows[offset + i], is_and));
      auto a = a_all->Slice(offset, n);
      auto b = b_all->Slice(offset, n);
      ExpectArray(is_and ? And(a, b) : Or(a, b), Boolean(), json(want, 0, want.size()));
      for (const std::string& constant : values) {
        Datum scalar(Sc(Boolean(), constant));
        std::vector<std::string> with_scalar;
        for (int64_t i = 0; i < n; ++i) with_scalar.push_back(KleeneRow(a_rows[offset + i], constant, is_and));
        ExpectArray(is_and ? And(a, scalar) : Or(a, scalar), Boolean(), json(with_scalar, 0, with_scalar.size()));
      }
    }
    // No NULLs anywhere: the result has no validity bitmap to get wrong either.
    auto t = Arr(Boolean(), "[true, true, false, false, true, false, true, true, false]");
    auto u = Arr(Boolean(), "[true, false, true, false, true, true, false, true, false]");
    ExpectArray(is_and ? And(t, u) : Or(t, u), Boolean(),
                is_and ? "[true, false, false, false, true, false, false, true, false]"
                       : "[true, true, true, false, true, true, true, true, false]");
  }
}

TEST(Conditional, CaseCoalesceNullIf) {
  auto x = Arr(Int32(), "[1, 5, null, 10]");
  auto gt3 = Compare(CompareOp::kGt, x, Datum(arrow::Scalar::Int32(3)));
  ASSERT_TRUE(gt3.ok());
  ExpectArray(CaseWhen({*gt3}, {Datum(arrow::Scalar::Utf8("big"))}, Datum(arrow::Scalar::Utf8("small")), 4),
              Utf8(), R"(["small", "big", "small", "big"])");
  ExpectArray(CaseWhen({*gt3}, {x}, Datum(), 4), Int32(), "[null, 5, null, 10]");
  ExpectArray(Coalesce({x, Arr(Int64(), "[7, 7, 7, 7]")}, 4), Int64(), "[1, 5, 7, 10]");
  ExpectArray(Call("coalesce", {Arr(Int32(), "[null, null]"), Datum(arrow::Scalar::Null(Int32())),
                                Datum(arrow::Scalar::Int32(0))}),
              Int32(), "[0, 0]");
  ExpectArray(NullIf(x, Datum(arrow::Scalar::Int32(5)), 4), Int32(), "[1, null, null, 10]");
  ExpectArray(Call("greatest", {x, Arr(Int32(), "[3, 3, 3, null]")}), Int32(), "[3, 5, 3, 10]");
  ExpectArray(Call("least", {x, Arr(Int32(), "[3, 3, 3, null]")}), Int32(), "[1, 3, 3, 10]");
  ExpectArray(Call("nvl", {Arr(Utf8(), R"([null, "a"])"), Datum(arrow::Scalar::Utf8("z"))}), Utf8(), R"(["z", "a"])");
}

TEST(Conditional, InList) {
  auto x = Arr(Int32(), "[1, 2, 3, null]");
  ExpectArray(IsIn(x, {arrow::Scalar::Int64(1), arrow::Scalar::Int64(3)}), Boolean(), "[true, false, true, null]");
  // NOT found with a NULL in the list is NULL (SQL three-valued IN).
  ExpectArray(IsIn(x, {arrow::Scalar::Int64(1), arrow::Scalar::Null(Int32())}), Boolean(), "[true, null, null, null]");
  ExpectArray(IsIn(Arr(Utf8(), R"(["a", "b"])"), {arrow::Scalar::Utf8("b")}), Boolean(), "[false, true]");
  ExpectArray(Call("in_list", {x, Datum(arrow::Scalar::Int32(2)), Datum(arrow::Scalar::Int32(9))}), Boolean(),
              "[false, true, false, null]");
  ExpectArray(Call("in_list", {x, Arr(Int32(), "[1, 1, 1, 1]"), Arr(Int32(), "[0, 2, 0, 0]")}), Boolean(),
              "[true, true, false, null]");
}

TEST(TypeCoercion, CommonSuperType) {
  auto check = [](const arrow::DataTypePtr& a, const arrow::DataTypePtr& b, const std::string& expected) {
    auto r = CommonSuperType(a, b);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(SqlTypeName(*r), expected) << SqlTypeName(a) << ", " << SqlTypeName(b);
  };
  check(Int32(), Int64(), "BIGINT");
  check(Int32(), arrow::Float32(), "DOUBLE");
  check(arrow::Null(), arrow::Date32(), "DATE");
  check(arrow::Decimal128(10, 2), Int32(), "DECIMAL(12,2)");
  check(arrow::Decimal128(10, 2), arrow::Decimal128(5, 4), "DECIMAL(12,4)");
  check(arrow::Decimal128(10, 2), arrow::Float64(), "DOUBLE");
  check(Utf8(), arrow::Date32(), "DATE");
  check(Utf8(), Int32(), "VARCHAR");
  check(arrow::Date32(), arrow::Timestamp(arrow::TimeUnit::kMicro), "TIMESTAMP");
  check(arrow::UInt32(), Int32(), "BIGINT");
  check(arrow::LargeUtf8(), arrow::Utf8View(), "VARCHAR");
  ExpectError(CommonSuperType(arrow::Boolean(), arrow::Date32()), "cannot find a common type for BOOLEAN and DATE");
}

}  // namespace
}  // namespace ballista::compute
