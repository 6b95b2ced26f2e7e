#pragma once

#include <cstdint>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/ipc/message.h"
#include "ballista/arrow/ipc/options.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc {

// Encoders from in-memory data to IPC messages. The stream and file writers are built on them,
// and Arrow Flight sends the same payloads (metadata as data_header, buffers as data_body).
// All are pure functions of their arguments; thread-safe.

/// The Schema message. Dictionary-encoded fields get ids 0, 1, ... in pre-order, matching
/// DictionaryMemo::MakeSequential.
Result<IpcPayload> GetSchemaPayload(const Schema& schema);

/// The RecordBatch message of `batch`: a node per array and a buffer list in pre-order, sliced
/// arrays written from their window (offsets rebased, bitmaps shifted), dictionary-encoded
/// columns as indices only. Body buffers compressed as `options` say.
Result<IpcPayload> GetRecordBatchPayload(const RecordBatch& batch, const IpcWriteOptions& options);

/// The DictionaryBatch message carrying `values` for dictionary `id`; `is_delta` marks values to
/// append to the dictionary the reader already has.
Result<IpcPayload> GetDictionaryPayload(int64_t id, bool is_delta, const ArrayData& values,
                                        const IpcWriteOptions& options);

}  // namespace ballista::arrow::ipc
