#pragma once

// Helpers for the arrow tests: JSON-built arrays that fail the test on a parse error, and an
// equality assertion that prints the first difference.

#include <gtest/gtest.h>

#include <memory>
#include <string_view>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/compare.h"
#include "ballista/arrow/validate.h"

namespace ballista::arrow::array_testing {

/// ArrayFromJson, failing the current test (and returning null) when the JSON does not convert.
inline std::shared_ptr<ArrayData> FromJson(const DataTypePtr& type, std::string_view json) {
  auto result = ArrayFromJson(type, json);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return nullptr;
  Status valid = ValidateArrayData(**result, true);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  return *result;
}

/// RecordBatchFromJson, failing the current test on error.
inline std::shared_ptr<RecordBatch> BatchFromJson(const SchemaPtr& schema, std::string_view json) {
  auto result = RecordBatchFromJson(schema, json);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : nullptr;
}

}  // namespace ballista::arrow::array_testing

#define BA_ASSERT_OK(expr)                                                  \
  do {                                                                      \
    ::ballista::Status _st = ::ballista::internal::GenericToStatus((expr)); \
    ASSERT_TRUE(_st.ok()) << _st.ToString();                                \
  } while (false)

#define BA_EXPECT_OK(expr)                                                  \
  do {                                                                      \
    ::ballista::Status _st = ::ballista::internal::GenericToStatus((expr)); \
    EXPECT_TRUE(_st.ok()) << _st.ToString();                                \
  } while (false)

#define BA_ASSIGN_OR_FAIL_IMPL(tmp, lhs, rexpr)     \
  auto tmp = (rexpr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString(); \
  lhs = std::move(tmp).MoveValueUnsafe();

/// `BA_ASSIGN_OR_FAIL(auto x, MakeX());` asserts the Result is OK and assigns its value.
#define BA_ASSIGN_OR_FAIL(lhs, rexpr) \
  BA_ASSIGN_OR_FAIL_IMPL(BALLISTA_CONCAT(_ba_result_, __COUNTER__), lhs, rexpr)

/// Asserts two ArrayData are logically equal, printing the first difference otherwise.
#define BA_EXPECT_ARRAYS_EQUAL(expected, actual)              \
  do {                                                        \
    const auto& _e = (expected);                              \
    const auto& _a = (actual);                                \
    ASSERT_NE(_e, nullptr);                                   \
    ASSERT_NE(_a, nullptr);                                   \
    EXPECT_TRUE(::ballista::arrow::ArrayDataEquals(*_e, *_a)) \
        << ::ballista::arrow::DiffArrayData(*_e, *_a);        \
  } while (false)
