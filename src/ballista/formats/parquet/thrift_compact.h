#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ballista/common/result.h"
#include "ballista/common/status.h"

namespace ballista::formats::parquet {

/// Thrift compact protocol wire types (the low nibble of a field header).
enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

/// One field header: the id (after applying the delta) and its wire type. For booleans the value
/// travels in the type, so `bool_value` carries it.
struct ThriftFieldHeader {
  int16_t id = 0;
  ThriftType type = ThriftType::kStop;
  bool bool_value = false;
};

/// A list or set header: element type and count (bounded by the bytes left, since every element
/// takes at least one byte — except booleans in a field, which never appear in lists).
struct ThriftListHeader {
  ThriftType elem_type = ThriftType::kStop;
  int64_t size = 0;
};

/// Decodes the Thrift compact protocol over a byte span it does not own. Every read is bounds
/// checked and returns InvalidData on truncated or malformed input; struct nesting is capped so a
/// hostile file cannot recurse deeply. Not thread-safe; one reader per parse.
class ThriftReader {
 public:
  static constexpr int kMaxDepth = 64;

  explicit ThriftReader(std::string_view bytes) : data_(bytes) {}

  /// Bytes consumed so far.
  int64_t position() const { return static_cast<int64_t>(pos_); }
  int64_t remaining() const { return static_cast<int64_t>(data_.size() - pos_); }

  Result<uint64_t> ReadVarint();
  Result<int64_t> ReadZigZag();  // zigzag-decoded varint (i16/i32/i64)
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<int8_t> ReadByte();
  Result<double> ReadDouble();
  Result<std::string_view> ReadBinary();  // a view into the input
  /// Reads a bool list element (one byte) — field bools come from the header instead.
  Result<bool> ReadBoolElement();

  /// Call at the start of each struct: saves the last field id and checks the depth cap.
  Status BeginStruct();
  /// Call after the STOP field of a struct.
  void EndStruct();
  /// The next field header of the current struct; type kStop ends the struct.
  Result<ThriftFieldHeader> ReadFieldHeader();
  Result<ThriftListHeader> ReadListHeader();

  /// Skips one value of `type` (structs, lists, sets and maps recursively, depth-capped).
  Status Skip(ThriftType type);

 private:
  Status Truncated() const;

  std::string_view data_;
  size_t pos_ = 0;
  int16_t last_field_id_ = 0;
  int depth_ = 0;
  // Field ids of the enclosing structs; kMaxDepth bounds it.
  int16_t saved_ids_[kMaxDepth] = {};
};

}  // namespace ballista::formats::parquet
