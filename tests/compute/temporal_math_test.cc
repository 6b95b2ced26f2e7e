#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Float64;
using arrow::Int32;
using arrow::Int64;
using arrow::Utf8;

Datum S(const std::string& v) { return Datum(arrow::Scalar::Utf8(v)); }
Datum I(int64_t v) { return Datum(arrow::Scalar::Int64(v)); }
Datum D(double v) { return Datum(arrow::Scalar::Float64(v)); }

TEST(Temporal, DatePart) {
  auto dates = Arr(arrow::Date32(), R"(["2024-03-17", "2024-01-01", null])");
  // Values as DuckDB computes them: 2024-03-17 is a Sunday, day 77; 2024-01-01 is ISO week 1.
  ExpectArray(Call("date_part", {S("dow"), dates}), Float64(), "[0, 1, null]");
  ExpectArray(Call("date_part", {S("doy"), dates}), Float64(), "[77, 1, null]");
  ExpectArray(Call("date_part", {S("week"), dates}), Float64(), "[11, 1, null]");
  ExpectArray(Call("extract", {S("quarter"), dates}), Float64(), "[1, 1, null]");
  ExpectArray(Call("date_part", {S("YEAR"), dates}), Float64(), "[2024, 2024, null]");
  auto ts = Arr(arrow::Timestamp(arrow::TimeUnit::kMicro), R"(["2024-01-01T00:00:01.5", "1969-12-31T23:59:59"])");
  ExpectArray(Call("date_part", {S("epoch"), ts}), Float64(), "[1704067201.5, -1]");
  ExpectArray(Call("date_part", {S("second"), ts}), Float64(), "[1.5, 59]");
  ExpectArray(Call("date_part", {S("hour"), ts}), Float64(), "[0, 23]");
  ExpectArray(Call("date_part", {S("month"), Arr(arrow::IntervalMonthDayNano(), "[[14, 3, 0]]")}), Float64(), "[2]");
  ExpectError(Call("date_part", {S("fortnight"), dates}), "unit \"fortnight\" not recognized");
}

TEST(Temporal, TruncBinAndConstructors) {
  auto tsu = arrow::Timestamp(arrow::TimeUnit::kMicro);
  auto ts = Arr(tsu, R"(["2024-03-17T10:37:45", "2024-08-17T00:00:00"])");
  ExpectArray(Call("date_trunc", {S("week"), ts}), tsu, R"(["2024-03-11T00:00:00", "2024-08-12T00:00:00"])");
  ExpectArray(Call("date_trunc", {S("quarter"), ts}), tsu, R"(["2024-01-01T00:00:00", "2024-07-01T00:00:00"])");
  ExpectArray(Call("date_trunc", {S("hour"), ts}), tsu, R"(["2024-03-17T10:00:00", "2024-08-17T00:00:00"])");
  ExpectArray(Call("date_trunc", {S("month"), Arr(arrow::Date32(), R"(["2024-02-29"])")}), tsu,
              R"(["2024-02-01T00:00:00"])");
  auto fifteen = Datum(Sc(arrow::IntervalMonthDayNano(), "[0, 0, 900000000000]"));
  ExpectArray(Call("date_bin", {fifteen, ts}), tsu, R"(["2024-03-17T10:30:00", "2024-08-17T00:00:00"])");
  ExpectScalar(Call("make_date", {I(2024), I(2), I(29)}), arrow::Date32(), R"("2024-02-29")");
  ExpectError(Call("make_date", {I(2023), I(2), I(29)}), "date field value out of range");
  ExpectScalar(Call("to_date", {S("2024-05-06")}), arrow::Date32(), R"("2024-05-06")");
  ExpectScalar(Call("to_date", {S("06/05/2024"), S("DD/MM/YYYY")}), arrow::Date32(), R"("2024-05-06")");
  ExpectScalar(Call("to_timestamp", {S("2024-05-06 07:08:09"), S("%Y-%m-%d %H:%M:%S")}), tsu,
               R"("2024-05-06T07:08:09")");
  ExpectScalar(Call("to_timestamp", {D(1.5)}), tsu, R"("1970-01-01T00:00:01.5")");
  // age as PostgreSQL/DuckDB: 13 months 15 days.
  ExpectScalar(Call("age", {Datum(Sc(tsu, R"("2024-03-15T00:00:00")")), Datum(Sc(tsu, R"("2023-01-31T00:00:00")"))}),
               arrow::IntervalMonthDayNano(), "[13, 15, 0]");
  auto now = FunctionRegistry::Default().FindScalar("now");
  ASSERT_NE(now, nullptr);
  EXPECT_TRUE(now->is_volatile());
  auto today = Call("current_date", {});
  ASSERT_TRUE(today.ok());
  EXPECT_TRUE(today->is_scalar());
}

