#include "ballista/arrow/ipc/writer.h"

#include <utility>

#include "ballista/arrow/compare.h"
#include "ballista/arrow/ipc/metadata_internal.h"
#include "ballista/arrow/ipc/payload.h"

namespace ballista::arrow::ipc {

namespace internal {

namespace {

constexpr char kFileMagic[8] = {'A', 'R', 'R', 'O', 'W', '1', 0, 0};

}  // namespace

/// The state both writers share: schema, dictionary bookkeeping, message framing, and (for the
/// file format) the blocks the footer lists. Single-threaded.
class IpcWriterCore {
 public:
  /// Frames messages into `sink` (stream or file format), or, when `payload_sink` is given
  /// (and `sink` null), hands them over unframed.
  IpcWriterCore(OutputStream* sink, IpcPayloadSink* payload_sink, SchemaPtr schema, IpcWriteOptions options,
                bool file_format, KeyValueMetadata footer_metadata)
      : sink_(sink), payload_sink_(payload_sink), schema_(std::move(schema)), options_(options),
        file_format_(file_format), footer_metadata_(std::move(footer_metadata)) {}

  Status Start() {
    if (payload_sink_ != nullptr) {
      ASSIGN_OR_RAISE(memo_, DictionaryMemo::MakeSequential(*schema_));
      ASSIGN_OR_RAISE(auto payload, GetSchemaPayload(*schema_));
      return WriteTracked(payload, nullptr);
    }
    start_ = sink_->Tell();
    if (start_ % 8 != 0) {
      return Status::InvalidArgument("IPC writer: the sink is at position " + std::to_string(start_) +
                                     ", not a multiple of 8");
    }
    ASSIGN_OR_RAISE(memo_, DictionaryMemo::MakeSequential(*schema_));
    if (file_format_) RETURN_NOT_OK(Emit(kFileMagic, sizeof(kFileMagic)));
    ASSIGN_OR_RAISE(auto payload, GetSchemaPayload(*schema_));
    return WriteTracked(payload, nullptr);
  }

  Status Write(const RecordBatch& batch) {
    if (closed_) return Status::InvalidArgument("IPC writer: WriteRecordBatch after Close");
    RETURN_NOT_OK(CheckSchema(batch));
    std::vector<std::pair<int64_t, ArrayDataPtr>> dictionaries;
    size_t cursor = 0;
    for (int i = 0; i < batch.num_columns(); ++i) {
      Status st = Collect(*batch.column_data(i), memo_.column_ids(), &cursor, &dictionaries, 0);
      if (!st.ok()) return st.WithContext("IPC writer: column '" + batch.column_name(i) + "'");
    }
    for (auto& [id, values] : dictionaries) RETURN_NOT_OK(WriteDictionary(id, std::move(values)));
    ASSIGN_OR_RAISE(auto payload, GetRecordBatchPayload(batch, options_));
    RETURN_NOT_OK(WriteTracked(payload, &record_batch_blocks_));
    ++stats_.num_record_batches;
    return Status::OK();
  }

  Status Finish() {
    if (closed_) return Status::OK();
    closed_ = true;
    if (payload_sink_ != nullptr) return Status::OK();
    RETURN_NOT_OK(WriteEndOfStream(sink_));
    stats_.bytes_written += 8;
    if (file_format_) RETURN_NOT_OK(WriteFooter());
    return sink_->Flush();
  }

  const WriteStats& stats() const { return stats_; }

 private:
  Status Emit(const void* data, int64_t size) {
    RETURN_NOT_OK(sink_->Write(data, size));
    stats_.bytes_written += size;
    return Status::OK();
  }

