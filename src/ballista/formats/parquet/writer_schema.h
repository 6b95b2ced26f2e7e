#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/formats/parquet/file_metadata.h"

namespace ballista::formats::parquet {

/// How the values of a leaf compare for statistics (parquet-format's ColumnOrder:
/// TypeDefinedOrder).
enum class StatsOrder : uint8_t {
  kSigned,       // INT32/INT64 signed, FLOAT/DOUBLE, BOOLEAN (false < true)
  kUnsigned,     // INT32/INT64 holding unsigned integers: compared as unsigned
  kBytes,        // BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY: unsigned lexicographic
  kSignedBytes,  // FIXED_LEN_BYTE_ARRAY decimals: big-endian two's complement
  kNone,         // FLOAT16 and others without a supported order: no min/max
};

/// One leaf column to write: its place in the Parquet schema and how Arrow values convert.
struct WriteLeaf {
  std::vector<std::string> path;
  PhysicalType physical = PhysicalType::kInt32;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  int16_t max_def = 0;
  int16_t max_rep = 0;
  StatsOrder order = StatsOrder::kSigned;
  /// The Arrow type of the leaf's values (what the column's arrays hold).
  arrow::DataTypePtr arrow_type;
};

/// A node of the write tree built from an Arrow field. `def` is the definition level reached when
/// this node is present (non-null); a list's elements sit at `def + 1` (the repeated group), with
/// repetition level `rep + 1`.
struct WriteNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  bool nullable = true;
  int16_t def = 0;
  int16_t rep = 0;
  int leaf_begin = 0;  // leaves under this node: [leaf_begin, leaf_end)
  int leaf_end = 0;
  /// struct: members; list: the element; map: key, value.
  std::vector<WriteNode> children;
  std::string name;
};

/// The Parquet schema derived from an Arrow schema. Immutable after Make; shareable.
struct WriteSchema {
  std::vector<SchemaElement> elements;  // depth-first, root first
  std::vector<WriteLeaf> leaves;
  std::vector<WriteNode> fields;  // one per top-level Arrow field

  /// Maps every field. Types: bool, (u)int8-64, float16/32/64, decimal32/64/128 (INT32 for
  /// precision <= 9, INT64 for <= 18, else FIXED_LEN_BYTE_ARRAY of the minimal width), utf8,
  /// large_utf8, binary, large_binary, fixed_size_binary, date32, date64 (written as DATE),
  /// time32/time64, timestamp (seconds written as milliseconds; isAdjustedToUTC when a time zone
  /// is set), list, large_list, struct and map. Others are Unsupported naming the field.
  static Result<WriteSchema> Make(const arrow::Schema& schema);
};

/// Bytes of the FIXED_LEN_BYTE_ARRAY holding a decimal of `precision` digits.
int32_t DecimalByteWidth(int32_t precision);

}  // namespace ballista::formats::parquet
