#include "ballista/formats/parquet/file_reader.h"

#include "ballista/arrow/ipc/io.h"
#include "ballista/arrow/validate.h"

#include <cstdio>
#include <cstring>

#include "ballista/formats/parquet/column_reader.h"
#include "ballista/formats/parquet/column_to_arrow.h"
#include "ballista/formats/parquet/nested_assembler.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

constexpr char kMagic[] = "PAR1";
constexpr char kEncryptedMagic[] = "PARE";

/// Yields batch_size slices of row groups read one at a time; keeps the file alive. Not
/// thread-safe (one consumer).
class RowGroupBatchReader final : public a::RecordBatchReader {
 public:
  RowGroupBatchReader(std::shared_ptr<const ParquetFileReader> file, a::SchemaPtr schema,
                      std::vector<int> row_groups, std::vector<int> columns, int64_t batch_size)
      : file_(std::move(file)),
        schema_(std::move(schema)),
        row_groups_(std::move(row_groups)),
        columns_(std::move(columns)),
        batch_size_(batch_size) {}

  /// Stable for the reader's lifetime. Not thread-safe (one consumer).
  a::SchemaPtr schema() const override { return schema_; }

  /// Reads the next row group when the current one is used up. Not thread-safe.
  Result<a::RecordBatchPtr> Next() override {
    while (!current_ || offset_ >= current_->num_rows()) {
      if (next_group_ >= row_groups_.size()) return a::RecordBatchPtr();
      ASSIGN_OR_RAISE(current_, file_->ReadRowGroup(row_groups_[next_group_++], columns_));
      offset_ = 0;
    }
    auto batch = current_->Slice(offset_, batch_size_);
    offset_ += batch->num_rows();
    return batch;
  }

 private:
  std::shared_ptr<const ParquetFileReader> file_;
  a::SchemaPtr schema_;
  std::vector<int> row_groups_;
  std::vector<int> columns_;
  int64_t batch_size_;
  size_t next_group_ = 0;
  a::RecordBatchPtr current_;
  int64_t offset_ = 0;
};

}  // namespace

Result<std::shared_ptr<ParquetFileReader>> ParquetFileReader::Open(const std::string& path) {
  ASSIGN_OR_RAISE(std::shared_ptr<a::ipc::ReadableFile> file, a::ipc::ReadableFile::Open(path));
  FileRangeReader read_range = [file, path](int64_t offset, int64_t length) -> Result<std::shared_ptr<Buffer>> {
    ASSIGN_OR_RAISE(auto bytes, file->ReadAt(offset, length));
    if (bytes->size() != length) {
      return Status::IOError("\"" + path + "\": the file ended at byte " + std::to_string(offset + bytes->size()) +
                             " while reading " + std::to_string(length) + " bytes at " + std::to_string(offset) +
                             " (changed since it was opened?)");
    }
    return bytes;
  };
  return OpenRanges(std::move(read_range), file->size(), path);
}

Result<std::shared_ptr<ParquetFileReader>> ParquetFileReader::OpenBuffer(
    std::shared_ptr<Buffer> bytes, std::string name) {
  const int64_t size = bytes->size();
  FileRangeReader read_range = [bytes](int64_t offset, int64_t length) -> Result<std::shared_ptr<Buffer>> {
    return Buffer::Slice(bytes, offset, length);
  };
  return OpenRanges(std::move(read_range), size, std::move(name));
}

