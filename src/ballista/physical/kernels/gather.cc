#include "ballista/arrow/builder_primitive.h"
#include "ballista/compute/selection.h"
#include "ballista/physical/kernels/gather.h"

#include <cstring>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/type.h"
#include "ballista/common/buffer.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;
namespace bu = ballista::arrow::bit_util;

bool RefIsValid(const std::vector<const a::ArrayData*>& chunks, const RowRef& ref) {
  return ref.chunk >= 0 && chunks[static_cast<size_t>(ref.chunk)]->IsValid(ref.row);
}

/// The validity bitmap of the gathered rows (null when every row is valid) and the null count.
Result<std::shared_ptr<Buffer>> GatherValidity(const std::vector<const a::ArrayData*>& chunks,
                                               const RowRef* refs, int64_t n, MemoryPool* pool,
                                               int64_t* null_count) {
  int64_t nulls = 0;
  for (int64_t i = 0; i < n; ++i) nulls += RefIsValid(chunks, refs[i]) ? 0 : 1;
  *null_count = nulls;
  if (nulls == 0) return std::shared_ptr<Buffer>();
  ASSIGN_OR_RAISE(auto bitmap, AllocateBuffer(bu::BytesForBits(n), pool));
  uint8_t* bits = bitmap->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    if (RefIsValid(chunks, refs[i])) bu::SetBit(bits, i);
  }
  return bitmap;
}

Result<a::ArrayDataPtr> GatherBool(const a::DataTypePtr& type,
                                   const std::vector<const a::ArrayData*>& chunks,
                                   const RowRef* refs, int64_t n, MemoryPool* pool) {
  int64_t null_count = 0;
  ASSIGN_OR_RAISE(auto validity, GatherValidity(chunks, refs, n, pool, &null_count));
  ASSIGN_OR_RAISE(auto values, AllocateBuffer(bu::BytesForBits(n), pool));
  uint8_t* out = values->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    if (refs[i].chunk < 0) continue;
    const a::ArrayData& src = *chunks[static_cast<size_t>(refs[i].chunk)];
    if (bu::GetBit(src.buffers[1]->data(), src.offset + refs[i].row)) bu::SetBit(out, i);
  }
  return a::ArrayData::Make(type, n, {validity, values}, null_count);
}

Result<a::ArrayDataPtr> GatherFixed(const a::DataTypePtr& type, int width,
                                    const std::vector<const a::ArrayData*>& chunks,
                                    const RowRef* refs, int64_t n, MemoryPool* pool) {
  int64_t null_count = 0;
  ASSIGN_OR_RAISE(auto validity, GatherValidity(chunks, refs, n, pool, &null_count));
  ASSIGN_OR_RAISE(auto values, AllocateBuffer(n * width, pool));
  uint8_t* out = values->mutable_data();
  // Per chunk, where its values start; then typed copies for the common widths (a memcpy call
  // per value costs several times more).
  std::vector<const uint8_t*> starts(chunks.size());
  for (size_t c = 0; c < chunks.size(); ++c) {
    starts[c] = chunks[c]->buffers[1] ? chunks[c]->buffers[1]->data() + chunks[c]->offset * width : nullptr;
  }
  auto copy = [&](auto tag) {
    using T = decltype(tag);
    T* dst = reinterpret_cast<T*>(out);
    for (int64_t i = 0; i < n; ++i) {
      if (refs[i].chunk < 0) {
        dst[i] = T{};
        continue;
      }
      T value;
      std::memcpy(&value, starts[static_cast<size_t>(refs[i].chunk)] + static_cast<size_t>(refs[i].row) * sizeof(T),
                  sizeof(T));
      dst[i] = value;
    }
  };
  switch (width) {
    case 1: copy(uint8_t{}); break;
    case 2: copy(uint16_t{}); break;
    case 4: copy(uint32_t{}); break;
    case 8: copy(uint64_t{}); break;
    case 16: copy(__int128{}); break;
    default:
      for (int64_t i = 0; i < n; ++i) {
        if (refs[i].chunk < 0) continue;
        std::memcpy(out + i * width, starts[static_cast<size_t>(refs[i].chunk)] + static_cast<size_t>(refs[i].row) * width,
                    static_cast<size_t>(width));
      }
  }
  return a::ArrayData::Make(type, n, {validity, values}, null_count);
}

