#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ballista/formats/parquet/thrift_compact.h"

namespace ballista::formats::parquet {

/// Encodes the Thrift compact protocol into a growing string. The caller drives the structure:
/// BeginStruct / field headers and values / EndStruct (which writes STOP). Field ids must be
/// written in increasing order inside a struct only for the short (delta) form; any order is
/// valid on the wire. Not thread-safe; one writer per message.
class ThriftWriter {
 public:
  const std::string& data() const { return out_; }
  std::string Finish() { return std::move(out_); }

  void WriteVarint(uint64_t value);
  void WriteZigZag(int64_t value);
  void WriteByteValue(int8_t value) { out_.push_back(static_cast<char>(value)); }
  void WriteBinary(std::string_view value);

  /// Opens a struct (nested or top-level): field-id deltas restart from zero.
  void BeginStruct();
  /// Writes the STOP byte and restores the enclosing struct's last field id.
  void EndStruct();
  void FieldHeader(int16_t id, ThriftType type);
  /// A list (or set) header for `size` elements of `elem_type`.
  void ListHeader(ThriftType elem_type, int64_t size);

  // Convenience: a field header plus its value.
  void I32Field(int16_t id, int32_t value) {
    FieldHeader(id, ThriftType::kI32);
    WriteZigZag(value);
  }
  void I64Field(int16_t id, int64_t value) {
    FieldHeader(id, ThriftType::kI64);
    WriteZigZag(value);
  }
  void BinaryField(int16_t id, std::string_view value) {
    FieldHeader(id, ThriftType::kBinary);
    WriteBinary(value);
  }
  /// Booleans travel in the field header's type nibble.
  void BoolField(int16_t id, bool value) {
    FieldHeader(id, value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
  }
  /// A struct-typed field header followed by BeginStruct; close with EndStruct.
  void BeginStructField(int16_t id) {
    FieldHeader(id, ThriftType::kStruct);
    BeginStruct();
  }
  /// A field holding an empty struct (the members of Thrift unions such as LogicalType).
  void EmptyStructField(int16_t id) {
    BeginStructField(id);
    EndStruct();
  }

 private:
  std::string out_;
  int16_t last_field_id_ = 0;
  int depth_ = 0;
  int16_t saved_ids_[ThriftReader::kMaxDepth] = {};
};

}  // namespace ballista::formats::parquet
