#include "ballista/formats/parquet/column_to_arrow.h"

#include <cstring>
#include <limits>

#include "ballista/common/buffer.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

// Julian day number of 1970-01-01: INT96 timestamps count days from the Julian epoch.
constexpr int64_t kJulianUnixEpochDay = 2440588;
constexpr int64_t kNanosPerDay = int64_t{86400} * 1000 * 1000 * 1000;

void SetBit(uint8_t* bits, int64_t i) { bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }

// Sign-extends a big-endian two's-complement integer of `n` bytes (n <= 16) into little-endian
// 16 bytes, the decimal128 layout.
void BigEndianToDecimal128(const uint8_t* src, int64_t n, uint8_t* dst) {
  bool negative = n > 0 && (src[0] & 0x80);
  std::memset(dst, negative ? 0xff : 0, 16);
  for (int64_t i = 0; i < n; ++i) dst[i] = src[n - 1 - i];
}

void IntToDecimal128(int64_t v, uint8_t* dst) {
  __int128 wide = v;
  std::memcpy(dst, &wide, 16);
}

}  // namespace

Result<a::ArrayDataPtr> FlatColumnToArrow(const ColumnDescriptor& column,
                                          const ColumnChunkData& chunk) {
  if (column.max_definition_level > 0 &&
      static_cast<int64_t>(chunk.definition_levels.size()) != chunk.num_levels) {
    return Status::InvalidData("definition level count differs from the value count");
  }
  return LeafToArrow(column, chunk.num_levels,
                     column.max_definition_level > 0 ? chunk.definition_levels.data() : nullptr,
                     chunk.values);
}

Result<a::ArrayDataPtr> LeafToArrow(const ColumnDescriptor& column, int64_t length,
                                    const int16_t* def_levels, const DecodedValues& values) {
  const a::DataTypePtr& type = column.arrow_type;
  bool has_levels = def_levels != nullptr;
  int64_t non_null = length;
  if (has_levels) {
    non_null = 0;
    for (int64_t i = 0; i < length; ++i) non_null += def_levels[i] == column.max_definition_level;
  }
  if (values.count != non_null) {
    return Status::InvalidData("column holds " + std::to_string(values.count) + " values for " +
                               std::to_string(non_null) + " non-null slots");
  }
  std::shared_ptr<Buffer> validity;
  if (non_null != length) {
    ASSIGN_OR_RAISE(validity, AllocateBuffer((length + 7) / 8));
    uint8_t* bits = validity->mutable_data();
    for (int64_t i = 0; i < length; ++i) {
      if (def_levels[i] == column.max_definition_level) SetBit(bits, i);
    }
  }
  auto is_valid = [&](int64_t i) {
    return !has_levels || def_levels[i] == column.max_definition_level;
  };
  int64_t null_count = length - non_null;
  PhysicalType physical = *column.element.type;

  if (a::IsBaseBinary(type->id())) {
    if (values.data.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Status::Unsupported("binary column larger than 2 GiB");
    }
    ASSIGN_OR_RAISE(auto offsets, AllocateBuffer((length + 1) * 4));
    auto* out = offsets->mutable_data_as<int32_t>();
    int64_t next = 0;
    out[0] = 0;
    for (int64_t i = 0; i < length; ++i) {
      if (is_valid(i)) ++next;
      out[i + 1] = static_cast<int32_t>(values.offsets[static_cast<size_t>(next)]);
    }
    auto data = Buffer::CopyOf(values.data);
    return a::ArrayData::Make(type, length, {validity, offsets, data}, null_count);
  }

  int out_width = type->id() == a::TypeId::kBool ? 0 : type->byte_width();
  if (type->id() != a::TypeId::kBool && out_width <= 0) {
    return Status::Unsupported("parquet leaf conversion to " + type->ToString());
  }
  ASSIGN_OR_RAISE(auto buffer, AllocateBuffer(type->id() == a::TypeId::kBool ? (length + 7) / 8
                                                                             : length * out_width));
  uint8_t* dst = buffer->mutable_data();
  int in_width = values.width;
  const uint8_t* src = values.fixed.data();
  int64_t v = 0;
  for (int64_t i = 0; i < length; ++i) {
    if (!is_valid(i)) continue;
    const uint8_t* in = src + v * in_width;
    uint8_t* out = dst + i * out_width;
    ++v;
    switch (type->id()) {
      case a::TypeId::kBool:
        if (*in) SetBit(dst, i);
        break;
      case a::TypeId::kInt8:
      case a::TypeId::kUInt8:
      case a::TypeId::kInt16:
      case a::TypeId::kUInt16:
        std::memcpy(out, in, static_cast<size_t>(out_width));  // little-endian truncation
        break;
      case a::TypeId::kDecimal128:
        if (physical == PhysicalType::kInt32) {
          int32_t x;
          std::memcpy(&x, in, 4);
          IntToDecimal128(x, out);
        } else if (physical == PhysicalType::kInt64) {
          int64_t x;
          std::memcpy(&x, in, 8);
          IntToDecimal128(x, out);
        } else {
          if (in_width > 16) return Status::Unsupported("decimal wider than 16 bytes");
          BigEndianToDecimal128(in, in_width, out);
        }
        break;
      case a::TypeId::kTimestamp:
        if (physical == PhysicalType::kInt96) {
          int64_t nanos;
          uint32_t day;
          std::memcpy(&nanos, in, 8);
          std::memcpy(&day, in + 8, 4);
          int64_t ts = static_cast<int64_t>(
              static_cast<uint64_t>(static_cast<int64_t>(day) - kJulianUnixEpochDay) *
                  static_cast<uint64_t>(kNanosPerDay) +
              static_cast<uint64_t>(nanos));
          std::memcpy(out, &ts, 8);
          break;
        }
        [[fallthrough]];
      default:
        if (in_width != out_width) {
          return Status::Internal("parquet " + type->ToString() + " width mismatch");
        }
        std::memcpy(out, in, static_cast<size_t>(out_width));
    }
  }
  if (physical == PhysicalType::kByteArray && type->id() == a::TypeId::kDecimal128) {
    // Variable-length decimals: values.width is 0, so convert from the offsets instead.
    v = 0;
    for (int64_t i = 0; i < length; ++i) {
      if (!is_valid(i)) continue;
      int64_t begin = values.offsets[static_cast<size_t>(v)];
      int64_t n = values.offsets[static_cast<size_t>(v) + 1] - begin;
      ++v;
      if (n > 16) return Status::Unsupported("decimal wider than 16 bytes");
      BigEndianToDecimal128(reinterpret_cast<const uint8_t*>(values.data.data()) + begin, n,
                            dst + i * out_width);
    }
  }
  return a::ArrayData::Make(type, length, {validity, buffer}, null_count);
}

}  // namespace ballista::formats::parquet
