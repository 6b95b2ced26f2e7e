#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/common/buffer.h"

namespace ballista::arrow {

inline constexpr int64_t kUnknownNullCount = -1;

/// The physical form of an Arrow array, laid out exactly as the columnar specification says, so it
/// crosses the C data interface, IPC and Flight without conversion. Buffers by type:
///   Null: none.  Bool and fixed-width: [validity, values].
///   Utf8/Binary (+Large): [validity, offsets (int32/int64, length + 1), data].
///   Utf8View/BinaryView: [validity, views (16 bytes each), variadic data buffers...].
///   List/LargeList/Map: [validity, offsets], one child.  FixedSizeList/Struct: [validity], children.
///   Dictionary: [validity, indices]; `dictionary` holds the values (type = value type).
/// A null validity buffer means "no nulls". `offset` and `length` select a window of the buffers
/// (zero-copy slices); children of List/Map are not sliced, those of Struct/FixedSizeList are
/// addressed through the parent's offset. Shared immutable once built; thread-safe for reads.
struct ArrayData {
  DataTypePtr type;
  int64_t length = 0;
  /// Number of nulls, or kUnknownNullCount (computed lazily by GetNullCount).
  mutable std::atomic<int64_t> null_count{0};
  int64_t offset = 0;
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::vector<std::shared_ptr<ArrayData>> child_data;
  std::shared_ptr<ArrayData> dictionary;

  ArrayData() = default;
  ArrayData(DataTypePtr type, int64_t length, std::vector<std::shared_ptr<Buffer>> buffers,
            int64_t null_count = kUnknownNullCount, int64_t offset = 0)
      : type(std::move(type)), length(length), null_count(null_count), offset(offset),
        buffers(std::move(buffers)) {}
  ArrayData(const ArrayData& other);
  ArrayData& operator=(const ArrayData& other) = delete;

  static std::shared_ptr<ArrayData> Make(DataTypePtr type, int64_t length,
                                         std::vector<std::shared_ptr<Buffer>> buffers,
                                         int64_t null_count = kUnknownNullCount, int64_t offset = 0);
  static std::shared_ptr<ArrayData> Make(DataTypePtr type, int64_t length,
                                         std::vector<std::shared_ptr<Buffer>> buffers,
                                         std::vector<std::shared_ptr<ArrayData>> child_data,
                                         int64_t null_count = kUnknownNullCount, int64_t offset = 0);

  /// Null count, counting the validity bitmap once if it is unknown. Null type: length.
  int64_t GetNullCount() const;
  /// True when slot i (relative to `offset`) is valid. Null type: always false.
  bool IsValid(int64_t i) const;
  bool IsNull(int64_t i) const { return !IsValid(i); }

  /// A zero-copy window [offset, offset + length) of this array (relative to this->offset).
  std::shared_ptr<ArrayData> Slice(int64_t slice_offset, int64_t slice_length) const;

  /// Pointer to buffer i's data viewed as T, advanced by this array's offset (for fixed-width
  /// values and offsets buffers). Null when the buffer is absent.
  template <typename T>
  const T* GetValues(int i) const {
    const auto& b = buffers[static_cast<size_t>(i)];
    return b ? b->data_as<T>() + offset : nullptr;
  }
  const uint8_t* validity() const { return buffers.empty() || !buffers[0] ? nullptr : buffers[0]->data(); }
};

using ArrayDataPtr = std::shared_ptr<ArrayData>;

}  // namespace ballista::arrow
