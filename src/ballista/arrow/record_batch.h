#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/type.h"

namespace ballista::arrow {

/// Equal-length columns with a schema: the unit that flows between operators, through IPC and over
/// Flight. Immutable and shared; thread-safe.
class RecordBatch {
 public:
  RecordBatch(SchemaPtr schema, int64_t num_rows, std::vector<ArrayDataPtr> columns)
      : schema_(std::move(schema)), num_rows_(num_rows), columns_(std::move(columns)) {}

  /// Checks that column count, types and lengths agree with the schema.
  static Result<std::shared_ptr<RecordBatch>> Make(SchemaPtr schema, int64_t num_rows,
                                                   std::vector<ArrayDataPtr> columns);

  const SchemaPtr& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const ArrayDataPtr& column_data(int i) const { return columns_[static_cast<size_t>(i)]; }
  const std::vector<ArrayDataPtr>& columns() const { return columns_; }
  const std::string& column_name(int i) const { return schema_->field(i)->name(); }

  /// Zero-copy window of rows [offset, offset + length), clamped to the batch.
  std::shared_ptr<RecordBatch> Slice(int64_t offset, int64_t length) const;

 private:
  SchemaPtr schema_;
  int64_t num_rows_;
  std::vector<ArrayDataPtr> columns_;
};

using RecordBatchPtr = std::shared_ptr<RecordBatch>;

}  // namespace ballista::arrow
