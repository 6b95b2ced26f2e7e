#include "ballista/arrow/ipc/decoder.h"

#include <cstring>
#include <vector>

#include "ballista/arrow/ipc/concatenate_internal.h"
#include "ballista/arrow/ipc/metadata_internal.h"
#include "ballista/arrow/validate.h"

namespace ballista::arrow::ipc {

namespace {

namespace fb = internal::fb;

/// Turns the loaded buffers and nodes of one RecordBatch table back into arrays, checking every
/// count and range against the metadata and the body before anything is touched. One loader per
/// message, used by one thread.
class ArrayLoader {
 public:
  ArrayLoader(const fb::RecordBatch& batch, std::shared_ptr<Buffer> body, CompressionType codec,
              const DictionaryMemo& memo, const IpcReadOptions& options, const std::string& context)
      : batch_(batch), body_(std::move(body)), codec_(codec), memo_(memo), options_(options),
        context_(context) {}

  /// Loads the next array of `type` (path names it in errors). Dictionary-encoded nodes take
  /// their ids from `dict_ids` at `*dict_cursor`.
  Result<ArrayDataPtr> Load(const DataTypePtr& type, const std::string& path,
                            const std::vector<int64_t>& dict_ids, size_t* dict_cursor, int depth);

 private:
  Status Error(const std::string& path, const std::string& what) const {
    return Status::InvalidData(context_ + ": field '" + path + "': " + what);
  }

  Result<fb::FieldNode> NextNode(const std::string& path) {
    const auto* nodes = batch_.nodes();
    if (nodes == nullptr || node_index_ >= static_cast<int64_t>(nodes->size())) {
      return Error(path, "the batch lists only " + std::to_string(nodes ? nodes->size() : 0) +
                             " field nodes");
    }
    auto node = internal::LoadUnaligned<fb::FieldNode>(nodes->Get(static_cast<flatbuffers::uoffset_t>(node_index_++)));
    if (node.length() < 0 || node.null_count() < 0 || node.null_count() > node.length()) {
      return Error(path, "bad field node (length " + std::to_string(node.length()) + ", null count " +
                             std::to_string(node.null_count()) + ")");
    }
    return node;
  }

  Result<std::shared_ptr<Buffer>> NextBuffer(const std::string& path) {
    const auto* buffers = batch_.buffers();
    if (buffers == nullptr || buffer_index_ >= static_cast<int64_t>(buffers->size())) {
      return Error(path, "the batch lists only " + std::to_string(buffers ? buffers->size() : 0) +
                             " buffers");
    }
    int64_t index = buffer_index_++;
    auto spec = internal::LoadUnaligned<fb::Buffer>(buffers->Get(static_cast<flatbuffers::uoffset_t>(index)));
    int64_t offset = spec.offset();
    int64_t length = spec.length();
    int64_t body_size = body_->size();
    if (offset < 0 || length < 0 || offset > body_size || length > body_size - offset) {
      return Error(path, "buffer " + std::to_string(index) + " (offset " + std::to_string(offset) +
                             ", length " + std::to_string(length) + ") lies outside the " +
                             std::to_string(body_size) + "-byte body");
    }
    std::shared_ptr<Buffer> buffer = Buffer::Slice(body_, offset, length);
    if (codec_ != CompressionType::kNone) {
      auto decoded = DecompressBodyBuffer(codec_, buffer, options_.pool);
      if (!decoded.ok()) return Error(path, "buffer " + std::to_string(index) + ": " + decoded.status().message());
      buffer = *std::move(decoded);
    }
    // Values are read through typed pointers: realign what an odd writer left misaligned.
    if (buffer->size() > 0 && reinterpret_cast<uintptr_t>(buffer->data()) % 8 != 0) {
      buffer = Buffer::CopyOf(buffer->view());
    }
    return buffer;
  }

  Result<std::shared_ptr<Buffer>> Validity(const fb::FieldNode& node, const std::string& path) {
    ASSIGN_OR_RAISE(auto bits, NextBuffer(path));
    if (node.null_count() == 0) return std::shared_ptr<Buffer>();
    if (bits->size() == 0) {
      return Error(path, "null count " + std::to_string(node.null_count()) + " but no validity bitmap");
    }
    return bits;
  }

  /// An offsets buffer; an empty one stands for the single zero offset of an empty array.
  Result<std::shared_ptr<Buffer>> OffsetsBuffer(const fb::FieldNode& node, int64_t width,
                                                const std::string& path) {
    ASSIGN_OR_RAISE(auto offsets, NextBuffer(path));
    if (offsets->size() == 0 && node.length() == 0) {
      ASSIGN_OR_RAISE(auto zero, PoolBuffer::Make(width, options_.pool));
      return std::shared_ptr<Buffer>(std::move(zero));
    }
    return offsets;
  }

