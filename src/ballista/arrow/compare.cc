#include "ballista/arrow/compare.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "ballista/arrow/array.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

namespace {

bool RangeEquals(const ArrayData& a, int64_t a_start, const ArrayData& b, int64_t b_start,
                 int64_t count);

// Bytes of a valid slot of an offset-based or view-based array; `i` is relative to the offset.
template <typename OffsetT>
std::string_view OffsetValue(const ArrayData& d, int64_t i) {
  const OffsetT* offsets = d.GetValues<OffsetT>(1);
  const auto* data = reinterpret_cast<const char*>(d.buffers[2]->data());
  return std::string_view(data + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
}

std::string_view ViewValue(const ArrayData& d, int64_t i) {
  const BinaryViewValue& view = d.GetValues<BinaryViewValue>(1)[i];
  const uint8_t* bytes =
      view.is_inline()
          ? view.inline_data()
          : d.buffers[2 + static_cast<size_t>(view.buffer_index())]->data() + view.buffer_offset();
  return std::string_view(reinterpret_cast<const char*>(bytes), static_cast<size_t>(view.size));
}


template <typename F>
bool FloatEquals(F x, F y) {
  return x == y || (std::isnan(x) && std::isnan(y));
}

// Slot i of `a` against slot j of `b`, both valid, same type; indices relative to the offsets.
bool ValuesEqual(const ArrayData& a, int64_t i, const ArrayData& b, int64_t j) {
  const DataType& type = *a.type;
  switch (type.id()) {
    case TypeId::kNull:
      return true;
    case TypeId::kBool:
      return bit_util::GetBit(a.buffers[1]->data(), a.offset + i) ==
             bit_util::GetBit(b.buffers[1]->data(), b.offset + j);
    case TypeId::kFloat16: {
      const float x = Float16ToFloat(a.GetValues<uint16_t>(1)[i]);
      const float y = Float16ToFloat(b.GetValues<uint16_t>(1)[j]);
      return FloatEquals(x, y);
    }
    case TypeId::kFloat32:
      return FloatEquals(a.GetValues<float>(1)[i], b.GetValues<float>(1)[j]);
    case TypeId::kFloat64:
      return FloatEquals(a.GetValues<double>(1)[i], b.GetValues<double>(1)[j]);
    case TypeId::kUtf8:
    case TypeId::kBinary:
      return OffsetValue<int32_t>(a, i) == OffsetValue<int32_t>(b, j);
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary:
      return OffsetValue<int64_t>(a, i) == OffsetValue<int64_t>(b, j);
    case TypeId::kUtf8View:
    case TypeId::kBinaryView:
      return ViewValue(a, i) == ViewValue(b, j);
    case TypeId::kList:
    case TypeId::kMap: {
      const int32_t* ao = a.GetValues<int32_t>(1);
      const int32_t* bo = b.GetValues<int32_t>(1);
      const int64_t length = ao[i + 1] - ao[i];
      return length == bo[j + 1] - bo[j] &&
             RangeEquals(*a.child_data[0], ao[i], *b.child_data[0], bo[j], length);
    }
    case TypeId::kLargeList: {
      const int64_t* ao = a.GetValues<int64_t>(1);
      const int64_t* bo = b.GetValues<int64_t>(1);
      const int64_t length = ao[i + 1] - ao[i];
      return length == bo[j + 1] - bo[j] &&
             RangeEquals(*a.child_data[0], ao[i], *b.child_data[0], bo[j], length);
    }
    case TypeId::kFixedSizeList: {
      const int64_t size = type.fixed_size();
      return RangeEquals(*a.child_data[0], (a.offset + i) * size, *b.child_data[0],
                         (b.offset + j) * size, size);
    }
    case TypeId::kStruct:
      for (size_t f = 0; f < a.child_data.size(); ++f) {
        if (!RangeEquals(*a.child_data[f], a.offset + i, *b.child_data[f], b.offset + j, 1))
          return false;
      }
      return true;
    case TypeId::kDictionary:
      return GetDictionaryIndex(a, i) == GetDictionaryIndex(b, j);
    default: {
      // Every other type is fixed-width bytes (integers, decimals, temporal, fixed-size binary).
      const int width = type.byte_width();
      if (width <= 0) return true;  // fixed_size_binary(0): every value is empty
      return std::memcmp(a.buffers[1]->data() + (a.offset + i) * width,
                         b.buffers[1]->data() + (b.offset + j) * width,
                         static_cast<size_t>(width)) == 0;
    }
  }
}

bool RangeEquals(const ArrayData& a, int64_t a_start, const ArrayData& b, int64_t b_start,
                 int64_t count) {
  if (count <= 0) return true;
  const TypeId id = a.type->id();
  if (id == TypeId::kNull) return true;
  if (id == TypeId::kDictionary && !ArrayDataEquals(*a.dictionary, *b.dictionary)) return false;
  const uint8_t* a_bits = a.validity();
  const uint8_t* b_bits = b.validity();
  // Fast path: byte-comparable values with no nulls compare as one block.
  const int width = a.type->byte_width();
  if (a_bits == nullptr && b_bits == nullptr && width > 0 && !IsFloating(id)) {
    return std::memcmp(a.buffers[1]->data() + (a.offset + a_start) * width,
                       b.buffers[1]->data() + (b.offset + b_start) * width,
                       static_cast<size_t>(count * width)) == 0;
  }
  for (int64_t k = 0; k < count; ++k) {
    const bool a_valid = a_bits == nullptr || bit_util::GetBit(a_bits, a.offset + a_start + k);
    const bool b_valid = b_bits == nullptr || bit_util::GetBit(b_bits, b.offset + b_start + k);
    if (a_valid != b_valid) return false;
    if (a_valid && !ValuesEqual(a, a_start + k, b, b_start + k)) return false;
  }
  return true;
}

}  // namespace

bool ArrayDataEquals(const ArrayData& a, const ArrayData& b) {
  if (&a == &b) return true;
  if (!a.type->Equals(*b.type) || a.length != b.length) return false;
  if (a.GetNullCount() != b.GetNullCount()) return false;
  return RangeEquals(a, 0, b, 0, a.length);
}

bool RecordBatchEquals(const RecordBatch& a, const RecordBatch& b) {
  if (!a.schema()->Equals(*b.schema()) || a.num_rows() != b.num_rows() ||
      a.num_columns() != b.num_columns()) {
    return false;
  }
  for (int i = 0; i < a.num_columns(); ++i) {
    if (!ArrayDataEquals(*a.column_data(i), *b.column_data(i))) return false;
  }
  return true;
}

std::string DiffArrayData(const ArrayData& a, const ArrayData& b) {
  if (!a.type->Equals(*b.type))
    return "types differ: " + a.type->ToString() + " vs " + b.type->ToString();
  if (a.length != b.length) {
    return "lengths differ: " + std::to_string(a.length) + " vs " + std::to_string(b.length);
  }
  if (a.type->id() == TypeId::kDictionary && !ArrayDataEquals(*a.dictionary, *b.dictionary)) {
    return "dictionaries differ: " + DiffArrayData(*a.dictionary, *b.dictionary);
  }
  for (int64_t i = 0; i < a.length; ++i) {
    if (!RangeEquals(a, i, b, i, 1)) {
      return "first difference at index " + std::to_string(i) + ": " + FormatValue(a, i, "null") +
             " vs " + FormatValue(b, i, "null");
    }
  }
  if (a.GetNullCount() != b.GetNullCount()) {
    return "null counts differ: " + std::to_string(a.GetNullCount()) + " vs " +
           std::to_string(b.GetNullCount());
  }
  return "";
}

std::string DiffRecordBatch(const RecordBatch& a, const RecordBatch& b) {
  if (!a.schema()->Equals(*b.schema())) {
    return "schemas differ: {" + a.schema()->ToString() + "} vs {" + b.schema()->ToString() + "}";
  }
  if (a.num_rows() != b.num_rows()) {
    return "row counts differ: " + std::to_string(a.num_rows()) + " vs " +
           std::to_string(b.num_rows());
  }
  for (int i = 0; i < a.num_columns(); ++i) {
    std::string diff = DiffArrayData(*a.column_data(i), *b.column_data(i));
    if (!diff.empty()) return "column \"" + a.column_name(i) + "\": " + diff;
  }
  return "";
}

}  // namespace ballista::arrow
