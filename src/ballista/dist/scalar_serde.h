#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/record_batch.h"
#include "ballista/arrow/scalar.h"
#include "ballista/common/result.h"
#include "proto/plan.pb.h"

namespace ballista::dist {

/// A scalar (null or valid, any supported type) to its message. Nested values (lists, structs,
/// maps, dictionaries) travel as a one-row Arrow IPC stream. Thread-safe.
Status ScalarToProto(const arrow::Scalar& scalar, protobuf::ScalarValue* out);
/// The inverse. The value is checked against the type (kind of value field, integer ranges,
/// decimal precision, widths); a mismatch is InvalidData. Thread-safe.
Result<arrow::Scalar> ScalarFromProto(const protobuf::ScalarValue& proto);

/// `batches` (all of `schema`) as Arrow IPC stream bytes.
Result<std::string> EncodeIpcStream(const arrow::SchemaPtr& schema,
                                    const std::vector<arrow::RecordBatchPtr>& batches);
/// The batches of IPC stream bytes, fully validated; InvalidData when the bytes are not a valid
/// stream or its schema differs from `expected` (field names aside).
Result<std::vector<arrow::RecordBatchPtr>> DecodeIpcStream(std::string_view bytes,
                                                           const arrow::Schema& expected);

}  // namespace ballista::dist
