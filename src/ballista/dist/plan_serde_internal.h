#pragma once

// The encoder and decoder shared by plan_serde.cc (plan nodes), expr_serde.cc (expressions) and
// provider_serde.cc (table providers). Not part of the public API.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ballista/dist/plan_serde.h"

namespace ballista::dist::serde_internal {

/// Plans and expressions nested deeper than this are refused on decode (guards the stack).
inline constexpr int kMaxDepth = 2000;
/// Protobuf's own parse nesting limit: each plan or expression level is two messages.
inline constexpr int kMaxMessageDepth = 2 * kMaxDepth + 100;

/// InvalidData "malformed serialized plan: <message>".
Status Malformed(const std::string& message);

/// Writes one plan (everything it references included) into messages. Numbers shared plan
/// nodes, providers and column ids for one serialization. Single-threaded; one per call.
class PlanEncoder {
 public:
  explicit PlanEncoder(const PlanSerdeOptions& options) : options_(options) {}

  Status EncodePlan(const logical::LogicalPlanPtr& plan, protobuf::LogicalPlanNode* out);
  Status EncodeExpr(const logical::ExprPtr& expr, protobuf::LogicalExprNode* out);
  Status EncodeProvider(const catalog::TableProviderPtr& provider,
                        protobuf::TableProviderNode* out);

 private:
  /// The wire number of a column id (1, 2, ... in order of first appearance).
  int64_t WireColumn(logical::ColumnId id);
  Status EncodeOutput(const std::vector<logical::OutputColumn>& output,
                      google::protobuf::RepeatedPtrField<protobuf::OutputColumn>* out);
  Status EncodeExprs(const std::vector<logical::ExprPtr>& exprs,
                     google::protobuf::RepeatedPtrField<protobuf::LogicalExprNode>* out);
  Status EncodeSortExprs(const std::vector<logical::SortExpr>& keys,
                         google::protobuf::RepeatedPtrField<protobuf::SortExprNode>* out);
  Status EncodePlanNode(const logical::LogicalPlan& plan, protobuf::LogicalPlanNode* out);
  Status EncodeBuiltinProvider(const catalog::TableProviderPtr& provider,
                               protobuf::TableProviderNode* out);

  const PlanSerdeOptions& options_;
  std::unordered_map<const logical::LogicalPlan*, uint32_t> plan_ids_;
  std::unordered_map<const catalog::TableProvider*, uint32_t> provider_ids_;
  std::unordered_map<logical::ColumnId, int64_t> column_ids_;
};

/// Rebuilds a plan from messages, validating as it goes. Single-threaded; one per call.
class PlanDecoder {
 public:
  explicit PlanDecoder(const PlanSerdeOptions& options);

  Result<logical::LogicalPlanPtr> DecodePlan(const protobuf::LogicalPlanNode& node);
  Result<logical::ExprPtr> DecodeExpr(const protobuf::LogicalExprNode& node);
  Result<catalog::TableProviderPtr> DecodeProvider(const protobuf::TableProviderNode& node);

  /// After the root: every column a ColumnExpr references is produced by some plan node, with
  /// the same type.
  Status CheckColumns() const;

 private:
  struct ColumnInfo {
    logical::ColumnId id;
    arrow::DataTypePtr defined_type;     ///< null until an output column defines it
    arrow::DataTypePtr referenced_type;  ///< first reference's type, checked at the end
    std::string name;
  };

  /// The local id of wire column `wire`, created on first sight.
  Result<ColumnInfo*> Column(int64_t wire, const std::string& name);
  Result<std::vector<logical::OutputColumn>> DecodeOutput(
      const google::protobuf::RepeatedPtrField<protobuf::OutputColumn>& in);
  Result<std::vector<logical::ExprPtr>> DecodeExprs(
      const google::protobuf::RepeatedPtrField<protobuf::LogicalExprNode>& in);
  Result<logical::ExprPtr> DecodeChild(bool present, const protobuf::LogicalExprNode& node,
                                       const char* what);
  Result<logical::LogicalPlanPtr> DecodeInput(bool present, const protobuf::LogicalPlanNode& node,
                                              const char* what);
  Result<std::vector<logical::SortExpr>> DecodeSortExprs(
      const google::protobuf::RepeatedPtrField<protobuf::SortExprNode>& in);
  Result<logical::LogicalPlanPtr> DecodePlanNode(const protobuf::LogicalPlanNode& node);
  Result<logical::ExprPtr> DecodeExprNode(const protobuf::LogicalExprNode& node);
  Result<logical::ExprPtr> DecodeCall(const protobuf::CallExprNode& node);
  Result<logical::ExprPtr> DecodeAggregate(const protobuf::AggregateExprNode& node);
  Result<logical::ExprPtr> DecodeWindow(const protobuf::WindowExprNode& node);
  Result<catalog::TableProviderPtr> DecodeBuiltinProvider(const protobuf::TableProviderNode& node);

  const PlanSerdeOptions& options_;
  const compute::FunctionRegistry& registry_;
  int depth_ = 0;
  std::unordered_map<uint32_t, logical::LogicalPlanPtr> plans_;
  std::unordered_map<uint32_t, catalog::TableProviderPtr> providers_;
  std::unordered_map<int64_t, ColumnInfo> columns_;
};

/// Counts one level of decoder recursion; Check() fails past kMaxDepth.
class DepthGuard {
 public:
  explicit DepthGuard(int* depth) : depth_(depth) { ++*depth_; }
  ~DepthGuard() { --*depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  Status Check() const;

 private:
  int* depth_;
};

}  // namespace ballista::dist::serde_internal
