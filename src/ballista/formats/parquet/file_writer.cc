#include "ballista/formats/parquet/file_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ballista/formats/parquet/level_builder.h"
#include "ballista/formats/parquet/metadata_writer.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

constexpr std::string_view kMagic = "PAR1";

}  // namespace

Result<std::unique_ptr<ParquetWriter>> ParquetWriter::Open(const std::string& path,
                                                           a::SchemaPtr schema,
                                                           ParquetWriteOptions options) {
  switch (options.compression) {
    case CompressionCodec::kUncompressed:
    case CompressionCodec::kSnappy:
    case CompressionCodec::kGzip:
    case CompressionCodec::kZstd:
      break;
    default:
      return Status::InvalidArgument("parquet writer: unsupported compression " +
                                     std::string(CodecName(options.compression)));
  }
  if (options.row_group_size < 1 || options.data_page_max_values < 1) {
    return Status::InvalidArgument(
        "parquet writer: row_group_size and data_page_max_values must "
        "be positive");
  }
  std::unique_ptr<ParquetWriter> w(new ParquetWriter());
  ASSIGN_OR_RAISE(WriteSchema ws, WriteSchema::Make(*schema));
  w->write_schema_ = std::make_unique<WriteSchema>(std::move(ws));
  w->options_ = std::make_unique<ParquetWriteOptions>(std::move(options));
  w->schema_ = std::move(schema);
  w->path_ = path;
  for (const auto& leaf : w->write_schema_->leaves) {
    w->columns_.push_back(std::make_unique<ColumnChunkWriter>(leaf, *w->options_));
  }
  w->file_ = std::fopen(path.c_str(), "wb");
  if (w->file_ == nullptr) {
    return Status::IOError("cannot create \"" + path + "\": " + std::strerror(errno));
  }
  w->metadata_.version = w->options_->data_page_v2 ? 2 : 1;
  w->metadata_.schema = w->write_schema_->elements;
  w->metadata_.created_by = w->options_->created_by;
  w->metadata_.key_value_metadata = w->options_->key_value_metadata;
  RETURN_NOT_OK(w->WriteBytes(kMagic));
  return w;
}

ParquetWriter::~ParquetWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status ParquetWriter::WriteBytes(std::string_view bytes) {
  if (bytes.empty()) return Status::OK();
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return Status::IOError("write to \"" + path_ + "\" failed: " + std::strerror(errno));
  }
  position_ += static_cast<int64_t>(bytes.size());
  return Status::OK();
}

Status ParquetWriter::Write(const a::RecordBatch& batch) {
  if (closed_) return Status::InvalidArgument("parquet writer: Write after Close");
  if (batch.num_columns() != schema_->num_fields()) {
    return Status::InvalidArgument("parquet writer: batch has " +
                                   std::to_string(batch.num_columns()) + " columns, schema has " +
                                   std::to_string(schema_->num_fields()));
  }
  for (int c = 0; c < batch.num_columns(); ++c) {
    if (!batch.column_data(c)->type->Equals(*schema_->field(c)->type())) {
      return Status::InvalidArgument("parquet writer: column \"" + schema_->field(c)->name() +
                                     "\" has type " + batch.column_data(c)->type->ToString() +
                                     ", the schema says " + schema_->field(c)->type()->ToString());
    }
  }
  int64_t done = 0;
  while (done < batch.num_rows()) {
    int64_t take = std::min(batch.num_rows() - done, options_->row_group_size - rows_in_group_);
    std::vector<ShreddedLeaf> leaves(columns_.size());
    for (int c = 0; c < batch.num_columns(); ++c) {
      const WriteNode& node = write_schema_->fields[static_cast<size_t>(c)];
      auto slice = batch.column_data(c)->Slice(done, take);
      RETURN_NOT_OK(ShredColumn(node, *slice, &leaves));
      for (int l = node.leaf_begin; l < node.leaf_end; ++l) {
        RETURN_NOT_OK(columns_[static_cast<size_t>(l)]->Append(leaves[static_cast<size_t>(l)]));
      }
    }
    done += take;
    rows_in_group_ += take;
    int64_t buffered = 0;
    for (const auto& col : columns_) buffered += col->buffered_bytes();
    if (rows_in_group_ >= options_->row_group_size || buffered >= options_->row_group_max_bytes) {
      RETURN_NOT_OK(FlushRowGroup());
    }
  }
  return Status::OK();
}

