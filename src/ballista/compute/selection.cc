#include "ballista/compute/selection.h"

#include <cstring>

#include "ballista/compute/kernel_util.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

// Index source: raw indices of one C type with optional validity.
template <typename I>
struct Indices {
  const I* values;
  int64_t count;
  const uint8_t* validity;  // may be null
  int64_t validity_offset;
  bool IsValid(int64_t i) const {
    return validity == nullptr || arrow::bit_util::GetBit(validity, validity_offset + i);
  }
  int64_t operator[](int64_t i) const { return static_cast<int64_t>(values[i]); }
};

template <typename I>
Status CheckBounds(const Indices<I>& idx, int64_t length) {
  for (int64_t i = 0; i < idx.count; ++i) {
    if (!idx.IsValid(i)) continue;
    const int64_t v = idx[i];
    if (v < 0 || v >= length) {
      return Status::InvalidArgument("take index " + std::to_string(v) + " out of range for " +
                                     std::to_string(length) + " rows");
    }
  }
  return Status::OK();
}

template <typename I>
Result<std::shared_ptr<ArrayData>> TakeImpl(const ArrayData& values, const Indices<I>& idx,
                                            MemoryPool* pool);

// Output validity: index valid and value valid. Null when nothing is null.
template <typename I>
Result<std::shared_ptr<Buffer>> TakeValidity(const ArrayData& values, const Indices<I>& idx,
                                             MemoryPool* pool, int64_t* null_count) {
  const uint8_t* v = values.validity();
  const bool values_have_nulls = v != nullptr && values.GetNullCount() > 0;
  *null_count = 0;
  if (!values_have_nulls && idx.validity == nullptr) return std::shared_ptr<Buffer>();
  ASSIGN_OR_RAISE(auto out, AllocateBitmap(idx.count, pool));
  uint8_t* bits = out->mutable_data();
  int64_t valid = 0;
  for (int64_t i = 0; i < idx.count; ++i) {
    const bool ok = idx.IsValid(i) &&
                    (!values_have_nulls || arrow::bit_util::GetBit(v, values.offset + idx[i]));
    if (ok) {
      arrow::bit_util::SetBit(bits, i);
      ++valid;
    }
  }
  *null_count = idx.count - valid;
  if (*null_count == 0) return std::shared_ptr<Buffer>();
  return out;
}

template <typename I, typename W>
void GatherFixed(const uint8_t* src, const Indices<I>& idx, uint8_t* dst) {
  const W* s = reinterpret_cast<const W*>(src);
  W* d = reinterpret_cast<W*>(dst);
  if (idx.validity == nullptr) {
    for (int64_t i = 0; i < idx.count; ++i) std::memcpy(d + i, s + idx[i], sizeof(W));
  } else {
    for (int64_t i = 0; i < idx.count; ++i) {
      if (idx.IsValid(i)) std::memcpy(d + i, s + idx[i], sizeof(W));
    }
  }
}

struct Bytes16 {
  uint8_t b[16];
};

template <typename I, typename O>
Result<std::shared_ptr<ArrayData>> TakeBinary(const ArrayData& values, const Indices<I>& idx,
                                              std::shared_ptr<Buffer> validity, int64_t nulls,
                                              MemoryPool* pool) {
  const O* offsets = values.GetValues<O>(1);
  const uint8_t* data = values.buffers[2] ? values.buffers[2]->data() : nullptr;
  ASSIGN_OR_RAISE(auto out_offsets, AllocateBuffer((idx.count + 1) * sizeof(O), pool));
  O* oo = out_offsets->template mutable_data_as<O>();
  int64_t total = 0;
  oo[0] = 0;
  for (int64_t i = 0; i < idx.count; ++i) {
    if (idx.IsValid(i)) total += offsets[idx[i] + 1] - offsets[idx[i]];
    oo[i + 1] = static_cast<O>(total);
  }
  if (total > std::numeric_limits<O>::max()) {
    return Status::ResourcesExhausted("take: string data exceeds the offset type");
  }
  ASSIGN_OR_RAISE(auto out_data, AllocateBuffer(total, pool));
  uint8_t* od = out_data->mutable_data();
  for (int64_t i = 0; i < idx.count; ++i) {
    const int64_t len = oo[i + 1] - oo[i];
    if (len > 0) std::memcpy(od + oo[i], data + offsets[idx[i]], static_cast<size_t>(len));
  }
  return ArrayData::Make(values.type, idx.count,
                         {std::move(validity), std::move(out_offsets), std::move(out_data)}, nulls);
}

