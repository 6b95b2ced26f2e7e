#include "ballista/formats/parquet/column_values.h"

#include <cmath>
#include <cstring>

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;
using Id = a::TypeId;

template <typename T>
void AppendLe(T value, std::string* out) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));
  out->append(buf, sizeof(T));
}

int64_t SecondsFactor(const a::DataType& t) { return t.unit() == a::TimeUnit::kSecond ? 1000 : 1; }

}  // namespace

Status ColumnValues::Append(const a::ArrayData& values, const std::vector<int64_t>& index) {
  if (index.empty()) return Status::OK();
  const a::DataType& t = *values.type;
  const uint8_t* raw =
      values.buffers.size() > 1 && values.buffers[1] ? values.buffers[1]->data() : nullptr;
  auto widen32 = [&](auto sample) {
    using T = decltype(sample);
    const T* v = reinterpret_cast<const T*>(raw);
    for (int64_t k : index) i32_.push_back(static_cast<int32_t>(v[k]));
  };
  auto widen64 = [&](auto sample, int64_t factor) {
    using T = decltype(sample);
    const T* v = reinterpret_cast<const T*>(raw);
    for (int64_t k : index) i64_.push_back(static_cast<int64_t>(v[k]) * factor);
  };
  switch (t.id()) {
    case Id::kBool:
      for (int64_t k : index) bools_.push_back((raw[k >> 3] >> (k & 7)) & 1);
      return Status::OK();
    case Id::kInt8:
      widen32(int8_t{});
      return Status::OK();
    case Id::kInt16:
      widen32(int16_t{});
      return Status::OK();
    case Id::kInt32:
    case Id::kDate32:
      widen32(int32_t{});
      return Status::OK();
    case Id::kUInt8:
      widen32(uint8_t{});
      return Status::OK();
    case Id::kUInt16:
      widen32(uint16_t{});
      return Status::OK();
    case Id::kUInt32:
      widen32(uint32_t{});  // the bit pattern; the UINT_32 annotation restores it
      return Status::OK();
    case Id::kTime32: {
      const int32_t* v = reinterpret_cast<const int32_t*>(raw);
      int32_t factor = static_cast<int32_t>(SecondsFactor(t));
      for (int64_t k : index) i32_.push_back(v[k] * factor);
      return Status::OK();
    }
    case Id::kDate64: {
      const int64_t* v = reinterpret_cast<const int64_t*>(raw);
      constexpr int64_t kMsPerDay = 86400000;
      for (int64_t k : index) {
        int64_t days = v[k] / kMsPerDay - (v[k] % kMsPerDay < 0 ? 1 : 0);
        i32_.push_back(static_cast<int32_t>(days));
      }
      return Status::OK();
    }
    case Id::kInt64:
    case Id::kUInt64:
    case Id::kTime64:
      widen64(int64_t{}, 1);
      return Status::OK();
    case Id::kTimestamp:
      widen64(int64_t{}, SecondsFactor(t));
      return Status::OK();
    case Id::kFloat32: {
      const float* v = reinterpret_cast<const float*>(raw);
      for (int64_t k : index) f32_.push_back(v[k]);
      return Status::OK();
    }
    case Id::kFloat64: {
      const double* v = reinterpret_cast<const double*>(raw);
      for (int64_t k : index) f64_.push_back(v[k]);
      return Status::OK();
    }
    case Id::kDecimal32:
      widen32(int32_t{});
      return Status::OK();
    case Id::kDecimal64:
      if (leaf_.physical == PhysicalType::kInt32) {
        widen32(int64_t{});
      } else {
        widen64(int64_t{}, 1);
      }
      return Status::OK();
    case Id::kDecimal128: {
      if (leaf_.physical != PhysicalType::kFixedLenByteArray) {
        // Precision <= 18: the low 64 bits hold the whole two's complement value.
        for (int64_t k : index) {
          int64_t low;
          std::memcpy(&low, raw + k * 16, 8);
          if (leaf_.physical == PhysicalType::kInt32) {
            i32_.push_back(static_cast<int32_t>(low));
          } else {
            i64_.push_back(low);
          }
        }
        return Status::OK();
      }
      // Big-endian two's complement of `width` bytes: the low bytes of the little-endian value.
      int width = leaf_.type_length;
      for (int64_t k : index) {
        const uint8_t* le = raw + k * 16;
        for (int b = width - 1; b >= 0; --b) bytes_.push_back(static_cast<char>(le[b]));
        ends_.push_back(static_cast<int64_t>(bytes_.size()));
      }
      return Status::OK();
    }
    case Id::kFloat16:
    case Id::kFixedSizeBinary: {
      int width = t.id() == Id::kFloat16 ? 2 : t.fixed_size();
      for (int64_t k : index) {
        bytes_.append(reinterpret_cast<const char*>(raw) + k * width, static_cast<size_t>(width));
        ends_.push_back(static_cast<int64_t>(bytes_.size()));
      }
      return Status::OK();
    }
    case Id::kUtf8:
    case Id::kBinary:
    case Id::kLargeUtf8:
    case Id::kLargeBinary: {
      bool large = t.id() == Id::kLargeUtf8 || t.id() == Id::kLargeBinary;
      const char* data = values.buffers[2] ? values.buffers[2]->data_as<char>() : "";
      for (int64_t k : index) {
        int64_t begin, end;
        if (large) {
          begin = reinterpret_cast<const int64_t*>(raw)[k];
          end = reinterpret_cast<const int64_t*>(raw)[k + 1];
        } else {
          begin = reinterpret_cast<const int32_t*>(raw)[k];
          end = reinterpret_cast<const int32_t*>(raw)[k + 1];
        }
        bytes_.append(data + begin, static_cast<size_t>(end - begin));
        ends_.push_back(static_cast<int64_t>(bytes_.size()));
      }
      return Status::OK();
    }
    default:
      return Status::Unsupported("parquet writer: cannot write values of type " + t.ToString());
  }
}

