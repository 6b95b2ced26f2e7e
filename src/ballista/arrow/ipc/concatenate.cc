#include <cstring>
#include <string>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/ipc/concatenate_internal.h"

namespace ballista::arrow::ipc::internal {

namespace {

constexpr int64_t kViewSize = 16;
constexpr int32_t kInlineViewLimit = 12;

Result<std::shared_ptr<Buffer>> ConcatBitmaps(const ArrayData& a, const std::shared_ptr<Buffer>& a_bits,
                                              const ArrayData& b, const std::shared_ptr<Buffer>& b_bits,
                                              MemoryPool* pool) {
  int64_t length = a.length + b.length;
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(bit_util::BytesForBits(length), pool));
  uint8_t* dst = out->mutable_data();
  if (a_bits) {
    bit_util::CopyBitmap(a_bits->data(), a.offset, a.length, dst, 0);
  } else {
    bit_util::SetBitsTo(dst, 0, a.length, true);
  }
  if (b_bits) {
    bit_util::CopyBitmap(b_bits->data(), b.offset, b.length, dst, a.length);
  } else {
    bit_util::SetBitsTo(dst, a.length, b.length, true);
  }
  return std::shared_ptr<Buffer>(std::move(out));
}

Result<std::shared_ptr<Buffer>> ConcatFixed(const ArrayData& a, const ArrayData& b, int64_t width,
                                            MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make((a.length + b.length) * width, pool));
  if (width == 0) return std::shared_ptr<Buffer>(std::move(out));
  if (a.length > 0) {
    std::memcpy(out->mutable_data(), a.buffers[1]->data() + a.offset * width,
                static_cast<size_t>(a.length * width));
  }
  if (b.length > 0) {
    std::memcpy(out->mutable_data() + a.length * width, b.buffers[1]->data() + b.offset * width,
                static_cast<size_t>(b.length * width));
  }
  return std::shared_ptr<Buffer>(std::move(out));
}

/// New offsets for a followed by b; `ranges` receives each input's [first, last) value range.
template <typename T>
Result<std::shared_ptr<Buffer>> ConcatOffsets(const ArrayData& a, const ArrayData& b, int64_t ranges[4],
                                              MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make((a.length + b.length + 1) * static_cast<int64_t>(sizeof(T)), pool));
  T* dst = out->mutable_data_as<T>();
  const ArrayData* inputs[2] = {&a, &b};
  int64_t position = 0;
  T base = 0;
  for (int k = 0; k < 2; ++k) {
    const ArrayData& in = *inputs[k];
    if (in.length == 0) {
      ranges[2 * k] = ranges[2 * k + 1] = 0;
      continue;
    }
    const T* src = in.buffers[1]->data_as<T>() + in.offset;
    for (int64_t i = 0; i < in.length; ++i) dst[position++] = static_cast<T>(base + (src[i] - src[0]));
    ranges[2 * k] = static_cast<int64_t>(src[0]);
    ranges[2 * k + 1] = static_cast<int64_t>(src[in.length]);
    base = static_cast<T>(base + (src[in.length] - src[0]));
  }
  dst[position] = base;
  return std::shared_ptr<Buffer>(std::move(out));
}

Result<std::shared_ptr<Buffer>> ConcatBytes(const std::shared_ptr<Buffer>& a, int64_t a_first, int64_t a_last,
                                            const std::shared_ptr<Buffer>& b, int64_t b_first, int64_t b_last,
                                            MemoryPool* pool) {
  int64_t a_len = a_last - a_first;
  int64_t b_len = b_last - b_first;
  ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(a_len + b_len, pool));
  if (a_len > 0) std::memcpy(out->mutable_data(), a->data() + a_first, static_cast<size_t>(a_len));
  if (b_len > 0) std::memcpy(out->mutable_data() + a_len, b->data() + b_first, static_cast<size_t>(b_len));
  return std::shared_ptr<Buffer>(std::move(out));
}

