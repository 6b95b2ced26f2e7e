#include "ballista/tpch/generate.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "ballista/formats/csv/csv_reader.h"
#include "ballista/formats/parquet/file_writer.h"
#include "ballista/tpch/scale.h"
#include "ballista/tpch/schema.h"
#include "ballista/tpch/sources.h"
#include "ballista/tpch/text_pool.h"

namespace ballista::tpch {
namespace {

/// Master rows per chunk: a chunk is formatted by one thread into about half a MB of text, small
/// enough to still be in the cache when write() copies it out.
int64_t ChunkRows(Source source) {
  switch (source) {
    case Source::kPart:
    case Source::kOrders:
      return 1000;
    case Source::kSupplier:
    case Source::kCustomer:
      return 4000;
    case Source::kNation:
    case Source::kRegion:
      return 1000;
  }
  return 1000;
}

/// An output file, opened by the chunk that starts it and closed by the one that ends it: a
/// text file written as is, or a Parquet file fed record batches.
class OutputFile {
 public:
  ~OutputFile() {
    if (fd_ >= 0) ::close(fd_);  // only after an error: Close() reports errors otherwise
  }

  Status OpenParquet(const std::string& path, arrow::SchemaPtr schema) {
    path_ = path;
    ASSIGN_OR_RAISE(parquet_, formats::parquet::ParquetWriter::Open(path, std::move(schema)));
    return Status::OK();
  }

  Status WriteBatches(const std::vector<arrow::RecordBatchPtr>& batches) {
    for (const arrow::RecordBatchPtr& batch : batches) {
      RETURN_NOT_OK(parquet_->Write(*batch));
    }
    return Status::OK();
  }

  Status Open(const std::string& path) {
    path_ = path;
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::IOError(path + ": cannot create: " + std::strerror(errno));
    return Status::OK();
  }

  Status Write(const char* data, size_t size) {
    while (size > 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IOError(path_ + ": write failed: " + std::strerror(errno));
      }
      data += n;
      size -= static_cast<size_t>(n);
    }
    return Status::OK();
  }

  Status Close() {
    if (parquet_) {
      Status st = parquet_->Close();
      parquet_.reset();
      return st;
    }
    if (fd_ < 0) return Status::OK();
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) return Status::IOError(path_ + ": close failed: " + std::strerror(errno));
    return Status::OK();
  }

 private:
  std::string path_;
  int fd_ = -1;
  std::unique_ptr<formats::parquet::ParquetWriter> parquet_;
};

/// One unit of work: master rows [begin, end) of a source partition, written to the partition's
/// files (master table and/or detail table).
struct Chunk {
  Source source;
  int64_t begin;
  int64_t end;
  OutputFile* master;  ///< null when the master table is not wanted
  OutputFile* detail;  ///< null when there is no detail table or it is not wanted
  std::string master_path;
  std::string detail_path;
  Table master_table;
  Table detail_table;
  bool opens;   ///< first chunk of its files: opens them (and writes CSV headers)
  bool closes;  ///< last chunk of its files: closes them
};

/// The text of one chunk, and for Parquet output the same rows as record batches.
struct ChunkText {
  TextBuffer master;
  TextBuffer detail;
  std::vector<arrow::RecordBatchPtr> master_batches;
  std::vector<arrow::RecordBatchPtr> detail_batches;
};

/// Parses .tbl text into batches of `table`'s schema.
Status ParseTblText(Table table, const TextBuffer& text, std::vector<arrow::RecordBatchPtr>* out) {
  out->clear();
  if (text.size() == 0) return Status::OK();
  formats::csv::CsvReadOptions options;
  options.has_header = false;
  options.delimiter = '|';
  options.allow_trailing_delimiter = true;
  options.schema = TableSchema(table);
  options.batch_size = 1 << 16;
  ASSIGN_OR_RAISE(auto reader, formats::csv::CsvReader::OpenBuffer(
                                   std::string_view(text.data(), text.size()), options,
                                   std::string(TableName(table))));
  for (;;) {
    ASSIGN_OR_RAISE(arrow::RecordBatchPtr batch, reader->Next());
    if (!batch) break;
    out->push_back(std::move(batch));
  }
  return Status::OK();
}

/// Generates chunks on several threads and writes them in chunk order. A thread takes a free
/// buffer, then the next chunk, formats the chunk and hands it in; whoever hands in the next
/// chunk to write becomes the writer and writes every chunk that is ready in order, while the
/// other threads keep generating. At most `threads + 2` chunks are in memory.
class ChunkPipeline {
 public:
  ChunkPipeline(const TpchScale& scale, const TextPool& pool, FileFormat format,
                std::vector<Chunk> chunks)
      : scale_(scale),
        pool_(pool),
        parquet_(format == FileFormat::kParquet),
        formatter_(format == FileFormat::kCsv ? TextFormat::kCsv : TextFormat::kTbl),
        chunks_(std::move(chunks)) {}

