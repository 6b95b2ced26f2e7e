#include "ballista/exec/spill_manager.h"

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <system_error>

#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/ipc/writer.h"

namespace ballista::exec {

namespace internal {

/// The directory shared by a SpillManager and the files it made; whichever dies last removes it.
struct SpillDirectory {
  explicit SpillDirectory(std::string work_dir_in) : work_dir(std::move(work_dir_in)) {}
  ~SpillDirectory() { RemoveAll(); }

  /// Creates the directory on first use and returns its path.
  Result<std::string> Ensure() {
    std::lock_guard<std::mutex> lock(mutex);
    if (!path.empty()) return path;
    static std::atomic<int64_t> next_directory{0};
    std::string candidate =
        (std::filesystem::path(work_dir) / ("ballista-spill-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(next_directory.fetch_add(1))))
            .string();
    std::error_code ec;
    std::filesystem::create_directories(candidate, ec);
    if (ec) {
      return Status::IOError("cannot create spill directory '" + candidate + "': " + ec.message());
    }
    path = std::move(candidate);
    return path;
  }

  void RemoveFile(const std::string& file) {
    std::error_code ec;
    if (std::filesystem::remove(file, ec)) live_files.fetch_sub(1);
  }

  void RemoveAll() {
    std::lock_guard<std::mutex> lock(mutex);
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
    live_files.store(0);
  }

  const std::string work_dir;
  std::mutex mutex;
  std::string path;
  std::atomic<int64_t> next_file{0};
  std::atomic<int64_t> live_files{0};
  std::atomic<int64_t> spilled_bytes{0};
  std::atomic<int64_t> spill_files{0};
};

}  // namespace internal

namespace {

/// Reads a spill file back; holds the SpillFile so the file outlives the reader.
class SpillFileReader final : public arrow::RecordBatchReader {
 public:
  SpillFileReader(std::shared_ptr<const SpillFile> file,
                  std::unique_ptr<arrow::ipc::StreamReader> reader)
      : file_(std::move(file)), reader_(std::move(reader)) {}

  arrow::SchemaPtr schema() const override { return reader_->schema(); }
  Result<arrow::RecordBatchPtr> Next() override { return reader_->ReadNext(); }

