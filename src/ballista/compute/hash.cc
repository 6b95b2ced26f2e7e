#include "ballista/compute/hash.h"

#include <cstring>

#include "ballista/arrow/array.h"
#include "ballista/arrow/decimal_util.h"
#include "ballista/arrow/scalar.h"
#include "ballista/compute/kernel_util.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

constexpr uint64_t kNullHash = 0x5bd1e9955bd1e995ULL;
constexpr uint64_t kSeed = 0x9E3779B97F4A7C15ULL;

inline uint64_t Combine(uint64_t acc, uint64_t h) {
  return Mix64(acc ^ (h + kSeed + (acc << 6) + (acc >> 2)));
}

inline uint64_t HashWord(uint64_t v) { return Mix64(v ^ kSeed); }

template <typename T>
inline uint64_t HashValue(T v) {
  if constexpr (std::is_floating_point_v<T>) {
    double d = static_cast<double>(v);
    if (d == 0) d = 0;            // -0.0 -> 0.0
    if (d != d) return HashWord(0x7ff8000000000000ULL);
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return HashWord(bits);
  } else if constexpr (std::is_same_v<T, __int128>) {
    return Combine(HashWord(static_cast<uint64_t>(v)), HashWord(static_cast<uint64_t>(v >> 64)));
  } else if constexpr (std::is_same_v<T, arrow::MonthDayNanoInterval>) {
    return Combine(HashWord((static_cast<uint64_t>(static_cast<uint32_t>(v.months)) << 32) |
                            static_cast<uint32_t>(v.days)),
                   HashWord(static_cast<uint64_t>(v.nanos)));
  } else if constexpr (std::is_signed_v<T>) {
    return HashWord(static_cast<uint64_t>(static_cast<int64_t>(v)));
  } else {
    return HashWord(static_cast<uint64_t>(v));
  }
}

template <typename F>
void Emit(const ArrayData& a, uint64_t* out, bool combine, F&& value_hash) {
  const uint8_t* valid = a.GetNullCount() > 0 ? a.validity() : nullptr;
  for (int64_t i = 0; i < a.length; ++i) {
    const uint64_t h =
        (valid && !arrow::bit_util::GetBit(valid, a.offset + i)) ? kNullHash : value_hash(i);
    out[i] = combine ? Combine(out[i], h) : h;
  }
}

}  // namespace

uint64_t HashBytes(const void* data, size_t size) {
  // 8 bytes at a time through the mixer, then the tail and the length.
  const auto* p = static_cast<const uint8_t*>(data);
  uint64_t h = kSeed ^ (size * 0xff51afd7ed558ccdULL);
  while (size >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = Mix64(h ^ w) * 0x9E3779B97F4A7C15ULL;
    p += 8;
    size -= 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, size);
  return Mix64(h ^ tail ^ (size << 56));
}

Status HashArray(const ArrayData& a, uint64_t* out, bool combine) {
  const TypeId id = a.type->id();
  if (id == TypeId::kNull) {
    for (int64_t i = 0; i < a.length; ++i) out[i] = combine ? Combine(out[i], kNullHash) : kNullHash;
    return Status::OK();
  }
  if (id == TypeId::kBool) {
    const uint8_t* bits = a.buffers[1]->data();
    Emit(a, out, combine, [&](int64_t i) { return HashWord(arrow::bit_util::GetBit(bits, a.offset + i)); });
    return Status::OK();
  }
  if (arrow::IsStringLike(id) || arrow::IsBinaryLike(id)) {
    StringReader r{Datum(std::make_shared<ArrayData>(a))};
    Emit(a, out, combine, [&](int64_t i) {
      const std::string_view v = r[i];
      return HashBytes(v.data(), v.size());
    });
    return Status::OK();
  }
  if (id == TypeId::kDecimal32 || id == TypeId::kDecimal64 || id == TypeId::kDecimal256) {
    const int w = a.type->byte_width();
    const uint8_t* base = a.buffers[1]->data() + a.offset * w;
    Emit(a, out, combine, [&](int64_t i) { return HashValue(arrow::decimal::ToInt128(base + i * w, w)); });
    return Status::OK();
  }
  if (id == TypeId::kFloat16) {
    const uint16_t* v = a.GetValues<uint16_t>(1);
    Emit(a, out, combine, [&](int64_t i) { return HashValue(arrow::Float16ToFloat(v[i])); });
    return Status::OK();
  }
  if (id == TypeId::kDictionary) {
    std::vector<uint64_t> dict_hashes(static_cast<size_t>(a.dictionary->length));
    RETURN_NOT_OK(HashArray(*a.dictionary, dict_hashes.data(), false));
    Emit(a, out, combine, [&](int64_t i) {
      return dict_hashes[static_cast<size_t>(arrow::GetDictionaryIndex(a, i))];
    });
    return Status::OK();
  }
  bool handled = DispatchFixedWidth(id, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* v = a.GetValues<T>(1);
    Emit(a, out, combine, [&](int64_t i) { return HashValue<T>(LoadValue(v + i)); });
  });
  if (handled) return Status::OK();
  // Nested values: through their scalar form (slow, but these are rare as keys).
  for (int64_t i = 0; i < a.length; ++i) {
    ASSIGN_OR_RAISE(auto s, arrow::ScalarFromArray(a, i));
    const uint64_t h = s.is_null() ? kNullHash : HashWord(s.Hash());
    out[i] = combine ? Combine(out[i], h) : h;
  }
  return Status::OK();
}

Status HashColumns(const std::vector<std::shared_ptr<ArrayData>>& columns, uint64_t* out) {
  for (size_t c = 0; c < columns.size(); ++c) {
    RETURN_NOT_OK(HashArray(*columns[c], out, c > 0));
  }
  return Status::OK();
}

}  // namespace ballista::compute
