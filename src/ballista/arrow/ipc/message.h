#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ballista/arrow/ipc/io.h"
#include "ballista/common/buffer.h"
#include "ballista/common/result.h"

namespace org::apache::arrow::flatbuf {
struct Message;
}  // namespace org::apache::arrow::flatbuf

namespace ballista::arrow::ipc {

/// Continuation marker that starts every encapsulated message since format 0.15.
inline constexpr uint32_t kContinuationMarker = 0xFFFFFFFFu;

/// The kinds of IPC message that carry columnar data.
enum class MessageType : int8_t { kSchema, kDictionaryBatch, kRecordBatch };

std::string_view MessageTypeName(MessageType type);

/// One IPC message: verified flatbuffers metadata plus its body. Also the unit Arrow Flight
/// carries (FlightData.data_header + data_body). Immutable; thread-safe for reads.
class Message {
 public:
  /// Verifies `metadata` as a Message flatbuffer and checks that `body` has the length the
  /// metadata declares. InvalidData naming `context` on failure; Unsupported for metadata
  /// versions before V4 and for tensor messages.
  static Result<std::unique_ptr<Message>> Open(std::shared_ptr<Buffer> metadata,
                                               std::shared_ptr<Buffer> body,
                                               const std::string& context = "IPC message");

  MessageType type() const { return type_; }
  /// The flatbuffer bytes (8-byte aligned in memory).
  const std::shared_ptr<Buffer>& metadata() const { return metadata_; }
  /// The body; empty for schema messages.
  const std::shared_ptr<Buffer>& body() const { return body_; }
  /// The verified root table; for the ipc library's own decoders.
  const org::apache::arrow::flatbuf::Message* flatbuffer() const { return message_; }

 private:
  Message() = default;

  MessageType type_ = MessageType::kSchema;
  std::shared_ptr<Buffer> metadata_;
  std::shared_ptr<Buffer> body_;
  const org::apache::arrow::flatbuf::Message* message_ = nullptr;
};

/// Reads the next encapsulated message from `stream`: optional continuation marker, int32
/// metadata length, metadata, body. Returns null at the end-of-stream marker (length 0) or at a
/// clean end of input. `index` numbers the message in errors ("IPC stream: message 3: ...").
Result<std::unique_ptr<Message>> ReadMessage(InputStream* stream, int64_t index = 0);

/// Reads the encapsulated message that a file footer block points at: `metadata_length` bytes
/// of prefix + flatbuffer starting at `offset`, then `body_length` bytes of body.
Result<std::unique_ptr<Message>> ReadMessageAt(const RandomAccessFile& file, int64_t offset,
                                               int64_t metadata_length, int64_t body_length,
                                               const std::string& context);

/// A message ready to write: flatbuffer metadata and body buffers. Each body buffer is placed at
/// the next multiple of `alignment` within the body, as the metadata's buffer offsets say.
struct IpcPayload {
  MessageType type = MessageType::kSchema;
  std::shared_ptr<Buffer> metadata;
  std::vector<std::shared_ptr<Buffer>> body_buffers;
  /// Total body length, padding included.
  int64_t body_length = 0;
  int32_t alignment = 8;
};

/// Writes `payload` as an encapsulated message (continuation marker, padded metadata length,
/// metadata, padding, body). `metadata_length` receives the bytes before the body (what a file
/// footer block records). `stream` must be at a multiple of 8 bytes.
Status WritePayload(const IpcPayload& payload, OutputStream* stream, int32_t* metadata_length);

/// Writes the end-of-stream marker (continuation + zero length).
Status WriteEndOfStream(OutputStream* stream);

}  // namespace ballista::arrow::ipc
