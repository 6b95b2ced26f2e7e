// Plan nodes to and from their messages, and the public entry points.
#include "ballista/dist/plan_serde.h"

#include <google/protobuf/io/coded_stream.h>

#include <limits>

#include "ballista/dist/plan_serde_internal.h"

namespace ballista::dist {
namespace a = ballista::arrow;
namespace l = ballista::logical;
namespace pb = ballista::protobuf;

namespace serde_internal {

Status Malformed(const std::string& message) {
  return Status::InvalidData("malformed serialized plan: " + message);
}

Status DepthGuard::Check() const {
  if (*depth_ > kMaxDepth) {
    return Malformed("plan or expression nesting deeper than " + std::to_string(kMaxDepth));
  }
  return Status::OK();
}

namespace {

pb::JoinType JoinTypeToProto(l::JoinType type) {
  switch (type) {
    case l::JoinType::kInner:
      return pb::JOIN_TYPE_INNER;
    case l::JoinType::kLeft:
      return pb::JOIN_TYPE_LEFT;
    case l::JoinType::kRight:
      return pb::JOIN_TYPE_RIGHT;
    case l::JoinType::kFull:
      return pb::JOIN_TYPE_FULL;
    case l::JoinType::kLeftSemi:
      return pb::JOIN_TYPE_LEFT_SEMI;
    case l::JoinType::kLeftAnti:
      return pb::JOIN_TYPE_LEFT_ANTI;
    case l::JoinType::kLeftMark:
      return pb::JOIN_TYPE_LEFT_MARK;
  }
  return pb::JOIN_TYPE_INNER;
}

Result<l::JoinType> JoinTypeFromProto(int type) {
  switch (type) {
    case pb::JOIN_TYPE_INNER:
      return l::JoinType::kInner;
    case pb::JOIN_TYPE_LEFT:
      return l::JoinType::kLeft;
    case pb::JOIN_TYPE_RIGHT:
      return l::JoinType::kRight;
    case pb::JOIN_TYPE_FULL:
      return l::JoinType::kFull;
    case pb::JOIN_TYPE_LEFT_SEMI:
      return l::JoinType::kLeftSemi;
    case pb::JOIN_TYPE_LEFT_ANTI:
      return l::JoinType::kLeftAnti;
    case pb::JOIN_TYPE_LEFT_MARK:
      return l::JoinType::kLeftMark;
    default:
      return Malformed("unknown join type " + std::to_string(type));
  }
}

Result<l::SetOpKind> SetOpFromProto(int op) {
  switch (op) {
    case pb::SET_OP_UNION:
      return l::SetOpKind::kUnion;
    case pb::SET_OP_INTERSECT:
      return l::SetOpKind::kIntersect;
    case pb::SET_OP_EXCEPT:
      return l::SetOpKind::kExcept;
    default:
      return Malformed("unknown set operation " + std::to_string(op));
  }
}

Status ExpectCount(size_t actual, size_t expected, const std::string& what) {
  if (actual != expected) {
    return Malformed(what + ": " + std::to_string(actual) + " where " + std::to_string(expected) +
                     " are needed");
  }
  return Status::OK();
}

Status ExpectKind(const std::vector<l::ExprPtr>& exprs, l::ExprKind kind, const char* what) {
  for (const auto& e : exprs) {
    if (e->kind != kind) return Malformed(std::string(what) + " expected, found " + e->ToString());
  }
  return Status::OK();
}

}  // namespace

// ---- Encoding ----

int64_t PlanEncoder::WireColumn(l::ColumnId id) {
  auto [it, inserted] = column_ids_.emplace(id, static_cast<int64_t>(column_ids_.size()) + 1);
  return it->second;
}

Status PlanEncoder::EncodeOutput(const std::vector<l::OutputColumn>& output,
                                 google::protobuf::RepeatedPtrField<pb::OutputColumn>* out) {
  for (const auto& column : output) {
    auto* c = out->Add();
    c->set_id(WireColumn(column.id));
    c->set_qualifier(column.qualifier);
    c->set_name(column.name);
    c->set_nullable(column.nullable);
    RETURN_NOT_OK(TypeToProto(*column.type, c->mutable_type()));
  }
  return Status::OK();
}

Status PlanEncoder::EncodePlan(const l::LogicalPlanPtr& plan, pb::LogicalPlanNode* out) {
  if (plan == nullptr) return Status::Internal("plan serde: null plan node");
  if (auto it = plan_ids_.find(plan.get()); it != plan_ids_.end()) {
    out->set_ref(it->second);
    return Status::OK();
  }
  const uint32_t id = static_cast<uint32_t>(plan_ids_.size()) + 1;
  plan_ids_.emplace(plan.get(), id);
  out->set_id(id);
  return EncodePlanNode(*plan, out);
}

// The order in which each node's parts are written (inputs, output, expressions) is the order
// DecodePlanNode reads them: shared nodes must be defined before they are referenced.
Status PlanEncoder::EncodePlanNode(const l::LogicalPlan& plan, pb::LogicalPlanNode* out) {
  switch (plan.kind) {
    case l::PlanKind::kTableScan: {
      const auto& p = plan.As<l::TableScan>();
      auto* node = out->mutable_table_scan();
      node->set_catalog(p.table.catalog);
      node->set_schema(p.table.schema);
      node->set_table(p.table.table);
      RETURN_NOT_OK(EncodeProvider(p.table.provider, node->mutable_provider()));
      for (int i : p.projection) node->add_projection(i);
      RETURN_NOT_OK(EncodeOutput(p.output(), node->mutable_output()));
      RETURN_NOT_OK(EncodeExprs(p.filters, node->mutable_filters()));
      if (p.fetch) node->set_fetch(*p.fetch);
      return Status::OK();
    }
    case l::PlanKind::kValues: {
      const auto& p = plan.As<l::ValuesPlan>();
      auto* node = out->mutable_values();
      RETURN_NOT_OK(EncodeOutput(p.output(), node->mutable_output()));
      for (const auto& row : p.rows)
        RETURN_NOT_OK(EncodeExprs(row, node->add_rows()->mutable_values()));
      return Status::OK();
    }
    case l::PlanKind::kEmpty: {
      const auto& p = plan.As<l::EmptyPlan>();
      auto* node = out->mutable_empty();
      node->set_produce_one_row(p.produce_one_row);
      return EncodeOutput(p.output(), node->mutable_output());
    }
    case l::PlanKind::kProjection: {
      const auto& p = plan.As<l::ProjectionPlan>();
      auto* node = out->mutable_projection();
      RETURN_NOT_OK(EncodePlan(p.input, node->mutable_input()));
      RETURN_NOT_OK(EncodeOutput(p.output(), node->mutable_output()));
      return EncodeExprs(p.exprs, node->mutable_exprs());
    }
    case l::PlanKind::kFilter: {
      const auto& p = plan.As<l::FilterPlan>();
      auto* node = out->mutable_filter();
      RETURN_NOT_OK(EncodePlan(p.input, node->mutable_input()));
      return EncodeExpr(p.predicate, node->mutable_predicate());
    }
    case l::PlanKind::kAggregate: {
      const auto& p = plan.As<l::AggregatePlan>();
      auto* node = out->mutable_aggregate();
      RETURN_NOT_OK(EncodePlan(p.input, node->mutable_input()));
      RETURN_NOT_OK(EncodeOutput(p.output(), node->mutable_output()));
      RETURN_NOT_OK(EncodeExprs(p.group_exprs, node->mutable_group_exprs()));
      for (const auto& set : p.grouping_sets) {
        auto* s = node->add_grouping_sets();
        for (int i : set) s->add_group_indices(i);
      }
      switch (p.mode) {
        case l::AggregateMode::kSingle:
          node->set_mode(pb::AGGREGATE_MODE_SINGLE);
          break;
        case l::AggregateMode::kPartial:
          node->set_mode(pb::AGGREGATE_MODE_PARTIAL);
          break;
        case l::AggregateMode::kFinal:
          node->set_mode(pb::AGGREGATE_MODE_FINAL);
          break;
      }
      return EncodeExprs(p.aggregates, node->mutable_aggregates());
    }
    case l::PlanKind::kJoin: {
      const auto& p = plan.As<l::JoinPlan>();
      auto* node = out->mutable_join();
      RETURN_NOT_OK(EncodePlan(p.left, node->mutable_left()));
      RETURN_NOT_OK(EncodePlan(p.right, node->mutable_right()));
      RETURN_NOT_OK(EncodeOutput(p.output(), node->mutable_output()));
      node->set_join_type(JoinTypeToProto(p.join_type));
      node->set_null_aware(p.null_aware);
      for (const auto& [left, right] : p.keys) {
        auto* key = node->add_keys();
        RETURN_NOT_OK(EncodeExpr(left, key->mutable_left()));
        RETURN_NOT_OK(EncodeExpr(right, key->mutable_right()));
      }
      if (p.filter) RETURN_NOT_OK(EncodeExpr(p.filter, node->mutable_filter()));
      return Status::OK();
    }
    case l::PlanKind::kSort: {
      const auto& p = plan.As<l::SortPlan>();
      auto* node = out->mutable_sort();
      RETURN_NOT_OK(EncodePlan(p.input, node->mutable_input()));
      RETURN_NOT_OK(EncodeSortExprs(p.keys, node->mutable_keys()));
      if (p.fetch) node->set_fetch(*p.fetch);
      return Status::OK();
    }
    case l::PlanKind::kLimit: {
      const auto& p = plan.As<l::LimitPlan>();
      auto* node = out->mutable_limit();
      RETURN_NOT_OK(EncodePlan(p.input, node->mutable_input()));
      node->set_skip(p.skip);
      if (p.fetch) node->set_fetch(*p.fetch);
      return Status::OK();
    }
    case l::PlanKind::kSetOperation: {
      const auto& p = plan.As<l::SetOperationPlan>();
      auto* node = out->mutable_set_operation();
      node->set_op(p.op == l::SetOpKind::kUnion       ? pb::SET_OP_UNION
                   : p.op == l::SetOpKind::kIntersect ? pb::SET_OP_INTERSECT
                                                      : pb::SET_OP_EXCEPT);
      node->set_all(p.all);
      for (const auto& input : p.set_inputs) RETURN_NOT_OK(EncodePlan(input, node->add_inputs()));
      return EncodeOutput(p.output(), node->mutable_output());
    }
    case l::PlanKind::kDistinct:
      return EncodePlan(plan.As<l::DistinctPlan>().input, out->mutable_distinct()->mutable_input());
    case l::PlanKind::kWindow: {
      const auto& p = plan.As<l::WindowPlan>();
      auto* node = out->mutable_window();
      RETURN_NOT_OK(EncodePlan(p.input, node->mutable_input()));
      RETURN_NOT_OK(EncodeOutput(p.output(), node->mutable_output()));
      return EncodeExprs(p.window_exprs, node->mutable_window_exprs());
    }
  }
  return Status::Internal("plan serde: unknown plan node kind");
}

// ---- Decoding ----

PlanDecoder::PlanDecoder(const PlanSerdeOptions& options)
    : options_(options),
      registry_(options.registry ? *options.registry : compute::FunctionRegistry::Default()) {}

Result<PlanDecoder::ColumnInfo*> PlanDecoder::Column(int64_t wire, const std::string& name) {
  if (wire <= 0) return Malformed("column \"" + name + "\" without an id");
  auto [it, inserted] = columns_.try_emplace(wire);
  if (inserted) {
    it->second.id = l::NextColumnId();
    it->second.name = name;
  }
  return &it->second;
}

Result<std::vector<l::OutputColumn>> PlanDecoder::DecodeOutput(
    const google::protobuf::RepeatedPtrField<pb::OutputColumn>& in) {
  std::vector<l::OutputColumn> out;
  out.reserve(static_cast<size_t>(in.size()));
  for (const auto& c : in) {
    if (!c.has_type()) return Malformed("output column \"" + c.name() + "\" without a type");
    ASSIGN_OR_RAISE(auto type, TypeFromProto(c.type()));
    ASSIGN_OR_RAISE(ColumnInfo * info, Column(c.id(), c.name()));
    if (!info->defined_type) info->defined_type = type;
    if (!info->defined_type->Equals(*type)) {
      return Malformed("column \"" + c.name() + "\" is produced as " + type->ToString() +
                       " and as " + info->defined_type->ToString());
    }
    out.push_back(
        l::OutputColumn{info->id, c.qualifier(), c.name(), std::move(type), c.nullable()});
  }
  return out;
}

Status PlanDecoder::CheckColumns() const {
  for (const auto& [wire, info] : columns_) {
    if (!info.referenced_type) continue;
    if (!info.defined_type) {
      return Malformed("column \"" + info.name + "\" (#" + std::to_string(wire) +
                       ") is referenced but no plan node produces it");
    }
    if (!info.defined_type->Equals(*info.referenced_type)) {
      return Malformed("column \"" + info.name + "\" is produced as " +
                       info.defined_type->ToString() + " but referenced as " +
                       info.referenced_type->ToString());
    }
  }
  return Status::OK();
}

Result<l::LogicalPlanPtr> PlanDecoder::DecodeInput(bool present, const pb::LogicalPlanNode& node,
                                                   const char* what) {
  if (!present) return Malformed(std::string(what) + " is missing");
  return DecodePlan(node);
}

Result<l::LogicalPlanPtr> PlanDecoder::DecodePlan(const pb::LogicalPlanNode& node) {
  DepthGuard guard(&depth_);
  RETURN_NOT_OK(guard.Check());
  if (node.node_case() == pb::LogicalPlanNode::kRef) {
    auto it = plans_.find(node.ref());
    if (it == plans_.end()) {
      return Malformed("reference to plan node " + std::to_string(node.ref()) +
                       " before its definition");
    }
    return it->second;
  }
  ASSIGN_OR_RAISE(auto plan, DecodePlanNode(node));
  if (node.id() != 0 && !plans_.emplace(node.id(), plan).second) {
    return Malformed("plan node id " + std::to_string(node.id()) + " defined twice");
  }
  return plan;
}

Result<l::LogicalPlanPtr> PlanDecoder::DecodePlanNode(const pb::LogicalPlanNode& node) {
  using Ptr = l::LogicalPlanPtr;
  switch (node.node_case()) {
    case pb::LogicalPlanNode::kTableScan: {
      const auto& n = node.table_scan();
      if (!n.has_provider()) return Malformed("table scan of " + n.table() + " without its table");
      ASSIGN_OR_RAISE(auto provider, DecodeProvider(n.provider()));
      ASSIGN_OR_RAISE(auto output, DecodeOutput(n.output()));
      RETURN_NOT_OK(ExpectCount(static_cast<size_t>(n.projection_size()), output.size(),
                                "table scan of " + n.table() + " projection entries"));
      std::vector<int> projection(n.projection().begin(), n.projection().end());
      auto schema = provider->schema();
      for (size_t i = 0; i < projection.size(); ++i) {
        const int field = projection[i];
        if (field < 0 || field >= schema->num_fields()) {
          return Malformed("table scan of " + n.table() + " projects column " +
                           std::to_string(field) + " of a table with " +
                           std::to_string(schema->num_fields()) + " columns");
        }
        const auto& type = schema->field(field)->type();
        if (!type->Equals(*output[i].type)) {
          return Status::InvalidData("serialized plan: column " + schema->field(field)->name() +
                                     " of table " + n.table() + " is " + type->ToString() +
                                     " here but " + output[i].type->ToString() + " in the plan");
        }
      }
      ASSIGN_OR_RAISE(auto filters, DecodeExprs(n.filters()));
      std::optional<int64_t> fetch;
      if (n.has_fetch()) {
        if (n.fetch() < 0) return Malformed("negative scan fetch");
        fetch = n.fetch();
      }
      catalog::ResolvedTable table{n.catalog(), n.schema(), n.table(), std::move(provider)};
      return Ptr(std::make_shared<l::TableScan>(std::move(table), std::move(projection),
                                                std::move(output), std::move(filters), fetch));
    }
    case pb::LogicalPlanNode::kValues: {
      const auto& n = node.values();
      ASSIGN_OR_RAISE(auto output, DecodeOutput(n.output()));
      std::vector<std::vector<l::ExprPtr>> rows;
      for (const auto& r : n.rows()) {
        ASSIGN_OR_RAISE(auto row, DecodeExprs(r.values()));
        RETURN_NOT_OK(ExpectCount(row.size(), output.size(), "VALUES row entries"));
        rows.push_back(std::move(row));
      }
      return Ptr(std::make_shared<l::ValuesPlan>(std::move(rows), std::move(output)));
    }
    case pb::LogicalPlanNode::kEmpty: {
      ASSIGN_OR_RAISE(auto output, DecodeOutput(node.empty().output()));
      return Ptr(std::make_shared<l::EmptyPlan>(node.empty().produce_one_row(), std::move(output)));
    }
    case pb::LogicalPlanNode::kProjection: {
      const auto& n = node.projection();
      ASSIGN_OR_RAISE(auto input, DecodeInput(n.has_input(), n.input(), "projection input"));
      ASSIGN_OR_RAISE(auto output, DecodeOutput(n.output()));
      ASSIGN_OR_RAISE(auto exprs, DecodeExprs(n.exprs()));
      RETURN_NOT_OK(ExpectCount(exprs.size(), output.size(), "projection expressions"));
      return Ptr(std::make_shared<l::ProjectionPlan>(std::move(input), std::move(exprs),
                                                     std::move(output)));
    }
    case pb::LogicalPlanNode::kFilter: {
      const auto& n = node.filter();
      ASSIGN_OR_RAISE(auto input, DecodeInput(n.has_input(), n.input(), "filter input"));
      ASSIGN_OR_RAISE(auto predicate,
                      DecodeChild(n.has_predicate(), n.predicate(), "filter predicate"));
      return Ptr(std::make_shared<l::FilterPlan>(std::move(input), std::move(predicate)));
    }
    case pb::LogicalPlanNode::kAggregate: {
      const auto& n = node.aggregate();
      ASSIGN_OR_RAISE(auto input, DecodeInput(n.has_input(), n.input(), "aggregate input"));
      ASSIGN_OR_RAISE(auto output, DecodeOutput(n.output()));
      ASSIGN_OR_RAISE(auto groups, DecodeExprs(n.group_exprs()));
      std::vector<std::vector<int>> sets;
      for (const auto& s : n.grouping_sets()) {
        for (int i : s.group_indices()) {
          if (i < 0 || static_cast<size_t>(i) >= groups.size()) {
            return Malformed("grouping set refers to group expression " + std::to_string(i) +
                             " of " + std::to_string(groups.size()));
          }
        }
        sets.emplace_back(s.group_indices().begin(), s.group_indices().end());
      }
      ASSIGN_OR_RAISE(auto aggregates, DecodeExprs(n.aggregates()));
      RETURN_NOT_OK(ExpectKind(aggregates, l::ExprKind::kAggregate, "aggregate call"));
      l::AggregateMode mode;
      switch (n.mode()) {
        case pb::AGGREGATE_MODE_SINGLE:
          mode = l::AggregateMode::kSingle;
          break;
        case pb::AGGREGATE_MODE_PARTIAL:
          mode = l::AggregateMode::kPartial;
          break;
        case pb::AGGREGATE_MODE_FINAL:
          mode = l::AggregateMode::kFinal;
          break;
        default:
          return Malformed("unknown aggregate mode " + std::to_string(n.mode()));
      }
      if (mode != l::AggregateMode::kSingle && !sets.empty()) {
        return Malformed("a partial or final aggregation has no grouping sets");
      }
      // A partial aggregation outputs each aggregate's state columns instead of its value.
      size_t aggregate_columns = aggregates.size();
      if (mode == l::AggregateMode::kPartial) {
        aggregate_columns = 0;
        for (const auto& a : aggregates) aggregate_columns += a->As<l::AggregateExpr>().resolved.state_fields.size();
      }
      RETURN_NOT_OK(ExpectCount(output.size(),
                                groups.size() + aggregate_columns + (sets.empty() ? 0 : 1),
                                "aggregate output columns"));
      return Ptr(std::make_shared<l::AggregatePlan>(std::move(input), std::move(groups),
                                                    std::move(sets), std::move(aggregates),
                                                    std::move(output), mode));
    }
    case pb::LogicalPlanNode::kJoin: {
      const auto& n = node.join();
      ASSIGN_OR_RAISE(auto left, DecodeInput(n.has_left(), n.left(), "join left input"));
      ASSIGN_OR_RAISE(auto right, DecodeInput(n.has_right(), n.right(), "join right input"));
      ASSIGN_OR_RAISE(auto output, DecodeOutput(n.output()));
      ASSIGN_OR_RAISE(auto type, JoinTypeFromProto(n.join_type()));
      std::vector<std::pair<l::ExprPtr, l::ExprPtr>> keys;
      for (const auto& k : n.keys()) {
        ASSIGN_OR_RAISE(auto lk, DecodeChild(k.has_left(), k.left(), "join key (left)"));
        ASSIGN_OR_RAISE(auto rk, DecodeChild(k.has_right(), k.right(), "join key (right)"));
        keys.emplace_back(std::move(lk), std::move(rk));
      }
      l::ExprPtr filter;
      if (n.has_filter()) {
        ASSIGN_OR_RAISE(filter, DecodeExpr(n.filter()));
      }
      size_t expected = left->output().size();
      if (type == l::JoinType::kLeftMark) {
        expected += 1;
      } else if (type != l::JoinType::kLeftSemi && type != l::JoinType::kLeftAnti) {
        expected += right->output().size();
      }
      RETURN_NOT_OK(ExpectCount(output.size(), expected, "join output columns"));
      return Ptr(std::make_shared<l::JoinPlan>(std::move(left), std::move(right), type,
                                               std::move(keys), std::move(filter), n.null_aware(),
                                               std::move(output)));
    }
    case pb::LogicalPlanNode::kSort: {
      const auto& n = node.sort();
      ASSIGN_OR_RAISE(auto input, DecodeInput(n.has_input(), n.input(), "sort input"));
      ASSIGN_OR_RAISE(auto keys, DecodeSortExprs(n.keys()));
      std::optional<int64_t> fetch;
      if (n.has_fetch()) {
        if (n.fetch() < 0) return Malformed("negative sort fetch");
        fetch = n.fetch();
      }
      return Ptr(std::make_shared<l::SortPlan>(std::move(input), std::move(keys), fetch));
    }
    case pb::LogicalPlanNode::kLimit: {
      const auto& n = node.limit();
      ASSIGN_OR_RAISE(auto input, DecodeInput(n.has_input(), n.input(), "limit input"));
      if (n.skip() < 0 || (n.has_fetch() && n.fetch() < 0)) return Malformed("negative limit");
      std::optional<int64_t> fetch;
      if (n.has_fetch()) fetch = n.fetch();
      return Ptr(std::make_shared<l::LimitPlan>(std::move(input), n.skip(), fetch));
    }
    case pb::LogicalPlanNode::kSetOperation: {
      const auto& n = node.set_operation();
      ASSIGN_OR_RAISE(auto op, SetOpFromProto(n.op()));
      std::vector<l::LogicalPlanPtr> inputs;
      for (const auto& i : n.inputs()) {
        ASSIGN_OR_RAISE(auto input, DecodePlan(i));
        inputs.push_back(std::move(input));
      }
      if (inputs.empty()) return Malformed("set operation without inputs");
      ASSIGN_OR_RAISE(auto output, DecodeOutput(n.output()));
      for (const auto& input : inputs) {
        RETURN_NOT_OK(
            ExpectCount(input->output().size(), output.size(), "set operation input columns"));
      }
      return Ptr(
          std::make_shared<l::SetOperationPlan>(op, n.all(), std::move(inputs), std::move(output)));
    }
    case pb::LogicalPlanNode::kDistinct: {
      const auto& n = node.distinct();
      ASSIGN_OR_RAISE(auto input, DecodeInput(n.has_input(), n.input(), "distinct input"));
      return Ptr(std::make_shared<l::DistinctPlan>(std::move(input)));
    }
    case pb::LogicalPlanNode::kWindow: {
      const auto& n = node.window();
      ASSIGN_OR_RAISE(auto input, DecodeInput(n.has_input(), n.input(), "window input"));
      ASSIGN_OR_RAISE(auto output, DecodeOutput(n.output()));
      ASSIGN_OR_RAISE(auto exprs, DecodeExprs(n.window_exprs()));
      RETURN_NOT_OK(ExpectKind(exprs, l::ExprKind::kWindow, "window function call"));
      RETURN_NOT_OK(ExpectCount(output.size(), input->output().size() + exprs.size(),
                                "window output columns"));
      return Ptr(
          std::make_shared<l::WindowPlan>(std::move(input), std::move(exprs), std::move(output)));
    }
    case pb::LogicalPlanNode::kRef:
    case pb::LogicalPlanNode::NODE_NOT_SET:
      break;
  }
  return Malformed("plan node without a kind (unknown to this build, or missing)");
}

}  // namespace serde_internal

// ---- Public entry points ----

Result<pb::LogicalPlanNode> ToProto(const l::LogicalPlanPtr& plan,
                                    const PlanSerdeOptions& options) {
  pb::LogicalPlanNode out;
  serde_internal::PlanEncoder encoder(options);
  RETURN_NOT_OK(encoder.EncodePlan(plan, &out));
  return out;
}

Result<l::LogicalPlanPtr> FromProto(const pb::LogicalPlanNode& node,
                                    const PlanSerdeOptions& options) {
  serde_internal::PlanDecoder decoder(options);
  ASSIGN_OR_RAISE(auto plan, decoder.DecodePlan(node));
  RETURN_NOT_OK(decoder.CheckColumns());
  return plan;
}

Result<pb::LogicalExprNode> ExprToProto(const l::ExprPtr& expr, const PlanSerdeOptions& options) {
  pb::LogicalExprNode out;
  serde_internal::PlanEncoder encoder(options);
  RETURN_NOT_OK(encoder.EncodeExpr(expr, &out));
  return out;
}

Result<l::ExprPtr> ExprFromProto(const pb::LogicalExprNode& node, const PlanSerdeOptions& options) {
  serde_internal::PlanDecoder decoder(options);
  return decoder.DecodeExpr(node);
}

Result<std::string> SerializePlan(const l::LogicalPlanPtr& plan, const PlanSerdeOptions& options) {
  pb::SerializedPlan message;
  message.set_version(kPlanSerdeVersion);
  serde_internal::PlanEncoder encoder(options);
  RETURN_NOT_OK(encoder.EncodePlan(plan, message.mutable_plan()));
  std::string bytes;
  if (!message.SerializeToString(&bytes)) {
    return Status::Internal("plan serde: could not encode the plan message (over 2 GiB?)");
  }
  return bytes;
}

namespace {

/// Parses `bytes` into `message` with a nesting limit that fits deep expression trees.
bool ParseDeep(std::string_view bytes, google::protobuf::Message* message) {
  google::protobuf::io::CodedInputStream input(reinterpret_cast<const uint8_t*>(bytes.data()),
                                               static_cast<int>(bytes.size()));
  input.SetRecursionLimit(serde_internal::kMaxMessageDepth);
  return message->ParseFromCodedStream(&input) && input.ConsumedEntireMessage();
}

}  // namespace

Result<l::LogicalPlanPtr> DeserializePlan(std::string_view bytes, const PlanSerdeOptions& options) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return Status::InvalidData("serialized plan is too large (" + std::to_string(bytes.size()) +
                               " bytes)");
  }
  // The version first, from a message that reads only that field, so a plan from another build
  // fails on its version rather than on whatever else changed.
  pb::PlanHeader header;
  if (!header.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Status::InvalidData(
        "malformed serialized plan: not a SerializedPlan message (truncated or corrupt bytes)");
  }
  if (header.version() != kPlanSerdeVersion) {
    return Status::InvalidData("serialized plan has version " + std::to_string(header.version()) +
                               "; this build reads version " + std::to_string(kPlanSerdeVersion));
  }
  pb::SerializedPlan message;
  if (!ParseDeep(bytes, &message)) {
    return Status::InvalidData(
        "malformed serialized plan: not a SerializedPlan message (truncated or corrupt bytes)");
  }
  if (!message.has_plan())
    return Status::InvalidData("malformed serialized plan: the plan is missing");
  return FromProto(message.plan(), options);
}

}  // namespace ballista::dist