int64_t ColumnValues::size() const {
  switch (leaf_.physical) {
    case PhysicalType::kBoolean:
      return static_cast<int64_t>(bools_.size());
    case PhysicalType::kInt32:
      return static_cast<int64_t>(i32_.size());
    case PhysicalType::kInt64:
      return static_cast<int64_t>(i64_.size());
    case PhysicalType::kFloat:
      return static_cast<int64_t>(f32_.size());
    case PhysicalType::kDouble:
      return static_cast<int64_t>(f64_.size());
    default:
      return static_cast<int64_t>(ends_.size());
  }
}

int64_t ColumnValues::plain_bytes() const {
  switch (leaf_.physical) {
    case PhysicalType::kBoolean:
      return static_cast<int64_t>(bools_.size() / 8 + 1);
    case PhysicalType::kByteArray:
      return static_cast<int64_t>(bytes_.size() + 4 * ends_.size());
    case PhysicalType::kFixedLenByteArray:
      return static_cast<int64_t>(bytes_.size());
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return size() * 8;
    default:
      return size() * 4;
  }
}

void ColumnValues::Clear() {
  bools_.clear();
  i32_.clear();
  i64_.clear();
  f32_.clear();
  f64_.clear();
  bytes_.clear();
  ends_.clear();
}

std::string_view ColumnValues::Bytes(int64_t i) const {
  int64_t begin = i == 0 ? 0 : ends_[static_cast<size_t>(i - 1)];
  return std::string_view(bytes_).substr(
      static_cast<size_t>(begin), static_cast<size_t>(ends_[static_cast<size_t>(i)] - begin));
}

void ColumnValues::EncodePlain(int64_t begin, int64_t end, std::string* out) const {
  auto raw = [&](const auto& vec) {
    using T = typename std::decay_t<decltype(vec)>::value_type;
    out->append(reinterpret_cast<const char*>(vec.data() + begin),
                static_cast<size_t>(end - begin) * sizeof(T));
  };
  switch (leaf_.physical) {
    case PhysicalType::kBoolean: {
      uint8_t acc = 0;
      int bits = 0;
      for (int64_t i = begin; i < end; ++i) {
        acc = static_cast<uint8_t>(acc | (bools_[static_cast<size_t>(i)] << bits));
        if (++bits == 8) {
          out->push_back(static_cast<char>(acc));
          acc = 0;
          bits = 0;
        }
      }
      if (bits > 0) out->push_back(static_cast<char>(acc));
      return;
    }
    case PhysicalType::kInt32:
      raw(i32_);
      return;
    case PhysicalType::kInt64:
      raw(i64_);
      return;
    case PhysicalType::kFloat:
      raw(f32_);
      return;
    case PhysicalType::kDouble:
      raw(f64_);
      return;
    case PhysicalType::kByteArray:
      for (int64_t i = begin; i < end; ++i) {
        std::string_view v = Bytes(i);
        AppendLe(static_cast<uint32_t>(v.size()), out);
        out->append(v);
      }
      return;
    default: {
      int64_t first = begin == 0 ? 0 : ends_[static_cast<size_t>(begin - 1)];
      int64_t last = end == 0 ? 0 : ends_[static_cast<size_t>(end - 1)];
      out->append(bytes_, static_cast<size_t>(first), static_cast<size_t>(last - first));
      return;
    }
  }
}