TEST(Math, RoundingAndDecimals) {
  auto f = Arr(Float64(), "[2.5, -2.5, 1.234, null]");
  ExpectArray(Call("round", {f}), Float64(), "[3, -3, 1, null]");
  ExpectArray(Call("round", {f, I(2)}), Float64(), "[2.5, -2.5, 1.23, null]");
  ExpectArray(Call("ceil", {f}), Float64(), "[3, -2, 2, null]");
  ExpectArray(Call("floor", {f}), Float64(), "[2, -3, 1, null]");
  ExpectArray(Call("trunc", {f}), Float64(), "[2, -2, 1, null]");
  auto d = Arr(arrow::Decimal128(10, 3), R"(["2.345", "-2.345", "9.999"])");
  // round(DECIMAL, 2) keeps the scale (DuckDB prints 2.35, -2.35, 10.00).
  ExpectArray(Call("round", {d, I(2)}), arrow::Decimal128(11, 3), R"(["2.350", "-2.350", "10.000"])");
  ExpectArray(Call("ceil", {d}), arrow::Decimal128(8, 0), R"(["3", "-2", "10"])");
  ExpectArray(Call("floor", {d}), arrow::Decimal128(8, 0), R"(["2", "-3", "9"])");
  ExpectArray(Call("round", {Arr(Int32(), "[7]")}), Int32(), "[7]");
}

TEST(Math, Functions) {
  ExpectArray(Call("abs", {Arr(Int32(), "[-3, 4, null]")}), Int32(), "[3, 4, null]");
  ExpectError(Call("abs", {Arr(Int32(), "[-2147483648]")}), "integer overflow in abs");
  ExpectArray(Call("abs", {Arr(arrow::Decimal128(5, 2), R"(["-1.50"])")}), arrow::Decimal128(5, 2), R"(["1.50"])");
  ExpectScalar(Call("sqrt", {I(16)}), Float64(), "4");
  ExpectError(Call("sqrt", {I(-1)}), "cannot take square root of a negative number");
  auto cube = Call("cbrt", {D(27)});
  ASSERT_TRUE(cube.ok());
  EXPECT_NEAR(cube->scalar().As<double>(), 3.0, 1e-12);
  ExpectScalar(Call("power", {I(2), I(10)}), Float64(), "1024");
  ExpectScalar(Call("ln", {D(1)}), Float64(), "0");
  ExpectError(Call("ln", {D(0)}), "cannot take logarithm of zero");
  ExpectScalar(Call("log10", {I(1000)}), Float64(), "3");
  ExpectScalar(Call("log", {I(100)}), Float64(), "2");
  ExpectScalar(Call("log2", {I(8)}), Float64(), "3");
  ExpectScalar(Call("log", {I(2), I(8)}), Float64(), "3");
  ExpectScalar(Call("sign", {I(-5)}), Float64(), "-1");
  ExpectScalar(Call("degrees", {Call("pi", {}).ValueOrDie()}), Float64(), "180");
  ExpectScalar(Call("atan2", {D(1), D(1)}), Float64(), "0.7853981633974483");
  ExpectScalar(Call("mod", {I(-7), I(3)}), Int64(), "-1");
  auto r = Call("random", {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(FunctionRegistry::Default().FindScalar("random")->is_volatile());
}

}  // namespace
}  // namespace ballista::compute