  const fb::RecordBatch& batch_;
  std::shared_ptr<Buffer> body_;
  CompressionType codec_;
  const DictionaryMemo& memo_;
  const IpcReadOptions& options_;
  const std::string& context_;
  int64_t node_index_ = 0;
  int64_t buffer_index_ = 0;
  int64_t variadic_index_ = 0;
};

Result<ArrayDataPtr> ArrayLoader::Load(const DataTypePtr& type_ptr, const std::string& path,
                                       const std::vector<int64_t>& dict_ids, size_t* dict_cursor,
                                       int depth) {
  if (depth > options_.max_nesting_depth) {
    return Error(path, "nesting deeper than " + std::to_string(options_.max_nesting_depth) + " levels");
  }
  const DataType& type = *type_ptr;
  ASSIGN_OR_RAISE(const fb::FieldNode node_value, NextNode(path));
  const fb::FieldNode* node = &node_value;
  const int64_t length = node->length();
  if (type.id() == TypeId::kNull) return ArrayData::Make(type_ptr, length, {}, length);
  ASSIGN_OR_RAISE(auto validity, Validity(*node, path));
  auto out = ArrayData::Make(type_ptr, length, {std::move(validity)}, node->null_count());
  auto child_path = [&](int i) { return path + "." + type.field(i)->name(); };
  switch (type.id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      bool large = type.id() == TypeId::kLargeUtf8 || type.id() == TypeId::kLargeBinary;
      ASSIGN_OR_RAISE(auto offsets, OffsetsBuffer(*node, large ? 8 : 4, path));
      ASSIGN_OR_RAISE(auto data, NextBuffer(path));
      out->buffers.push_back(std::move(offsets));
      out->buffers.push_back(std::move(data));
      return out;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      ASSIGN_OR_RAISE(auto views, NextBuffer(path));
      out->buffers.push_back(std::move(views));
      const auto* counts = batch_.variadicBufferCounts();
      if (counts == nullptr || variadic_index_ >= static_cast<int64_t>(counts->size())) {
        return Error(path, "view array without an entry in variadicBufferCounts");
      }
      int64_t count = internal::LoadUnaligned<int64_t>(counts->Data() + 8 * variadic_index_++);
      int64_t listed = batch_.buffers() ? batch_.buffers()->size() : 0;
      if (count < 0 || count > listed - buffer_index_) {
        return Error(path, "variadic buffer count " + std::to_string(count) + " exceeds the " +
                               std::to_string(listed - buffer_index_) + " buffers left");
      }
      for (int64_t i = 0; i < count; ++i) {
        ASSIGN_OR_RAISE(auto data, NextBuffer(path));
        out->buffers.push_back(std::move(data));
      }
      return out;
    }
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kLargeList: {
      ASSIGN_OR_RAISE(auto offsets, OffsetsBuffer(*node, type.id() == TypeId::kLargeList ? 8 : 4, path));
      out->buffers.push_back(std::move(offsets));
      ASSIGN_OR_RAISE(auto child, Load(type.field(0)->type(), child_path(0), dict_ids, dict_cursor, depth + 1));
      out->child_data.push_back(std::move(child));
      return out;
    }
    case TypeId::kFixedSizeList: {
      ASSIGN_OR_RAISE(auto child, Load(type.field(0)->type(), child_path(0), dict_ids, dict_cursor, depth + 1));
      out->child_data.push_back(std::move(child));
      return out;
    }
    case TypeId::kStruct: {
      for (int i = 0; i < type.num_fields(); ++i) {
        ASSIGN_OR_RAISE(auto child, Load(type.field(i)->type(), child_path(i), dict_ids, dict_cursor, depth + 1));
        out->child_data.push_back(std::move(child));
      }
      return out;
    }
    case TypeId::kDictionary: {
      ASSIGN_OR_RAISE(auto indices, NextBuffer(path));
      out->buffers.push_back(std::move(indices));
      if (*dict_cursor >= dict_ids.size()) return Error(path, "no dictionary id for this field");
      int64_t id = dict_ids[(*dict_cursor)++];
      ASSIGN_OR_RAISE(const DictionaryMemo::Entry* entry, memo_.Find(id));
      if (entry->values == nullptr) {
        return Error(path, "dictionary id " + std::to_string(id) +
                               " is used before any dictionary batch defined it");
      }
      out->dictionary = entry->values;
      return out;
    }
    default:
      break;
  }
  // Bool and every fixed-width type: one values buffer.
  ASSIGN_OR_RAISE(auto values, NextBuffer(path));
  out->buffers.push_back(std::move(values));
  return out;
}

Result<CompressionType> BodyCodec(const fb::RecordBatch& batch, const std::string& context) {
  const fb::BodyCompression* compression = batch.compression();
  if (compression == nullptr) return CompressionType::kNone;
  if (compression->method() != fb::BodyCompressionMethod::BUFFER) {
    return Status::Unsupported(context + ": body compression method " +
                               std::to_string(static_cast<int>(compression->method())) + " is not supported");
  }
  switch (compression->codec()) {
    case fb::CompressionType::LZ4_FRAME:
      return CompressionType::kLz4Frame;
    case fb::CompressionType::ZSTD:
      return CompressionType::kZstd;
  }
  return Status::Unsupported(context + ": compression codec " +
                             std::to_string(static_cast<int>(compression->codec())) + " is not supported");
}

Status CheckArray(const ArrayData& array, const IpcReadOptions& options, const std::string& where) {
  Status st = ValidateArrayData(array, options.validate_full);
  if (st.ok()) return st;
  return Status::InvalidData(where + ": " + st.message());
}

}  // namespace

