#pragma once

// Helpers for compute tests: arrays from JSON, registry calls, and array/scalar expectations.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/compare.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/compute/datum.h"
#include "ballista/compute/function.h"
#include "ballista/compute/registry.h"

namespace ballista::compute::testing {

/// An array of `type` from JSON (aborts the test on bad JSON).
inline std::shared_ptr<arrow::ArrayData> Arr(const arrow::DataTypePtr& type, const std::string& json) {
  auto r = arrow::ArrayFromJson(type, json);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

/// A one-value scalar of `type` parsed from JSON ("null" for NULL).
inline arrow::Scalar Sc(const arrow::DataTypePtr& type, const std::string& json) {
  auto a = Arr(type, "[" + json + "]");
  auto s = arrow::ScalarFromArray(*a, 0);
  EXPECT_TRUE(s.ok());
  return *s;
}

/// Resolves `name` for the arguments' types and runs it (casting arguments as resolved).
inline Result<Datum> Call(const std::string& name, const std::vector<Datum>& args) {
  std::vector<arrow::DataTypePtr> types;
  int64_t rows = 1;
  for (const auto& a : args) {
    types.push_back(a.type());
    if (a.is_array()) rows = a.length();
  }
  ASSIGN_OR_RAISE(auto resolved, FunctionRegistry::Default().ResolveScalar(name, types));
  return CallResolved(resolved, args, rows);
}

/// Expects `actual` to be an array equal to `expected_json` of `type`.
inline void ExpectArray(const Result<Datum>& actual, const arrow::DataTypePtr& type,
                        const std::string& expected_json) {
  ASSERT_TRUE(actual.ok()) << actual.status().ToString();
  ASSERT_TRUE(actual->is_array()) << "expected an array, got scalar " << actual->scalar().ToString();
  auto expected = Arr(type, expected_json);
  EXPECT_TRUE(arrow::ArrayDataEquals(*actual->array(), *expected))
      << arrow::DiffArrayData(*actual->array(), *expected);
}

inline void ExpectArray(const Result<std::shared_ptr<arrow::ArrayData>>& actual,
                        const arrow::DataTypePtr& type, const std::string& expected_json) {
  ASSERT_TRUE(actual.ok()) << actual.status().ToString();
  auto expected = Arr(type, expected_json);
  EXPECT_TRUE(arrow::ArrayDataEquals(**actual, *expected)) << arrow::DiffArrayData(**actual, *expected);
}

/// Expects a scalar result equal to Sc(type, expected_json).
inline void ExpectScalar(const Result<Datum>& actual, const arrow::DataTypePtr& type,
                         const std::string& expected_json) {
  ASSERT_TRUE(actual.ok()) << actual.status().ToString();
  ASSERT_TRUE(actual->is_scalar()) << "expected a scalar";
  const arrow::Scalar expected = Sc(type, expected_json);
  EXPECT_TRUE(actual->scalar().Equals(expected))
      << actual->scalar().type()->ToString() << " " << actual->scalar().ToString() << " vs "
      << expected.type()->ToString() << " " << expected.ToString();
}

/// Expects an error whose message contains `text`.
template <typename T>
void ExpectError(const Result<T>& r, const std::string& text) {
  ASSERT_FALSE(r.ok()) << "expected an error containing: " << text;
  EXPECT_NE(r.status().message().find(text), std::string::npos) << r.status().ToString();
}

/// The display text of every row ("" for NULL), for compact expectations.
inline std::vector<std::string> Texts(const Datum& d) {
  std::vector<std::string> out;
  if (d.is_scalar()) {
    out.push_back(d.scalar().is_null() ? "NULL" : d.scalar().ToString());
    return out;
  }
  for (int64_t i = 0; i < d.array()->length; ++i) out.push_back(arrow::FormatValue(*d.array(), i, "NULL"));
  return out;
}

}  // namespace ballista::compute::testing