  Status Run(int threads) {
    buffers_left_ = threads + 2;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) workers.emplace_back([this] { Work(); });
    for (std::thread& w : workers) w.join();
    return error_;
  }

  int64_t bytes_written() const { return bytes_; }

 private:
  void Work() {
    for (;;) {
      // A buffer first, then a chunk: the chunk due next always has a buffer, so no deadlock.
      std::unique_ptr<ChunkText> text = AcquireBuffer();
      if (!text) return;
      const size_t i = next_chunk_.fetch_add(1);
      if (i >= chunks_.size()) return;
      const Chunk& c = chunks_[i];
      text->master.clear();
      text->detail.clear();
      FormatSourceRows(c.source, scale_, pool_, formatter_, c.begin, c.end,
                       c.master ? &text->master : nullptr, c.detail ? &text->detail : nullptr);
      if (parquet_) {
        Status st = ParseTblText(c.master_table, text->master, &text->master_batches);
        if (st.ok()) st = ParseTblText(c.detail_table, text->detail, &text->detail_batches);
        if (!st.ok()) {
          Fail(std::move(st));
          return;
        }
      }
      HandIn(i, std::move(text));
    }
  }

  void Fail(Status st) {
    std::unique_lock lock(mutex_);
    if (!failed_) error_ = std::move(st);
    failed_ = true;
    buffer_freed_.notify_all();
  }

  /// A free buffer; null once generation failed.
  std::unique_ptr<ChunkText> AcquireBuffer() {
    std::unique_lock lock(mutex_);
    buffer_freed_.wait(lock, [&] { return failed_ || !free_.empty() || buffers_left_ > 0; });
    if (failed_) return nullptr;
    if (!free_.empty()) {
      std::unique_ptr<ChunkText> text = std::move(free_.back());
      free_.pop_back();
      return text;
    }
    --buffers_left_;
    return std::make_unique<ChunkText>();
  }

  void HandIn(size_t index, std::unique_ptr<ChunkText> text) {
    std::unique_lock lock(mutex_);
    ready_[index] = std::move(text);
    if (writing_) return;  // the writer will find it
    writing_ = true;
    for (auto it = ready_.find(next_to_write_); it != ready_.end() && !failed_;
         it = ready_.find(next_to_write_)) {
      std::unique_ptr<ChunkText> chunk_text = std::move(it->second);
      ready_.erase(it);
      lock.unlock();
      Status st = WriteChunk(chunks_[next_to_write_], *chunk_text);
      lock.lock();
      if (!st.ok()) {
        error_ = std::move(st);
        failed_ = true;
      }
      ++next_to_write_;
      free_.push_back(std::move(chunk_text));
      buffer_freed_.notify_all();
    }
    writing_ = false;
  }

  Status WriteChunk(const Chunk& c, const ChunkText& text) {
    const TextBuffer& master = text.master;
    const TextBuffer& detail = text.detail;
    if (parquet_) {
      if (c.opens) {
        if (c.master) RETURN_NOT_OK(c.master->OpenParquet(c.master_path, TableSchema(c.master_table)));
        if (c.detail) RETURN_NOT_OK(c.detail->OpenParquet(c.detail_path, TableSchema(c.detail_table)));
      }
      if (c.master) RETURN_NOT_OK(c.master->WriteBatches(text.master_batches));
      if (c.detail) RETURN_NOT_OK(c.detail->WriteBatches(text.detail_batches));
    }
    TextBuffer header;
    if (c.opens && !parquet_) {
      if (c.master) {
        RETURN_NOT_OK(c.master->Open(c.master_path));
        formatter_.Header(c.master_table, &header);
        RETURN_NOT_OK(c.master->Write(header.data(), header.size()));
        header.clear();
      }
      if (c.detail) {
        RETURN_NOT_OK(c.detail->Open(c.detail_path));
        formatter_.Header(c.detail_table, &header);
        RETURN_NOT_OK(c.detail->Write(header.data(), header.size()));
      }
    }
    if (c.master && !parquet_) RETURN_NOT_OK(c.master->Write(master.data(), master.size()));
    if (c.detail && !parquet_) RETURN_NOT_OK(c.detail->Write(detail.data(), detail.size()));
    bytes_ += static_cast<int64_t>(master.size() + detail.size());
    if (c.closes) {
      if (c.master) RETURN_NOT_OK(c.master->Close());
      if (c.detail) RETURN_NOT_OK(c.detail->Close());
    }
    return Status::OK();
  }

  const TpchScale scale_;
  const TextPool& pool_;
  const bool parquet_;
  const RowFormatter formatter_;
  const std::vector<Chunk> chunks_;
  std::atomic<size_t> next_chunk_{0};

  std::mutex mutex_;
  std::condition_variable buffer_freed_;
  std::vector<std::unique_ptr<ChunkText>> free_;        // guarded by mutex_
  int buffers_left_ = 0;                                // guarded by mutex_
  std::map<size_t, std::unique_ptr<ChunkText>> ready_;  // guarded by mutex_
  bool writing_ = false;                                // guarded by mutex_
  size_t next_to_write_ = 0;                            // guarded by mutex_
  bool failed_ = false;                                 // guarded by mutex_
  Status error_;                                        // guarded by mutex_
  int64_t bytes_ = 0;                                   // only the writer (writing_) touches it
};

}  // namespace

