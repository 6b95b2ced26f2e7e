#include "ballista/arrow/ipc/payload.h"

#include <cstring>
#include <string>
#include <vector>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/ipc/metadata_internal.h"

namespace ballista::arrow::ipc {

namespace {

namespace fb = internal::fb;
using flatbuffers::FlatBufferBuilder;

/// Bytes in one view entry of Utf8View/BinaryView.
constexpr int64_t kViewSize = 16;

/// A zero-length buffer, shared: absent buffers are written as empty ranges.
std::shared_ptr<Buffer> EmptyBuffer() {
  static const std::shared_ptr<Buffer> kEmpty = Buffer::CopyOf("");
  return kEmpty;
}

/// Collects the nodes and (uncompressed) buffers of arrays in the format's pre-order. One
/// collector per message, used by one thread.
class BodyCollector {
 public:
  explicit BodyCollector(MemoryPool* pool) : pool_(pool) {}

  Status Visit(const ArrayData& data, int depth);

  std::vector<fb::FieldNode> nodes;
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::vector<int64_t> variadic_counts;

 private:
  Status CheckSize(const std::shared_ptr<Buffer>& buffer, int64_t needed, const ArrayData& data,
                   std::string_view what) const {
    int64_t have = buffer ? buffer->size() : 0;
    if (have < needed) {
      return Status::InvalidArgument("IPC writer: " + data.type->ToString() + " array: " +
                                     std::string(what) + " buffer has " + std::to_string(have) +
                                     " bytes, the array needs " + std::to_string(needed));
    }
    return Status::OK();
  }

  /// `length` bits starting at bit `offset`, moved to bit 0 when the offset is not byte aligned.
  Result<std::shared_ptr<Buffer>> Bitmap(const ArrayData& data, const std::shared_ptr<Buffer>& bits,
                                         std::string_view what) {
    if (data.length == 0) return EmptyBuffer();
    int64_t bytes = bit_util::BytesForBits(data.length);
    RETURN_NOT_OK(CheckSize(bits, bit_util::BytesForBits(data.offset + data.length), data, what));
    if (data.offset % 8 == 0) return Buffer::Slice(bits, data.offset / 8, bytes);
    ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(bytes, pool_));
    bit_util::CopyBitmap(bits->data(), data.offset, data.length, out->mutable_data(), 0);
    return std::shared_ptr<Buffer>(std::move(out));
  }

  Result<std::shared_ptr<Buffer>> FixedWidth(const ArrayData& data, const std::shared_ptr<Buffer>& values,
                                             int64_t width) {
    if (data.length == 0) return EmptyBuffer();
    RETURN_NOT_OK(CheckSize(values, (data.offset + data.length) * width, data, "values"));
    return Buffer::Slice(values, data.offset * width, data.length * width);
  }

  /// Offsets of the window, rebased to start at 0; `first`/`last` receive the original range.
  template <typename T>
  Result<std::shared_ptr<Buffer>> Offsets(const ArrayData& data, int64_t* first, int64_t* last) {
    if (data.length == 0) {
      *first = *last = 0;
      ASSIGN_OR_RAISE(auto zero, PoolBuffer::Make(sizeof(T), pool_));
      return std::shared_ptr<Buffer>(std::move(zero));
    }
    const auto& offsets = data.buffers[1];
    RETURN_NOT_OK(CheckSize(offsets, (data.offset + data.length + 1) * static_cast<int64_t>(sizeof(T)),
                            data, "offsets"));
    const T* src = offsets->data_as<T>() + data.offset;
    *first = static_cast<int64_t>(src[0]);
    *last = static_cast<int64_t>(src[data.length]);
    if (*last < *first) {
      return Status::InvalidArgument("IPC writer: " + data.type->ToString() +
                                     " array: offsets decrease over the written window");
    }
    int64_t bytes = (data.length + 1) * static_cast<int64_t>(sizeof(T));
    if (src[0] == 0) return Buffer::Slice(offsets, data.offset * static_cast<int64_t>(sizeof(T)), bytes);
    ASSIGN_OR_RAISE(auto out, PoolBuffer::Make(bytes, pool_));
    T* dst = out->mutable_data_as<T>();
    const T base = src[0];
    for (int64_t i = 0; i <= data.length; ++i) dst[i] = src[i] - base;
    return std::shared_ptr<Buffer>(std::move(out));
  }

