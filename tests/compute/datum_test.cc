#include "ballista/compute/datum.h"

#include "ballista/compute/boolean.h"
#include "ballista/compute/cast.h"
#include "ballista/compute/compare.h"
#include "compute_test_util.h"

namespace ballista::compute {
namespace {

using namespace testing;  // NOLINT(build/namespaces)
using arrow::Int32;

TEST(Datum, ArrayAndScalar) {
  Datum null_datum;
  EXPECT_TRUE(null_datum.is_scalar());
  EXPECT_EQ(null_datum.type()->id(), arrow::TypeId::kNull);
  EXPECT_TRUE(null_datum.IsAllNull());
  Datum a(Arr(Int32(), "[1, null]"));
  EXPECT_TRUE(a.is_array());
  EXPECT_EQ(a.length(), 2);
  EXPECT_FALSE(a.IsAllNull());
  Datum s(arrow::Scalar::Int32(4));
  EXPECT_EQ(s.length(), -1);
  auto expanded = s.ToArray(3);
  ExpectArray(Datum(*expanded), Int32(), "[4, 4, 4]");
}

TEST(Datum, AllScalarCallsReturnScalars) {
  ExpectScalar(Call("lt", {Datum(arrow::Scalar::Int32(1)), Datum(arrow::Scalar::Float64(1.5))}), arrow::Boolean(),
               "true");
  ExpectScalar(Call("like", {Datum(arrow::Scalar::Utf8("abc")), Datum(arrow::Scalar::Utf8("a%"))}), arrow::Boolean(),
               "true");
  ExpectScalar(Call("eq", {Datum(arrow::Scalar::Null(Int32())), Datum(arrow::Scalar::Int32(1))}), arrow::Boolean(),
               "null");
  ExpectScalar(Call("is_null", {Datum(arrow::Scalar::Null(Int32()))}), arrow::Boolean(), "true");
  ExpectScalar(Call("and", {Datum(arrow::Scalar::Null(arrow::Boolean())), Datum(arrow::Scalar::Boolean(false))}),
               arrow::Boolean(), "false");
  ExpectScalar(Call("upper", {Datum(arrow::Scalar::Null(arrow::Null()))}), arrow::Utf8(), "null");
  ExpectScalar(Call("coalesce", {Datum(arrow::Scalar::Null(Int32())), Datum(arrow::Scalar::Int32(3))}), Int32(), "3");
}

TEST(Datum, NullTypedArguments) {
  auto nulls = *arrow::MakeArrayFromScalar(arrow::Scalar::Null(arrow::Null()), 2);
  ExpectArray(Call("add", {Datum(nulls), Arr(Int32(), "[1, 2]")}), Int32(), "[null, null]");
  ExpectArray(Call("eq", {Datum(nulls), Arr(arrow::Utf8(), R"(["a", "b"])")}), arrow::Boolean(), "[null, null]");
  ExpectArray(Call("or", {Datum(nulls), Arr(arrow::Boolean(), "[true, false]")}), arrow::Boolean(), "[true, null]");
  ExpectArray(Call("is_null", {Datum(nulls)}), arrow::Boolean(), "[true, true]");
  ExpectArray(Call("length", {Datum(nulls)}), Int32(), "[null, null]");
}

TEST(Datum, DictionaryInputsDecodeThroughCast) {
  auto indices = Arr(arrow::Int8(), "[1, 0, null, 1]");
  auto dict = std::make_shared<arrow::ArrayData>(*indices);
  dict->type = arrow::Dictionary(arrow::Int8(), arrow::Utf8());
  dict->dictionary = Arr(arrow::Utf8(), R"(["x", "y"])");
  ExpectArray(Call("upper", {Datum(dict)}), arrow::Utf8(), R"(["Y", "X", null, "Y"])");
  ExpectArray(Compare(CompareOp::kEq, Datum(dict), Datum(arrow::Scalar::Utf8("y"))), arrow::Boolean(),
              "[true, false, null, true]");
}

}  // namespace
}  // namespace ballista::compute