  Status CheckSchema(const RecordBatch& batch) const {
    if (batch.num_columns() != schema_->num_fields()) {
      return Status::InvalidArgument("IPC writer: batch has " + std::to_string(batch.num_columns()) +
                                     " columns, the schema has " + std::to_string(schema_->num_fields()));
    }
    for (int i = 0; i < batch.num_columns(); ++i) {
      const DataType& expected = *schema_->field(i)->type();
      const DataType& actual = *batch.column_data(i)->type;
      if (!actual.Equals(expected)) {
        return Status::InvalidArgument("IPC writer: column '" + schema_->field(i)->name() + "' has type " +
                                       actual.ToString() + ", the schema says " + expected.ToString());
      }
      if (batch.column_data(i)->length != batch.num_rows()) {
        return Status::InvalidArgument("IPC writer: column '" + schema_->field(i)->name() + "' has " +
                                       std::to_string(batch.column_data(i)->length) + " rows, the batch " +
                                       std::to_string(batch.num_rows()));
      }
    }
    return Status::OK();
  }

  /// Gathers (id, values) of every dictionary `data` uses, nested dictionaries before the
  /// dictionaries whose values contain them so a reader can resolve them in order.
  Status Collect(const ArrayData& data, const std::vector<int64_t>& ids, size_t* cursor,
                 std::vector<std::pair<int64_t, ArrayDataPtr>>* out, int depth) {
    if (depth > 1024) return Status::InvalidArgument("array nesting is too deep");
    if (data.type->id() != TypeId::kDictionary) {
      for (const auto& child : data.child_data) RETURN_NOT_OK(Collect(*child, ids, cursor, out, depth + 1));
      return Status::OK();
    }
    if (*cursor >= ids.size()) return Status::Internal("dictionary ids out of step with the schema");
    int64_t id = ids[(*cursor)++];
    if (data.dictionary == nullptr) {
      return Status::InvalidArgument("dictionary-encoded array of type " + data.type->ToString() +
                                     " has no dictionary values");
    }
    if (!data.dictionary->type->Equals(*data.type->value_type())) {
      return Status::InvalidArgument("dictionary values of type " + data.dictionary->type->ToString() +
                                     " do not match the value type of " + data.type->ToString());
    }
    ASSIGN_OR_RAISE(const DictionaryMemo::Entry* entry, std::as_const(memo_).Find(id));
    size_t nested_cursor = 0;
    RETURN_NOT_OK(Collect(*data.dictionary, entry->nested_ids, &nested_cursor, out, depth + 1));
    out->emplace_back(id, data.dictionary);
    return Status::OK();
  }

  Status WriteDictionary(int64_t id, ArrayDataPtr values) {
    auto found = written_.find(id);
    if (found == written_.end()) {
      RETURN_NOT_OK(EmitDictionary(id, false, *values));
      written_.emplace(id, std::move(values));
      return Status::OK();
    }
    ArrayDataPtr& last = found->second;
    if (last == values) return Status::OK();
    if (ArrayDataEquals(*last, *values)) {
      last = std::move(values);
      return Status::OK();
    }
    bool grew = values->length > last->length && ArrayDataEquals(*values->Slice(0, last->length), *last);
    if (grew && (file_format_ || options_.emit_dictionary_deltas)) {
      RETURN_NOT_OK(EmitDictionary(id, true, *values->Slice(last->length, values->length - last->length)));
      ++stats_.num_dictionary_deltas;
      last = std::move(values);
      return Status::OK();
    }
    if (file_format_) {
      return Status::InvalidArgument("IPC file writer: dictionary " + std::to_string(id) +
                                     " changed other than by appending; the file format allows one "
                                     "dictionary per field (plus deltas)");
    }
    RETURN_NOT_OK(EmitDictionary(id, false, *values));
    ++stats_.num_replaced_dictionaries;
    last = std::move(values);
    return Status::OK();
  }

  Status EmitDictionary(int64_t id, bool is_delta, const ArrayData& values) {
    ASSIGN_OR_RAISE(auto payload, GetDictionaryPayload(id, is_delta, values, options_));
    RETURN_NOT_OK(WriteTracked(payload, &dictionary_blocks_));
    ++stats_.num_dictionary_batches;
    return Status::OK();
  }

