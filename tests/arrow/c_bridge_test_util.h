#pragma once

// Hand-built arrays for the C bridge and scalar tests: buffers are filled directly, so these tests
// depend on nothing but ArrayData itself.

#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/compare.h"
#include "ballista/arrow/scalar.h"
#include "ballista/arrow/type.h"
#include "ballista/common/buffer.h"

namespace ballista::arrow::testing {

/// A buffer holding a copy of `values`' bytes.
template <typename T>
std::shared_ptr<Buffer> BufferOf(const std::vector<T>& values) {
  return Buffer::CopyOf(
      std::string_view(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)));
}

/// A validity bitmap with bit i = valid[i]; null when every slot is valid.
inline std::shared_ptr<Buffer> BitmapOf(const std::vector<bool>& valid) {
  bool all = true;
  for (bool v : valid) all = all && v;
  if (all) return nullptr;
  std::vector<uint8_t> bytes(
      static_cast<size_t>(bit_util::BytesForBits(static_cast<int64_t>(valid.size()))), 0);
  for (size_t i = 0; i < valid.size(); ++i) {
    if (valid[i]) bit_util::SetBit(bytes.data(), static_cast<int64_t>(i));
  }
  return BufferOf(bytes);
}

/// A fixed-width array of `type` whose physical values are T; nullopt marks a null.
template <typename T>
std::shared_ptr<ArrayData> Primitive(DataTypePtr type,
                                     const std::vector<std::optional<T>>& values) {
  std::vector<T> raw;
  std::vector<bool> valid;
  for (const auto& v : values) {
    raw.push_back(v.value_or(T{}));
    valid.push_back(v.has_value());
  }
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                         {BitmapOf(valid), BufferOf(raw)});
}

/// A Bool array; nullopt marks a null.
inline std::shared_ptr<ArrayData> Bools(const std::vector<std::optional<bool>>& values) {
  std::vector<bool> valid;
  std::vector<uint8_t> bits(values.size() / 8 + 1, 0);
  for (size_t i = 0; i < values.size(); ++i) {
    valid.push_back(values[i].has_value());
    if (values[i].value_or(false)) bit_util::SetBit(bits.data(), static_cast<int64_t>(i));
  }
  return ArrayData::Make(Boolean(), static_cast<int64_t>(values.size()),
                         {BitmapOf(valid), BufferOf(bits)});
}

/// Utf8/Binary (int32 offsets) or LargeUtf8/LargeBinary (int64 offsets).
inline std::shared_ptr<ArrayData> Strings(DataTypePtr type,
                                          const std::vector<std::optional<std::string>>& values) {
  bool large = type->id() == TypeId::kLargeUtf8 || type->id() == TypeId::kLargeBinary;
  std::vector<int32_t> offsets32 = {0};
  std::vector<int64_t> offsets64 = {0};
  std::string chars;
  std::vector<bool> valid;
  for (const auto& v : values) {
    chars += v.value_or("");
    offsets32.push_back(static_cast<int32_t>(chars.size()));
    offsets64.push_back(static_cast<int64_t>(chars.size()));
    valid.push_back(v.has_value());
  }
  auto offsets = large ? BufferOf(offsets64) : BufferOf(offsets32);
  return ArrayData::Make(std::move(type), static_cast<int64_t>(values.size()),
                         {BitmapOf(valid), offsets, Buffer::CopyOf(chars)});
}

/// Utf8View/BinaryView; long strings alternate between two variadic data buffers so that buffer
/// indices and offsets are exercised.
inline std::shared_ptr<ArrayData> Views(DataTypePtr type,
                                        const std::vector<std::optional<std::string>>& values) {
  std::vector<uint8_t> views(values.size() * 16, 0);
  std::string data[2];
  std::vector<bool> valid;
  for (size_t i = 0; i < values.size(); ++i) {
    valid.push_back(values[i].has_value());
    std::string s = values[i].value_or("");
    uint8_t* view = views.data() + 16 * i;
    auto length = static_cast<int32_t>(s.size());
    std::memcpy(view, &length, 4);
    if (s.size() <= 12) {
      std::memcpy(view + 4, s.data(), s.size());
    } else {
      int32_t index = static_cast<int32_t>(i % 2);
      auto offset = static_cast<int32_t>(data[index].size());
      std::memcpy(view + 4, s.data(), 4);
      std::memcpy(view + 8, &index, 4);
      std::memcpy(view + 12, &offset, 4);
      data[index] += s;
    }
  }
  return ArrayData::Make(
      std::move(type), static_cast<int64_t>(values.size()),
      {BitmapOf(valid), BufferOf(views), Buffer::CopyOf(data[0]), Buffer::CopyOf(data[1])});
}

/// List/Map (int32 offsets) or LargeList (int64 offsets) over `child`.
inline std::shared_ptr<ArrayData> ListOf(DataTypePtr type, const std::vector<int64_t>& offsets,
                                         const std::vector<bool>& valid,
                                         std::shared_ptr<ArrayData> child) {
  std::shared_ptr<Buffer> offsets_buffer;
  if (type->id() == TypeId::kLargeList) {
    offsets_buffer = BufferOf(offsets);
  } else {
    std::vector<int32_t> narrow(offsets.begin(), offsets.end());
    offsets_buffer = BufferOf(narrow);
  }
  return ArrayData::Make(std::move(type), static_cast<int64_t>(offsets.size()) - 1,
                         {BitmapOf(valid), offsets_buffer}, {std::move(child)});
}

/// A struct array of `length` rows over `children` (addressed through the struct's offset).
inline std::shared_ptr<ArrayData> StructOf(DataTypePtr type, int64_t length,
                                           const std::vector<bool>& valid,
                                           std::vector<std::shared_ptr<ArrayData>> children) {
  return ArrayData::Make(std::move(type), length, {BitmapOf(valid)}, std::move(children));
}

/// The comparison every test uses: same type, same length, equal scalars slot by slot, and the
/// independent ArrayDataEquals of compare.h agreeing.
inline void ExpectSameValues(const ArrayData& expected, const ArrayData& actual) {
  EXPECT_TRUE(ArrayDataEquals(expected, actual)) << DiffArrayData(expected, actual);
  ASSERT_TRUE(expected.type->Equals(*actual.type))
      << expected.type->ToString() << " vs " << actual.type->ToString();
  ASSERT_EQ(expected.length, actual.length);
  EXPECT_EQ(expected.GetNullCount(), actual.GetNullCount());
  for (int64_t i = 0; i < expected.length; ++i) {
    auto a = ScalarFromArray(expected, i);
    auto b = ScalarFromArray(actual, i);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_TRUE(a->Equals(*b)) << "slot " << i << ": " << a->ToString() << " vs " << b->ToString();
  }
}

/// The display text of every slot, for checks written by hand.
inline std::vector<std::string> Texts(const ArrayData& data) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < data.length; ++i) {
    auto s = ScalarFromArray(data, i);
    out.push_back(s.ok() ? s->ToString() : "error: " + s.status().ToString());
  }
  return out;
}

}  // namespace ballista::arrow::testing