std::string ColumnValues::StatsValue(int64_t i) const {
  std::string out;
  size_t s = static_cast<size_t>(i);
  switch (leaf_.physical) {
    case PhysicalType::kBoolean:
      out.push_back(static_cast<char>(bools_[s]));
      break;
    case PhysicalType::kInt32:
      AppendLe(i32_[s], &out);
      break;
    case PhysicalType::kInt64:
      AppendLe(i64_[s], &out);
      break;
    case PhysicalType::kFloat:
      AppendLe(f32_[s], &out);
      break;
    case PhysicalType::kDouble:
      AppendLe(f64_[s], &out);
      break;
    default:
      out = std::string(Bytes(i));
  }
  return out;
}

int64_t ColumnValues::ValueSize(int64_t i) const {
  switch (leaf_.physical) {
    case PhysicalType::kByteArray:
      return static_cast<int64_t>(Bytes(i).size()) + 4;
    case PhysicalType::kFixedLenByteArray:
      return leaf_.type_length;
    case PhysicalType::kBoolean:
      return 1;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    default:
      return 4;
  }
}

bool ColumnValues::IsNaN(int64_t i) const {
  if (leaf_.physical == PhysicalType::kFloat) return std::isnan(f32_[static_cast<size_t>(i)]);
  if (leaf_.physical == PhysicalType::kDouble) return std::isnan(f64_[static_cast<size_t>(i)]);
  return false;
}

bool ColumnValues::Less(int64_t i, int64_t j) const {
  size_t x = static_cast<size_t>(i), y = static_cast<size_t>(j);
  bool unsigned_order = leaf_.order == StatsOrder::kUnsigned;
  switch (leaf_.physical) {
    case PhysicalType::kBoolean:
      return bools_[x] < bools_[y];
    case PhysicalType::kInt32:
      return unsigned_order ? static_cast<uint32_t>(i32_[x]) < static_cast<uint32_t>(i32_[y])
                            : i32_[x] < i32_[y];
    case PhysicalType::kInt64:
      return unsigned_order ? static_cast<uint64_t>(i64_[x]) < static_cast<uint64_t>(i64_[y])
                            : i64_[x] < i64_[y];
    case PhysicalType::kFloat:
      return f32_[x] < f32_[y];
    case PhysicalType::kDouble:
      return f64_[x] < f64_[y];
    default: {
      std::string_view a = Bytes(i), b = Bytes(j);
      if (leaf_.order == StatsOrder::kSignedBytes && !a.empty() && !b.empty() && a[0] != b[0]) {
        // Equal widths: the sign lives in the first byte, the rest compares unsigned.
        return static_cast<int8_t>(a[0]) < static_cast<int8_t>(b[0]);
      }
      return a < b;  // char_traits<char> compares as unsigned char
    }
  }
}

uint64_t ColumnValues::FixedKey(int64_t i) const {
  size_t s = static_cast<size_t>(i);
  uint64_t key = 0;
  switch (leaf_.physical) {
    case PhysicalType::kInt32:
      return static_cast<uint32_t>(i32_[s]);
    case PhysicalType::kInt64:
      return static_cast<uint64_t>(i64_[s]);
    case PhysicalType::kFloat: {
      uint32_t bits;
      std::memcpy(&bits, &f32_[s], 4);
      return bits;
    }
    case PhysicalType::kDouble:
      std::memcpy(&key, &f64_[s], 8);
      return key;
    default:
      return bools_.empty() ? 0 : bools_[s];
  }
}

}  // namespace ballista::formats::parquet