  Status WriteTracked(const IpcPayload& payload, std::vector<fb::Block>* blocks) {
    if (payload_sink_ != nullptr) {
      RETURN_NOT_OK(payload_sink_->WritePayload(payload));
      stats_.bytes_written += payload.metadata->size() + payload.body_length;
      ++stats_.num_messages;
      return Status::OK();
    }
    int64_t offset = sink_->Tell() - start_;
    int32_t metadata_length = 0;
    RETURN_NOT_OK(WritePayload(payload, sink_, &metadata_length));
    stats_.bytes_written += metadata_length + payload.body_length;
    ++stats_.num_messages;
    if (blocks != nullptr) blocks->emplace_back(offset, metadata_length, payload.body_length);
    return Status::OK();
  }

  Status WriteFooter() {
    flatbuffers::FlatBufferBuilder b(1024);
    ASSIGN_OR_RAISE(auto schema, WriteSchema(b, *schema_));
    auto dictionaries = b.CreateVectorOfStructs(dictionary_blocks_);
    auto batches = b.CreateVectorOfStructs(record_batch_blocks_);
    auto metadata = WriteMetadata(b, footer_metadata_);
    auto footer = fb::CreateFooter(b, kWriteMetadataVersion, schema, dictionaries, batches, metadata);
    fb::FinishFooterBuffer(b, footer);
    auto size = static_cast<int32_t>(b.GetSize());
    RETURN_NOT_OK(Emit(b.GetBufferPointer(), size));
    RETURN_NOT_OK(Emit(&size, 4));
    return Emit(kFileMagic, 6);
  }

  OutputStream* sink_;
  IpcPayloadSink* payload_sink_;
  SchemaPtr schema_;
  IpcWriteOptions options_;
  bool file_format_;
  KeyValueMetadata footer_metadata_;
  DictionaryMemo memo_;
  std::map<int64_t, ArrayDataPtr> written_;
  std::vector<fb::Block> dictionary_blocks_;
  std::vector<fb::Block> record_batch_blocks_;
  WriteStats stats_;
  int64_t start_ = 0;
  bool closed_ = false;
};

}  // namespace internal

// ---- StreamWriter ----

StreamWriter::~StreamWriter() = default;

Result<std::unique_ptr<StreamWriter>> StreamWriter::Open(OutputStream* sink, SchemaPtr schema,
                                                         const IpcWriteOptions& options) {
  if (sink == nullptr || schema == nullptr) return Status::InvalidArgument("StreamWriter: null sink or schema");
  auto writer = std::unique_ptr<StreamWriter>(new StreamWriter());
  writer->core_ = std::make_unique<internal::IpcWriterCore>(sink, nullptr, std::move(schema), options,
                                                            false, KeyValueMetadata{});
  RETURN_NOT_OK(writer->core_->Start());
  return writer;
}

Status StreamWriter::WriteRecordBatch(const RecordBatch& batch) { return core_->Write(batch); }
Status StreamWriter::Close() { return core_->Finish(); }
const WriteStats& StreamWriter::stats() const { return core_->stats(); }

// ---- FileWriter ----

FileWriter::~FileWriter() = default;

Result<std::unique_ptr<FileWriter>> FileWriter::Open(OutputStream* sink, SchemaPtr schema,
                                                     const IpcWriteOptions& options,
                                                     KeyValueMetadata footer_metadata) {
  if (sink == nullptr || schema == nullptr) return Status::InvalidArgument("FileWriter: null sink or schema");
  auto writer = std::unique_ptr<FileWriter>(new FileWriter());
  writer->core_ = std::make_unique<internal::IpcWriterCore>(sink, nullptr, std::move(schema), options,
                                                            true, std::move(footer_metadata));
  RETURN_NOT_OK(writer->core_->Start());
  return writer;
}

Status FileWriter::WriteRecordBatch(const RecordBatch& batch) { return core_->Write(batch); }
Status FileWriter::Close() { return core_->Finish(); }
const WriteStats& FileWriter::stats() const { return core_->stats(); }

// ---- Payload writer ----

namespace {

/// RecordBatchWriter over an IpcPayloadSink. Single-threaded.
class PayloadWriter final : public RecordBatchWriter {
 public:
  explicit PayloadWriter(std::unique_ptr<internal::IpcWriterCore> core) : core_(std::move(core)) {}
  Status WriteRecordBatch(const RecordBatch& batch) override { return core_->Write(batch); }
  Status Close() override { return core_->Finish(); }
  const WriteStats& stats() const override { return core_->stats(); }