 private:
  std::shared_ptr<const SpillFile> file_;
  std::unique_ptr<arrow::ipc::StreamReader> reader_;
};

/// Keeps only characters that are safe in a file name.
std::string SanitizeForFileName(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    out.push_back(safe ? c : '_');
    if (out.size() >= 48) break;
  }
  return out.empty() ? "spill" : out;
}

}  // namespace

// ---- SpillFile ----

SpillFile::SpillFile(std::shared_ptr<internal::SpillDirectory> directory, std::string path,
                     arrow::SchemaPtr schema, int64_t size_bytes, int64_t num_rows,
                     int64_t num_batches)
    : directory_(std::move(directory)),
      path_(std::move(path)),
      schema_(std::move(schema)),
      size_bytes_(size_bytes),
      num_rows_(num_rows),
      num_batches_(num_batches) {}

SpillFile::~SpillFile() { directory_->RemoveFile(path_); }

Result<arrow::RecordBatchReaderPtr> SpillFile::OpenReader() const {
  ASSIGN_OR_RAISE(auto file, arrow::ipc::ReadableFile::Open(path_));
  // Spill files are written by this process moments earlier: skip full validation (the reader
  // still bounds every buffer by the message body).
  arrow::ipc::IpcReadOptions options;
  options.validate_full = false;
  ASSIGN_OR_RAISE(auto reader, arrow::ipc::StreamReader::Open(std::move(file), options));
  return std::make_shared<SpillFileReader>(shared_from_this(), std::move(reader));
}

// ---- SpillWriter ----

struct SpillWriter::Impl {
  std::shared_ptr<internal::SpillDirectory> directory;
  std::string path;
  arrow::SchemaPtr schema;
  OperatorMetrics* metrics = nullptr;
  std::unique_ptr<arrow::ipc::FileOutputStream> output;
  std::unique_ptr<arrow::ipc::StreamWriter> writer;
  int64_t num_rows = 0;
  int64_t num_batches = 0;
  bool finished = false;
};

SpillWriter::SpillWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SpillWriter::~SpillWriter() {
  if (impl_->finished) return;
  // Abandoned (an error or a cancellation): drop the partial file.
  impl_->writer.reset();
  if (impl_->output) (void)impl_->output->Close();
  impl_->output.reset();
  impl_->directory->RemoveFile(impl_->path);
}

Status SpillWriter::Write(const arrow::RecordBatch& batch) {
  if (impl_->finished) return Status::Internal("spill writer used after Finish");
  RETURN_NOT_OK(impl_->writer->WriteRecordBatch(batch).WithContext(impl_->path));
  impl_->num_rows += batch.num_rows();
  ++impl_->num_batches;
  return Status::OK();
}

int64_t SpillWriter::bytes_written() const { return impl_->output ? impl_->output->Tell() : 0; }

Result<SpillFilePtr> SpillWriter::Finish() {
  if (impl_->finished) return Status::Internal("spill writer finished twice");
  RETURN_NOT_OK(impl_->writer->Close().WithContext(impl_->path));
  RETURN_NOT_OK(impl_->output->Close().WithContext(impl_->path));
  const int64_t bytes = impl_->output->Tell();
  impl_->finished = true;
  impl_->directory->spilled_bytes.fetch_add(bytes);
  impl_->directory->spill_files.fetch_add(1);
  if (impl_->metrics != nullptr) impl_->metrics->AddSpill(bytes);
  return SpillFilePtr(new SpillFile(impl_->directory, impl_->path, impl_->schema, bytes,
                                    impl_->num_rows, impl_->num_batches));
}

// ---- SpillManager ----

SpillManager::SpillManager(std::string work_dir, arrow::ipc::CompressionType compression)
    : directory_(std::make_shared<internal::SpillDirectory>(std::move(work_dir))),
      compression_(compression) {}

SpillManager::~SpillManager() { directory_->RemoveAll(); }

Result<std::unique_ptr<SpillWriter>> SpillManager::CreateWriter(arrow::SchemaPtr schema,
                                                                std::string_view owner,
                                                                OperatorMetrics* metrics) {
  ASSIGN_OR_RAISE(std::string dir, directory_->Ensure());
  auto impl = std::make_unique<SpillWriter::Impl>();
  impl->directory = directory_;
  impl->path = (std::filesystem::path(dir) /
                (SanitizeForFileName(owner) + "-" +
                 std::to_string(directory_->next_file.fetch_add(1)) + ".arrows"))
                   .string();
  impl->schema = schema;
  impl->metrics = metrics;
  ASSIGN_OR_RAISE(impl->output, arrow::ipc::FileOutputStream::Open(impl->path));
  directory_->live_files.fetch_add(1);
  // From here on the writer owns the file: its destructor removes it on any early return.
  std::unique_ptr<SpillWriter> writer(new SpillWriter(std::move(impl)));
  arrow::ipc::IpcWriteOptions options;
  options.compression = compression_;
  ASSIGN_OR_RAISE(
      writer->impl_->writer,
      arrow::ipc::StreamWriter::Open(writer->impl_->output.get(), std::move(schema), options));
  return writer;
}

Result<SpillFilePtr> SpillManager::SpillBatches(const arrow::SchemaPtr& schema,
                                                const std::vector<arrow::RecordBatchPtr>& batches,
                                                std::string_view owner, OperatorMetrics* metrics) {
  ASSIGN_OR_RAISE(auto writer, CreateWriter(schema, owner, metrics));
  for (const auto& batch : batches) RETURN_NOT_OK(writer->Write(*batch));
  return writer->Finish();
}

std::string SpillManager::directory() const {
  std::lock_guard<std::mutex> lock(directory_->mutex);
  return directory_->path;
}

int64_t SpillManager::spilled_bytes() const { return directory_->spilled_bytes.load(); }
int64_t SpillManager::spill_files() const { return directory_->spill_files.load(); }
int64_t SpillManager::live_files() const { return directory_->live_files.load(); }

}  // namespace ballista::exec
