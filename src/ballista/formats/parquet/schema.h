#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "ballista/formats/parquet/file_metadata.h"

namespace ballista::formats::parquet {

/// One leaf (primitive) column of a Parquet schema: where it sits and how to turn it into Arrow.
struct ColumnDescriptor {
  int leaf_index = 0;
  std::vector<std::string> path;
  SchemaElement element;
  int16_t max_definition_level = 0;
  int16_t max_repetition_level = 0;
  /// The Arrow type of the leaf's values (before any list/struct wrapping).
  arrow::DataTypePtr arrow_type;
};

/// A node of the schema tree (group or leaf) with its Arrow field.
struct SchemaNode {
  int element_index = 0;
  int leaf_index = -1;           // >= 0 for primitive nodes
  int16_t definition_level = 0;  // max definition level at this node
  int16_t repetition_level = 0;
  std::vector<SchemaNode> children;
  /// The Arrow field of the node as its parent sees it (a repeated node is a list of elements).
  arrow::FieldPtr field;
  /// For repeated nodes, the field of one element (the node without its repetition); for other
  /// nodes the same as `field`.
  arrow::FieldPtr element_field;
  /// How the element is assembled: a primitive, a struct of the children, a LIST-annotated group
  /// or a MAP-annotated group.
  enum class Kind { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  /// kList: whether the repeated child is itself the element (legacy two-level lists) rather than
  /// a wrapper around its single child.
  bool repeated_is_element = false;
};

/// The Parquet schema of a file resolved into leaves, a node tree and the Arrow schema. Built once
/// per file, then immutable and safe to share across threads.
class ParquetSchema {
 public:
  /// Validates the flattened schema (child counts, depth, a type on every leaf) and converts it.
  static Result<ParquetSchema> Make(const FileMetaData& metadata);

  const arrow::SchemaPtr& arrow_schema() const { return arrow_schema_; }
  const std::vector<ColumnDescriptor>& leaves() const { return leaves_; }
  /// One node per top-level Arrow field, in order.
  const std::vector<SchemaNode>& fields() const { return fields_; }

 private:
  arrow::SchemaPtr arrow_schema_;
  std::vector<ColumnDescriptor> leaves_;
  std::vector<SchemaNode> fields_;
};

/// The Arrow type of a primitive Parquet column (physical plus logical/converted annotation).
Result<arrow::DataTypePtr> ArrowTypeForLeaf(const SchemaElement& element);

}  // namespace ballista::formats::parquet