Status ParquetWriter::FlushRowGroup() {
  if (rows_in_group_ == 0) return Status::OK();
  RowGroup rg;
  rg.num_rows = rows_in_group_;
  std::vector<EncodedChunk> index;
  for (auto& col : columns_) {
    ASSIGN_OR_RAISE(EncodedChunk chunk, col->Flush(position_));
    RETURN_NOT_OK(WriteBytes(chunk.bytes));
    rg.total_byte_size += chunk.chunk.meta_data->total_uncompressed_size;
    rg.columns.push_back(chunk.chunk);
    chunk.bytes.clear();
    index.push_back(std::move(chunk));
  }
  metadata_.row_groups.push_back(std::move(rg));
  page_index_.push_back(std::move(index));
  metadata_.num_rows += rows_in_group_;
  rows_written_ += rows_in_group_;
  rows_in_group_ = 0;
  return Status::OK();
}

Status ParquetWriter::WritePageIndex() {
  if (!options_->write_page_index) return Status::OK();
  // All column indexes, then all offset indexes (the layout parquet-format describes).
  for (size_t g = 0; g < page_index_.size(); ++g) {
    for (size_t c = 0; c < page_index_[g].size(); ++c) {
      const EncodedChunk& chunk = page_index_[g][c];
      if (!chunk.has_column_index) continue;
      std::string bytes = SerializeColumnIndex(chunk.column_index);
      ColumnChunk& meta = metadata_.row_groups[g].columns[c];
      meta.column_index_offset = position_;
      meta.column_index_length = static_cast<int32_t>(bytes.size());
      RETURN_NOT_OK(WriteBytes(bytes));
    }
  }
  for (size_t g = 0; g < page_index_.size(); ++g) {
    for (size_t c = 0; c < page_index_[g].size(); ++c) {
      std::string bytes = SerializeOffsetIndex(page_index_[g][c].offset_index);
      ColumnChunk& meta = metadata_.row_groups[g].columns[c];
      meta.offset_index_offset = position_;
      meta.offset_index_length = static_cast<int32_t>(bytes.size());
      RETURN_NOT_OK(WriteBytes(bytes));
    }
  }
  return Status::OK();
}

Status ParquetWriter::Close() {
  if (closed_) return Status::InvalidArgument("parquet writer: Close called twice");
  closed_ = true;
  RETURN_NOT_OK(FlushRowGroup());
  RETURN_NOT_OK(WritePageIndex());
  page_index_.clear();
  std::string footer = SerializeFileMetaData(metadata_);
  RETURN_NOT_OK(WriteBytes(footer));
  char len[4];
  uint32_t n = static_cast<uint32_t>(footer.size());
  std::memcpy(len, &n, 4);
  RETURN_NOT_OK(WriteBytes(std::string_view(len, 4)));
  RETURN_NOT_OK(WriteBytes(kMagic));
  int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) return Status::IOError("closing \"" + path_ + "\" failed: " + std::strerror(errno));
  return Status::OK();
}

Status WriteParquetFile(const std::string& path, const a::SchemaPtr& schema,
                        const std::vector<a::RecordBatchPtr>& batches,
                        const ParquetWriteOptions& options) {
  ASSIGN_OR_RAISE(auto writer, ParquetWriter::Open(path, schema, options));
  for (const auto& batch : batches) RETURN_NOT_OK(writer->Write(*batch));
  return writer->Close();
}

Status WriteParquetFile(const std::string& path, const std::vector<a::RecordBatchPtr>& batches,
                        const ParquetWriteOptions& options) {
  if (batches.empty()) {
    return Status::InvalidArgument("WriteParquetFile: no batches and no schema");
  }
  return WriteParquetFile(path, batches[0]->schema(), batches, options);
}

}  // namespace ballista::formats::parquet