Result<ArrayDataPtr> Concat(const ArrayData& a, const ArrayData& b, MemoryPool* pool, int depth) {
  if (depth > 1024) return Status::InvalidData("IPC: dictionary nesting is too deep to concatenate");
  if (!a.type->Equals(*b.type)) {
    return Status::InvalidData("IPC: delta dictionary of type " + b.type->ToString() +
                               " does not match the dictionary type " + a.type->ToString());
  }
  const DataType& type = *a.type;
  int64_t length = a.length + b.length;
  if (type.id() == TypeId::kNull) return ArrayData::Make(a.type, length, {}, length);
  auto out = ArrayData::Make(a.type, length, {nullptr}, a.GetNullCount() + b.GetNullCount());
  if (a.GetNullCount() + b.GetNullCount() > 0) {
    ASSIGN_OR_RAISE(out->buffers[0], ConcatBitmaps(a, a.buffers[0], b, b.buffers[0], pool));
  }
  switch (type.id()) {
    case TypeId::kBool: {
      ASSIGN_OR_RAISE(auto values, ConcatBitmaps(a, a.buffers[1], b, b.buffers[1], pool));
      out->buffers.push_back(std::move(values));
      return out;
    }
    case TypeId::kDictionary: {
      if (a.dictionary != b.dictionary) {
        return Status::Unsupported("IPC: a delta dictionary whose nested dictionary also changed");
      }
      ASSIGN_OR_RAISE(auto indices, ConcatFixed(a, b, type.index_type()->byte_width(), pool));
      out->buffers.push_back(std::move(indices));
      out->dictionary = a.dictionary;
      return out;
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      int64_t ranges[4];
      std::shared_ptr<Buffer> offsets;
      if (type.id() == TypeId::kLargeUtf8 || type.id() == TypeId::kLargeBinary) {
        ASSIGN_OR_RAISE(offsets, ConcatOffsets<int64_t>(a, b, ranges, pool));
      } else {
        ASSIGN_OR_RAISE(offsets, ConcatOffsets<int32_t>(a, b, ranges, pool));
      }
      ASSIGN_OR_RAISE(auto data, ConcatBytes(a.buffers[2], ranges[0], ranges[1], b.buffers[2], ranges[2],
                                             ranges[3], pool));
      out->buffers.push_back(std::move(offsets));
      out->buffers.push_back(std::move(data));
      return out;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      ASSIGN_OR_RAISE(auto views, ConcatFixed(a, b, kViewSize, pool));
      // b's out-of-line views name buffers by index: shift them past a's buffers.
      int32_t shift = static_cast<int32_t>(a.buffers.size() - 2);
      uint8_t* view = views->mutable_data() + a.length * kViewSize;
      for (int64_t i = 0; i < b.length; ++i, view += kViewSize) {
        int32_t size;
        std::memcpy(&size, view, 4);
        if (size <= kInlineViewLimit) continue;
        int32_t index;
        std::memcpy(&index, view + 8, 4);
        index += shift;
        std::memcpy(view + 8, &index, 4);
      }
      out->buffers.push_back(std::move(views));
      for (size_t i = 2; i < a.buffers.size(); ++i) out->buffers.push_back(a.buffers[i]);
      for (size_t i = 2; i < b.buffers.size(); ++i) out->buffers.push_back(b.buffers[i]);
      return out;
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      int64_t ranges[4];
      std::shared_ptr<Buffer> offsets;
      if (type.id() == TypeId::kLargeList) {
        ASSIGN_OR_RAISE(offsets, ConcatOffsets<int64_t>(a, b, ranges, pool));
      } else {
        ASSIGN_OR_RAISE(offsets, ConcatOffsets<int32_t>(a, b, ranges, pool));
      }
      out->buffers.push_back(std::move(offsets));
      ASSIGN_OR_RAISE(auto child, Concat(*a.child_data[0]->Slice(ranges[0], ranges[1] - ranges[0]),
                                         *b.child_data[0]->Slice(ranges[2], ranges[3] - ranges[2]), pool,
                                         depth + 1));
      out->child_data.push_back(std::move(child));
      return out;
    }
    case TypeId::kFixedSizeList: {
      int64_t size = type.fixed_size();
      ASSIGN_OR_RAISE(auto child, Concat(*a.child_data[0]->Slice(a.offset * size, a.length * size),
                                         *b.child_data[0]->Slice(b.offset * size, b.length * size), pool,
                                         depth + 1));
      out->child_data.push_back(std::move(child));
      return out;
    }
    case TypeId::kStruct: {
      for (size_t i = 0; i < a.child_data.size(); ++i) {
        ASSIGN_OR_RAISE(auto child, Concat(*a.child_data[i]->Slice(a.offset, a.length),
                                           *b.child_data[i]->Slice(b.offset, b.length), pool, depth + 1));
        out->child_data.push_back(std::move(child));
      }
      return out;
    }
    default:
      break;
  }
  int width = type.byte_width();
  if (width < 0) return Status::Unsupported("IPC: cannot concatenate arrays of type " + type.ToString());
  ASSIGN_OR_RAISE(auto values, ConcatFixed(a, b, width, pool));
  out->buffers.push_back(std::move(values));
  return out;
}

}  // namespace

Result<ArrayDataPtr> ConcatenateTwo(const ArrayData& a, const ArrayData& b, MemoryPool* pool) {
  return Concat(a, b, pool, 0);
}

}  // namespace ballista::arrow::ipc::internal