  MemoryPool* pool_;
};

Status BodyCollector::Visit(const ArrayData& data, int depth) {
  if (depth > 1024) return Status::InvalidArgument("IPC writer: array nesting is too deep");
  const DataType& type = *data.type;
  if (type.id() == TypeId::kNull) {
    // The Null type has no buffers at all; every slot is null.
    nodes.emplace_back(data.length, data.length);
    return Status::OK();
  }
  int64_t null_count = data.GetNullCount();
  nodes.emplace_back(data.length, null_count);
  if (null_count == 0) {
    buffers.push_back(EmptyBuffer());
  } else {
    ASSIGN_OR_RAISE(auto validity, Bitmap(data, data.buffers.empty() ? nullptr : data.buffers[0], "validity"));
    buffers.push_back(std::move(validity));
  }
  auto buffer_at = [&](size_t i) -> std::shared_ptr<Buffer> {
    return i < data.buffers.size() ? data.buffers[i] : nullptr;
  };
  switch (type.id()) {
    case TypeId::kBool: {
      ASSIGN_OR_RAISE(auto values, Bitmap(data, buffer_at(1), "values"));
      buffers.push_back(std::move(values));
      return Status::OK();
    }
    case TypeId::kDictionary: {
      ASSIGN_OR_RAISE(auto indices, FixedWidth(data, buffer_at(1), type.index_type()->byte_width()));
      buffers.push_back(std::move(indices));
      return Status::OK();
    }
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      bool large = type.id() == TypeId::kLargeUtf8 || type.id() == TypeId::kLargeBinary;
      int64_t first = 0;
      int64_t last = 0;
      std::shared_ptr<Buffer> offsets;
      if (large) {
        ASSIGN_OR_RAISE(offsets, Offsets<int64_t>(data, &first, &last));
      } else {
        ASSIGN_OR_RAISE(offsets, Offsets<int32_t>(data, &first, &last));
      }
      buffers.push_back(std::move(offsets));
      if (last == first) {
        buffers.push_back(EmptyBuffer());
      } else {
        RETURN_NOT_OK(CheckSize(buffer_at(2), last, data, "data"));
        buffers.push_back(Buffer::Slice(buffer_at(2), first, last - first));
      }
      return Status::OK();
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      ASSIGN_OR_RAISE(auto views, FixedWidth(data, buffer_at(1), kViewSize));
      buffers.push_back(std::move(views));
      // Views address their data buffers by index, so all of them travel whole.
      int64_t count = 0;
      for (size_t i = 2; i < data.buffers.size(); ++i, ++count) {
        buffers.push_back(data.buffers[i] ? data.buffers[i] : EmptyBuffer());
      }
      variadic_counts.push_back(count);
      return Status::OK();
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      int64_t first = 0;
      int64_t last = 0;
      std::shared_ptr<Buffer> offsets;
      if (type.id() == TypeId::kLargeList) {
        ASSIGN_OR_RAISE(offsets, Offsets<int64_t>(data, &first, &last));
      } else {
        ASSIGN_OR_RAISE(offsets, Offsets<int32_t>(data, &first, &last));
      }
      buffers.push_back(std::move(offsets));
      if (data.child_data.size() != 1) {
        return Status::InvalidArgument("IPC writer: " + type.ToString() + " array needs one child");
      }
      const ArrayData& child = *data.child_data[0];
      if (last > child.length) {
        return Status::InvalidArgument("IPC writer: " + type.ToString() + " offsets pass the child's length");
      }
      return Visit(*child.Slice(first, last - first), depth + 1);
    }
    case TypeId::kFixedSizeList: {
      if (data.child_data.size() != 1) {
        return Status::InvalidArgument("IPC writer: " + type.ToString() + " array needs one child");
      }
      int64_t size = type.fixed_size();
      const ArrayData& child = *data.child_data[0];
      if ((data.offset + data.length) * size > child.length) {
        return Status::InvalidArgument("IPC writer: " + type.ToString() + " child is too short");
      }
      return Visit(*child.Slice(data.offset * size, data.length * size), depth + 1);
    }
    case TypeId::kStruct: {
      if (data.child_data.size() != static_cast<size_t>(type.num_fields())) {
        return Status::InvalidArgument("IPC writer: " + type.ToString() + " array has " +
                                       std::to_string(data.child_data.size()) + " children");
      }
      for (const auto& child : data.child_data) {
        if (data.offset + data.length > child->length) {
          return Status::InvalidArgument("IPC writer: " + type.ToString() + " child is too short");
        }
        RETURN_NOT_OK(Visit(*child->Slice(data.offset, data.length), depth + 1));
      }
      return Status::OK();
    }
    default:
      break;
  }
  int width = type.byte_width();
  if (width < 0) {
    return Status::InvalidArgument("IPC writer: no buffer layout for type " + type.ToString());
  }
  ASSIGN_OR_RAISE(auto values, FixedWidth(data, buffer_at(1), width));
  buffers.push_back(std::move(values));
  return Status::OK();
}

/// The RecordBatch table of a message plus the body buffers it describes.
struct EncodedBody {
  flatbuffers::Offset<fb::RecordBatch> batch;
  std::vector<std::shared_ptr<Buffer>> buffers;
  int64_t body_length = 0;
};

