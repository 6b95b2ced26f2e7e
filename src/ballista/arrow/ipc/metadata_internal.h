#pragma once

// Conversion between this engine's Schema and the IPC flatbuffers metadata. Internal to the ipc
// library: it exposes the generated flatbuffers types, which public headers keep out of sight.

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <flatbuffers/flatbuffers.h>

#include "ballista/arrow/ipc/format/File_generated.h"
#include "ballista/arrow/ipc/format/Message_generated.h"
#include "ballista/arrow/ipc/format/Schema_generated.h"
#include "ballista/arrow/type.h"
#include "ballista/common/buffer.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc::internal {

namespace fb = ::org::apache::arrow::flatbuf;

/// The metadata version this engine writes; V4 and V5 are read.
inline constexpr fb::MetadataVersion kWriteMetadataVersion = fb::MetadataVersion::V5;

/// Adds `schema` to `builder`, giving dictionary-encoded fields ids 0, 1, ... in pre-order (the
/// order DictionaryMemo::MakeSequential uses). InvalidArgument for a type IPC cannot express.
Result<flatbuffers::Offset<fb::Schema>> WriteSchema(flatbuffers::FlatBufferBuilder& builder,
                                                    const Schema& schema);

/// Reads a verified flatbuffers schema. The dictionary id of each dictionary-encoded field, in
/// pre-order, is appended to `preorder_ids`. Unsupported for types this engine does not hold
/// (unions, run-end encoded, list views), naming the field; InvalidData for malformed metadata.
Result<SchemaPtr> ReadSchema(const fb::Schema* schema, int max_depth,
                             std::vector<int64_t>* preorder_ids);

/// Adds key/value metadata to `builder`; 0 (absent) when empty.
flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>> WriteMetadata(
    flatbuffers::FlatBufferBuilder& builder, const KeyValueMetadata& metadata);

/// Reads optional key/value metadata (absent keys or values read as empty strings).
KeyValueMetadata ReadMetadata(
    const flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>* metadata);

/// Copies a finished builder into a buffer.
Result<std::shared_ptr<Buffer>> FinishedToBuffer(const flatbuffers::FlatBufferBuilder& builder);

/// Verifies `size` bytes at `data` as a Message flatbuffer and returns its root; InvalidData
/// naming `context` when verification fails. The bytes must stay alive while the result is used.
Result<const fb::Message*> VerifyMessage(const uint8_t* data, int64_t size,
                                         const std::string& context);

/// Same for a file Footer.
Result<const fb::Footer*> VerifyFooter(const uint8_t* data, int64_t size,
                                       const std::string& context);

/// Copies a struct out of a flatbuffers vector. The verifier checks only 4-byte alignment for
/// vector contents, so 8-byte structs and scalars in a hostile buffer may be misaligned; reading
/// them in place would be undefined behaviour.
template <typename T>
T LoadUnaligned(const void* p) {
  T value;
  std::memcpy(static_cast<void*>(&value), p, sizeof(T));
  return value;
}

/// Name of a flatbuffers type tag ("Union", "RunEndEncoded", ...), for error messages.
std::string FlatbufferTypeName(fb::Type type);

}  // namespace ballista::arrow::ipc::internal
