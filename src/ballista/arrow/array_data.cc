#include "ballista/arrow/array_data.h"

#include "ballista/arrow/bit_util.h"

namespace ballista::arrow {

ArrayData::ArrayData(const ArrayData& other)
    : type(other.type),
      length(other.length),
      null_count(other.null_count.load()),
      offset(other.offset),
      buffers(other.buffers),
      child_data(other.child_data),
      dictionary(other.dictionary) {}

std::shared_ptr<ArrayData> ArrayData::Make(DataTypePtr type, int64_t length,
                                           std::vector<std::shared_ptr<Buffer>> buffers,
                                           int64_t null_count, int64_t offset) {
  return std::make_shared<ArrayData>(std::move(type), length, std::move(buffers), null_count, offset);
}

std::shared_ptr<ArrayData> ArrayData::Make(DataTypePtr type, int64_t length,
                                           std::vector<std::shared_ptr<Buffer>> buffers,
                                           std::vector<std::shared_ptr<ArrayData>> child_data,
                                           int64_t null_count, int64_t offset) {
  auto data = Make(std::move(type), length, std::move(buffers), null_count, offset);
  data->child_data = std::move(child_data);
  return data;
}

int64_t ArrayData::GetNullCount() const {
  int64_t count = null_count.load(std::memory_order_relaxed);
  if (count != kUnknownNullCount) return count;
  if (type->id() == TypeId::kNull) {
    count = length;
  } else if (const uint8_t* bits = validity()) {
    count = length - bit_util::CountSetBits(bits, offset, length);
  } else {
    count = 0;
  }
  null_count.store(count, std::memory_order_relaxed);
  return count;
}

bool ArrayData::IsValid(int64_t i) const {
  if (type->id() == TypeId::kNull) return false;
  const uint8_t* bits = validity();
  return bits == nullptr || bit_util::GetBit(bits, offset + i);
}

std::shared_ptr<ArrayData> ArrayData::Slice(int64_t slice_offset, int64_t slice_length) const {
  auto sliced = std::make_shared<ArrayData>(*this);
  sliced->offset = offset + slice_offset;
  sliced->length = slice_length;
  int64_t known = null_count.load(std::memory_order_relaxed);
  // A slice of an array without nulls has none; otherwise count lazily.
  sliced->null_count.store(known == 0 || type->id() == TypeId::kNull ? (known == 0 ? 0 : slice_length)
                                                                     : kUnknownNullCount);
  return sliced;
}

}  // namespace ballista::arrow
