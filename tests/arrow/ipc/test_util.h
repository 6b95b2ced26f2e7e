#pragma once

// Small hand-built arrays for the IPC tests: every value is written out in the test, so the
// expectations never come from the code under test.

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/buffer.h"

namespace ballista::arrow::ipc::testing {

inline std::shared_ptr<Buffer> BytesOf(const void* data, size_t size) {
  return Buffer::CopyOf(std::string_view(static_cast<const char*>(data), size));
}

/// A validity bitmap, or null when `valid` is empty or all true. Sets `null_count`.
inline std::shared_ptr<Buffer> Validity(const std::vector<bool>& valid, int64_t* null_count) {
  *null_count = 0;
  for (bool v : valid) *null_count += v ? 0 : 1;
  if (*null_count == 0) return nullptr;
  std::string bits(static_cast<size_t>(bit_util::BytesForBits(static_cast<int64_t>(valid.size()))), '\0');
  for (size_t i = 0; i < valid.size(); ++i) {
    if (valid[i]) bit_util::SetBit(reinterpret_cast<uint8_t*>(bits.data()), static_cast<int64_t>(i));
  }
  return Buffer::CopyOf(bits);
}

template <typename T>
ArrayDataPtr MakePrimitive(DataTypePtr type, const std::vector<T>& values, const std::vector<bool>& valid = {}) {
  int64_t nulls = 0;
  auto validity = Validity(valid, &nulls);
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                         {validity, BytesOf(values.data(), values.size() * sizeof(T))}, nulls);
}

/// Fixed-width values given as raw little-endian bytes per slot (decimals, intervals, ...).
inline ArrayDataPtr MakeFixedBytes(DataTypePtr type, const std::vector<std::string>& slots,
                                   const std::vector<bool>& valid = {}) {
  std::string bytes;
  for (const auto& s : slots) bytes += s;
  int64_t nulls = 0;
  auto validity = Validity(valid, &nulls);
  return ArrayData::Make(std::move(type), static_cast<int64_t>(slots.size()), {validity, Buffer::CopyOf(bytes)},
                         nulls);
}

inline ArrayDataPtr MakeBool(const std::vector<bool>& values, const std::vector<bool>& valid = {}) {
  int64_t nulls = 0;
  auto validity = Validity(valid, &nulls);
  std::string bits(static_cast<size_t>(bit_util::BytesForBits(static_cast<int64_t>(values.size()))), '\0');
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i]) bit_util::SetBit(reinterpret_cast<uint8_t*>(bits.data()), static_cast<int64_t>(i));
  }
  return ArrayData::Make(Boolean(), static_cast<int64_t>(values.size()), {validity, Buffer::CopyOf(bits)}, nulls);
}

/// Utf8/Binary (32-bit offsets) or their Large forms (64-bit offsets).
inline ArrayDataPtr MakeStrings(DataTypePtr type, const std::vector<std::string>& values,
                                const std::vector<bool>& valid = {}) {
  bool large = type->id() == TypeId::kLargeUtf8 || type->id() == TypeId::kLargeBinary;
  std::string data;
  std::vector<int64_t> offsets{0};
  for (const auto& v : values) {
    data += v;
    offsets.push_back(static_cast<int64_t>(data.size()));
  }
  std::shared_ptr<Buffer> offsets_buffer;
  if (large) {
    offsets_buffer = BytesOf(offsets.data(), offsets.size() * 8);
  } else {
    std::vector<int32_t> narrow(offsets.begin(), offsets.end());
    offsets_buffer = BytesOf(narrow.data(), narrow.size() * 4);
  }
  int64_t nulls = 0;
  auto validity = Validity(valid, &nulls);
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                         {validity, offsets_buffer, Buffer::CopyOf(data)}, nulls);
}

/// Utf8View/BinaryView: strings of up to 12 bytes inline, longer ones in variadic buffers that
/// hold at most `buffer_capacity` bytes each (so several buffers get used).
inline ArrayDataPtr MakeViews(DataTypePtr type, const std::vector<std::string>& values,
                              const std::vector<bool>& valid = {}, size_t buffer_capacity = 40) {
  std::vector<std::string> data_buffers;
  std::string views(values.size() * 16, '\0');
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string& v = values[i];
    char* slot = views.data() + i * 16;
    int32_t size = static_cast<int32_t>(v.size());
    std::memcpy(slot, &size, 4);
    if (v.size() <= 12) {
      std::memcpy(slot + 4, v.data(), v.size());
      continue;
    }
    if (data_buffers.empty() || data_buffers.back().size() + v.size() > buffer_capacity) data_buffers.emplace_back();
    int32_t index = static_cast<int32_t>(data_buffers.size() - 1);
    int32_t offset = static_cast<int32_t>(data_buffers.back().size());
    data_buffers.back() += v;
    std::memcpy(slot + 4, v.data(), 4);
    std::memcpy(slot + 8, &index, 4);
    std::memcpy(slot + 12, &offset, 4);
  }
  int64_t nulls = 0;
  std::vector<std::shared_ptr<Buffer>> buffers{Validity(valid, &nulls), Buffer::CopyOf(views)};
  for (const auto& b : data_buffers) buffers.push_back(Buffer::CopyOf(b));
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()), std::move(buffers), nulls);
}

/// List/Map (int32 offsets) or LargeList (int64 offsets) over `child`.
inline ArrayDataPtr MakeList(DataTypePtr type, const std::vector<int64_t>& offsets, ArrayDataPtr child,
                             const std::vector<bool>& valid = {}) {
  std::shared_ptr<Buffer> offsets_buffer;
  if (type->id() == TypeId::kLargeList) {
    offsets_buffer = BytesOf(offsets.data(), offsets.size() * 8);
  } else {
    std::vector<int32_t> narrow(offsets.begin(), offsets.end());
    offsets_buffer = BytesOf(narrow.data(), narrow.size() * 4);
  }
  int64_t nulls = 0;
  auto validity = Validity(valid, &nulls);
  return ArrayData::Make(std::move(type), static_cast<int64_t>(offsets.size()) - 1, {validity, offsets_buffer},
                         {std::move(child)}, nulls);
}

/// Struct or FixedSizeList of `length` slots over `children`.
inline ArrayDataPtr MakeNested(DataTypePtr type, int64_t length, std::vector<ArrayDataPtr> children,
                               const std::vector<bool>& valid = {}) {
  int64_t nulls = 0;
  auto validity = Validity(valid, &nulls);
  return ArrayData::Make(std::move(type), length, {validity}, std::move(children), nulls);
}

/// Dictionary array: int32 indices (the type's index type must be int32) into `dictionary`.
inline ArrayDataPtr MakeDictionaryArray(DataTypePtr type, const std::vector<int32_t>& indices,
                                        ArrayDataPtr dictionary, const std::vector<bool>& valid = {}) {
  auto out = MakePrimitive<int32_t>(std::move(type), indices, valid);
  out->dictionary = std::move(dictionary);
  return out;
}

inline RecordBatchPtr MakeBatch(const std::vector<std::pair<std::string, ArrayDataPtr>>& columns) {
  FieldVector fields;
  std::vector<ArrayDataPtr> arrays;
  for (const auto& [name, array] : columns) {
    fields.push_back(MakeField(name, array->type));
    arrays.push_back(array);
  }
  int64_t rows = arrays.empty() ? 0 : arrays[0]->length;
  return std::make_shared<RecordBatch>(MakeSchema(std::move(fields)), rows, std::move(arrays));
}

}  // namespace ballista::arrow::ipc::testing
