#include "ballista/arrow/record_batch_reader.h"

#include <utility>

namespace ballista::arrow {

Result<std::vector<RecordBatchPtr>> RecordBatchReader::ReadAll() {
  std::vector<RecordBatchPtr> batches;
  while (true) {
    ASSIGN_OR_RAISE(RecordBatchPtr batch, Next());
    if (batch == nullptr) return batches;
    batches.push_back(std::move(batch));
  }
}

namespace {

/// Hands out a fixed list of batches; the list is consumed as it is read.
class VectorReader final : public RecordBatchReader {
 public:
  VectorReader(SchemaPtr schema, std::vector<RecordBatchPtr> batches)
      : schema_(std::move(schema)), batches_(std::move(batches)) {}

  SchemaPtr schema() const override { return schema_; }

  Result<RecordBatchPtr> Next() override {
    if (next_ >= batches_.size()) return RecordBatchPtr();
    // Drop our reference so that memory goes away as soon as the consumer is done with it.
    return std::move(batches_[next_++]);
  }

 private:
  SchemaPtr schema_;
  std::vector<RecordBatchPtr> batches_;
  size_t next_ = 0;
};

}  // namespace

RecordBatchReaderPtr MakeVectorReader(SchemaPtr schema, std::vector<RecordBatchPtr> batches) {
  return std::make_shared<VectorReader>(std::move(schema), std::move(batches));
}

}  // namespace ballista::arrow
