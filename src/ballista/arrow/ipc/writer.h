#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/ipc/dictionary_memo.h"
#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/message.h"
#include "ballista/arrow/ipc/options.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc {

/// Counters of what a writer has emitted so far.
struct WriteStats {
  int64_t num_messages = 0;
  int64_t num_record_batches = 0;
  int64_t num_dictionary_batches = 0;
  int64_t num_dictionary_deltas = 0;
  int64_t num_replaced_dictionaries = 0;
  /// Bytes written to the sink, framing included.
  int64_t bytes_written = 0;
};

/// Common interface of the stream and file writers. Not thread-safe: one thread writes.
class RecordBatchWriter {
 public:
  virtual ~RecordBatchWriter() = default;

  /// Writes `batch`, preceded by the dictionary batches its dictionary-encoded columns need
  /// (new dictionaries, deltas when a dictionary grew by appending, replacements in streams).
  /// The batch's column types must equal the writer's schema. Fails after Close.
  virtual Status WriteRecordBatch(const RecordBatch& batch) = 0;

  /// Finishes the output (end-of-stream marker, file footer). The sink is flushed but stays
  /// open: its owner closes it. A second call does nothing.
  virtual Status Close() = 0;

  virtual const WriteStats& stats() const = 0;
};

namespace internal {
class IpcWriterCore;
}  // namespace internal

/// Writes the Arrow IPC stream format: the schema message at Open, then dictionary and record
/// batch messages, then the end-of-stream marker (0xFFFFFFFF 0x00000000) at Close.
/// Single-threaded, like every RecordBatchWriter.
class StreamWriter final : public RecordBatchWriter {
 public:
  ~StreamWriter() override;

  /// Writes the schema to `sink`, which must outlive the writer.
  static Result<std::unique_ptr<StreamWriter>> Open(OutputStream* sink, SchemaPtr schema,
                                                    const IpcWriteOptions& options = IpcWriteOptions::Defaults());

  Status WriteRecordBatch(const RecordBatch& batch) override;
  Status Close() override;
  const WriteStats& stats() const override;

 private:
  StreamWriter() = default;
  std::unique_ptr<internal::IpcWriterCore> core_;
};

/// Writes the Arrow IPC file format: "ARROW1" magic and padding, the stream format, then a
/// footer with the schema and the position of every dictionary and record batch, the footer
/// length and the magic again. A dictionary may only grow by appending (written as deltas)
/// between batches; replacing it is an error because the file format cannot express it.
/// Single-threaded.
class FileWriter final : public RecordBatchWriter {
 public:
  ~FileWriter() override;

  /// Writes the magic and the schema to `sink`, which must outlive the writer and be at
  /// position 0 (or any multiple of 8). `footer_metadata` is stored in the footer.
  static Result<std::unique_ptr<FileWriter>> Open(OutputStream* sink, SchemaPtr schema,
                                                  const IpcWriteOptions& options = IpcWriteOptions::Defaults(),
                                                  KeyValueMetadata footer_metadata = {});

  Status WriteRecordBatch(const RecordBatch& batch) override;
  Status Close() override;
  const WriteStats& stats() const override;

 private:
  FileWriter() = default;
  std::unique_ptr<internal::IpcWriterCore> core_;
};

/// Receives encoded IPC messages one at a time, unframed: how Arrow Flight sends a stream (one
/// FlightData per message). Called from the writer's thread only.
class IpcPayloadSink {
 public:
  virtual ~IpcPayloadSink() = default;

  /// Takes one message (schema first, then dictionaries and record batches in stream order).
  virtual Status WritePayload(const IpcPayload& payload) = 0;
};

/// A writer with the stream format's message sequence and dictionary handling that hands each
/// message to `sink` (which must outlive it) instead of framing it into bytes. Close writes no
/// end-of-stream marker.
Result<std::unique_ptr<RecordBatchWriter>> MakePayloadWriter(IpcPayloadSink* sink, SchemaPtr schema,
                                                             const IpcWriteOptions& options = IpcWriteOptions::Defaults());

/// Writes `batches` (all of `schema`) to `path` in the stream format.
Status WriteStreamFile(const std::string& path, const SchemaPtr& schema,
                       const std::vector<RecordBatchPtr>& batches,
                       const IpcWriteOptions& options = IpcWriteOptions::Defaults());

/// Writes `batches` to `path` in the file format.
Status WriteFileFormat(const std::string& path, const SchemaPtr& schema,
                       const std::vector<RecordBatchPtr>& batches,
                       const IpcWriteOptions& options = IpcWriteOptions::Defaults());

/// Serializes `batches` in the stream format into one in-memory buffer.
Result<std::shared_ptr<Buffer>> SerializeStream(const SchemaPtr& schema,
                                                const std::vector<RecordBatchPtr>& batches,
                                                const IpcWriteOptions& options = IpcWriteOptions::Defaults());

}  // namespace ballista::arrow::ipc
