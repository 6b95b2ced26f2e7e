#pragma once

#include <string>

#include "ballista/arrow/ipc/dictionary_memo.h"
#include "ballista/arrow/ipc/message.h"
#include "ballista/arrow/ipc/options.h"
#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc {

// Decoders from IPC messages to in-memory data. The stream and file readers are built on them;
// Arrow Flight clients use them on the messages they receive. Each call is single-threaded with
// respect to the memo it is given.

/// Reads the schema of a Schema message and sets up `memo` (dictionary ids and types) for it.
/// Unsupported names the field of a type this engine does not hold.
Result<SchemaPtr> DecodeSchema(const Message& message, DictionaryMemo* memo,
                               const IpcReadOptions& options = IpcReadOptions::Defaults());

/// What a dictionary batch did to its dictionary.
enum class DictionaryUpdate : int8_t { kNew, kDelta, kReplacement };

/// Applies a DictionaryBatch message to `memo`: sets, appends (delta) or replaces the values of
/// its id. `allow_replacement` is false for the file format, where a second non-delta batch for
/// an id is an error. The values are validated before they are stored.
Result<DictionaryUpdate> DecodeDictionaryBatch(const Message& message, DictionaryMemo* memo,
                                               bool allow_replacement, const IpcReadOptions& options,
                                               const std::string& context);

/// Decodes a RecordBatch message against `schema`, attaching the current dictionaries of `memo`.
/// Buffers are zero-copy slices of the message body unless they had to be decompressed or
/// realigned. Every column is validated (fully, unless options say otherwise) before return.
Result<RecordBatchPtr> DecodeRecordBatch(const Message& message, const SchemaPtr& schema,
                                         const DictionaryMemo& memo, const IpcReadOptions& options,
                                         const std::string& context);

}  // namespace ballista::arrow::ipc