std::string TableFilePath(const GenerateOptions& options, Table table, int partition) {
  const std::filesystem::path dir(options.output_dir);
  const std::string name(TableName(table));
  if (options.format == FileFormat::kParquet) {
    if (options.partitions == 1) return (dir / (name + ".parquet")).string();
    return (dir / name / (name + "." + std::to_string(partition + 1) + ".parquet")).string();
  }
  std::string path = (dir / name).string();
  path += options.format == FileFormat::kCsv ? ".csv" : ".tbl";
  if (options.partitions > 1) path += "." + std::to_string(partition + 1);
  return path;
}

Result<GenerateSummary> GenerateTables(const GenerateOptions& options) {
  ASSIGN_OR_RAISE(TpchScale scale, TpchScale::Make(options.scale_factor));
  if (options.partitions < 1) {
    return Status::InvalidArgument("partitions must be at least 1, got " +
                                   std::to_string(options.partitions));
  }
  if (options.output_dir.empty()) return Status::InvalidArgument("no output directory given");
  std::error_code ec;
  std::filesystem::create_directories(options.output_dir, ec);
  if (ec) {
    return Status::IOError(options.output_dir + ": cannot create directory: " + ec.message());
  }
  std::vector<Table> tables = options.tables;
  if (tables.empty()) tables.assign(kAllTables.begin(), kAllTables.end());
  auto wanted = [&](Table t) { return std::find(tables.begin(), tables.end(), t) != tables.end(); };

  // Files live in a stable container: chunks point at them.
  std::vector<std::unique_ptr<OutputFile>> files;
  std::vector<Chunk> chunks;
  GenerateSummary summary;
  for (Source source : kAllSources) {
    const std::vector<Table> source_tables = SourceTables(source);
    const bool want_master = wanted(source_tables[0]);
    const bool want_detail = source_tables.size() > 1 && wanted(source_tables[1]);
    if (!want_master && !want_detail) continue;
    const int64_t total = SourceRowCount(source, scale);
    if (options.format == FileFormat::kParquet && options.partitions > 1) {
      for (Table t : source_tables) {
        std::filesystem::create_directories(std::filesystem::path(options.output_dir) / TableName(t), ec);
        if (ec) {
          return Status::IOError(options.output_dir + "/" + std::string(TableName(t)) +
                                 ": cannot create directory: " + ec.message());
        }
      }
    }
    for (int p = 0; p < options.partitions; ++p) {
      Chunk proto{};
      proto.source = source;
      proto.master_table = source_tables[0];
      proto.detail_table = source_tables.back();
      if (want_master) {
        files.push_back(std::make_unique<OutputFile>());
        proto.master = files.back().get();
        proto.master_path = TableFilePath(options, proto.master_table, p);
        summary.files.push_back(proto.master_path);
      }
      if (want_detail) {
        files.push_back(std::make_unique<OutputFile>());
        proto.detail = files.back().get();
        proto.detail_path = TableFilePath(options, proto.detail_table, p);
        summary.files.push_back(proto.detail_path);
      }
      const RowRange range = PartitionRows(total, options.partitions, p);
      const int64_t end = range.begin + range.count;
      const int64_t step = ChunkRows(source);
      int64_t begin = range.begin;
      do {  // at least one chunk, so that empty partitions still get their (empty) files
        Chunk c = proto;
        c.begin = begin;
        c.end = std::min(end, begin + step);
        c.opens = begin == range.begin;
        c.closes = c.end == end;
        chunks.push_back(std::move(c));
        begin = chunks.back().end;
      } while (begin < end);
    }
  }

  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);
  const TextPool& pool = TextPool::Default(threads);
  threads = std::min(threads, static_cast<int>(chunks.size()));
  ChunkPipeline pipeline(scale, pool, options.format, std::move(chunks));
  RETURN_NOT_OK(pipeline.Run(threads));
  summary.bytes = pipeline.bytes_written();
  return summary;
}

}  // namespace ballista::tpch