template <typename I, typename O>
Result<std::shared_ptr<ArrayData>> TakeList(const ArrayData& values, const Indices<I>& idx,
                                            std::shared_ptr<Buffer> validity, int64_t nulls,
                                            MemoryPool* pool) {
  const O* offsets = values.GetValues<O>(1);
  ASSIGN_OR_RAISE(auto out_offsets, AllocateBuffer((idx.count + 1) * sizeof(O), pool));
  O* oo = out_offsets->template mutable_data_as<O>();
  std::vector<int64_t> child_indices;
  oo[0] = 0;
  for (int64_t i = 0; i < idx.count; ++i) {
    if (idx.IsValid(i)) {
      for (O k = offsets[idx[i]]; k < offsets[idx[i] + 1]; ++k) child_indices.push_back(k);
    }
    oo[i + 1] = static_cast<O>(child_indices.size());
  }
  Indices<int64_t> child_idx{child_indices.data(), static_cast<int64_t>(child_indices.size()),
                             nullptr, 0};
  ASSIGN_OR_RAISE(auto child, TakeImpl(*values.child_data[0], child_idx, pool));
  return ArrayData::Make(values.type, idx.count, {std::move(validity), std::move(out_offsets)},
                         {std::move(child)}, nulls);
}

template <typename I>
Result<std::shared_ptr<ArrayData>> TakeImpl(const ArrayData& values, const Indices<I>& idx,
                                            MemoryPool* pool) {
  const TypeId id = values.type->id();
  if (id == TypeId::kNull) return ArrayData::Make(values.type, idx.count, {}, idx.count);
  int64_t nulls = 0;
  ASSIGN_OR_RAISE(auto validity, TakeValidity(values, idx, pool, &nulls));
  if (id == TypeId::kBool) {
    ASSIGN_OR_RAISE(auto bits, AllocateBitmap(idx.count, pool));
    const uint8_t* src = values.buffers[1]->data();
    for (int64_t i = 0; i < idx.count; ++i) {
      if (idx.IsValid(i) && arrow::bit_util::GetBit(src, values.offset + idx[i])) {
        arrow::bit_util::SetBit(bits->mutable_data(), i);
      }
    }
    return ArrayData::Make(values.type, idx.count, {std::move(validity), std::move(bits)}, nulls);
  }
  const int width = values.type->byte_width();
  if (arrow::IsFixedWidth(id) && width > 0 && id != TypeId::kDictionary) {
    ASSIGN_OR_RAISE(auto out, AllocateBuffer(idx.count * width, pool));
    const uint8_t* src = values.buffers[1]->data() + values.offset * width;
    uint8_t* dst = out->mutable_data();
    switch (width) {
      case 1: GatherFixed<I, uint8_t>(src, idx, dst); break;
      case 2: GatherFixed<I, uint16_t>(src, idx, dst); break;
      case 4: GatherFixed<I, uint32_t>(src, idx, dst); break;
      case 8: GatherFixed<I, uint64_t>(src, idx, dst); break;
      case 16: GatherFixed<I, Bytes16>(src, idx, dst); break;
      default:
        for (int64_t i = 0; i < idx.count; ++i) {
          if (idx.IsValid(i)) std::memcpy(dst + i * width, src + idx[i] * width, width);
        }
    }
    return ArrayData::Make(values.type, idx.count, {std::move(validity), std::move(out)}, nulls);
  }
  switch (id) {
    case TypeId::kUtf8:
    case TypeId::kBinary: return TakeBinary<I, int32_t>(values, idx, validity, nulls, pool);
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return TakeBinary<I, int64_t>(values, idx, validity, nulls, pool);
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      // Views are gathered; the data buffers are shared as they are.
      ASSIGN_OR_RAISE(auto views, AllocateBuffer(idx.count * 16, pool));
      GatherFixed<I, Bytes16>(values.buffers[1]->data() + values.offset * 16, idx,
                              views->mutable_data());
      std::vector<std::shared_ptr<Buffer>> buffers = {std::move(validity), std::move(views)};
      for (size_t b = 2; b < values.buffers.size(); ++b) buffers.push_back(values.buffers[b]);
      return ArrayData::Make(values.type, idx.count, std::move(buffers), nulls);
    }
    case TypeId::kList:
    case TypeId::kMap: return TakeList<I, int32_t>(values, idx, validity, nulls, pool);
    case TypeId::kLargeList: return TakeList<I, int64_t>(values, idx, validity, nulls, pool);
    case TypeId::kStruct: {
      std::vector<std::shared_ptr<ArrayData>> children;
      for (const auto& child : values.child_data) {
        auto window = child->Slice(values.offset, values.length);
        ASSIGN_OR_RAISE(auto taken, TakeImpl(*window, idx, pool));
        children.push_back(std::move(taken));
      }
      return ArrayData::Make(values.type, idx.count, {std::move(validity)}, std::move(children),
                             nulls);
    }
    case TypeId::kFixedSizeList: {
      const int64_t size = values.type->fixed_size();
      std::vector<int64_t> child_indices;
      child_indices.reserve(static_cast<size_t>(idx.count * size));
      for (int64_t i = 0; i < idx.count; ++i) {
        const int64_t start = (values.offset + (idx.IsValid(i) ? idx[i] : 0)) * size;
        for (int64_t k = 0; k < size; ++k) child_indices.push_back(start + k);
      }
      Indices<int64_t> ci{child_indices.data(), static_cast<int64_t>(child_indices.size()), nullptr, 0};
      ASSIGN_OR_RAISE(auto child, TakeImpl(*values.child_data[0], ci, pool));
      return ArrayData::Make(values.type, idx.count, {std::move(validity)}, {std::move(child)},
                             nulls);
    }
    case TypeId::kDictionary: {
      auto raw = std::make_shared<ArrayData>(values);
      raw->type = values.type->index_type();
      raw->dictionary.reset();
      ASSIGN_OR_RAISE(auto taken, TakeImpl(*raw, idx, pool));
      auto out = std::make_shared<ArrayData>(*taken);
      out->type = values.type;
      out->dictionary = values.dictionary;
      return out;
    }
    default:
      return Status::TypeError("take does not support " + values.type->ToString());
  }
}

