#include "ballista/arrow/ipc/reader.h"

#include <cstring>

#include "ballista/arrow/ipc/decoder.h"
#include "ballista/arrow/ipc/message.h"
#include "ballista/arrow/ipc/metadata_internal.h"

namespace ballista::arrow::ipc {

namespace {

namespace fb = internal::fb;

constexpr char kMagic[] = "ARROW1";
constexpr int64_t kMagicSize = 6;
/// Magic padded to 8 at the start, footer length and magic at the end.
constexpr int64_t kMinFileSize = 8 + 4 + kMagicSize;

void CountUpdate(DictionaryUpdate update, ReadStats* stats) {
  ++stats->num_dictionary_batches;
  if (update == DictionaryUpdate::kDelta) ++stats->num_dictionary_deltas;
  if (update == DictionaryUpdate::kReplacement) ++stats->num_replaced_dictionaries;
}

}  // namespace

// ---- StreamReader ----

Result<std::unique_ptr<StreamReader>> StreamReader::Open(InputStream* stream, const IpcReadOptions& options) {
  auto reader = std::unique_ptr<StreamReader>(new StreamReader());
  reader->stream_ = stream;
  reader->options_ = options;
  ASSIGN_OR_RAISE(auto message, ReadMessage(stream, 0));
  if (message == nullptr) return Status::InvalidData("IPC stream: no schema message (empty stream)");
  reader->stats_.num_messages = 1;
  auto schema = DecodeSchema(*message, &reader->memo_, options);
  if (!schema.ok()) return schema.status().WithContext("IPC stream: message 0");
  reader->schema_ = *std::move(schema);
  return reader;
}

Result<std::unique_ptr<StreamReader>> StreamReader::Open(std::unique_ptr<InputStream> stream,
                                                         const IpcReadOptions& options) {
  ASSIGN_OR_RAISE(auto reader, Open(stream.get(), options));
  reader->owned_stream_ = std::move(stream);
  return reader;
}

Result<RecordBatchPtr> StreamReader::ReadNext() {
  while (!finished_) {
    int64_t index = stats_.num_messages;
    ASSIGN_OR_RAISE(auto message, ReadMessage(stream_, index));
    if (message == nullptr) {
      finished_ = true;
      break;
    }
    ++stats_.num_messages;
    std::string context = "IPC stream: message " + std::to_string(index);
    switch (message->type()) {
      case MessageType::kSchema:
        return Status::InvalidData(context + ": a second schema message");
      case MessageType::kDictionaryBatch: {
        ASSIGN_OR_RAISE(auto update, DecodeDictionaryBatch(*message, &memo_, true, options_, context));
        CountUpdate(update, &stats_);
        break;
      }
      case MessageType::kRecordBatch: {
        ASSIGN_OR_RAISE(auto batch, DecodeRecordBatch(*message, schema_, memo_, options_, context));
        ++stats_.num_record_batches;
        return batch;
      }
    }
  }
  return RecordBatchPtr();
}

// ---- FileReader ----

Result<std::unique_ptr<FileReader>> FileReader::Open(std::shared_ptr<RandomAccessFile> file,
                                                     const IpcReadOptions& options) {
  auto reader = std::unique_ptr<FileReader>(new FileReader());
  reader->file_ = std::move(file);
  reader->options_ = options;
  RETURN_NOT_OK(reader->Init());
  return reader;
}

Result<std::unique_ptr<FileReader>> FileReader::Open(std::shared_ptr<Buffer> file, const IpcReadOptions& options) {
  return Open(std::make_shared<BufferReader>(std::move(file)), options);
}

Result<std::unique_ptr<FileReader>> FileReader::Open(const std::string& path, const IpcReadOptions& options) {
  ASSIGN_OR_RAISE(auto file, ReadableFile::Open(path, options.pool));
  auto opened = Open(std::shared_ptr<RandomAccessFile>(std::move(file)), options);
  if (!opened.ok()) return opened.status().WithContext(path);
  return opened;
}

Status FileReader::Init() {
  const int64_t size = file_->size();
  if (size < kMinFileSize) {
    return Status::InvalidData("IPC file: " + std::to_string(size) + " bytes is too short for an Arrow file");
  }
  ASSIGN_OR_RAISE(auto head, file_->ReadAt(0, kMagicSize));
  if (head->size() != kMagicSize || std::memcmp(head->data(), kMagic, kMagicSize) != 0) {
    return Status::InvalidData("IPC file: missing the leading ARROW1 magic");
  }
  ASSIGN_OR_RAISE(auto tail, file_->ReadAt(size - 4 - kMagicSize, 4 + kMagicSize));
  if (tail->size() != 4 + kMagicSize || std::memcmp(tail->data() + 4, kMagic, kMagicSize) != 0) {
    return Status::InvalidData("IPC file: missing the trailing ARROW1 magic");
  }
  int32_t footer_length;
  std::memcpy(&footer_length, tail->data(), 4);
  const int64_t footer_offset = size - 4 - kMagicSize - footer_length;
  if (footer_length <= 0 || footer_offset < 8) {
    return Status::InvalidData("IPC file: footer length " + std::to_string(footer_length) +
                               " does not fit in the " + std::to_string(size) + "-byte file");
  }
  ASSIGN_OR_RAISE(auto footer_bytes, file_->ReadAt(footer_offset, footer_length));
  if (reinterpret_cast<uintptr_t>(footer_bytes->data()) % 8 != 0) {
    footer_bytes = Buffer::CopyOf(footer_bytes->view());
  }
  ASSIGN_OR_RAISE(const fb::Footer* footer,
                  internal::VerifyFooter(footer_bytes->data(), footer_bytes->size(), "IPC file"));
  if (footer->version() < fb::MetadataVersion::V4) {
    return Status::Unsupported("IPC file: metadata version V" +
                               std::to_string(static_cast<int>(footer->version()) + 1) +
                               " predates V4 and is not supported");
  }
  std::vector<int64_t> ids;
  auto schema = internal::ReadSchema(footer->schema(), options_.max_nesting_depth, &ids);
  if (!schema.ok()) return schema.status().WithContext("IPC file: footer");
  schema_ = *std::move(schema);
  ASSIGN_OR_RAISE(memo_, DictionaryMemo::Make(*schema_, ids));
  footer_metadata_ = internal::ReadMetadata(footer->custom_metadata());
  auto blocks = [](const flatbuffers::Vector<const fb::Block*>* in, std::vector<Block>* out) {
    if (in == nullptr) return;
    out->reserve(in->size());
    for (const fb::Block* raw : *in) {
      auto block = internal::LoadUnaligned<fb::Block>(raw);
      out->push_back(Block{block.offset(), block.metaDataLength(), block.bodyLength()});
    }
  };
  blocks(footer->dictionaries(), &dictionary_blocks_);
  blocks(footer->recordBatches(), &record_batch_blocks_);
  for (size_t i = 0; i < dictionary_blocks_.size(); ++i) {
    const Block& block = dictionary_blocks_[i];
    std::string context = "IPC file: dictionary block " + std::to_string(i);
    ASSIGN_OR_RAISE(auto message,
                    ReadMessageAt(*file_, block.offset, block.metadata_length, block.body_length, context));
    ++stats_.num_messages;
    if (message->type() != MessageType::kDictionaryBatch) {
      return Status::InvalidData(context + ": holds a " + std::string(MessageTypeName(message->type())) +
                                 " message");
    }
    ASSIGN_OR_RAISE(auto update, DecodeDictionaryBatch(*message, &memo_, false, options_, context));
    CountUpdate(update, &stats_);
  }
  return Status::OK();
}

Result<RecordBatchPtr> FileReader::ReadRecordBatch(int i) {
  if (i < 0 || i >= num_record_batches()) {
    return Status::InvalidArgument("IPC file: record batch " + std::to_string(i) + " out of range [0, " +
                                   std::to_string(num_record_batches()) + ")");
  }
  const Block& block = record_batch_blocks_[static_cast<size_t>(i)];
  std::string context = "IPC file: record batch " + std::to_string(i);
  ASSIGN_OR_RAISE(auto message,
                  ReadMessageAt(*file_, block.offset, block.metadata_length, block.body_length, context));
  ++stats_.num_messages;
  if (message->type() != MessageType::kRecordBatch) {
    return Status::InvalidData(context + ": block holds a " + std::string(MessageTypeName(message->type())) +
                               " message");
  }
  ASSIGN_OR_RAISE(auto batch, DecodeRecordBatch(*message, schema_, memo_, options_, context));
  ++stats_.num_record_batches;
  return batch;
}

Result<std::vector<RecordBatchPtr>> FileReader::ReadAll() {
  std::vector<RecordBatchPtr> batches;
  batches.reserve(record_batch_blocks_.size());
  for (int i = 0; i < num_record_batches(); ++i) {
    ASSIGN_OR_RAISE(auto batch, ReadRecordBatch(i));
    batches.push_back(std::move(batch));
  }
  return batches;
}

// ---- Convenience ----

Result<std::vector<RecordBatchPtr>> ReadStreamFile(const std::string& path, SchemaPtr* schema,
                                                   const IpcReadOptions& options) {
  ASSIGN_OR_RAISE(auto file, ReadableFile::Open(path, options.pool));
  ASSIGN_OR_RAISE(auto contents, file->ReadAll());
  BufferReader input(std::move(contents));
  auto reader = StreamReader::Open(&input, options);
  if (!reader.ok()) return reader.status().WithContext(path);
  if (schema != nullptr) *schema = (*reader)->schema();
  std::vector<RecordBatchPtr> batches;
  while (true) {
    auto batch = (*reader)->ReadNext();
    if (!batch.ok()) return batch.status().WithContext(path);
    if (*batch == nullptr) break;
    batches.push_back(*std::move(batch));
  }
  return batches;
}

Result<std::vector<RecordBatchPtr>> ReadFileFormat(const std::string& path, SchemaPtr* schema,
                                                   const IpcReadOptions& options) {
  ASSIGN_OR_RAISE(auto file, ReadableFile::Open(path, options.pool));
  ASSIGN_OR_RAISE(auto contents, file->ReadAll());
  auto reader = FileReader::Open(std::move(contents), options);
  if (!reader.ok()) return reader.status().WithContext(path);
  if (schema != nullptr) *schema = (*reader)->schema();
  auto batches = (*reader)->ReadAll();
  if (!batches.ok()) return batches.status().WithContext(path);
  return batches;
}

}  // namespace ballista::arrow::ipc
