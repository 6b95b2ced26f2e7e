#include "ballista/arrow/ipc/message.h"

#include <cstring>

#include "ballista/arrow/ipc/metadata_internal.h"

namespace ballista::arrow::ipc {

namespace {

namespace fb = internal::fb;

int32_t LoadInt32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

uint32_t LoadUInt32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

/// Flatbuffers reads scalars in place, so the metadata must sit at an 8-byte aligned address;
/// legacy streams (no continuation marker) and odd offsets need a copy.
Result<std::shared_ptr<Buffer>> EnsureAligned(std::shared_ptr<Buffer> buffer) {
  if (reinterpret_cast<uintptr_t>(buffer->data()) % 8 == 0) return buffer;
  return Buffer::CopyOf(buffer->view());
}

constexpr uint8_t kZeros[64] = {};

Status WritePadding(OutputStream* stream, int64_t bytes) {
  while (bytes > 0) {
    int64_t chunk = std::min<int64_t>(bytes, sizeof(kZeros));
    RETURN_NOT_OK(stream->Write(kZeros, chunk));
    bytes -= chunk;
  }
  return Status::OK();
}

int64_t PaddedLength(int64_t n, int64_t alignment) { return (n + alignment - 1) / alignment * alignment; }

}  // namespace

std::string_view MessageTypeName(MessageType type) {
  switch (type) {
    case MessageType::kSchema:
      return "schema";
    case MessageType::kDictionaryBatch:
      return "dictionary batch";
    case MessageType::kRecordBatch:
      return "record batch";
  }
  return "unknown";
}

Result<std::unique_ptr<Message>> Message::Open(std::shared_ptr<Buffer> metadata,
                                               std::shared_ptr<Buffer> body,
                                               const std::string& context) {
  if (metadata == nullptr) return Status::InvalidData(context + ": no metadata");
  ASSIGN_OR_RAISE(metadata, EnsureAligned(std::move(metadata)));
  ASSIGN_OR_RAISE(const fb::Message* root,
                  internal::VerifyMessage(metadata->data(), metadata->size(), context));
  if (root->version() < fb::MetadataVersion::V4) {
    return Status::Unsupported(context + ": metadata version V" +
                               std::to_string(static_cast<int>(root->version()) + 1) +
                               " predates V4 and is not supported");
  }
  if (root->version() > fb::MetadataVersion::V5) {
    return Status::Unsupported(context + ": metadata version " +
                               std::to_string(static_cast<int>(root->version()) + 1) +
                               " is newer than V5");
  }
  auto message = std::unique_ptr<Message>(new Message());
  switch (root->header_type()) {
    case fb::MessageHeader::Schema:
      message->type_ = MessageType::kSchema;
      break;
    case fb::MessageHeader::DictionaryBatch:
      message->type_ = MessageType::kDictionaryBatch;
      break;
    case fb::MessageHeader::RecordBatch:
      message->type_ = MessageType::kRecordBatch;
      break;
    case fb::MessageHeader::Tensor:
    case fb::MessageHeader::SparseTensor:
      return Status::Unsupported(context + ": tensor messages are not supported");
    default:
      return Status::InvalidData(context + ": message has no header");
  }
  if (root->header() == nullptr) return Status::InvalidData(context + ": message header is missing");
  if (root->bodyLength() < 0) {
    return Status::InvalidData(context + ": negative body length " + std::to_string(root->bodyLength()));
  }
  int64_t body_size = body ? body->size() : 0;
  if (body_size != root->bodyLength()) {
    return Status::InvalidData(context + ": body has " + std::to_string(body_size) +
                               " bytes but the metadata declares " + std::to_string(root->bodyLength()));
  }
  if (body == nullptr) body = Buffer::CopyOf("");
  message->metadata_ = std::move(metadata);
  message->body_ = std::move(body);
  message->message_ = root;
  return message;
}

Result<std::unique_ptr<Message>> ReadMessage(InputStream* stream, int64_t index) {
  std::string context = "IPC stream: message " + std::to_string(index);
  ASSIGN_OR_RAISE(auto prefix, stream->Read(4));
  if (prefix->size() == 0) return std::unique_ptr<Message>();  // clean end without marker
  if (prefix->size() < 4) {
    return Status::InvalidData(context + ": truncated length prefix (" + std::to_string(prefix->size()) +
                               " bytes)");
  }
  int32_t length;
  if (LoadUInt32(prefix->data()) == kContinuationMarker) {
    ASSIGN_OR_RAISE(auto length_bytes, stream->Read(4));
    if (length_bytes->size() == 0) return std::unique_ptr<Message>();
    if (length_bytes->size() < 4) return Status::InvalidData(context + ": truncated length prefix");
    length = LoadInt32(length_bytes->data());
  } else {
    length = LoadInt32(prefix->data());  // legacy framing: the length alone
  }
  if (length == 0) return std::unique_ptr<Message>();
  if (length < 0) {
    return Status::InvalidData(context + ": negative metadata length " + std::to_string(length));
  }
  ASSIGN_OR_RAISE(auto metadata, stream->Read(length));
  if (metadata->size() < length) {
    return Status::InvalidData(context + ": metadata length " + std::to_string(length) + " exceeds the " +
                               std::to_string(metadata->size()) + " bytes left");
  }
  ASSIGN_OR_RAISE(metadata, EnsureAligned(std::move(metadata)));
  ASSIGN_OR_RAISE(const fb::Message* root,
                  internal::VerifyMessage(metadata->data(), metadata->size(), context));
  int64_t body_length = root->bodyLength();
  if (body_length < 0) {
    return Status::InvalidData(context + ": negative body length " + std::to_string(body_length));
  }
  ASSIGN_OR_RAISE(auto body, stream->Read(body_length));
  if (body->size() < body_length) {
    return Status::InvalidData(context + ": body length " + std::to_string(body_length) +
                               " exceeds the " + std::to_string(body->size()) + " bytes left");
  }
  return Message::Open(std::move(metadata), std::move(body), context);
}

Result<std::unique_ptr<Message>> ReadMessageAt(const RandomAccessFile& file, int64_t offset,
                                               int64_t metadata_length, int64_t body_length,
                                               const std::string& context) {
  int64_t size = file.size();
  if (offset < 0 || metadata_length < 8 || body_length < 0 || offset > size ||
      metadata_length > size - offset || body_length > size - offset - metadata_length) {
    return Status::InvalidData(context + ": block (offset " + std::to_string(offset) + ", metadata " +
                               std::to_string(metadata_length) + ", body " + std::to_string(body_length) +
                               ") does not fit in the " + std::to_string(size) + "-byte file");
  }
  ASSIGN_OR_RAISE(auto prefix_and_metadata, file.ReadAt(offset, metadata_length));
  if (prefix_and_metadata->size() != metadata_length) {
    return Status::IOError(context + ": short read of message metadata");
  }
  const uint8_t* p = prefix_and_metadata->data();
  int64_t prefix = 4;
  int32_t fb_length = LoadInt32(p);
  if (LoadUInt32(p) == kContinuationMarker) {
    prefix = 8;
    fb_length = LoadInt32(p + 4);
  }
  if (fb_length <= 0 || fb_length > metadata_length - prefix) {
    return Status::InvalidData(context + ": flatbuffer length " + std::to_string(fb_length) +
                               " does not fit in the block's " + std::to_string(metadata_length) +
                               " metadata bytes");
  }
  auto metadata = Buffer::Slice(prefix_and_metadata, prefix, fb_length);
  ASSIGN_OR_RAISE(auto body, file.ReadAt(offset + metadata_length, body_length));
  if (body->size() != body_length) return Status::IOError(context + ": short read of message body");
  return Message::Open(std::move(metadata), std::move(body), context);
}

Status WritePayload(const IpcPayload& payload, OutputStream* stream, int32_t* metadata_length) {
  int64_t fb_size = payload.metadata->size();
  int64_t padded = PaddedLength(fb_size, 8);
  if (padded > INT32_MAX - 8) return Status::InvalidArgument("IPC: message metadata is too large");
  const uint32_t marker = kContinuationMarker;
  const int32_t length = static_cast<int32_t>(padded);
  RETURN_NOT_OK(stream->Write(&marker, 4));
  RETURN_NOT_OK(stream->Write(&length, 4));
  RETURN_NOT_OK(stream->Write(payload.metadata->data(), fb_size));
  RETURN_NOT_OK(WritePadding(stream, padded - fb_size));
  int64_t written = 0;
  for (const auto& buffer : payload.body_buffers) {
    int64_t n = buffer ? buffer->size() : 0;
    if (n > 0) RETURN_NOT_OK(stream->Write(buffer->data(), n));
    int64_t with_padding = PaddedLength(n, payload.alignment);
    RETURN_NOT_OK(WritePadding(stream, with_padding - n));
    written += with_padding;
  }
  if (written != payload.body_length) {
    return Status::Internal("IPC: payload body is " + std::to_string(written) +
                            " bytes but its metadata says " + std::to_string(payload.body_length));
  }
  if (metadata_length != nullptr) *metadata_length = 8 + length;
  return Status::OK();
}

Status WriteEndOfStream(OutputStream* stream) {
  const uint32_t marker = kContinuationMarker;
  const int32_t zero = 0;
  RETURN_NOT_OK(stream->Write(&marker, 4));
  return stream->Write(&zero, 4);
}

}  // namespace ballista::arrow::ipc
