#include "ballista/arrow/record_batch.h"

#include <algorithm>

namespace ballista::arrow {

Result<std::shared_ptr<RecordBatch>> RecordBatch::Make(SchemaPtr schema, int64_t num_rows,
                                                       std::vector<ArrayDataPtr> columns) {
  if (static_cast<int>(columns.size()) != schema->num_fields()) {
    return Status::InvalidArgument("record batch has " + std::to_string(columns.size()) +
                                   " columns but its schema has " +
                                   std::to_string(schema->num_fields()) + " fields");
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& field = schema->field(static_cast<int>(i));
    if (columns[i]->length != num_rows) {
      return Status::InvalidArgument("column \"" + field->name() + "\" has " +
                                     std::to_string(columns[i]->length) + " rows, expected " +
                                     std::to_string(num_rows));
    }
    if (!columns[i]->type->Equals(*field->type())) {
      return Status::TypeError("column \"" + field->name() + "\" has type " +
                               columns[i]->type->ToString() + " but the schema says " +
                               field->type()->ToString());
    }
  }
  return std::make_shared<RecordBatch>(std::move(schema), num_rows, std::move(columns));
}

std::shared_ptr<RecordBatch> RecordBatch::Slice(int64_t offset, int64_t length) const {
  offset = std::clamp<int64_t>(offset, 0, num_rows_);
  length = std::clamp<int64_t>(length, 0, num_rows_ - offset);
  std::vector<ArrayDataPtr> sliced;
  sliced.reserve(columns_.size());
  for (const auto& column : columns_) sliced.push_back(column->Slice(offset, length));
  return std::make_shared<RecordBatch>(schema_, length, std::move(sliced));
}

}  // namespace ballista::arrow
