#include "ballista/compute/arithmetic.h"

#include "ballista/compute/type_coercion.h"
#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Int32;
using arrow::Int64;

TEST(Arithmetic, IntegerWideningAndNulls) {
  auto a = Arr(Int32(), "[1, 2, null, 4]");
  auto b = Arr(Int64(), "[10, null, 30, 40]");
  ExpectArray(Add(a, b), Int64(), "[11, null, null, 44]");
  ExpectArray(Subtract(a, b), Int64(), "[-9, null, null, -36]");
  ExpectArray(Multiply(a, b), Int64(), "[10, null, null, 160]");
}

TEST(Arithmetic, ScalarCombinations) {
  auto a = Arr(Int32(), "[7, -7, 9]");
  ExpectArray(Divide(a, Datum(arrow::Scalar::Int32(2))), Int32(), "[3, -3, 4]");  // truncates
  ExpectArray(Modulo(Datum(arrow::Scalar::Int32(20)), a), Int32(), "[6, 6, 2]");
  ExpectScalar(Add(Datum(arrow::Scalar::Int32(2)), Datum(arrow::Scalar::Int32(3))), Int32(), "5");
  ExpectScalar(Add(Datum(arrow::Scalar::Int32(2)), Datum(arrow::Scalar::Null(Int32()))), Int32(), "null");
}

TEST(Arithmetic, SlicedInputs) {
  auto a = Arr(Int64(), "[100, 1, 2, 3]")->Slice(1, 3);
  auto b = Arr(Int64(), "[5, 6, null, 8, 9]")->Slice(2, 3);
  ExpectArray(Add(a, b), Int64(), "[null, 10, 12]");
}

TEST(Arithmetic, OverflowAndDivisionByZero) {
  ExpectError(Add(Arr(Int32(), "[2147483647]"), Arr(Int32(), "[1]")), "integer overflow in add");
  ExpectError(Multiply(Arr(Int64(), "[9223372036854775807]"), Datum(arrow::Scalar::Int64(2))),
              "integer overflow in multiply");
  ExpectError(Divide(Arr(Int32(), "[1, 2]"), Arr(Int32(), "[1, 0]")), "division by zero");
  ExpectError(Modulo(Arr(Int32(), "[1]"), Arr(Int32(), "[0]")), "division by zero");
  // A zero divisor under a NULL dividend is not an error.
  ExpectArray(Divide(Arr(Int32(), "[null, 4]"), Arr(Int32(), "[0, 2]")), Int32(), "[null, 2]");
  ExpectError(Negate(Arr(Int32(), "[-2147483648]")), "integer overflow in negate");
}

TEST(Arithmetic, IntegerAndFloat) {
  auto r = Add(Arr(Int32(), "[1, 2]"), Arr(arrow::Float32(), "[0.5, 1.5]"));
  ExpectArray(r, arrow::Float64(), "[1.5, 3.5]");
  ExpectError(Divide(Arr(arrow::Float64(), "[1.0]"), Arr(arrow::Float64(), "[0.0]")), "division by zero");
}

TEST(Arithmetic, DecimalResultTypes) {
  auto d152 = arrow::Decimal128(15, 2);
  auto d104 = arrow::Decimal128(10, 4);
  auto add = ResolveArithmetic(ArithmeticOp::kAdd, d152, d104);
  ASSERT_TRUE(add.ok());
  EXPECT_EQ(add->return_type->ToString(), arrow::Decimal128(18, 4)->ToString());  // max(13,6)+4+1
  auto mul = ResolveArithmetic(ArithmeticOp::kMultiply, d152, d104);
  EXPECT_EQ(mul->return_type->ToString(), arrow::Decimal128(26, 6)->ToString());
  auto div = ResolveArithmetic(ArithmeticOp::kDivide, d152, d104);
  // scale max(6, 2 + 10 + 1) = 13, precision 15 - 2 + 4 + 13 = 30
  EXPECT_EQ(div->return_type->ToString(), arrow::Decimal128(30, 13)->ToString());
  auto with_int = ResolveArithmetic(ArithmeticOp::kAdd, d152, Int32());
  EXPECT_EQ(with_int->return_type->ToString(), arrow::Decimal128(16, 2)->ToString());  // int as (10,0)
  auto capped = ResolveArithmetic(ArithmeticOp::kMultiply, arrow::Decimal128(38, 10), d152);
  EXPECT_EQ(capped->return_type->precision(), 38);
}

