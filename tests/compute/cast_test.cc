#include "ballista/compute/cast.h"

#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Int32;
using arrow::Int64;
using arrow::Utf8;

TEST(Cast, StringToNumbers) {
  auto s = Arr(Utf8(), R"([" 42 ", "-7", null, "12.7"])");
  ExpectArray(CastArray(s, Int32()), Int32(), "[42, -7, null, 13]");
  ExpectArray(CastArray(s, arrow::Float64()), arrow::Float64(), "[42, -7, null, 12.7]");
  ExpectArray(CastArray(s, arrow::Decimal128(5, 1)), arrow::Decimal128(5, 1), R"(["42.0", "-7.0", null, "12.7"])");
  ExpectError(CastArray(Arr(Utf8(), R"(["1", "abc"])"), Int32()), "cannot cast 'abc' to INTEGER");
  ExpectArray(CastArray(Arr(Utf8(), R"(["1", "abc"])"), Int32(), /*safe=*/true), Int32(), "[1, null]");
  ExpectArray(CastArray(Arr(Utf8(), R"(["true", "F", "yes", "0"])"), arrow::Boolean()), arrow::Boolean(),
              "[true, false, true, false]");
}

TEST(Cast, NumericNarrowing) {
  ExpectError(CastArray(Arr(Int32(), "[1, 300]"), arrow::Int8()), "value 300 is out of range for TINYINT");
  ExpectArray(CastArray(Arr(Int32(), "[1, 300]"), arrow::Int8(), true), arrow::Int8(), "[1, null]");
  // Floats round half to even (PostgreSQL, DuckDB: 2.5 -> 2, -2.5 -> -2, -0.5 -> 0, 1.5 -> 2).
  ExpectArray(CastArray(Arr(arrow::Float64(), "[2.5, -2.5, 0.4, -0.5, 1.5]"), Int64()), Int64(),
              "[2, -2, 0, 0, 2]");
  ExpectError(CastArray(Arr(arrow::Float64(), "[1e20]"), Int64()), "out of range for BIGINT");
  ExpectArray(CastArray(Arr(Int64(), "[0, 5, null]"), arrow::Boolean()), arrow::Boolean(), "[false, true, null]");
  ExpectArray(CastArray(Arr(arrow::Boolean(), "[true, false]"), Int32()), Int32(), "[1, 0]");
}

TEST(Cast, Decimals) {
  // DuckDB: 12.345::DECIMAL(10,3) -> DECIMAL(10,1) = 12.3; -12.35 -> INTEGER = -12.
  ExpectArray(CastArray(Arr(arrow::Decimal128(10, 3), R"(["12.345", "-0.050"])"), arrow::Decimal128(10, 1)),
              arrow::Decimal128(10, 1), R"(["12.3", "-0.1"])");
  ExpectArray(CastArray(Arr(arrow::Decimal128(10, 2), R"(["-12.35", "12.50"])"), Int32()), Int32(), "[-12, 13]");
  ExpectArray(CastArray(Arr(Int32(), "[7, -3]"), arrow::Decimal128(6, 2)), arrow::Decimal128(6, 2),
              R"(["7.00", "-3.00"])");
  ExpectError(CastArray(Arr(Int32(), "[12345]"), arrow::Decimal128(4, 2)), "out of range for DECIMAL(4,2)");
  ExpectArray(CastArray(Arr(arrow::Float64(), "[1.005, 2.675]"), arrow::Decimal128(10, 2)),
              arrow::Decimal128(10, 2), R"(["1.00", "2.67"])");  // binary doubles just below .5
  ExpectArray(CastArray(Arr(arrow::Decimal128(10, 2), R"(["1.25"])"), arrow::Float64()), arrow::Float64(), "[1.25]");
  ExpectArray(CastArray(Arr(arrow::Decimal64(10, 2), R"(["1.25", null])"), arrow::Decimal128(12, 3)),
              arrow::Decimal128(12, 3), R"(["1.250", null])");
}

TEST(Cast, Temporal) {
  auto ts = arrow::Timestamp(arrow::TimeUnit::kMicro);
  ExpectArray(CastArray(Arr(Utf8(), R"(["2024-01-31", "2024-02-29 10:00:00"])"), arrow::Date32()),
              arrow::Date32(), R"(["2024-01-31", "2024-02-29"])");
  ExpectError(CastArray(Arr(Utf8(), R"(["2024-02-30"])"), arrow::Date32()), "cannot cast '2024-02-30' to DATE");
  ExpectArray(CastArray(Arr(arrow::Date32(), R"(["2024-01-31"])"), ts), ts, R"(["2024-01-31T00:00:00"])");
  ExpectArray(CastArray(Arr(ts, R"(["1969-12-31T23:59:59", "2024-01-31T23:59:59"])"), arrow::Date32()),
              arrow::Date32(), R"(["1969-12-31", "2024-01-31"])");
  auto ms = arrow::Timestamp(arrow::TimeUnit::kMilli);
  ExpectArray(CastArray(Arr(ts, R"(["2024-01-31T00:00:00.123456"])"), ms), ms, R"(["2024-01-31T00:00:00.123"])");
  ExpectArray(CastArray(Arr(Utf8(), R"(["2 days 03:00:00", "1 year 2 months", "-90 minutes"])"),
                        arrow::IntervalMonthDayNano()),
              arrow::IntervalMonthDayNano(), "[[0, 2, 10800000000000], [14, 0, 0], [0, 0, -5400000000000]]");
}

TEST(Cast, ToString) {
  auto ts = arrow::Timestamp(arrow::TimeUnit::kMicro);
  ExpectArray(CastArray(Arr(ts, R"(["2024-01-31T12:34:56"])"), Utf8()), Utf8(), R"(["2024-01-31 12:34:56"])");
  ExpectArray(CastArray(Arr(arrow::Float64(), "[1.5, null]"), Utf8()), Utf8(), R"(["1.5", null])");
  ExpectArray(CastArray(Arr(arrow::Decimal128(5, 2), R"(["-1.50"])"), Utf8()), Utf8(), R"(["-1.50"])");
  ExpectArray(CastArray(Arr(arrow::Boolean(), "[true, false]"), Utf8()), Utf8(), R"(["true", "false"])");
  ExpectArray(CastArray(Arr(Utf8(), R"(["a", null, "long string over twelve"])"), arrow::Utf8View()),
              arrow::Utf8View(), R"(["a", null, "long string over twelve"])");
  ExpectArray(CastArray(Arr(arrow::LargeUtf8(), R"(["7"])"), Int32()), Int32(), "[7]");
}

TEST(Cast, ScalarsAndNulls) {
  auto r = Cast(Datum(arrow::Scalar::Utf8("15")), Int64());
  ExpectScalar(r, Int64(), "15");
  ExpectScalar(Cast(Datum(arrow::Scalar::Null(arrow::Null())), Int32()), Int32(), "null");
  auto nulls = arrow::MakeArrayFromScalar(arrow::Scalar::Null(arrow::Null()), 2);
  ExpectArray(CastArray(*nulls, arrow::Date32()), arrow::Date32(), "[null, null]");
  // A sliced input keeps its window.
  auto sliced = Arr(Utf8(), R"(["x", "1", null, "3"])")->Slice(1, 3);
  ExpectArray(CastArray(sliced, Int32()), Int32(), "[1, null, 3]");
}

}  // namespace
}  // namespace ballista::compute
