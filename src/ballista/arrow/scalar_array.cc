// MakeArrayFromScalar: a scalar becomes a one-element array, which is then repeated. Repeating is
// written once for every layout (nested ones recurse), so list and struct scalars need no code of
// their own.

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/scalar.h"
#include "ballista/arrow/scalar_internal.h"

namespace ballista::arrow {

namespace {

using BufferPtr = std::shared_ptr<Buffer>;

Result<std::shared_ptr<PoolBuffer>> Allocate(int64_t size, MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto buffer, PoolBuffer::Make(size, pool));
  return std::shared_ptr<PoolBuffer>(std::move(buffer));
}

template <typename T>
void Store(uint8_t* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

template <typename T>
T Load(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

int64_t ReadOffset(const ArrayData& a, int64_t slot, bool large) {
  const uint8_t* p = a.buffers[1]->data();
  return large ? Load<int64_t>(p + 8 * slot) : Load<int32_t>(p + 4 * slot);
}

void WriteOffset(uint8_t* p, int64_t slot, int64_t value, bool large) {
  if (large) {
    Store<int64_t>(p + 8 * slot, value);
  } else {
    Store<int32_t>(p + 4 * slot, static_cast<int32_t>(value));
  }
}

/// An all-null array of `type`: zeroed validity and values, empty list children.
Result<std::shared_ptr<ArrayData>> MakeArrayOfNull(const DataTypePtr& type, int64_t length,
                                                   MemoryPool* pool) {
  if (type->id() == TypeId::kNull) return ArrayData::Make(type, length, {}, length);
  ASSIGN_OR_RAISE(auto validity, Allocate(bit_util::BytesForBits(length), pool));
  auto data = ArrayData::Make(type, length, {validity}, length);
  switch (type->id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      bool large = type->id() == TypeId::kLargeUtf8 || type->id() == TypeId::kLargeBinary;
      ASSIGN_OR_RAISE(auto offsets, Allocate((length + 1) * (large ? 8 : 4), pool));
      ASSIGN_OR_RAISE(auto chars, Allocate(0, pool));
      data->buffers.push_back(offsets);
      data->buffers.push_back(chars);
      break;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      ASSIGN_OR_RAISE(auto views, Allocate(16 * length, pool));
      data->buffers.push_back(views);
      break;
    }
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kMap: {
      ASSIGN_OR_RAISE(auto offsets,
                      Allocate((length + 1) * (type->id() == TypeId::kLargeList ? 8 : 4), pool));
      data->buffers.push_back(offsets);
      ASSIGN_OR_RAISE(auto child, MakeArrayOfNull(type->field(0)->type(), 0, pool));
      data->child_data.push_back(std::move(child));
      break;
    }
    case TypeId::kFixedSizeList: {
      ASSIGN_OR_RAISE(auto child,
                      MakeArrayOfNull(type->field(0)->type(), length * type->fixed_size(), pool));
      data->child_data.push_back(std::move(child));
      break;
    }
    case TypeId::kStruct:
      for (const auto& field : type->fields()) {
        ASSIGN_OR_RAISE(auto child, MakeArrayOfNull(field->type(), length, pool));
        data->child_data.push_back(std::move(child));
      }
      break;
    case TypeId::kDictionary: {
      ASSIGN_OR_RAISE(auto indices, Allocate(length * type->index_type()->byte_width(), pool));
      data->buffers.push_back(indices);
      ASSIGN_OR_RAISE(data->dictionary, MakeArrayOfNull(type->value_type(), 0, pool));
      break;
    }
    default: {
      int64_t size = type->id() == TypeId::kBool ? bit_util::BytesForBits(length)
                                                 : length * type->byte_width();
      ASSIGN_OR_RAISE(auto values, Allocate(size, pool));
      data->buffers.push_back(values);
      break;
    }
  }
  return data;
}

/// `a` concatenated with itself `times` times (new buffers; view data buffers and dictionaries
/// are shared rather than copied).
Result<std::shared_ptr<ArrayData>> Repeat(const ArrayData& a, int64_t times, MemoryPool* pool) {
  const DataTypePtr& type = a.type;
  const int64_t n = a.length * times;
  if (type->id() == TypeId::kNull) return ArrayData::Make(type, n, {}, n);
  const int64_t nulls = a.GetNullCount();
  BufferPtr validity;
  if (nulls > 0) {
    ASSIGN_OR_RAISE(auto bits, Allocate(bit_util::BytesForBits(n), pool));
    for (int64_t t = 0; t < times; ++t) {
      bit_util::CopyBitmap(a.validity(), a.offset, a.length, bits->mutable_data(), t * a.length);
    }
    validity = bits;
  }
  auto out = ArrayData::Make(type, n, {validity}, nulls * times);
  switch (type->id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary:
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kMap: {
      bool large = type->id() == TypeId::kLargeUtf8 || type->id() == TypeId::kLargeBinary ||
                   type->id() == TypeId::kLargeList;
      int64_t first = ReadOffset(a, a.offset, large);
      int64_t last = ReadOffset(a, a.offset + a.length, large);
      int64_t span = last - first;
      if (!large && span * times > INT32_MAX) {
        return Status::ResourcesExhausted("repeating a " + type->ToString() + " value " +
                                          std::to_string(times) +
                                          " times overflows its 32-bit offsets");
      }
      ASSIGN_OR_RAISE(auto offsets, Allocate((n + 1) * (large ? 8 : 4), pool));
      for (int64_t t = 0; t < times; ++t) {
        for (int64_t k = 0; k < a.length; ++k) {
          int64_t relative = ReadOffset(a, a.offset + k, large) - first;
          WriteOffset(offsets->mutable_data(), t * a.length + k, t * span + relative, large);
        }
      }
      WriteOffset(offsets->mutable_data(), n, times * span, large);
      out->buffers.push_back(offsets);
      if (IsBaseBinary(type->id())) {
        ASSIGN_OR_RAISE(auto chars, Allocate(span * times, pool));
        for (int64_t t = 0; t < times && span > 0; ++t) {
          std::memcpy(chars->mutable_data() + t * span, a.buffers[2]->data() + first,
                      static_cast<size_t>(span));
        }
        out->buffers.push_back(chars);
      } else {
        ASSIGN_OR_RAISE(auto child, Repeat(*a.child_data[0]->Slice(first, span), times, pool));
        out->child_data.push_back(std::move(child));
      }
      return out;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      ASSIGN_OR_RAISE(auto views, Allocate(16 * n, pool));
      for (int64_t t = 0; t < times && a.length > 0; ++t) {
        std::memcpy(views->mutable_data() + 16 * t * a.length, a.buffers[1]->data() + 16 * a.offset,
                    static_cast<size_t>(16 * a.length));
      }
      out->buffers.push_back(views);
      for (size_t i = 2; i < a.buffers.size(); ++i) out->buffers.push_back(a.buffers[i]);
      return out;
    }
    case TypeId::kFixedSizeList: {
      int64_t size = type->fixed_size();
      ASSIGN_OR_RAISE(auto child, Repeat(*a.child_data[0]->Slice(a.offset * size, a.length * size),
                                         times, pool));
      out->child_data.push_back(std::move(child));
      return out;
    }
    case TypeId::kStruct:
      for (const auto& child : a.child_data) {
        ASSIGN_OR_RAISE(auto repeated, Repeat(*child->Slice(a.offset, a.length), times, pool));
        out->child_data.push_back(std::move(repeated));
      }
      return out;
    case TypeId::kBool: {
      ASSIGN_OR_RAISE(auto bits, Allocate(bit_util::BytesForBits(n), pool));
      for (int64_t t = 0; t < times; ++t) {
        bit_util::CopyBitmap(a.buffers[1]->data(), a.offset, a.length, bits->mutable_data(),
                             t * a.length);
      }
      out->buffers.push_back(bits);
      return out;
    }
    default: {
      // Fixed-width values; a dictionary repeats its indices and shares its values.
      const bool dictionary = type->id() == TypeId::kDictionary;
      const int64_t width = dictionary ? type->index_type()->byte_width() : type->byte_width();
      ASSIGN_OR_RAISE(auto values, Allocate(n * width, pool));
      const int64_t chunk = a.length * width;
      for (int64_t t = 0; t < times && chunk > 0; ++t) {
        std::memcpy(values->mutable_data() + t * chunk, a.buffers[1]->data() + a.offset * width,
                    static_cast<size_t>(chunk));
      }
      out->buffers.push_back(values);
      if (dictionary) out->dictionary = a.dictionary;
      return out;
    }
  }
}

/// A one-element array holding the (valid) value of `scalar`.
Result<std::shared_ptr<ArrayData>> OneValueArray(const Scalar& scalar, MemoryPool* pool) {
  const DataTypePtr& type = scalar.type();
  const TypeId id = type->id();
  std::vector<BufferPtr> buffers = {nullptr};
  auto fixed = [&](int64_t width) -> Result<std::shared_ptr<PoolBuffer>> {
    ASSIGN_OR_RAISE(auto values, Allocate(width, pool));
    buffers.push_back(values);
    return values;
  };
  switch (id) {
    case TypeId::kBool: {
      ASSIGN_OR_RAISE(auto values, fixed(1));
      if (scalar.As<bool>()) bit_util::SetBit(values->mutable_data(), 0);
      break;
    }
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kDate32:
    case TypeId::kDate64:
    case TypeId::kTime32:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
    case TypeId::kDuration: {
      int64_t width = type->byte_width();
      ASSIGN_OR_RAISE(auto values, fixed(width));
      int64_t v = scalar.As<int64_t>();
      std::memcpy(values->mutable_data(), &v,
                  static_cast<size_t>(width));  // little-endian truncation
      break;
    }
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: {
      int64_t width = type->byte_width();
      ASSIGN_OR_RAISE(auto values, fixed(width));
      uint64_t v = scalar.As<uint64_t>();
      std::memcpy(values->mutable_data(), &v, static_cast<size_t>(width));
      break;
    }
    case TypeId::kFloat16: {
      ASSIGN_OR_RAISE(auto values, fixed(2));
      Store<uint16_t>(values->mutable_data(),
                      scalar_internal::FloatToHalf(static_cast<float>(scalar.As<double>())));
      break;
    }
    case TypeId::kFloat32: {
      ASSIGN_OR_RAISE(auto values, fixed(4));
      Store<float>(values->mutable_data(), static_cast<float>(scalar.As<double>()));
      break;
    }
    case TypeId::kFloat64: {
      ASSIGN_OR_RAISE(auto values, fixed(8));
      Store<double>(values->mutable_data(), scalar.As<double>());
      break;
    }
    case TypeId::kDecimal32:
    case TypeId::kDecimal64:
    case TypeId::kDecimal128: {
      int64_t width = type->byte_width();
      ASSIGN_OR_RAISE(auto values, fixed(width));
      __int128 v = scalar.As<__int128>();
      std::memcpy(values->mutable_data(), &v, static_cast<size_t>(width));
      break;
    }
    case TypeId::kDecimal256: {
      ASSIGN_OR_RAISE(auto values, fixed(32));
      std::memcpy(values->mutable_data(), scalar.As<Decimal256Value>().bytes.data(), 32);
      break;
    }
    case TypeId::kIntervalYearMonth: {
      ASSIGN_OR_RAISE(auto values, fixed(4));
      Store<int32_t>(values->mutable_data(), scalar.As<IntervalValue>().months);
      break;
    }
    case TypeId::kIntervalDayTime: {
      ASSIGN_OR_RAISE(auto values, fixed(8));
      const auto& v = scalar.As<IntervalValue>();
      Store<int32_t>(values->mutable_data(), v.days);
      Store<int32_t>(values->mutable_data() + 4, v.millis);
      break;
    }
    case TypeId::kIntervalMonthDayNano: {
      ASSIGN_OR_RAISE(auto values, fixed(16));
      const auto& v = scalar.As<IntervalValue>();
      Store<int32_t>(values->mutable_data(), v.months);
      Store<int32_t>(values->mutable_data() + 4, v.days);
      Store<int64_t>(values->mutable_data() + 8, v.nanos);
      break;
    }
    case TypeId::kFixedSizeBinary: {
      const auto& s = scalar.As<std::string>();
      ASSIGN_OR_RAISE(auto values, fixed(static_cast<int64_t>(s.size())));
      if (!s.empty()) std::memcpy(values->mutable_data(), s.data(), s.size());
      break;
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      bool large = id == TypeId::kLargeUtf8 || id == TypeId::kLargeBinary;
      const auto& s = scalar.As<std::string>();
      if (!large && s.size() > static_cast<size_t>(INT32_MAX)) {
        return Status::ResourcesExhausted("a " + type->ToString() + " value of " +
                                          std::to_string(s.size()) +
                                          " bytes does not fit 32-bit offsets");
      }
      ASSIGN_OR_RAISE(auto offsets, fixed(large ? 16 : 8));
      WriteOffset(offsets->mutable_data(), 1, static_cast<int64_t>(s.size()), large);
      buffers.push_back(Buffer::CopyOf(s));
      break;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      const auto& s = scalar.As<std::string>();
      if (s.size() > static_cast<size_t>(INT32_MAX)) {
        return Status::ResourcesExhausted("a " + type->ToString() + " value of " +
                                          std::to_string(s.size()) + " bytes does not fit a view");
      }
      ASSIGN_OR_RAISE(auto views, fixed(16));
      uint8_t* view = views->mutable_data();
      Store<int32_t>(view, static_cast<int32_t>(s.size()));
      if (s.size() <= 12) {
        if (!s.empty()) std::memcpy(view + 4, s.data(), s.size());
      } else {
        std::memcpy(view + 4, s.data(), 4);  // prefix
        Store<int32_t>(view + 8, 0);         // buffer index
        Store<int32_t>(view + 12, 0);        // offset
        buffers.push_back(Buffer::CopyOf(s));
      }
      break;
    }
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kMap: {
      bool large = id == TypeId::kLargeList;
      const auto& values = scalar.As<std::shared_ptr<ArrayData>>();
      ASSIGN_OR_RAISE(auto offsets, fixed(large ? 16 : 8));
      WriteOffset(offsets->mutable_data(), 1, values->length, large);
      return ArrayData::Make(type, 1, std::move(buffers), {values}, 0);
    }
    case TypeId::kFixedSizeList:
      return ArrayData::Make(type, 1, std::move(buffers), {scalar.As<std::shared_ptr<ArrayData>>()},
                             0);
    case TypeId::kStruct: return scalar.As<std::shared_ptr<ArrayData>>();
    case TypeId::kDictionary: {
      RETURN_NOT_OK(fixed(type->index_type()->byte_width()));  // index 0: the only value
      auto data = ArrayData::Make(type, 1, std::move(buffers), 0);
      data->dictionary = scalar.As<std::shared_ptr<ArrayData>>();
      return data;
    }
    case TypeId::kNull: return ArrayData::Make(type, 1, {}, 1);
  }
  return ArrayData::Make(type, 1, std::move(buffers), 0);
}

}  // namespace

Result<std::shared_ptr<ArrayData>> MakeArrayFromScalar(const Scalar& scalar, int64_t length,
                                                       MemoryPool* pool) {
  if (length < 0) {
    return Status::InvalidArgument("MakeArrayFromScalar: negative length " +
                                   std::to_string(length));
  }
  if (scalar.type() == nullptr)
    return Status::InvalidArgument("MakeArrayFromScalar: scalar has no type");
  if (!scalar.is_valid()) return MakeArrayOfNull(scalar.type(), length, pool);
  ASSIGN_OR_RAISE(auto one, OneValueArray(scalar, pool));
  return Repeat(*one, length, pool);
}

}  // namespace ballista::arrow