TEST(Arithmetic, DecimalValues) {
  auto d = arrow::Decimal128(10, 2);
  auto a = Arr(d, R"(["1.25", "-3.10", null, "100.00"])");
  auto b = Arr(arrow::Decimal128(5, 1), R"(["0.5", "2.0", "1.0", "3.0"])");
  ExpectArray(Add(a, b), arrow::Decimal128(11, 2), R"(["1.75", "-1.10", null, "103.00"])");
  ExpectArray(Multiply(a, b), arrow::Decimal128(16, 3), R"(["0.625", "-6.200", null, "300.000"])");
  // 100.00 / 3.0 = 33.33333333 with scale max(6, 2 + 5 + 1) = 8
  ExpectArray(Divide(a, b), arrow::Decimal128(17, 8),
              R"(["2.50000000", "-1.55000000", null, "33.33333333"])");
  ExpectArray(Modulo(a, b), arrow::Decimal128(6, 2), R"(["0.25", "-1.10", null, "1.00"])");
  ExpectError(Divide(a, Arr(d, R"(["0", "1", "1", "1"])")), "division by zero");
  // 2/3 rounds half away from zero at the last digit: 0.666667
  ExpectArray(Divide(Arr(arrow::Decimal128(3, 0), R"(["2", "-2"])"), Arr(arrow::Decimal128(1, 0), R"(["3", "3"])")),
              arrow::Decimal128(9, 6), R"(["0.666667", "-0.666667"])");
}

TEST(Arithmetic, DatesAndIntervals) {
  auto dates = Arr(arrow::Date32(), R"(["2024-01-31", "2023-12-31", null])");
  auto iv = Datum(Sc(arrow::IntervalMonthDayNano(), "[1, 0, 0]"));
  ExpectArray(Add(dates, iv), arrow::Date32(), R"(["2024-02-29", "2024-01-31", null])");
  ExpectArray(Subtract(dates, Datum(Sc(arrow::IntervalMonthDayNano(), "[0, 90, 0]"))), arrow::Date32(),
              R"(["2023-11-02", "2023-10-02", null])");
  ExpectArray(Add(dates, Datum(arrow::Scalar::Int32(1))), arrow::Date32(), R"(["2024-02-01", "2024-01-01", null])");
  ExpectArray(Subtract(dates, Datum(Sc(arrow::Date32(), R"("2023-12-01")"))), Int32(), "[61, 30, null]");
  auto ts_type = arrow::Timestamp(arrow::TimeUnit::kMicro);
  auto ts = Arr(ts_type, R"(["2024-03-15T10:30:00", "2024-01-31T23:00:00"])");
  ExpectArray(Add(ts, iv), ts_type, R"(["2024-04-15T10:30:00", "2024-02-29T23:00:00"])");
  // 2024-03-15 10:30 - 2024-03-14 08:00 = 1 day 02:30:00 (as DuckDB/PostgreSQL)
  auto diff = Subtract(ts, Datum(Sc(ts_type, R"("2024-03-14T08:00:00")")));
  ASSERT_TRUE(diff.ok()) << diff.status().ToString();
  ExpectArray(diff, arrow::IntervalMonthDayNano(), "[[0, 1, 9000000000000], [0, -42, -32400000000000]]");
  ExpectError(Add(Arr(arrow::Utf8(), R"(["a"])"), Arr(Int32(), "[1]")),
              "cannot apply operator + to VARCHAR and INTEGER");
  ExpectError(Multiply(dates, dates), "cannot apply operator * to DATE and DATE");
}

TEST(Arithmetic, RegistryOperators) {
  ExpectArray(Call("add", {Arr(Int32(), "[1]"), Datum(arrow::Scalar::Null(arrow::Null()))}), Int32(), "[null]");
  ExpectArray(Call("negate", {Arr(arrow::Float64(), "[1.5, -2]")}), arrow::Float64(), "[-1.5, 2]");
  ExpectArray(Call("multiply", {Arr(Int64(), "[2]"), Arr(arrow::IntervalMonthDayNano(), "[[1, 2, 3]]")}),
              arrow::IntervalMonthDayNano(), "[[2, 4, 6]]");
}

}  // namespace
}  // namespace ballista::compute