Result<SchemaPtr> DecodeSchema(const Message& message, DictionaryMemo* memo, const IpcReadOptions& options) {
  if (message.type() != MessageType::kSchema) {
    return Status::InvalidData("IPC: expected a schema message, got a " +
                               std::string(MessageTypeName(message.type())));
  }
  std::vector<int64_t> ids;
  ASSIGN_OR_RAISE(auto schema, internal::ReadSchema(message.flatbuffer()->header_as_Schema(),
                                                    options.max_nesting_depth, &ids));
  ASSIGN_OR_RAISE(*memo, DictionaryMemo::Make(*schema, ids));
  return schema;
}

Result<DictionaryUpdate> DecodeDictionaryBatch(const Message& message, DictionaryMemo* memo,
                                               bool allow_replacement, const IpcReadOptions& options,
                                               const std::string& context) {
  const fb::DictionaryBatch* header = message.flatbuffer()->header_as_DictionaryBatch();
  if (header == nullptr) return Status::InvalidData(context + ": not a dictionary batch");
  int64_t id = header->id();
  std::string where = context + ": dictionary " + std::to_string(id);
  auto found = memo->Find(id);
  if (!found.ok()) return Status::InvalidData(context + ": " + found.status().message());
  DictionaryMemo::Entry* entry = *found;
  const fb::RecordBatch* data = header->data();
  if (data == nullptr) return Status::InvalidData(where + ": dictionary batch without data");
  if (data->length() < 0) return Status::InvalidData(where + ": negative length");
  ASSIGN_OR_RAISE(CompressionType codec, BodyCodec(*data, where));
  ArrayLoader loader(*data, message.body(), codec, *memo, options, where);
  size_t cursor = 0;
  ASSIGN_OR_RAISE(auto values, loader.Load(entry->type->value_type(), "values", entry->nested_ids, &cursor, 0));
  if (values->length != data->length()) {
    return Status::InvalidData(where + ": values have " + std::to_string(values->length) +
                               " entries but the batch declares " + std::to_string(data->length()));
  }
  RETURN_NOT_OK(CheckArray(*values, options, where));
  if (header->isDelta() && entry->values != nullptr) {
    ASSIGN_OR_RAISE(entry->values, internal::ConcatenateTwo(*entry->values, *values, options.pool));
    return DictionaryUpdate::kDelta;
  }
  DictionaryUpdate update = DictionaryUpdate::kNew;
  if (entry->values != nullptr) {
    if (!allow_replacement) {
      return Status::InvalidData(where + ": a second non-delta dictionary batch; the file format "
                                         "does not allow replacing a dictionary");
    }
    update = DictionaryUpdate::kReplacement;
  }
  entry->values = std::move(values);
  return update;
}

Result<RecordBatchPtr> DecodeRecordBatch(const Message& message, const SchemaPtr& schema,
                                         const DictionaryMemo& memo, const IpcReadOptions& options,
                                         const std::string& context) {
  const fb::RecordBatch* batch = message.flatbuffer()->header_as_RecordBatch();
  if (batch == nullptr) return Status::InvalidData(context + ": not a record batch");
  if (batch->length() < 0) {
    return Status::InvalidData(context + ": negative row count " + std::to_string(batch->length()));
  }
  ASSIGN_OR_RAISE(CompressionType codec, BodyCodec(*batch, context));
  ArrayLoader loader(*batch, message.body(), codec, memo, options, context);
  std::vector<ArrayDataPtr> columns;
  columns.reserve(static_cast<size_t>(schema->num_fields()));
  size_t cursor = 0;
  for (const auto& field : schema->fields()) {
    ASSIGN_OR_RAISE(auto column, loader.Load(field->type(), field->name(), memo.column_ids(), &cursor, 0));
    if (column->length != batch->length()) {
      return Status::InvalidData(context + ": column '" + field->name() + "' has " +
                                 std::to_string(column->length) + " rows but the batch declares " +
                                 std::to_string(batch->length()));
    }
    RETURN_NOT_OK(CheckArray(*column, options, context + ": column '" + field->name() + "'"));
    columns.push_back(std::move(column));
  }
  auto made = RecordBatch::Make(schema, batch->length(), std::move(columns));
  if (!made.ok()) return Status::InvalidData(context + ": " + made.status().message());
  return *std::move(made);
}

}  // namespace ballista::arrow::ipc
