#include "ballista/physical/kernels/row_encoder.h"

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/type.h"

#include <cstring>
#include <limits>

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;

template <typename Offset>
void EncodeBinary(const a::ArrayData& col, int64_t n, std::vector<std::string>* keys) {
  const Offset* offsets = col.GetValues<Offset>(1);
  const char* data = col.buffers[2] ? reinterpret_cast<const char*>(col.buffers[2]->data()) : "";
  for (int64_t i = 0; i < n; ++i) {
    std::string& key = (*keys)[static_cast<size_t>(i)];
    if (!col.IsValid(i)) {
      key.push_back('\0');
      continue;
    }
    key.push_back('\1');
    const uint32_t len = static_cast<uint32_t>(offsets[i + 1] - offsets[i]);
    key.append(reinterpret_cast<const char*>(&len), sizeof(len));
    key.append(data + offsets[i], len);
  }
}

}  // namespace

Status EncodeRows(const std::vector<a::ArrayDataPtr>& columns, int64_t num_rows,
                  std::vector<std::string>* keys) {
  for (const auto& column : columns) {
    const a::ArrayData& col = *column;
    switch (col.type->id()) {
      case a::TypeId::kNull:
        for (int64_t i = 0; i < num_rows; ++i) (*keys)[static_cast<size_t>(i)].push_back('\0');
        continue;
      case a::TypeId::kBool:
        for (int64_t i = 0; i < num_rows; ++i) {
          std::string& key = (*keys)[static_cast<size_t>(i)];
          if (!col.IsValid(i)) {
            key.push_back('\0');
          } else {
            key.push_back(a::bit_util::GetBit(col.buffers[1]->data(), col.offset + i) ? '\2' : '\1');
          }
        }
        continue;
      case a::TypeId::kUtf8:
      case a::TypeId::kBinary:
        EncodeBinary<int32_t>(col, num_rows, keys);
        continue;
      case a::TypeId::kLargeUtf8:
      case a::TypeId::kLargeBinary:
        EncodeBinary<int64_t>(col, num_rows, keys);
        continue;
      default:
        break;
    }
    const int width = col.type->byte_width();
    if (width <= 0 || col.type->num_fields() != 0) {
      return Status::Unsupported("cannot hash or group values of type " + col.type->ToString());
    }
    const bool floating = a::IsFloating(col.type->id());
    const uint8_t* base = col.buffers[1]->data() + col.offset * width;
    for (int64_t i = 0; i < num_rows; ++i) {
      std::string& key = (*keys)[static_cast<size_t>(i)];
      if (!col.IsValid(i)) {
        key.push_back('\0');
        continue;
      }
      key.push_back('\1');
      const uint8_t* value = base + i * width;
      if (floating && width == 8) {
        // -0.0 equals 0.0 and every NaN equals every other NaN.
        double d;
        std::memcpy(&d, value, 8);
        if (d == 0) d = 0;
        if (d != d) d = std::numeric_limits<double>::quiet_NaN();
        key.append(reinterpret_cast<const char*>(&d), 8);
      } else if (floating && width == 4) {
        float f;
        std::memcpy(&f, value, 4);
        if (f == 0) f = 0;
        if (f != f) f = std::numeric_limits<float>::quiet_NaN();
        key.append(reinterpret_cast<const char*>(&f), 4);
      } else {
        key.append(reinterpret_cast<const char*>(value), static_cast<size_t>(width));
      }
    }
  }
  return Status::OK();
}

void RowsWithNull(const std::vector<a::ArrayDataPtr>& columns, int64_t num_rows,
                  std::vector<uint8_t>* out) {
  out->assign(static_cast<size_t>(num_rows), 0);
  for (const auto& col : columns) {
    if (col->GetNullCount() == 0) continue;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (col->IsNull(i)) (*out)[static_cast<size_t>(i)] = 1;
    }
  }
}

}  // namespace ballista::physical