 private:
  std::unique_ptr<internal::IpcWriterCore> core_;
};

}  // namespace

Result<std::unique_ptr<RecordBatchWriter>> MakePayloadWriter(IpcPayloadSink* sink, SchemaPtr schema,
                                                             const IpcWriteOptions& options) {
  if (sink == nullptr || schema == nullptr) return Status::InvalidArgument("MakePayloadWriter: null sink or schema");
  auto core = std::make_unique<internal::IpcWriterCore>(nullptr, sink, std::move(schema), options, false,
                                                        KeyValueMetadata{});
  RETURN_NOT_OK(core->Start());
  return std::unique_ptr<RecordBatchWriter>(new PayloadWriter(std::move(core)));
}

// ---- Convenience ----

namespace {

/// Bytes held by the buffers of `data` and its children (an upper bound for sliced arrays).
int64_t BufferBytes(const ArrayData& data, int depth) {
  if (depth > 64) return 0;
  int64_t total = 64 * static_cast<int64_t>(data.buffers.size());
  for (const auto& buffer : data.buffers) total += buffer ? buffer->size() : 0;
  for (const auto& child : data.child_data) total += BufferBytes(*child, depth + 1);
  return total;
}

Status WriteAll(RecordBatchWriter* writer, const std::vector<RecordBatchPtr>& batches) {
  for (const auto& batch : batches) RETURN_NOT_OK(writer->WriteRecordBatch(*batch));
  return writer->Close();
}

}  // namespace

Status WriteStreamFile(const std::string& path, const SchemaPtr& schema,
                       const std::vector<RecordBatchPtr>& batches, const IpcWriteOptions& options) {
  ASSIGN_OR_RAISE(auto file, FileOutputStream::Open(path));
  ASSIGN_OR_RAISE(auto writer, StreamWriter::Open(file.get(), schema, options));
  RETURN_NOT_OK(WriteAll(writer.get(), batches).WithContext(path));
  return file->Close();
}

Status WriteFileFormat(const std::string& path, const SchemaPtr& schema,
                       const std::vector<RecordBatchPtr>& batches, const IpcWriteOptions& options) {
  ASSIGN_OR_RAISE(auto file, FileOutputStream::Open(path));
  ASSIGN_OR_RAISE(auto writer, FileWriter::Open(file.get(), schema, options));
  RETURN_NOT_OK(WriteAll(writer.get(), batches).WithContext(path));
  return file->Close();
}

Result<std::shared_ptr<Buffer>> SerializeStream(const SchemaPtr& schema,
                                                const std::vector<RecordBatchPtr>& batches,
                                                const IpcWriteOptions& options) {
  BufferOutputStream out(options.pool);
  if (options.compression == CompressionType::kNone) {
    // Uncompressed output is about as large as the buffers: reserve it once instead of growing.
    int64_t estimate = 4096;
    for (const auto& batch : batches) {
      for (const auto& column : batch->columns()) estimate += BufferBytes(*column, 0);
    }
    RETURN_NOT_OK(out.Reserve(estimate));
  }
  ASSIGN_OR_RAISE(auto writer, StreamWriter::Open(&out, schema, options));
  RETURN_NOT_OK(WriteAll(writer.get(), batches));
  return out.Finish();
}

}  // namespace ballista::arrow::ipc
