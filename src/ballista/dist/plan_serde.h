#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ballista/catalog/table_provider.h"
#include "ballista/common/result.h"
#include "ballista/compute/registry.h"
#include "ballista/dist/scalar_serde.h"
#include "ballista/dist/type_serde.h"
#include "ballista/logical/plan.h"
#include "proto/plan.pb.h"

namespace ballista::dist {

/// Encodes table providers that the built-in serde does not know (e.g. the shuffle reader).
/// Implementations are immutable and may be called concurrently.
class ProviderCodec {
 public:
  virtual ~ProviderCodec() = default;
  /// nullopt when `provider` is not this codec's; otherwise its payload.
  virtual Result<std::optional<std::string>> Encode(
      const catalog::TableProvider& provider) const = 0;
  /// The provider a payload of Encode describes; an error for a payload it cannot read.
  virtual Result<catalog::TableProviderPtr> Decode(std::string_view payload) const = 0;
};

struct PlanSerdeOptions {
  /// Tried in order before the built-in encodings; keyed by the name written to the wire.
  std::vector<std::pair<std::string, std::shared_ptr<const ProviderCodec>>> codecs;
  /// Where decoded calls, aggregates and window functions are looked up; null: the built-in
  /// registry (FunctionRegistry::Default()).
  const compute::FunctionRegistry* registry = nullptr;
};

/// A bound, optimized logical plan as bytes (a versioned SerializedPlan message).
///
/// Every node kind, expression kind and the built-in table providers travel: listing tables as
/// their description (location, format, read options, file schema, partition columns; the
/// receiver lists the files itself), memory tables and series inline, views as their SQL, codec
/// providers through `options.codecs`, and any other provider (information_schema, ...)
/// materialized by scanning it now into inline Arrow IPC. Nodes and providers shared within the
/// plan are written once and stay shared after decoding. Thread-safe.
Result<std::string> SerializePlan(const logical::LogicalPlanPtr& plan,
                                  const PlanSerdeOptions& options = {});

/// The plan of SerializePlan's bytes. Column ids are mapped to fresh ids of this process
/// (consistently within the plan), functions are re-resolved through the registry and must
/// resolve to the same overload. Malformed or truncated bytes, another version, unknown enum
/// values or functions, missing children, dangling column references and out-of-range indices
/// are InvalidData errors (a missing function or codec: NotFound); never a crash. Thread-safe.
Result<logical::LogicalPlanPtr> DeserializePlan(std::string_view bytes,
                                                const PlanSerdeOptions& options = {});

/// Message-level forms of the above, without the version wrapper.
Result<protobuf::LogicalPlanNode> ToProto(const logical::LogicalPlanPtr& plan,
                                          const PlanSerdeOptions& options = {});
Result<logical::LogicalPlanPtr> FromProto(const protobuf::LogicalPlanNode& node,
                                          const PlanSerdeOptions& options = {});

/// One expression on its own. Column ids are renumbered as in a plan, but references are not
/// checked against producing plan nodes (there are none).
Result<protobuf::LogicalExprNode> ExprToProto(const logical::ExprPtr& expr,
                                              const PlanSerdeOptions& options = {});
Result<logical::ExprPtr> ExprFromProto(const protobuf::LogicalExprNode& node,
                                       const PlanSerdeOptions& options = {});

}  // namespace ballista::dist