/// Compresses the collected buffers, lays them out with padding and writes the RecordBatch table.
Result<EncodedBody> EncodeBody(FlatBufferBuilder& b, BodyCollector collected, int64_t length,
                               const IpcWriteOptions& options) {
  int32_t alignment = options.alignment;
  if (alignment < 8 || alignment > 64 || (alignment & (alignment - 1)) != 0) {
    return Status::InvalidArgument("IPC writer: alignment must be 8, 16, 32 or 64, got " +
                                   std::to_string(alignment));
  }
  EncodedBody out;
  std::vector<fb::Buffer> specs;
  specs.reserve(collected.buffers.size());
  out.buffers.reserve(collected.buffers.size());
  int64_t offset = 0;
  for (auto& raw : collected.buffers) {
    std::shared_ptr<Buffer> encoded = std::move(raw);
    if (options.compression != CompressionType::kNone) {
      ASSIGN_OR_RAISE(encoded, CompressBodyBuffer(options.compression, options.compression_level,
                                                  *encoded, options.pool));
    }
    specs.emplace_back(offset, encoded->size());
    offset += (encoded->size() + alignment - 1) / alignment * alignment;
    out.buffers.push_back(std::move(encoded));
  }
  out.body_length = offset;
  auto nodes = b.CreateVectorOfStructs(collected.nodes);
  auto buffers = b.CreateVectorOfStructs(specs);
  flatbuffers::Offset<fb::BodyCompression> compression = 0;
  if (options.compression != CompressionType::kNone) {
    fb::CompressionType codec = options.compression == CompressionType::kLz4Frame
                                    ? fb::CompressionType::LZ4_FRAME
                                    : fb::CompressionType::ZSTD;
    compression = fb::CreateBodyCompression(b, codec, fb::BodyCompressionMethod::BUFFER);
  }
  flatbuffers::Offset<flatbuffers::Vector<int64_t>> variadic = 0;
  if (!collected.variadic_counts.empty()) variadic = b.CreateVector(collected.variadic_counts);
  out.batch = fb::CreateRecordBatch(b, length, nodes, buffers, compression, variadic);
  return out;
}

Result<IpcPayload> FinishPayload(FlatBufferBuilder& b, MessageType type, fb::MessageHeader header_type,
                                 flatbuffers::Offset<void> header, EncodedBody body, int32_t alignment) {
  auto message = fb::CreateMessage(b, internal::kWriteMetadataVersion, header_type, header,
                                   body.body_length);
  fb::FinishMessageBuffer(b, message);
  IpcPayload payload;
  payload.type = type;
  ASSIGN_OR_RAISE(payload.metadata, internal::FinishedToBuffer(b));
  payload.body_buffers = std::move(body.buffers);
  payload.body_length = body.body_length;
  payload.alignment = alignment;
  return payload;
}

}  // namespace

Result<IpcPayload> GetSchemaPayload(const Schema& schema) {
  FlatBufferBuilder b(1024);
  ASSIGN_OR_RAISE(auto schema_offset, internal::WriteSchema(b, schema));
  return FinishPayload(b, MessageType::kSchema, fb::MessageHeader::Schema, schema_offset.Union(),
                       EncodedBody{}, 8);
}

Result<IpcPayload> GetRecordBatchPayload(const RecordBatch& batch, const IpcWriteOptions& options) {
  BodyCollector collector(options.pool);
  for (int i = 0; i < batch.num_columns(); ++i) {
    Status st = collector.Visit(*batch.column_data(i), 0);
    if (!st.ok()) return st.WithContext("column '" + batch.column_name(i) + "'");
  }
  FlatBufferBuilder b(1024);
  ASSIGN_OR_RAISE(auto body, EncodeBody(b, std::move(collector), batch.num_rows(), options));
  auto header = body.batch.Union();
  return FinishPayload(b, MessageType::kRecordBatch, fb::MessageHeader::RecordBatch, header,
                       std::move(body), options.alignment);
}

Result<IpcPayload> GetDictionaryPayload(int64_t id, bool is_delta, const ArrayData& values,
                                        const IpcWriteOptions& options) {
  BodyCollector collector(options.pool);
  Status st = collector.Visit(values, 0);
  if (!st.ok()) return st.WithContext("dictionary " + std::to_string(id));
  FlatBufferBuilder b(1024);
  ASSIGN_OR_RAISE(auto body, EncodeBody(b, std::move(collector), values.length, options));
  auto dictionary = fb::CreateDictionaryBatch(b, id, body.batch, is_delta);
  return FinishPayload(b, MessageType::kDictionaryBatch, fb::MessageHeader::DictionaryBatch,
                       dictionary.Union(), std::move(body), options.alignment);
}

}  // namespace ballista::arrow::ipc