template <typename I>
Result<std::shared_ptr<ArrayData>> CheckedTake(const ArrayData& values, const Indices<I>& idx,
                                               ExecContext* ctx) {
  RETURN_NOT_OK(CheckBounds(idx, values.length));
  return TakeImpl(values, idx, PoolOf(ctx));
}

// ---- Concatenate ----

Result<std::shared_ptr<Buffer>> ConcatValidity(const std::vector<std::shared_ptr<ArrayData>>& arrays,
                                               int64_t total, MemoryPool* pool, int64_t* nulls) {
  *nulls = 0;
  for (const auto& a : arrays) *nulls += a->GetNullCount();
  if (*nulls == 0) return std::shared_ptr<Buffer>();
  ASSIGN_OR_RAISE(auto out, AllocateBitmap(total, pool));
  int64_t pos = 0;
  for (const auto& a : arrays) {
    if (a->validity()) {
      arrow::bit_util::CopyBitmap(a->validity(), a->offset, a->length, out->mutable_data(), pos);
    } else {
      arrow::bit_util::SetBitsTo(out->mutable_data(), pos, a->length, a->type->id() != TypeId::kNull);
    }
    pos += a->length;
  }
  return out;
}

template <typename O>
Result<std::shared_ptr<ArrayData>> ConcatBinary(const std::vector<std::shared_ptr<ArrayData>>& arrays,
                                                int64_t total, std::shared_ptr<Buffer> validity,
                                                int64_t nulls, MemoryPool* pool) {
  int64_t bytes = 0;
  for (const auto& a : arrays) {
    const O* off = a->GetValues<O>(1);
    if (a->length > 0) bytes += off[a->length] - off[0];
  }
  if (bytes > std::numeric_limits<O>::max()) {
    return Status::ResourcesExhausted("concatenate: string data exceeds the offset type");
  }
  ASSIGN_OR_RAISE(auto offsets, AllocateBuffer((total + 1) * sizeof(O), pool));
  ASSIGN_OR_RAISE(auto data, AllocateBuffer(bytes, pool));
  O* oo = offsets->template mutable_data_as<O>();
  int64_t row = 0;
  O base = 0;
  oo[0] = 0;
  for (const auto& a : arrays) {
    if (a->length == 0) continue;
    const O* off = a->GetValues<O>(1);
    const O len = off[a->length] - off[0];
    if (len > 0) std::memcpy(data->mutable_data() + base, a->buffers[2]->data() + off[0], len);
    for (int64_t i = 1; i <= a->length; ++i) oo[row + i] = base + (off[i] - off[0]);
    row += a->length;
    base += len;
  }
  return ArrayData::Make(arrays[0]->type, total, {std::move(validity), std::move(offsets), std::move(data)},
                         nulls);
}

}  // namespace

