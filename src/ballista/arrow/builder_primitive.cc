#include "ballista/arrow/builder_primitive.h"

#include <cstring>

#include "ballista/arrow/decimal_util.h"
#include "ballista/common/logging.h"

namespace ballista::arrow {

// ---- ArrayBuilder ----

Status ArrayBuilder::AppendNulls(int64_t count) {
  for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(AppendNull());
  return Status::OK();
}

Status ArrayBuilder::AppendEmptyValues(int64_t count) {
  for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(AppendEmptyValue());
  return Status::OK();
}

void ArrayBuilder::Reset() {
  length_ = 0;
  validity_.Reset();
  for (auto& child : children_) child->Reset();
}

// ---- NullBuilder ----

Status NullBuilder::AppendNulls(int64_t count) {
  if (count < 0)
    return Status::InvalidArgument("null builder: negative null count " + std::to_string(count));
  length_ += count;
  return Status::OK();
}

Result<std::shared_ptr<ArrayData>> NullBuilder::Finish() {
  auto data = ArrayData::Make(type_, length_, {}, length_);
  length_ = 0;
  return data;
}

// ---- BooleanBuilder ----

Status BooleanBuilder::AppendValues(const uint8_t* values, int64_t count,
                                    const uint8_t* valid_bytes) {
  RETURN_NOT_OK(values_.Reserve(count));
  for (int64_t i = 0; i < count; ++i) values_.UnsafeAppend(values[i] != 0);
  length_ += count;
  return validity_.AppendValidBytes(valid_bytes, count);
}

Status BooleanBuilder::AppendValues(const std::vector<bool>& values) {
  const auto count = static_cast<int64_t>(values.size());
  RETURN_NOT_OK(values_.Reserve(count));
  for (bool v : values) values_.UnsafeAppend(v);
  length_ += count;
  return validity_.AppendValid(count);
}

Status BooleanBuilder::AppendNull() {
  RETURN_NOT_OK(values_.Append(false));
  ++length_;
  return validity_.AppendNull();
}

Status BooleanBuilder::AppendNulls(int64_t count) {
  RETURN_NOT_OK(values_.AppendCopies(count, false));
  length_ += count;
  return validity_.AppendNulls(count);
}

Status BooleanBuilder::AppendEmptyValues(int64_t count) {
  RETURN_NOT_OK(values_.AppendCopies(count, false));
  length_ += count;
  return validity_.AppendValid(count);
}

Result<std::shared_ptr<ArrayData>> BooleanBuilder::Finish() {
  const int64_t length = length_;
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ASSIGN_OR_RAISE(auto values, values_.Finish());
  return ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls);
}

void BooleanBuilder::Reset() {
  ArrayBuilder::Reset();
  values_.Reset();
}

// ---- DecimalBuilder ----

DecimalBuilder::DecimalBuilder(DataTypePtr type, MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), byte_width_(type_->byte_width()), values_(pool) {
  BALLISTA_CHECK(IsDecimal(type_->id()));
}

Status DecimalBuilder::Append(int64_t unscaled) { return Append128(unscaled); }

Status DecimalBuilder::Append128(__int128 unscaled) {
  if (!decimal::FitsInWidth(unscaled, byte_width_)) {
    return Status::InvalidArgument(type_->ToString() + " builder: unscaled value does not fit in " +
                                   std::to_string(byte_width_) + " bytes");
  }
  uint8_t bytes[32];
  decimal::StoreInt128(unscaled, byte_width_, bytes);
  return AppendRaw(bytes);
}

Status DecimalBuilder::AppendRaw(const uint8_t* bytes) {
  RETURN_NOT_OK(values_.Append(bytes, byte_width_));
  ++length_;
  return validity_.AppendValid();
}

Status DecimalBuilder::AppendString(std::string_view text) {
  uint8_t bytes[32];
  Status st = decimal::ParseDecimal(text, type_->precision(), type_->scale(), byte_width_, bytes);
  if (!st.ok()) return st.WithContext(type_->ToString());
  return AppendRaw(bytes);
}

Status DecimalBuilder::AppendNull() {
  RETURN_NOT_OK(values_.AppendCopies(byte_width_, 0));
  ++length_;
  return validity_.AppendNull();
}

Status DecimalBuilder::AppendNulls(int64_t count) {
  RETURN_NOT_OK(values_.AppendCopies(count * byte_width_, 0));
  length_ += count;
  return validity_.AppendNulls(count);
}

Status DecimalBuilder::AppendEmptyValue() {
  RETURN_NOT_OK(values_.AppendCopies(byte_width_, 0));
  ++length_;
  return validity_.AppendValid();
}

Status DecimalBuilder::AppendEmptyValues(int64_t count) {
  RETURN_NOT_OK(values_.AppendCopies(count * byte_width_, 0));
  length_ += count;
  return validity_.AppendValid(count);
}

Result<std::shared_ptr<ArrayData>> DecimalBuilder::Finish() {
  const int64_t length = length_;
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ASSIGN_OR_RAISE(auto values, values_.Finish());
  return ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls);
}

void DecimalBuilder::Reset() {
  ArrayBuilder::Reset();
  values_.Reset();
}

// ---- FixedSizeBinaryBuilder ----

FixedSizeBinaryBuilder::FixedSizeBinaryBuilder(DataTypePtr type, MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), byte_width_(type_->fixed_size()), values_(pool) {
  BALLISTA_CHECK(type_->id() == TypeId::kFixedSizeBinary);
}

Status FixedSizeBinaryBuilder::Append(std::string_view value) {
  if (static_cast<int64_t>(value.size()) != byte_width_) {
    return Status::InvalidArgument(type_->ToString() + " builder: value of " +
                                   std::to_string(value.size()) + " bytes, expected " +
                                   std::to_string(byte_width_));
  }
  return Append(reinterpret_cast<const uint8_t*>(value.data()));
}

Status FixedSizeBinaryBuilder::AppendNull() {
  RETURN_NOT_OK(values_.AppendCopies(byte_width_, 0));
  ++length_;
  return validity_.AppendNull();
}

Status FixedSizeBinaryBuilder::AppendNulls(int64_t count) {
  RETURN_NOT_OK(values_.AppendCopies(count * byte_width_, 0));
  length_ += count;
  return validity_.AppendNulls(count);
}

Status FixedSizeBinaryBuilder::AppendEmptyValue() {
  RETURN_NOT_OK(values_.AppendCopies(byte_width_, 0));
  ++length_;
  return validity_.AppendValid();
}

Status FixedSizeBinaryBuilder::AppendEmptyValues(int64_t count) {
  RETURN_NOT_OK(values_.AppendCopies(count * byte_width_, 0));
  length_ += count;
  return validity_.AppendValid(count);
}

Result<std::shared_ptr<ArrayData>> FixedSizeBinaryBuilder::Finish() {
  const int64_t length = length_;
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ASSIGN_OR_RAISE(auto values, values_.Finish());
  return ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls);
}

void FixedSizeBinaryBuilder::Reset() {
  ArrayBuilder::Reset();
  values_.Reset();
}

}  // namespace ballista::arrow
