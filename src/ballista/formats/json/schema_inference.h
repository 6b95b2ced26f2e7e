#pragma once

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ballista/arrow/type.h"

namespace ballista::formats::json {

/// The type lattice of JSON inference (see JsonReadOptions). Single-threaded.
class InferredType {
 public:
  enum class Kind {
    kNull,
    kBool,
    kInt64,
    kFloat64,
    kDate,
    kTimestamp,
    kTimestampTz,
    kString,
    kStruct,
    kList
  };

  /// Merges the type of one parsed value into this one.
  void Merge(const simdjson::dom::element& value, bool infer_temporal);
  /// The Arrow type (kNull becomes utf8).
  arrow::DataTypePtr ToArrow() const;
  /// Merges another inferred type (used for list elements and struct fields).
  void MergeType(const InferredType& other);

  Kind kind = Kind::kNull;
  std::vector<std::pair<std::string, std::unique_ptr<InferredType>>> fields;  // kStruct
  std::unique_ptr<InferredType> element;                                      // kList

  InferredType() = default;
  InferredType(const InferredType& other);
  InferredType& operator=(const InferredType& other);

 private:
  InferredType* Field(std::string_view name);
};

}  // namespace ballista::formats::json