template <typename Offset>
Result<a::ArrayDataPtr> GatherBinary(const a::DataTypePtr& type,
                                     const std::vector<const a::ArrayData*>& chunks,
                                     const RowRef* refs, int64_t n, MemoryPool* pool) {
  int64_t null_count = 0;
  ASSIGN_OR_RAISE(auto validity, GatherValidity(chunks, refs, n, pool, &null_count));
  ASSIGN_OR_RAISE(auto offsets, AllocateBuffer((n + 1) * static_cast<int64_t>(sizeof(Offset)), pool));
  Offset* out_offsets = offsets->template mutable_data_as<Offset>();
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    out_offsets[i] = static_cast<Offset>(total);
    if (refs[i].chunk < 0) continue;
    const a::ArrayData& src = *chunks[static_cast<size_t>(refs[i].chunk)];
    const Offset* o = src.GetValues<Offset>(1);
    total += o[refs[i].row + 1] - o[refs[i].row];
  }
  out_offsets[n] = static_cast<Offset>(total);
  if (sizeof(Offset) == 4 && total > INT32_MAX) {
    return Status::ResourcesExhausted("gathered string data exceeds 2 GiB in one array");
  }
  ASSIGN_OR_RAISE(auto data, AllocateBuffer(total, pool));
  uint8_t* out = data->mutable_data();
  for (int64_t i = 0; i < n; ++i) {
    if (refs[i].chunk < 0) continue;
    const a::ArrayData& src = *chunks[static_cast<size_t>(refs[i].chunk)];
    const Offset* o = src.GetValues<Offset>(1);
    const int64_t len = o[refs[i].row + 1] - o[refs[i].row];
    if (len > 0) {
      std::memcpy(out + out_offsets[i], src.buffers[2]->data() + o[refs[i].row],
                  static_cast<size_t>(len));
    }
  }
  return a::ArrayData::Make(type, n, {validity, offsets, data}, null_count);
}

/// Nested types (lists, maps, structs, ...): the referenced chunks concatenated once, then
/// taken through compute's Take, which handles every nesting; a negative chunk gives NULL.
Result<a::ArrayDataPtr> GatherNested(const a::DataTypePtr& type, const std::vector<const a::ArrayData*>& chunks,
                                     const RowRef* refs, int64_t n, MemoryPool* pool) {
  std::vector<a::ArrayDataPtr> parts;
  std::vector<int64_t> base;
  int64_t total = 0;
  for (const a::ArrayData* chunk : chunks) {
    base.push_back(total);
    total += chunk->length;
    // Borrowed for the duration of this call only.
    parts.push_back(a::ArrayDataPtr(a::ArrayDataPtr(), const_cast<a::ArrayData*>(chunk)));
  }
  compute::ExecContext ctx{pool};
  a::ArrayDataPtr all;
  if (parts.empty()) {
    ASSIGN_OR_RAISE(all, a::MakeArrayFromScalar(a::Scalar::Null(type), 0, pool));
  } else if (parts.size() == 1) {
    all = parts[0];
  } else {
    ASSIGN_OR_RAISE(all, compute::Concatenate(parts, &ctx));
  }
  a::Int64Builder indices;
  RETURN_NOT_OK(indices.Reserve(n));
  for (int64_t i = 0; i < n; ++i) {
    if (refs[i].chunk < 0) {
      RETURN_NOT_OK(indices.AppendNull());
    } else {
      RETURN_NOT_OK(indices.Append(base[static_cast<size_t>(refs[i].chunk)] + refs[i].row));
    }
  }
  ASSIGN_OR_RAISE(auto index_array, indices.Finish());
  return compute::Take(*all, *index_array, &ctx);
}

}  // namespace