Result<std::shared_ptr<ParquetFileReader>> ParquetFileReader::OpenRanges(FileRangeReader read_range,
                                                                         int64_t size, std::string name) {
  if (size < 12) {
    return Status::InvalidData(name + ": too small to be a parquet file (" + std::to_string(size) + " bytes)");
  }
  ASSIGN_OR_RAISE(auto head, read_range(0, 4));
  ASSIGN_OR_RAISE(auto tail, read_range(size - 8, 8));
  std::string_view tail_magic = tail->view().substr(4);
  if (tail_magic == kEncryptedMagic) {
    return Status::Unsupported(name + ": encrypted parquet footer");
  }
  if (head->view() != kMagic || tail_magic != kMagic) {
    return Status::InvalidData(name + ": missing PAR1 magic");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail->data(), 4);
  if (footer_length > size - 12) {
    return Status::InvalidData(name + ": footer length " + std::to_string(footer_length) +
                               " exceeds the file");
  }
  ASSIGN_OR_RAISE(auto footer, read_range(size - 8 - footer_length, footer_length));
  std::shared_ptr<ParquetFileReader> reader(new ParquetFileReader());
  auto metadata = ParseFileMetaData(footer->view());
  if (!metadata.ok()) return Status::InvalidData(name + ": " + metadata.status().message());
  reader->metadata_ = std::move(metadata).ValueOrDie();
  auto schema = ParquetSchema::Make(reader->metadata_);
  if (!schema.ok()) {
    return Status(schema.status().code(), name + ": " + schema.status().message());
  }
  reader->schema_ = std::move(schema).ValueOrDie();
  size_t num_leaves = reader->schema_.leaves().size();
  for (size_t g = 0; g < reader->metadata_.row_groups.size(); ++g) {
    const RowGroup& rg = reader->metadata_.row_groups[g];
    if (rg.columns.size() != num_leaves) {
      return Status::InvalidData(name + ": row group " + std::to_string(g) + " has " +
                                 std::to_string(rg.columns.size()) + " column chunks for " +
                                 std::to_string(num_leaves) + " leaf columns");
    }
    if (rg.num_rows < 0) {
      return Status::InvalidData(name + ": row group " + std::to_string(g) + " has negative rows");
    }
  }
  reader->read_range_ = std::move(read_range);
  reader->file_size_ = size;
  reader->name_ = std::move(name);
  return reader;
}

Result<a::SchemaPtr> ParquetFileReader::ProjectedSchema(
    const std::vector<int>& column_indices) const {
  const auto& full = schema();
  if (column_indices.empty()) return full;
  a::FieldVector fields;
  for (int index : column_indices) {
    if (index < 0 || index >= full->num_fields()) {
      return Status::InvalidArgument(name_ + ": column index " + std::to_string(index) +
                                     " out of range (" + std::to_string(full->num_fields()) +
                                     " columns)");
    }
    fields.push_back(full->field(index));
  }
  return a::MakeSchema(std::move(fields), full->metadata());
}

Result<a::ArrayDataPtr> ParquetFileReader::ReadNested(const SchemaNode& node, const RowGroup& rg,
                                                      const std::string& where) const {
  std::vector<int> leaf_indices;
  std::vector<const SchemaNode*> stack{&node};
  while (!stack.empty()) {
    const SchemaNode* n = stack.back();
    stack.pop_back();
    if (n->leaf_index >= 0) leaf_indices.push_back(n->leaf_index);
    for (const auto& c : n->children) stack.push_back(&c);
  }
  std::vector<ColumnChunkData> storage;
  storage.reserve(leaf_indices.size());
  std::vector<const ColumnChunkData*> chunks(schema_.leaves().size(), nullptr);
  for (int leaf : leaf_indices) {
    const ColumnDescriptor& d = schema_.leaves()[static_cast<size_t>(leaf)];
    std::string leaf_where = where + " (leaf \"" + d.path.back() + "\")";
    ASSIGN_OR_RAISE(
        auto chunk,
        ReadColumnChunkPages(read_range_, file_size_, rg.columns[static_cast<size_t>(leaf)], d, leaf_where));
    storage.push_back(std::move(chunk));
    chunks[static_cast<size_t>(leaf)] = &storage.back();
  }
  auto array = AssembleNested(node, schema_.leaves(), chunks, rg.num_rows);
  if (!array.ok()) return Status(array.status().code(), where + ": " + array.status().message());
  return array;
}

Result<a::RecordBatchPtr> ParquetFileReader::ReadRowGroup(
    int i, const std::vector<int>& column_indices) const {
  if (i < 0 || i >= num_row_groups()) {
    return Status::InvalidArgument(name_ + ": row group " + std::to_string(i) + " out of range");
  }
  ASSIGN_OR_RAISE(auto out_schema, ProjectedSchema(column_indices));
  std::vector<int> indices = column_indices;
  if (indices.empty()) {
    for (int f = 0; f < schema()->num_fields(); ++f) indices.push_back(f);
  }
  const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(i)];
  std::vector<a::ArrayDataPtr> columns;
  for (int index : indices) {
    const SchemaNode& node = schema_.fields()[static_cast<size_t>(index)];
    std::string where =
        name_ + ", row group " + std::to_string(i) + ", column \"" + node.field->name() + "\"";
    if (node.leaf_index < 0 || node.repetition_level > 0) {
      ASSIGN_OR_RAISE(auto array, ReadNested(node, rg, where));
      columns.push_back(std::move(array));
      continue;
    }
    const ColumnDescriptor& leaf = schema_.leaves()[static_cast<size_t>(node.leaf_index)];
    ASSIGN_OR_RAISE(auto chunk, ReadColumnChunkPages(read_range_, file_size_,
                                                     rg.columns[static_cast<size_t>(node.leaf_index)], leaf, where));
    if (chunk.num_levels != rg.num_rows) {
      return Status::InvalidData(where + ": column has " + std::to_string(chunk.num_levels) +
                                 " values but the row group has " + std::to_string(rg.num_rows) +
                                 " rows");
    }
    auto array = FlatColumnToArrow(leaf, chunk);
    if (!array.ok()) {
      return Status(array.status().code(), where + ": " + array.status().message());
    }
    columns.push_back(std::move(array).ValueOrDie());
  }
  ASSIGN_OR_RAISE(auto batch,
                  a::RecordBatch::Make(std::move(out_schema), rg.num_rows, std::move(columns)));
  // Decoded bytes come straight from the file: a corrupt page can hold strings that are not
  // UTF-8 or lists whose levels disagree. Full validation turns those into a clean error here
  // rather than an invalid array for every later operator to trip over.
  Status valid = a::ValidateRecordBatch(*batch, /*full=*/true);
  if (!valid.ok()) {
    return Status(valid.code(), name_ + ": row group " + std::to_string(i) + ": " + valid.message());
  }
  return batch;
}

