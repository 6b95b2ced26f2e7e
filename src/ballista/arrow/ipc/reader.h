#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/ipc/dictionary_memo.h"
#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/options.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/record_batch_reader.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc {

/// Counters of what a reader has decoded so far.
struct ReadStats {
  int64_t num_messages = 0;
  int64_t num_record_batches = 0;
  int64_t num_dictionary_batches = 0;
  int64_t num_dictionary_deltas = 0;
  int64_t num_replaced_dictionaries = 0;
};

/// Reads the Arrow IPC stream format: a schema message, then dictionary and record batch
/// messages, then an optional end-of-stream marker. Accepts the continuation-marker framing and
/// the older 4-byte-length framing. Dictionary batches (new, delta or replacement) are applied as
/// they come. Every batch is validated before it is returned. Not thread-safe.
class StreamReader final : public RecordBatchReader {
 public:
  /// Reads the schema message from `stream`, which must outlive the reader.
  static Result<std::unique_ptr<StreamReader>> Open(InputStream* stream,
                                                    const IpcReadOptions& options = IpcReadOptions::Defaults());
  /// Same, owning the stream.
  static Result<std::unique_ptr<StreamReader>> Open(std::unique_ptr<InputStream> stream,
                                                    const IpcReadOptions& options = IpcReadOptions::Defaults());

  /// The stream's schema; fixed for the reader's lifetime.
  SchemaPtr schema() const override { return schema_; }

  /// The next record batch, or null at the end of the stream (and on every later call).
  Result<RecordBatchPtr> ReadNext();

  /// Same as ReadNext (the RecordBatchReader interface).
  Result<RecordBatchPtr> Next() override { return ReadNext(); }

  const ReadStats& stats() const { return stats_; }

 private:
  StreamReader() = default;

  std::unique_ptr<InputStream> owned_stream_;
  InputStream* stream_ = nullptr;
  IpcReadOptions options_;
  SchemaPtr schema_;
  DictionaryMemo memo_;
  ReadStats stats_;
  bool finished_ = false;
};

/// Reads the Arrow IPC file format: magic, stream, footer (schema plus the positions of every
/// dictionary and record batch), footer length, magic. All dictionaries are read when the file
/// is opened (deltas applied in order); record batches are read on demand, in any order.
/// ReadRecordBatch may not be called concurrently.
class FileReader {
 public:
  /// Opens a file held in memory; batches are zero-copy slices of `file`.
  static Result<std::unique_ptr<FileReader>> Open(std::shared_ptr<Buffer> file,
                                                  const IpcReadOptions& options = IpcReadOptions::Defaults());
  /// Opens `path`, reading messages from the file as they are needed.
  static Result<std::unique_ptr<FileReader>> Open(const std::string& path,
                                                  const IpcReadOptions& options = IpcReadOptions::Defaults());
  /// Opens any random-access source.
  static Result<std::unique_ptr<FileReader>> Open(std::shared_ptr<RandomAccessFile> file,
                                                  const IpcReadOptions& options = IpcReadOptions::Defaults());

  SchemaPtr schema() const { return schema_; }
  int num_record_batches() const { return static_cast<int>(record_batch_blocks_.size()); }
  int num_dictionaries() const { return static_cast<int>(dictionary_blocks_.size()); }
  /// Custom metadata stored in the footer.
  const KeyValueMetadata& footer_metadata() const { return footer_metadata_; }

  /// Record batch `i` (0-based); InvalidArgument when out of range.
  Result<RecordBatchPtr> ReadRecordBatch(int i);

  /// Every record batch in order.
  Result<std::vector<RecordBatchPtr>> ReadAll();

  const ReadStats& stats() const { return stats_; }

 private:
  struct Block {
    int64_t offset;
    int64_t metadata_length;
    int64_t body_length;
  };

  FileReader() = default;
  Status Init();

  std::shared_ptr<RandomAccessFile> file_;
  IpcReadOptions options_;
  SchemaPtr schema_;
  DictionaryMemo memo_;
  KeyValueMetadata footer_metadata_;
  std::vector<Block> dictionary_blocks_;
  std::vector<Block> record_batch_blocks_;
  ReadStats stats_;
};

/// Reads every batch of a stream-format file. `schema` (optional) receives the schema, which
/// is the only way to learn it when the stream has no batches.
Result<std::vector<RecordBatchPtr>> ReadStreamFile(const std::string& path, SchemaPtr* schema = nullptr,
                                                   const IpcReadOptions& options = IpcReadOptions::Defaults());

/// Reads every batch of a file-format file.
Result<std::vector<RecordBatchPtr>> ReadFileFormat(const std::string& path, SchemaPtr* schema = nullptr,
                                                   const IpcReadOptions& options = IpcReadOptions::Defaults());

}  // namespace ballista::arrow::ipc
