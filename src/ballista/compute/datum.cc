#include "ballista/compute/datum.h"

namespace ballista::compute {

Datum::Datum() : value_(arrow::Scalar()) {}
Datum::Datum(std::shared_ptr<arrow::ArrayData> array) : value_(std::move(array)) {}
Datum::Datum(arrow::Scalar scalar) : value_(std::move(scalar)) {}

const arrow::DataTypePtr& Datum::type() const {
  return is_array() ? array()->type : scalar().type();
}

bool Datum::IsAllNull() const {
  if (is_scalar()) return scalar().is_null();
  return array()->GetNullCount() == array()->length;
}

Result<std::shared_ptr<arrow::ArrayData>> Datum::ToArray(int64_t num_rows, MemoryPool* pool) const {
  if (is_array()) return array();
  return arrow::MakeArrayFromScalar(scalar(), num_rows, pool);
}

}  // namespace ballista::compute