Result<a::ArrayDataPtr> Gather(const a::DataTypePtr& type,
                               const std::vector<const a::ArrayData*>& chunks, const RowRef* refs,
                               int64_t num_refs, MemoryPool* pool) {
  switch (type->id()) {
    case a::TypeId::kNull:
      return a::ArrayData::Make(type, num_refs, {nullptr}, num_refs);
    case a::TypeId::kBool:
      return GatherBool(type, chunks, refs, num_refs, pool);
    case a::TypeId::kUtf8:
    case a::TypeId::kBinary:
      return GatherBinary<int32_t>(type, chunks, refs, num_refs, pool);
    case a::TypeId::kLargeUtf8:
    case a::TypeId::kLargeBinary:
      return GatherBinary<int64_t>(type, chunks, refs, num_refs, pool);
    default:
      break;
  }
  const int width = type->byte_width();
  if (width > 0 && type->num_fields() == 0) {
    return GatherFixed(type, width, chunks, refs, num_refs, pool);
  }
  return GatherNested(type, chunks, refs, num_refs, pool);
}

Result<a::RecordBatchPtr> GatherBatch(const a::SchemaPtr& schema,
                                      const std::vector<a::RecordBatchPtr>& chunks,
                                      const RowRef* refs, int64_t num_refs, MemoryPool* pool) {
  std::vector<a::ArrayDataPtr> columns;
  std::vector<const a::ArrayData*> column_chunks(chunks.size());
  for (int c = 0; c < schema->num_fields(); ++c) {
    for (size_t k = 0; k < chunks.size(); ++k) column_chunks[k] = chunks[k]->column_data(c).get();
    ASSIGN_OR_RAISE(auto column,
                    Gather(schema->field(c)->type(), column_chunks, refs, num_refs, pool));
    columns.push_back(std::move(column));
  }
  return std::make_shared<a::RecordBatch>(schema, num_refs, std::move(columns));
}

Result<a::ArrayDataPtr> TakeArray(const a::ArrayDataPtr& array, const int64_t* indices,
                                  int64_t num_indices, MemoryPool* pool) {
  std::vector<RowRef> refs(static_cast<size_t>(num_indices));
  for (int64_t i = 0; i < num_indices; ++i) {
    if (indices[i] >= 0) refs[static_cast<size_t>(i)] = {0, static_cast<uint32_t>(indices[i])};
  }
  return Gather(array->type, {array.get()}, refs.data(), num_indices, pool);
}

Result<a::RecordBatchPtr> TakeBatch(const a::RecordBatchPtr& batch, const int64_t* indices,
                                    int64_t num_indices, MemoryPool* pool) {
  std::vector<RowRef> refs(static_cast<size_t>(num_indices));
  for (int64_t i = 0; i < num_indices; ++i) {
    if (indices[i] >= 0) refs[static_cast<size_t>(i)] = {0, static_cast<uint32_t>(indices[i])};
  }
  return GatherBatch(batch->schema(), {batch}, refs.data(), num_indices, pool);
}

Result<a::ArrayDataPtr> ConcatArrays(const a::DataTypePtr& type,
                                     const std::vector<a::ArrayDataPtr>& arrays, MemoryPool* pool) {
  if (arrays.size() == 1) return arrays[0];
  std::vector<const a::ArrayData*> chunks;
  std::vector<RowRef> refs;
  for (size_t k = 0; k < arrays.size(); ++k) {
    chunks.push_back(arrays[k].get());
    for (int64_t r = 0; r < arrays[k]->length; ++r) {
      refs.push_back({static_cast<int32_t>(k), static_cast<uint32_t>(r)});
    }
  }
  return Gather(type, chunks, refs.data(), static_cast<int64_t>(refs.size()), pool);
}

Result<a::RecordBatchPtr> ConcatBatches(const a::SchemaPtr& schema,
                                        const std::vector<a::RecordBatchPtr>& batches,
                                        MemoryPool* pool) {
  if (batches.size() == 1) return batches[0];
  std::vector<RowRef> refs;
  for (size_t k = 0; k < batches.size(); ++k) {
    for (int64_t r = 0; r < batches[k]->num_rows(); ++r) {
      refs.push_back({static_cast<int32_t>(k), static_cast<uint32_t>(r)});
    }
  }
  return GatherBatch(schema, batches, refs.data(), static_cast<int64_t>(refs.size()), pool);
}

Result<a::RecordBatchPtr> EmptyBatch(const a::SchemaPtr& schema, MemoryPool* pool) {
  return GatherBatch(schema, {}, nullptr, 0, pool);
}

}  // namespace ballista::physical
