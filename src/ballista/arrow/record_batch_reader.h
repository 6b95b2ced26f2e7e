#pragma once

#include <memory>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow {

/// A pull-style source of record batches that all share schema(). The shape the C stream
/// interface, IPC stream readers and query results have in common. Not thread-safe: one consumer
/// calls Next() at a time.
class RecordBatchReader {
 public:
  virtual ~RecordBatchReader() = default;

  /// The schema of every batch; stable for the reader's lifetime.
  virtual SchemaPtr schema() const = 0;

  /// The next batch, or a null pointer once the source is exhausted (and on every later call).
  /// An error leaves the reader in an unspecified state; callers should stop reading.
  virtual Result<RecordBatchPtr> Next() = 0;

  /// Reads every remaining batch.
  Result<std::vector<RecordBatchPtr>> ReadAll();
};

using RecordBatchReaderPtr = std::shared_ptr<RecordBatchReader>;

/// A reader over batches already in memory; they are returned in order without being checked
/// against `schema` (the caller guarantees they match).
RecordBatchReaderPtr MakeVectorReader(SchemaPtr schema, std::vector<RecordBatchPtr> batches);

}  // namespace ballista::arrow