Result<std::shared_ptr<Buffer>> ParquetFileReader::IndexBytes(int row_group, int leaf,
                                                       bool offset_index) const {
  if (row_group < 0 || row_group >= num_row_groups() || leaf < 0 ||
      leaf >= static_cast<int>(schema_.leaves().size())) {
    return Status::InvalidArgument(name_ + ": page index of row group " +
                                   std::to_string(row_group) + ", leaf " + std::to_string(leaf) +
                                   " out of range");
  }
  const ColumnChunk& chunk =
      metadata_.row_groups[static_cast<size_t>(row_group)].columns[static_cast<size_t>(leaf)];
  const auto& offset = offset_index ? chunk.offset_index_offset : chunk.column_index_offset;
  const auto& length = offset_index ? chunk.offset_index_length : chunk.column_index_length;
  const char* what = offset_index ? "offset index" : "column index";
  if (!offset || !length) return Status::NotFound(name_ + ": no " + what);
  const int64_t size = file_size_;
  if (*offset < 0 || *length < 0 || *offset > size || *length > size - *offset) {
    return Status::InvalidData(name_ + ", row group " + std::to_string(row_group) + ": " + what +
                               " lies outside the file");
  }
  return read_range_(*offset, *length);
}

Result<OffsetIndex> ParquetFileReader::ReadOffsetIndex(int row_group, int leaf) const {
  ASSIGN_OR_RAISE(auto bytes, IndexBytes(row_group, leaf, true));
  return ParseOffsetIndex(bytes->view());
}

Result<ColumnIndex> ParquetFileReader::ReadColumnIndex(int row_group, int leaf) const {
  ASSIGN_OR_RAISE(auto bytes, IndexBytes(row_group, leaf, false));
  return ParseColumnIndex(bytes->view());
}

Result<a::RecordBatchReaderPtr> ParquetFileReader::GetRecordBatchReader(
    std::vector<int> row_groups, std::vector<int> column_indices, int64_t batch_size) const {
  if (batch_size <= 0) return Status::InvalidArgument("batch_size must be positive");
  ASSIGN_OR_RAISE(auto out_schema, ProjectedSchema(column_indices));
  if (row_groups.empty()) {
    for (int g = 0; g < num_row_groups(); ++g) row_groups.push_back(g);
  }
  for (int g : row_groups) {
    if (g < 0 || g >= num_row_groups()) {
      return Status::InvalidArgument(name_ + ": row group " + std::to_string(g) + " out of range");
    }
  }
  // The reader shares ownership so it outlives the caller's handle to the file.
  return std::make_shared<RowGroupBatchReader>(shared_from_this(), std::move(out_schema),
                                               std::move(row_groups), std::move(column_indices),
                                               batch_size);
}

Result<std::vector<a::RecordBatchPtr>> ReadParquetFile(const std::string& path,
                                                       const std::vector<int>& column_indices) {
  ASSIGN_OR_RAISE(auto reader, ParquetFileReader::Open(path));
  std::vector<a::RecordBatchPtr> batches;
  for (int g = 0; g < reader->num_row_groups(); ++g) {
    ASSIGN_OR_RAISE(auto batch, reader->ReadRowGroup(g, column_indices));
    batches.push_back(std::move(batch));
  }
  return batches;
}

}  // namespace ballista::formats::parquet
