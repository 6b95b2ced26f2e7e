// C stream interface: RecordBatchReader <-> ArrowArrayStream.

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "ballista/arrow/c_bridge.h"

namespace ballista::arrow {

namespace {

/// errno-style code for a failed Status, as the C stream specification recommends.
int StatusToErrno(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 0;
    case StatusCode::kSyntaxError:
    case StatusCode::kPlanError:
    case StatusCode::kTypeError:
    case StatusCode::kInvalidData:
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists: return EINVAL;
    case StatusCode::kUnsupported: return ENOSYS;
    case StatusCode::kResourcesExhausted: return ENOMEM;
    case StatusCode::kCancelled: return ECANCELED;
    default: return EIO;
  }
}

/// The Status kind a producer's errno code most likely stands for.
Status ErrnoToStatus(int code, std::string message) {
  switch (code) {
    case EINVAL: return Status::InvalidArgument(std::move(message));
    case ENOMEM: return Status::ResourcesExhausted(std::move(message));
    case ENOSYS: return Status::Unsupported(std::move(message));
    case ECANCELED: return Status::Cancelled(std::move(message));
    default: return Status::IOError(std::move(message));
  }
}

/// private_data of an exported stream: the reader and the text of the last failure.
struct ExportedStream {
  std::shared_ptr<RecordBatchReader> reader;
  std::string last_error;

  /// Records a failed call for get_last_error and returns its code.
  int Fail(const Status& status) {
    last_error = status.ToString();
    return StatusToErrno(status);
  }
};

ExportedStream* StreamState(ArrowArrayStream* stream) {
  return stream == nullptr ? nullptr : static_cast<ExportedStream*>(stream->private_data);
}

int ExportedGetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  ExportedStream* state = StreamState(stream);
  if (state == nullptr || stream->release == nullptr) return EINVAL;
  state->last_error.clear();
  SchemaPtr schema = state->reader->schema();
  if (schema == nullptr)
    return state->Fail(Status::Internal("C stream get_schema: the reader has no schema"));
  Status st = ExportSchema(*schema, out);
  return st.ok() ? 0 : state->Fail(st.WithContext("C stream get_schema"));
}

int ExportedGetNext(ArrowArrayStream* stream, ArrowArray* out) {
  ExportedStream* state = StreamState(stream);
  if (state == nullptr || stream->release == nullptr) return EINVAL;
  state->last_error.clear();
  if (out == nullptr)
    return state->Fail(Status::InvalidArgument("C stream get_next: output ArrowArray is null"));
  Result<RecordBatchPtr> next = state->reader->Next();
  if (!next.ok()) return state->Fail(next.status());
  if (*next == nullptr) {
    // End of stream: a released (all-zero) structure.
    std::memset(out, 0, sizeof(*out));
    return 0;
  }
  Status st = ExportRecordBatch(**next, out, nullptr);
  return st.ok() ? 0 : state->Fail(st.WithContext("C stream get_next"));
}

const char* ExportedGetLastError(ArrowArrayStream* stream) {
  ExportedStream* state = StreamState(stream);
  if (state == nullptr || state->last_error.empty()) return nullptr;
  return state->last_error.c_str();
}

void ReleaseExportedStream(ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr) return;
  std::unique_ptr<ExportedStream> owned(StreamState(stream));
  owned.reset();
  stream->private_data = nullptr;
  stream->release = nullptr;
}

/// A reader over a moved foreign stream, released when the reader is destroyed.
class ImportedStreamReader final : public RecordBatchReader {
 public:
  explicit ImportedStreamReader(const ArrowArrayStream& stream) : stream_(stream) {}
  ~ImportedStreamReader() override {
    if (stream_.release != nullptr) stream_.release(&stream_);
  }
  ImportedStreamReader(const ImportedStreamReader&) = delete;
  ImportedStreamReader& operator=(const ImportedStreamReader&) = delete;

  /// Fetches the schema once; called right after construction.
  Status Init() {
    ArrowSchema c_schema;
    std::memset(&c_schema, 0, sizeof(c_schema));
    int code = stream_.get_schema(&stream_, &c_schema);
    if (code != 0) return ProducerError("get_schema", code);
    auto schema = ImportSchema(&c_schema);
    if (!schema.ok()) return schema.status().WithContext("C stream get_schema");
    schema_ = std::move(schema).MoveValueUnsafe();
    return Status::OK();
  }

  SchemaPtr schema() const override { return schema_; }

  Result<RecordBatchPtr> Next() override {
    if (finished_) return RecordBatchPtr();
    ArrowArray c_array;
    std::memset(&c_array, 0, sizeof(c_array));
    int code = stream_.get_next(&stream_, &c_array);
    if (code != 0) return ProducerError("get_next", code);
    if (c_array.release == nullptr) {
      finished_ = true;
      return RecordBatchPtr();
    }
    auto batch = ImportRecordBatch(&c_array, schema_);
    if (!batch.ok()) {
      return batch.status().WithContext("C stream batch " + std::to_string(batches_read_));
    }
    ++batches_read_;
    return std::move(batch).MoveValueUnsafe();
  }

 private:
  /// The producer's own message when it gives one (copied: it lives only until the next call).
  Status ProducerError(std::string_view call, int code) {
    const char* message =
        stream_.get_last_error == nullptr ? nullptr : stream_.get_last_error(&stream_);
    std::string text = "C stream " + std::string(call) + " failed (" + std::strerror(code) + ")";
    if (message != nullptr) text += ": " + std::string(message);
    return ErrnoToStatus(code, std::move(text));
  }

  ArrowArrayStream stream_;
  SchemaPtr schema_;
  bool finished_ = false;
  int64_t batches_read_ = 0;
};

}  // namespace

Status ExportRecordBatchReader(std::shared_ptr<RecordBatchReader> reader, ArrowArrayStream* out) {
  if (out == nullptr)
    return Status::InvalidArgument("ExportRecordBatchReader: output ArrowArrayStream is null");
  if (reader == nullptr) return Status::InvalidArgument("ExportRecordBatchReader: reader is null");
  auto state = std::make_unique<ExportedStream>();
  state->reader = std::move(reader);
  out->get_schema = &ExportedGetSchema;
  out->get_next = &ExportedGetNext;
  out->get_last_error = &ExportedGetLastError;
  out->release = &ReleaseExportedStream;
  out->private_data = state.release();
  return Status::OK();
}

Result<std::shared_ptr<RecordBatchReader>> ImportRecordBatchReader(ArrowArrayStream* stream) {
  if (stream == nullptr)
    return Status::InvalidArgument("ImportRecordBatchReader: ArrowArrayStream pointer is null");
  if (stream->release == nullptr) {
    return Status::InvalidArgument("ImportRecordBatchReader: ArrowArrayStream is already released");
  }
  auto reader = std::make_shared<ImportedStreamReader>(*stream);
  stream->release = nullptr;  // moved into the reader
  if (stream->get_schema == nullptr || stream->get_next == nullptr) {
    return Status::InvalidArgument(
        "ImportRecordBatchReader: get_schema or get_next callback is null");
  }
  RETURN_NOT_OK(reader->Init());
  return std::shared_ptr<RecordBatchReader>(std::move(reader));
}

}  // namespace ballista::arrow
