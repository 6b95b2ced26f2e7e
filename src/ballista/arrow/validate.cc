#include "ballista/arrow/validate.h"

#include <cstring>
#include <string>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

namespace {

/// Whether every byte of [data, data + size) is below 0x80.
bool IsAscii(const uint8_t* data, int64_t size) {
  int64_t i = 0;
  uint64_t high = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, data + i, sizeof(word));
    high |= word;
  }
  for (; i < size; ++i) high |= data[i];
  return (high & 0x8080808080808080ull) == 0;
}

}  // namespace

namespace {

// Nesting deeper than this is refused instead of recursing further (types are bounded anyway;
// this guards hand-built or corrupt ArrayData whose children do not follow the type).
constexpr int kMaxDepth = 200;

int64_t BufferSize(const ArrayData& d, size_t i) {
  return i < d.buffers.size() && d.buffers[i] ? d.buffers[i]->size() : 0;
}

// count * width, or -1 on overflow.
int64_t Product(int64_t count, int64_t width) {
  int64_t out = 0;
  return __builtin_mul_overflow(count, width, &out) ? -1 : out;
}

/// One validation pass (cheap or full) over an array tree. Single-threaded, stateless per array.
class Validator {
 public:
  explicit Validator(bool full) : full_(full) {}

  Status Validate(const ArrayData& d, int depth) {
    if (d.type == nullptr) return Status::InvalidData("array has no type");
    if (depth > kMaxDepth)
      return Error(d, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    RETURN_NOT_OK(ValidateShape(d));
    RETURN_NOT_OK(ValidateBuffers(d, depth));
    if (full_) RETURN_NOT_OK(ValidateValues(d));
    return Status::OK();
  }

 private:
  static Status Error(const ArrayData& d, const std::string& what) {
    return Status::InvalidData(d.type->ToString() + " array: " + what);
  }

  // Length, offset, null count and buffer/child counts.
  Status ValidateShape(const ArrayData& d) {
    if (d.length < 0) return Error(d, "negative length " + std::to_string(d.length));
    if (d.offset < 0) return Error(d, "negative offset " + std::to_string(d.offset));
    int64_t end = 0;
    if (__builtin_add_overflow(d.offset, d.length, &end))
      return Error(d, "offset + length overflows");
    const int64_t null_count = d.null_count.load(std::memory_order_relaxed);
    if (null_count < kUnknownNullCount)
      return Error(d, "negative null_count " + std::to_string(null_count));
    if (null_count > d.length) {
      return Error(d, "null_count " + std::to_string(null_count) + " is larger than the length " +
                          std::to_string(d.length));
    }
    const TypeId id = d.type->id();
    size_t expected_buffers = 2;
    size_t expected_children = 0;
    switch (id) {
      case TypeId::kNull:
        expected_buffers = 0;
        break;
      case TypeId::kUtf8:
      case TypeId::kLargeUtf8:
      case TypeId::kBinary:
      case TypeId::kLargeBinary:
        expected_buffers = 3;
        break;
      case TypeId::kList:
      case TypeId::kLargeList:
      case TypeId::kMap:
        expected_children = 1;
        break;
      case TypeId::kFixedSizeList:
        expected_buffers = 1;
        expected_children = 1;
        break;
      case TypeId::kStruct:
        expected_buffers = 1;
        expected_children = static_cast<size_t>(d.type->num_fields());
        break;
      default:
        break;
    }
    if (id == TypeId::kNull) {
      // Some producers pass a placeholder validity slot for the Null type; it must be empty.
      if (d.buffers.size() > 1 || (d.buffers.size() == 1 && d.buffers[0] != nullptr)) {
        return Error(d, "expected no buffers, got " + std::to_string(d.buffers.size()));
      }
    } else if (IsBinaryView(id)) {
      if (d.buffers.size() < 2) {
        return Error(d, "expected at least 2 buffers, got " + std::to_string(d.buffers.size()));
      }
    } else if (d.buffers.size() != expected_buffers) {
      return Error(d, "expected " + std::to_string(expected_buffers) + " buffers, got " +
                          std::to_string(d.buffers.size()));
    }
    if (d.child_data.size() != expected_children) {
      return Error(d, "expected " + std::to_string(expected_children) + " children, got " +
                          std::to_string(d.child_data.size()));
    }
    for (size_t c = 0; c < d.child_data.size(); ++c) {
      if (d.child_data[c] == nullptr) return Error(d, "child " + std::to_string(c) + " is missing");
    }
    if (id == TypeId::kDictionary && d.dictionary == nullptr)
      return Error(d, "the dictionary is missing");
    return Status::OK();
  }

  Status CheckSize(const ArrayData& d, size_t buffer, std::string_view name, int64_t needed,
                   std::string_view why) {
    if (needed < 0)
      return Error(d, std::string(name) + " buffer size overflows for " + std::string(why));
    const int64_t size = BufferSize(d, buffer);
    if (size < needed) {
      return Error(d, std::string(name) + " buffer has " + std::to_string(size) + " bytes, needs " +
                          std::to_string(needed) + " for " + std::string(why));
    }
    return Status::OK();
  }

  std::string Span(const ArrayData& d) {
    return "offset " + std::to_string(d.offset) + " + length " + std::to_string(d.length);
  }

  template <typename OffsetT>
  Status ValidateOffsets(const ArrayData& d, int64_t limit, std::string_view limit_name) {
    if (d.length == 0 &&
        BufferSize(d, 1) < static_cast<int64_t>(sizeof(OffsetT)) * (d.offset + 1)) {
      return Status::OK();  // an empty array may omit its offsets
    }
    RETURN_NOT_OK(
        CheckSize(d, 1, "offsets", Product(d.offset + d.length + 1, sizeof(OffsetT)), Span(d)));
    const OffsetT* offsets = d.buffers[1]->data_as<OffsetT>() + d.offset;
    const int64_t first = offsets[0];
    const int64_t last = offsets[d.length];
    if (first < 0) return Error(d, "first offset " + std::to_string(first) + " is negative");
    if (last < first) {
      return Error(d, "last offset " + std::to_string(last) + " is smaller than the first (" +
                          std::to_string(first) + ")");
    }
    if (last > limit) {
      return Error(d, "last offset " + std::to_string(last) + " is past the end of the " +
                          std::string(limit_name) + " (" + std::to_string(limit) + ")");
    }
    return Status::OK();
  }

  Status ValidateBuffers(const ArrayData& d, int depth) {
    const TypeId id = d.type->id();
    if (id == TypeId::kNull) return Status::OK();
    const int64_t end = d.offset + d.length;
    if (d.buffers[0] != nullptr) {
      RETURN_NOT_OK(CheckSize(d, 0, "validity", bit_util::BytesForBits(end), Span(d)));
    } else if (d.null_count.load(std::memory_order_relaxed) > 0) {
      return Error(d, "null_count is " + std::to_string(d.null_count.load()) +
                          " but there is no validity buffer");
    }
    switch (id) {
      case TypeId::kBool:
        return CheckSize(d, 1, "values", bit_util::BytesForBits(end), Span(d));
      case TypeId::kUtf8:
      case TypeId::kBinary:
        return ValidateOffsets<int32_t>(d, BufferSize(d, 2), "data buffer");
      case TypeId::kLargeUtf8:
      case TypeId::kLargeBinary:
        return ValidateOffsets<int64_t>(d, BufferSize(d, 2), "data buffer");
      case TypeId::kUtf8View:
      case TypeId::kBinaryView:
        RETURN_NOT_OK(CheckSize(d, 1, "views", Product(end, sizeof(BinaryViewValue)), Span(d)));
        for (size_t b = 2; b < d.buffers.size(); ++b) {
          if (d.buffers[b] == nullptr)
            return Error(d, "variadic data buffer " + std::to_string(b - 2) + " is missing");
        }
        return Status::OK();
      case TypeId::kList:
      case TypeId::kMap:
        RETURN_NOT_OK(ValidateChild(d, 0, depth));
        return ValidateOffsets<int32_t>(d, d.child_data[0]->length, "child array");
      case TypeId::kLargeList:
        RETURN_NOT_OK(ValidateChild(d, 0, depth));
        return ValidateOffsets<int64_t>(d, d.child_data[0]->length, "child array");
      case TypeId::kFixedSizeList: {
        RETURN_NOT_OK(ValidateChild(d, 0, depth));
        const int64_t needed = Product(end, d.type->fixed_size());
        if (needed < 0 || d.child_data[0]->length < needed) {
          return Error(d, "child array has " + std::to_string(d.child_data[0]->length) +
                              " values, needs " + std::to_string(needed) + " for " + Span(d) +
                              " lists of " + std::to_string(d.type->fixed_size()));
        }
        return Status::OK();
      }
      case TypeId::kStruct:
        for (size_t c = 0; c < d.child_data.size(); ++c) {
          RETURN_NOT_OK(ValidateChild(d, c, depth));
          if (d.child_data[c]->length < end) {
            return Error(d, "field \"" + d.type->field(static_cast<int>(c))->name() + "\" has " +
                                std::to_string(d.child_data[c]->length) + " values, needs " +
                                std::to_string(end) + " for " + Span(d));
          }
        }
        return Status::OK();
      case TypeId::kDictionary: {
        const DataType& index_type = *d.type->index_type();
        if (!IsInteger(index_type.id()))
          return Error(d, "index type " + index_type.ToString() + " is not an integer");
        RETURN_NOT_OK(CheckSize(d, 1, "indices", Product(end, index_type.byte_width()), Span(d)));
        if (!d.dictionary->type || !d.dictionary->type->Equals(*d.type->value_type())) {
          return Error(
              d, "dictionary has type " +
                     (d.dictionary->type ? d.dictionary->type->ToString() : std::string("(none)")) +
                     ", expected " + d.type->value_type()->ToString());
        }
        Status st = Validate(*d.dictionary, depth + 1);
        return st.ok() ? st : st.WithContext(d.type->ToString() + " dictionary");
      }
      default: {
        const int width = d.type->byte_width();
        if (width < 0)
          return Status::Unsupported("validation of " + d.type->ToString() + " arrays");
        return CheckSize(d, 1, "values", Product(end, width), Span(d));
      }
    }
  }

  Status ValidateChild(const ArrayData& d, size_t c, int depth) {
    const ArrayData& child = *d.child_data[c];
    const DataTypePtr& expected = d.type->field(static_cast<int>(c))->type();
    if (child.type == nullptr || !child.type->Equals(*expected)) {
      return Error(d, "child " + std::to_string(c) + " has type " +
                          (child.type ? child.type->ToString() : std::string("(none)")) +
                          ", expected " + expected->ToString());
    }
    return Validate(child, depth + 1);
  }

  // ---- Full checks (layout already known to be in bounds) ----

  Status ValidateValues(const ArrayData& d) {
    const TypeId id = d.type->id();
    if (id != TypeId::kNull && d.validity() != nullptr) {
      const int64_t known = d.null_count.load(std::memory_order_relaxed);
      const int64_t counted = d.length - bit_util::CountSetBits(d.validity(), d.offset, d.length);
      if (known != kUnknownNullCount && known != counted) {
        return Error(d, "null_count is " + std::to_string(known) + " but the validity buffer has " +
                            std::to_string(counted) + " nulls");
      }
    }
    switch (id) {
      case TypeId::kUtf8:
        return ValidateOffsetValues<int32_t>(d, true);
      case TypeId::kBinary:
        return ValidateOffsetValues<int32_t>(d, false);
      case TypeId::kLargeUtf8:
        return ValidateOffsetValues<int64_t>(d, true);
      case TypeId::kLargeBinary:
        return ValidateOffsetValues<int64_t>(d, false);
      case TypeId::kList:
        return ValidateMonotonic<int32_t>(d);
      case TypeId::kLargeList:
        return ValidateMonotonic<int64_t>(d);
      case TypeId::kMap:
        RETURN_NOT_OK(ValidateMonotonic<int32_t>(d));
        return ValidateMapKeys(d);
      case TypeId::kUtf8View:
      case TypeId::kBinaryView:
        return ValidateViews(d);
      case TypeId::kDictionary:
        return ValidateIndices(d);
      default:
        return Status::OK();
    }
  }

  template <typename OffsetT>
  Status ValidateMonotonic(const ArrayData& d) {
    if (d.length == 0) return Status::OK();
    const OffsetT* offsets = d.buffers[1]->data_as<OffsetT>() + d.offset;
    for (int64_t i = 1; i <= d.length; ++i) {
      if (offsets[i] < offsets[i - 1]) {
        return Error(d, "offset at index " + std::to_string(i) + " (" + std::to_string(offsets[i]) +
                            ") is smaller than the previous one (" +
                            std::to_string(offsets[i - 1]) + ")");
      }
    }
    return Status::OK();
  }

  template <typename OffsetT>
  Status ValidateOffsetValues(const ArrayData& d, bool utf8) {
    RETURN_NOT_OK(ValidateMonotonic<OffsetT>(d));
    if (!utf8 || d.length == 0) return Status::OK();
    const OffsetT* offsets = d.buffers[1]->data_as<OffsetT>() + d.offset;
    const uint8_t* data = d.buffers[2] ? d.buffers[2]->data() : nullptr;
    // All values' bytes are contiguous: when they are plain ASCII (the common case), every value
    // is valid UTF-8 whatever its boundaries, and one pass over the bytes settles it.
    if (data != nullptr && IsAscii(data + offsets[0], static_cast<int64_t>(offsets[d.length] - offsets[0]))) {
      return Status::OK();
    }
    for (int64_t i = 0; i < d.length; ++i) {
      if (!d.IsValid(i) || offsets[i + 1] == offsets[i]) continue;
      if (!IsValidUtf8(data + offsets[i], offsets[i + 1] - offsets[i])) {
        return Error(d, "invalid UTF-8 in value at index " + std::to_string(i));
      }
    }
    return Status::OK();
  }

  Status ValidateViews(const ArrayData& d) {
    const auto* views =
        d.buffers[1] ? d.buffers[1]->data_as<BinaryViewValue>() + d.offset : nullptr;
    const auto data_buffers = static_cast<int64_t>(d.buffers.size()) - 2;
    const bool utf8 = d.type->id() == TypeId::kUtf8View;
    for (int64_t i = 0; i < d.length; ++i) {
      if (!d.IsValid(i)) continue;
      const BinaryViewValue& view = views[i];
      const std::string where = "view at index " + std::to_string(i);
      if (view.size < 0) return Error(d, where + " has negative size " + std::to_string(view.size));
      const uint8_t* bytes = view.inline_data();
      if (!view.is_inline()) {
        const int32_t index = view.buffer_index();
        const int32_t offset = view.buffer_offset();
        if (index < 0 || index >= data_buffers) {
          return Error(d, where + " refers to data buffer " + std::to_string(index) +
                              " but there are " + std::to_string(data_buffers));
        }
        const int64_t size = d.buffers[2 + static_cast<size_t>(index)]->size();
        if (offset < 0 || static_cast<int64_t>(offset) + view.size > size) {
          return Error(d, where + " (offset " + std::to_string(offset) + ", size " +
                              std::to_string(view.size) + ") is past the end of data buffer " +
                              std::to_string(index) + " (" + std::to_string(size) + " bytes)");
        }
        bytes = d.buffers[2 + static_cast<size_t>(index)]->data() + offset;
        if (std::memcmp(view.inline_data(), bytes, BinaryViewValue::kPrefixSize) != 0) {
          return Error(d, where + " has a prefix that does not match its data");
        }
      }
      if (utf8 && !IsValidUtf8(bytes, view.size)) {
        return Error(d, "invalid UTF-8 in value at index " + std::to_string(i));
      }
    }
    return Status::OK();
  }

  Status ValidateIndices(const ArrayData& d) {
    const int64_t dictionary_length = d.dictionary->length;
    const uint8_t* raw = d.buffers[1] ? d.buffers[1]->data() : nullptr;
    const TypeId index_id = d.type->index_type()->id();
    for (int64_t i = 0; i < d.length; ++i) {
      if (!d.IsValid(i)) continue;
      const int64_t slot = d.offset + i;
      int64_t index = 0;
      bool too_large = false;
      switch (index_id) {
        case TypeId::kInt8:
          index = reinterpret_cast<const int8_t*>(raw)[slot];
          break;
        case TypeId::kUInt8:
          index = raw[slot];
          break;
        case TypeId::kInt16:
          index = reinterpret_cast<const int16_t*>(raw)[slot];
          break;
        case TypeId::kUInt16:
          index = reinterpret_cast<const uint16_t*>(raw)[slot];
          break;
        case TypeId::kInt32:
          index = reinterpret_cast<const int32_t*>(raw)[slot];
          break;
        case TypeId::kUInt32:
          index = reinterpret_cast<const uint32_t*>(raw)[slot];
          break;
        case TypeId::kInt64:
          index = reinterpret_cast<const int64_t*>(raw)[slot];
          break;
        default: {
          const uint64_t u = reinterpret_cast<const uint64_t*>(raw)[slot];
          too_large = u > static_cast<uint64_t>(INT64_MAX);
          index = static_cast<int64_t>(u);
        }
      }
      if (too_large || index < 0 || index >= dictionary_length) {
        return Error(d, "dictionary index at index " + std::to_string(i) + " (" +
                            std::to_string(index) + ") is out of range for a dictionary of " +
                            std::to_string(dictionary_length) + " values");
      }
    }
    return Status::OK();
  }

  Status ValidateMapKeys(const ArrayData& d) {
    if (d.length == 0) return Status::OK();
    const int32_t* offsets = d.buffers[1]->data_as<int32_t>() + d.offset;
    const ArrayData& entries = *d.child_data[0];
    if (entries.child_data.size() != 2) return Error(d, "entries must have 2 children");
    const ArrayData& keys = *entries.child_data[0];
    for (int64_t pos = offsets[0]; pos < offsets[d.length]; ++pos) {
      if (!entries.IsValid(pos)) return Error(d, "entry " + std::to_string(pos) + " is null");
      if (!keys.IsValid(entries.offset + pos))
        return Error(d, "key of entry " + std::to_string(pos) + " is null");
    }
    return Status::OK();
  }

  bool full_;
};

}  // namespace

bool IsValidUtf8(const uint8_t* data, int64_t size) {
  int64_t i = 0;
  while (i < size) {
    // ASCII runs are the common case: check eight bytes at a time.
    if (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, data + i, sizeof(word));
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const uint8_t c = data[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int extra = 0;
    uint8_t low = 0x80;  // allowed range of the first continuation byte
    uint8_t high = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
      if (c == 0xe0) low = 0xa0;   // overlong
      if (c == 0xed) high = 0x9f;  // UTF-16 surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
      if (c == 0xf0) low = 0x90;   // overlong
      if (c == 0xf4) high = 0x8f;  // past U+10FFFF
    } else {
      return false;
    }
    if (i + extra >= size) return false;  // truncated sequence
    if (data[i + 1] < low || data[i + 1] > high) return false;
    for (int k = 2; k <= extra; ++k) {
      if ((data[i + k] & 0xc0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

Status ValidateArrayData(const ArrayData& data, bool full) {
  return Validator(full).Validate(data, 0);
}

Status ValidateRecordBatch(const RecordBatch& batch, bool full) {
  const Schema& schema = *batch.schema();
  if (batch.num_columns() != schema.num_fields()) {
    return Status::InvalidData("record batch has " + std::to_string(batch.num_columns()) +
                               " columns but its schema has " +
                               std::to_string(schema.num_fields()) + " fields");
  }
  if (batch.num_rows() < 0) return Status::InvalidData("record batch has a negative row count");
  for (int i = 0; i < batch.num_columns(); ++i) {
    const std::string where = "column \"" + schema.field(i)->name() + "\"";
    const ArrayDataPtr& column = batch.column_data(i);
    if (column == nullptr) return Status::InvalidData(where + " is missing");
    if (column->length != batch.num_rows()) {
      return Status::InvalidData(where + " has " + std::to_string(column->length) +
                                 " rows, expected " + std::to_string(batch.num_rows()));
    }
    if (column->type == nullptr || !column->type->Equals(*schema.field(i)->type())) {
      return Status::InvalidData(where + " has type " +
                                 (column->type ? column->type->ToString() : "(none)") +
                                 " but the schema says " + schema.field(i)->type()->ToString());
    }
    Status st = ValidateArrayData(*column, full);
    if (!st.ok()) return st.WithContext(where);
  }
  return Status::OK();
}

}  // namespace ballista::arrow
