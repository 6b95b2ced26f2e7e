#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ballista/arrow/type.h"
#include "ballista/common/result.h"
#include "proto/plan.pb.h"

namespace ballista::dist {

/// Version written into SerializedPlan and SerializedSchema. A reader refuses any other version,
/// so a plan from an incompatible build fails with a clear error instead of a wrong plan.
inline constexpr uint32_t kPlanSerdeVersion = 1;

/// Arrow types, fields and schemas to and from their messages. Encoding only fails for types
/// the wire has no form for (none today); decoding validates every parameter (unknown enum
/// values, decimal precision, time units, map shape, nesting depth) and returns InvalidData.
/// All functions are pure and thread-safe.
Status TypeToProto(const arrow::DataType& type, protobuf::ArrowType* out);
Result<arrow::DataTypePtr> TypeFromProto(const protobuf::ArrowType& proto);

Status FieldToProto(const arrow::Field& field, protobuf::Field* out);
Result<arrow::FieldPtr> FieldFromProto(const protobuf::Field& proto);

Status SchemaToProto(const arrow::Schema& schema, protobuf::Schema* out);
Result<arrow::SchemaPtr> SchemaFromProto(const protobuf::Schema& proto);

/// A schema as standalone bytes (a versioned SerializedSchema message), for other wire formats
/// that carry schemas (job results, shuffle metadata).
Result<std::string> SerializeSchema(const arrow::Schema& schema);
/// The inverse; InvalidData on malformed bytes or another version.
Result<arrow::SchemaPtr> DeserializeSchema(std::string_view bytes);

}  // namespace ballista::dist
