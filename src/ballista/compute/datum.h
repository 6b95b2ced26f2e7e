#pragma once

#include <memory>
#include <variant>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/scalar.h"
#include "ballista/arrow/type.h"

namespace ballista::compute {

/// A kernel argument or result: an array, or a scalar that stands for every row. Constants stay
/// scalars through evaluation so kernels can take their fast scalar paths. Immutable value type;
/// thread-safe for reads.
class Datum {
 public:
  /// A null scalar of the null type.
  Datum();
  Datum(std::shared_ptr<arrow::ArrayData> array);  // NOLINT(google-explicit-constructor)
  Datum(arrow::Scalar scalar);                     // NOLINT(google-explicit-constructor)

  bool is_array() const { return std::holds_alternative<std::shared_ptr<arrow::ArrayData>>(value_); }
  bool is_scalar() const { return std::holds_alternative<arrow::Scalar>(value_); }
  /// The array; requires is_array().
  const std::shared_ptr<arrow::ArrayData>& array() const {
    return std::get<std::shared_ptr<arrow::ArrayData>>(value_);
  }
  /// The scalar; requires is_scalar().
  const arrow::Scalar& scalar() const { return std::get<arrow::Scalar>(value_); }
  const arrow::DataTypePtr& type() const;
  /// Rows of an array; -1 for a scalar (it matches any row count).
  int64_t length() const { return is_array() ? array()->length : -1; }
  /// True for a null scalar, or an array whose every slot is null.
  bool IsAllNull() const;

  /// The datum as an array of `num_rows` rows (a scalar is repeated; an array is returned as is).
  Result<std::shared_ptr<arrow::ArrayData>> ToArray(int64_t num_rows,
                                                    MemoryPool* pool = DefaultMemoryPool()) const;

 private:
  std::variant<std::shared_ptr<arrow::ArrayData>, arrow::Scalar> value_;
};

}  // namespace ballista::compute