Result<std::shared_ptr<ArrayData>> Take(const ArrayData& values, const ArrayData& indices,
                                        ExecContext* ctx) {
  const uint8_t* v = indices.GetNullCount() > 0 ? indices.validity() : nullptr;
  switch (indices.type->id()) {
    case TypeId::kInt8:
      return CheckedTake(values, Indices<int8_t>{indices.GetValues<int8_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kUInt8:
      return CheckedTake(values, Indices<uint8_t>{indices.GetValues<uint8_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kInt16:
      return CheckedTake(values, Indices<int16_t>{indices.GetValues<int16_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kUInt16:
      return CheckedTake(values, Indices<uint16_t>{indices.GetValues<uint16_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kInt32:
      return CheckedTake(values, Indices<int32_t>{indices.GetValues<int32_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kUInt32:
      return CheckedTake(values, Indices<uint32_t>{indices.GetValues<uint32_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kInt64:
      return CheckedTake(values, Indices<int64_t>{indices.GetValues<int64_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kUInt64:
      return CheckedTake(values, Indices<uint64_t>{indices.GetValues<uint64_t>(1), indices.length, v, indices.offset}, ctx);
    case TypeId::kNull:
      return arrow::MakeArrayFromScalar(arrow::Scalar::Null(values.type), indices.length, PoolOf(ctx));
    default:
      return Status::TypeError("take indices must be integers, not " + SqlTypeName(indices.type));
  }
}

Result<std::shared_ptr<ArrayData>> Take(const ArrayData& values, const uint32_t* indices,
                                        int64_t count, ExecContext* ctx) {
  return CheckedTake(values, Indices<uint32_t>{indices, count, nullptr, 0}, ctx);
}

Result<std::shared_ptr<ArrayData>> Take(const ArrayData& values, const int64_t* indices,
                                        int64_t count, ExecContext* ctx) {
  return CheckedTake(values, Indices<int64_t>{indices, count, nullptr, 0}, ctx);
}

std::vector<uint32_t> MaskToIndices(const ArrayData& mask) {
  std::vector<uint32_t> out;
  if (mask.type->id() == TypeId::kNull) return out;
  const uint8_t* bits = mask.buffers[1]->data();
  const uint8_t* valid = mask.GetNullCount() > 0 ? mask.validity() : nullptr;
  out.reserve(static_cast<size_t>(mask.length / 2));
  for (int64_t i = 0; i < mask.length; ++i) {
    const int64_t k = mask.offset + i;
    if (arrow::bit_util::GetBit(bits, k) && (valid == nullptr || arrow::bit_util::GetBit(valid, k))) {
      out.push_back(static_cast<uint32_t>(i));
    }
  }
  return out;
}

Result<std::shared_ptr<ArrayData>> Filter(const ArrayData& values, const ArrayData& mask,
                                          ExecContext* ctx) {
  if (mask.length != values.length) {
    return Status::InvalidArgument("filter mask has " + std::to_string(mask.length) +
                                   " rows, values have " + std::to_string(values.length));
  }
  if (mask.type->id() != TypeId::kBool && mask.type->id() != TypeId::kNull) {
    return Status::TypeError("filter mask must be BOOLEAN, not " + SqlTypeName(mask.type));
  }
  const std::vector<uint32_t> indices = MaskToIndices(mask);
  if (static_cast<int64_t>(indices.size()) == values.length) {
    return std::make_shared<ArrayData>(values);
  }
  return TakeImpl(values, Indices<uint32_t>{indices.data(), static_cast<int64_t>(indices.size()), nullptr, 0},
                  PoolOf(ctx));
}

Result<std::shared_ptr<ArrayData>> Concatenate(const std::vector<std::shared_ptr<ArrayData>>& arrays,
                                               ExecContext* ctx) {
  if (arrays.empty()) return Status::InvalidArgument("concatenate needs at least one array");
  const auto& type = arrays[0]->type;
  int64_t total = 0;
  for (const auto& a : arrays) {
    if (!a->type->Equals(*type)) {
      return Status::InvalidArgument("concatenate: arrays have different types: " +
                                     type->ToString() + " and " + a->type->ToString());
    }
    total += a->length;
  }
  if (arrays.size() == 1) return arrays[0];
  MemoryPool* pool = PoolOf(ctx);
  const TypeId id = type->id();
  if (id == TypeId::kNull) return ArrayData::Make(type, total, {}, total);
  int64_t nulls = 0;
  ASSIGN_OR_RAISE(auto validity, ConcatValidity(arrays, total, pool, &nulls));
  if (id == TypeId::kBool) {
    ASSIGN_OR_RAISE(auto bits, AllocateBitmap(total, pool));
    int64_t pos = 0;
    for (const auto& a : arrays) {
      arrow::bit_util::CopyBitmap(a->buffers[1]->data(), a->offset, a->length, bits->mutable_data(), pos);
      pos += a->length;
    }
    return ArrayData::Make(type, total, {std::move(validity), std::move(bits)}, nulls);
  }
  const int width = type->byte_width();
  if (arrow::IsFixedWidth(id) && width > 0) {
    ASSIGN_OR_RAISE(auto out, AllocateBuffer(total * width, pool));
    int64_t pos = 0;
    for (const auto& a : arrays) {
      if (a->length > 0) {
        std::memcpy(out->mutable_data() + pos * width, a->buffers[1]->data() + a->offset * width,
                    static_cast<size_t>(a->length * width));
      }
      pos += a->length;
    }
    return ArrayData::Make(type, total, {std::move(validity), std::move(out)}, nulls);
  }
  switch (id) {
    case TypeId::kUtf8:
    case TypeId::kBinary: return ConcatBinary<int32_t>(arrays, total, validity, nulls, pool);
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: return ConcatBinary<int64_t>(arrays, total, validity, nulls, pool);
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      ASSIGN_OR_RAISE(auto views, AllocateBuffer(total * 16, pool));
      auto* out = views->mutable_data_as<arrow::BinaryViewValue>();
      std::vector<std::shared_ptr<Buffer>> buffers = {std::move(validity), std::move(views)};
      int64_t pos = 0;
      for (const auto& a : arrays) {
        const int32_t base = static_cast<int32_t>(buffers.size() - 2);
        const auto* in = a->GetValues<arrow::BinaryViewValue>(1);
        for (int64_t i = 0; i < a->length; ++i) {
          arrow::BinaryViewValue v = in[i];
          if (!v.is_inline()) {
            const int32_t index = v.buffer_index() + base;
            std::memcpy(v.rest + 4, &index, sizeof(index));
          }
          out[pos + i] = v;
        }
        for (size_t b = 2; b < a->buffers.size(); ++b) buffers.push_back(a->buffers[b]);
        pos += a->length;
      }
      return ArrayData::Make(type, total, std::move(buffers), nulls);
    }
    default: {
      // Nested and dictionary types: stack the rows through Take over each input.
      std::vector<std::shared_ptr<ArrayData>> pieces;
      if (id == TypeId::kDictionary) {
        bool same = true;
        for (const auto& a : arrays) same = same && a->dictionary == arrays[0]->dictionary;
        if (!same) {
          return Status::Unsupported("concatenate of dictionary arrays with different dictionaries");
        }
      }
      if (id == TypeId::kStruct) {
        std::vector<std::shared_ptr<ArrayData>> children;
        for (int f = 0; f < type->num_fields(); ++f) {
          std::vector<std::shared_ptr<ArrayData>> parts;
          for (const auto& a : arrays) parts.push_back(a->child_data[f]->Slice(a->offset, a->length));
          ASSIGN_OR_RAISE(auto child, Concatenate(parts, ctx));
          children.push_back(std::move(child));
        }
        return ArrayData::Make(type, total, {std::move(validity)}, std::move(children), nulls);
      }
      if (id == TypeId::kList || id == TypeId::kMap || id == TypeId::kLargeList ||
          id == TypeId::kFixedSizeList || id == TypeId::kDictionary) {
        std::vector<std::shared_ptr<ArrayData>> taken;
        for (const auto& a : arrays) {
          std::vector<int64_t> idx(static_cast<size_t>(a->length));
          for (int64_t i = 0; i < a->length; ++i) idx[static_cast<size_t>(i)] = i;
          ASSIGN_OR_RAISE(auto t, TakeImpl(*a, Indices<int64_t>{idx.data(), a->length, nullptr, 0}, pool));
          taken.push_back(std::move(t));
        }
        // Compacted inputs: offsets start at zero and children hold exactly the used values.
        if (id == TypeId::kDictionary) {
          std::vector<std::shared_ptr<ArrayData>> raw;
          for (auto& t : taken) {
            auto r = std::make_shared<ArrayData>(*t);
            r->type = type->index_type();
            r->dictionary.reset();
            raw.push_back(std::move(r));
          }
          ASSIGN_OR_RAISE(auto indices, Concatenate(raw, ctx));
          auto out = std::make_shared<ArrayData>(*indices);
          out->type = type;
          out->dictionary = arrays[0]->dictionary;
          return out;
        }
        std::vector<std::shared_ptr<ArrayData>> children;
        for (auto& t : taken) children.push_back(t->child_data[0]);
        ASSIGN_OR_RAISE(auto child, Concatenate(children, ctx));
        if (id == TypeId::kFixedSizeList) {
          return ArrayData::Make(type, total, {std::move(validity)}, {std::move(child)}, nulls);
        }
        const bool large = id == TypeId::kLargeList;
        ASSIGN_OR_RAISE(auto offsets, AllocateBuffer((total + 1) * (large ? 8 : 4), pool));
        int64_t row = 0, base = 0;
        for (auto& t : taken) {
          for (int64_t i = 0; i <= t->length; ++i) {
            const int64_t o = large ? t->GetValues<int64_t>(1)[i] : t->GetValues<int32_t>(1)[i];
            if (large) {
              offsets->mutable_data_as<int64_t>()[row + i] = base + o;
            } else {
              offsets->mutable_data_as<int32_t>()[row + i] = static_cast<int32_t>(base + o);
            }
          }
          row += t->length;
          base += t->child_data[0]->length;
        }
        return ArrayData::Make(type, total, {std::move(validity), std::move(offsets)},
                               {std::move(child)}, nulls);
      }
      return Status::TypeError("concatenate does not support " + type->ToString());
    }
  }
}

Result<std::shared_ptr<arrow::RecordBatch>> FilterRecordBatch(const arrow::RecordBatch& batch,
                                                              const ArrayData& mask,
                                                              ExecContext* ctx) {
  const std::vector<uint32_t> indices = MaskToIndices(mask);
  if (mask.length != batch.num_rows()) {
    return Status::InvalidArgument("filter mask length differs from the batch");
  }
  return TakeRecordBatch(batch, indices.data(), static_cast<int64_t>(indices.size()), ctx);
}

Result<std::shared_ptr<arrow::RecordBatch>> TakeRecordBatch(const arrow::RecordBatch& batch,
                                                            const uint32_t* indices, int64_t count,
                                                            ExecContext* ctx) {
  std::vector<std::shared_ptr<ArrayData>> columns;
  for (const auto& c : batch.columns()) {
    ASSIGN_OR_RAISE(auto taken, Take(*c, indices, count, ctx));
    columns.push_back(std::move(taken));
  }
  return std::make_shared<arrow::RecordBatch>(batch.schema(), count, std::move(columns));
}

Result<std::shared_ptr<arrow::RecordBatch>> TakeRecordBatch(const arrow::RecordBatch& batch,
                                                            const ArrayData& indices,
                                                            ExecContext* ctx) {
  std::vector<std::shared_ptr<ArrayData>> columns;
  for (const auto& c : batch.columns()) {
    ASSIGN_OR_RAISE(auto taken, Take(*c, indices, ctx));
    columns.push_back(std::move(taken));
  }
  return std::make_shared<arrow::RecordBatch>(batch.schema(), indices.length, std::move(columns));
}

Result<std::shared_ptr<arrow::RecordBatch>> ConcatenateRecordBatches(
    const arrow::SchemaPtr& schema, const std::vector<std::shared_ptr<arrow::RecordBatch>>& batches,
    ExecContext* ctx) {
  std::vector<std::shared_ptr<ArrayData>> columns;
  int64_t rows = 0;
  for (const auto& b : batches) rows += b->num_rows();
  for (int c = 0; c < schema->num_fields(); ++c) {
    std::vector<std::shared_ptr<ArrayData>> parts;
    for (const auto& b : batches) parts.push_back(b->column_data(c));
    if (parts.empty()) {
      ASSIGN_OR_RAISE(auto empty, arrow::MakeArrayFromScalar(
                                      arrow::Scalar::Null(schema->field(c)->type()), 0, PoolOf(ctx)));
      columns.push_back(std::move(empty));
      continue;
    }
    ASSIGN_OR_RAISE(auto col, Concatenate(parts, ctx));
    columns.push_back(std::move(col));
  }
  return std::make_shared<arrow::RecordBatch>(schema, rows, std::move(columns));
}

}  // namespace ballista::compute
