// Expressions to and from their messages (PlanEncoder / PlanDecoder methods).
#include "ballista/dist/plan_serde_internal.h"

namespace ballista::dist::serde_internal {
namespace a = ballista::arrow;
namespace l = ballista::logical;
namespace pb = ballista::protobuf;

namespace {

pb::FrameUnits UnitsToProto(l::FrameUnits units) {
  switch (units) {
    case l::FrameUnits::kRows:
      return pb::FRAME_UNITS_ROWS;
    case l::FrameUnits::kRange:
      return pb::FRAME_UNITS_RANGE;
    case l::FrameUnits::kGroups:
      return pb::FRAME_UNITS_GROUPS;
  }
  return pb::FRAME_UNITS_ROWS;
}

Result<l::FrameUnits> UnitsFromProto(int units) {
  switch (units) {
    case pb::FRAME_UNITS_ROWS:
      return l::FrameUnits::kRows;
    case pb::FRAME_UNITS_RANGE:
      return l::FrameUnits::kRange;
    case pb::FRAME_UNITS_GROUPS:
      return l::FrameUnits::kGroups;
    default:
      return Malformed("unknown window frame units " + std::to_string(units));
  }
}

pb::FrameBoundKind BoundToProto(l::FrameBound::Kind kind) {
  using K = l::FrameBound::Kind;
  switch (kind) {
    case K::kUnboundedPreceding:
      return pb::FRAME_BOUND_UNBOUNDED_PRECEDING;
    case K::kPreceding:
      return pb::FRAME_BOUND_PRECEDING;
    case K::kCurrentRow:
      return pb::FRAME_BOUND_CURRENT_ROW;
    case K::kFollowing:
      return pb::FRAME_BOUND_FOLLOWING;
    case K::kUnboundedFollowing:
      return pb::FRAME_BOUND_UNBOUNDED_FOLLOWING;
  }
  return pb::FRAME_BOUND_CURRENT_ROW;
}

Result<l::FrameBound::Kind> BoundFromProto(int kind) {
  using K = l::FrameBound::Kind;
  switch (kind) {
    case pb::FRAME_BOUND_UNBOUNDED_PRECEDING:
      return K::kUnboundedPreceding;
    case pb::FRAME_BOUND_PRECEDING:
      return K::kPreceding;
    case pb::FRAME_BOUND_CURRENT_ROW:
      return K::kCurrentRow;
    case pb::FRAME_BOUND_FOLLOWING:
      return K::kFollowing;
    case pb::FRAME_BOUND_UNBOUNDED_FOLLOWING:
      return K::kUnboundedFollowing;
    default:
      return Malformed("unknown window frame bound " + std::to_string(kind));
  }
}

Status TypesToProto(const std::vector<a::DataTypePtr>& types,
                    google::protobuf::RepeatedPtrField<pb::ArrowType>* out) {
  for (const auto& type : types) RETURN_NOT_OK(TypeToProto(*type, out->Add()));
  return Status::OK();
}

Result<std::vector<a::DataTypePtr>> TypesFromProto(
    const google::protobuf::RepeatedPtrField<pb::ArrowType>& in) {
  std::vector<a::DataTypePtr> out;
  for (const auto& t : in) {
    ASSIGN_OR_RAISE(auto type, TypeFromProto(t));
    out.push_back(std::move(type));
  }
  return out;
}

Result<a::DataTypePtr> RequiredType(bool present, const pb::ArrowType& proto, const char* what) {
  if (!present) return Malformed(std::string(what) + " without a type");
  return TypeFromProto(proto);
}

std::string TypeList(const std::vector<a::DataTypePtr>& types) {
  std::string out = "(";
  for (size_t i = 0; i < types.size(); ++i) out += (i ? ", " : "") + types[i]->ToString();
  return out + ")";
}

bool SameTypes(const std::vector<a::DataTypePtr>& x, const std::vector<a::DataTypePtr>& y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!x[i]->Equals(*y[i])) return false;
  }
  return true;
}

/// The error when re-resolving a function here gives another overload than the sender had.
Status OverloadMismatch(const std::string& kind, const std::string& name,
                        const std::vector<a::DataTypePtr>& arg_types, const a::DataType& expected,
                        const a::DataType& actual) {
  return Status::InvalidData("serialized plan: " + kind + " function " + name +
                             TypeList(arg_types) + " returns " + actual.ToString() + " here, but " +
                             expected.ToString() + " where the plan was made (a different build?)");
}

Status UnknownFunction(const std::string& kind, const std::string& name,
                       const compute::FunctionRegistry& registry) {
  std::string hint = registry.SuggestName(name);
  return Status::NotFound("serialized plan uses " + kind + " function \"" + name +
                          "\", which this build does not have" +
                          (hint.empty() ? std::string() : "; did you mean \"" + hint + "\"?"));
}

}  // namespace

// ---- Encoding ----

Status PlanEncoder::EncodeExprs(const std::vector<l::ExprPtr>& exprs,
                                google::protobuf::RepeatedPtrField<pb::LogicalExprNode>* out) {
  for (const auto& expr : exprs) RETURN_NOT_OK(EncodeExpr(expr, out->Add()));
  return Status::OK();
}

Status PlanEncoder::EncodeSortExprs(const std::vector<l::SortExpr>& keys,
                                    google::protobuf::RepeatedPtrField<pb::SortExprNode>* out) {
  for (const auto& key : keys) {
    auto* node = out->Add();
    node->set_ascending(key.ascending);
    node->set_nulls_first(key.nulls_first);
    RETURN_NOT_OK(EncodeExpr(key.expr, node->mutable_expr()));
  }
  return Status::OK();
}

Status PlanEncoder::EncodeExpr(const l::ExprPtr& expr, pb::LogicalExprNode* out) {
  if (expr == nullptr) return Status::Internal("plan serde: null expression");
  switch (expr->kind) {
    case l::ExprKind::kColumn: {
      const auto& e = expr->As<l::ColumnExpr>();
      auto* node = out->mutable_column();
      node->set_id(WireColumn(e.id));
      node->set_name(e.name);
      node->set_nullable(e.nullable);
      return TypeToProto(*e.type, node->mutable_type());
    }
    case l::ExprKind::kLiteral:
      return ScalarToProto(expr->As<l::LiteralExpr>().value, out->mutable_literal());
    case l::ExprKind::kCall: {
      const auto& e = expr->As<l::CallExpr>();
      auto* node = out->mutable_call();
      node->set_function(e.name());
      node->set_nullable(e.nullable);
      RETURN_NOT_OK(EncodeExprs(e.args, node->mutable_args()));
      RETURN_NOT_OK(TypesToProto(e.resolved.arg_types, node->mutable_arg_types()));
      return TypeToProto(*e.type, node->mutable_return_type());
    }
    case l::ExprKind::kCast: {
      const auto& e = expr->As<l::CastExpr>();
      auto* node = out->mutable_cast();
      node->set_try_cast(e.try_cast);
      RETURN_NOT_OK(EncodeExpr(e.input, node->mutable_input()));
      return TypeToProto(*e.type, node->mutable_type());
    }
    case l::ExprKind::kCase: {
      const auto& e = expr->As<l::CaseExpr>();
      auto* node = out->mutable_case_expr();
      for (const auto& [when, then] : e.whens) {
        auto* w = node->add_whens();
        RETURN_NOT_OK(EncodeExpr(when, w->mutable_when()));
        RETURN_NOT_OK(EncodeExpr(then, w->mutable_then()));
      }
      if (e.else_value) RETURN_NOT_OK(EncodeExpr(e.else_value, node->mutable_else_value()));
      return TypeToProto(*e.type, node->mutable_type());
    }
    case l::ExprKind::kAggregate: {
      const auto& e = expr->As<l::AggregateExpr>();
      auto* node = out->mutable_aggregate();
      node->set_function(e.name());
      node->set_distinct(e.distinct);
      RETURN_NOT_OK(EncodeExprs(e.args, node->mutable_args()));
      if (e.filter) RETURN_NOT_OK(EncodeExpr(e.filter, node->mutable_filter()));
      RETURN_NOT_OK(EncodeSortExprs(e.order_by, node->mutable_order_by()));
      RETURN_NOT_OK(TypesToProto(e.resolved.arg_types, node->mutable_arg_types()));
      return TypeToProto(*e.type, node->mutable_return_type());
    }
    case l::ExprKind::kWindow: {
      const auto& e = expr->As<l::WindowExpr>();
      auto* node = out->mutable_window();
      node->set_function_name(e.function_name);
      if (e.window_function != nullptr) {
        node->set_function_kind(pb::WINDOW_FUNCTION_KIND_WINDOW);
        node->set_function(e.window_function->name());
      } else if (e.aggregate_function != nullptr) {
        node->set_function_kind(pb::WINDOW_FUNCTION_KIND_AGGREGATE);
        node->set_function(e.aggregate_function->name());
      } else {
        return Status::Internal("plan serde: window expression " + e.ToString() +
                                " has no function");
      }
      node->set_distinct(e.distinct);
      node->set_nullable(e.nullable);
      RETURN_NOT_OK(EncodeExprs(e.args, node->mutable_args()));
      RETURN_NOT_OK(EncodeExprs(e.partition_by, node->mutable_partition_by()));
      RETURN_NOT_OK(EncodeSortExprs(e.order_by, node->mutable_order_by()));
      auto* frame = node->mutable_frame();
      frame->set_units(UnitsToProto(e.frame.units));
      frame->mutable_start()->set_kind(BoundToProto(e.frame.start.kind));
      frame->mutable_end()->set_kind(BoundToProto(e.frame.end.kind));
      if (e.frame.start.offset) {
        RETURN_NOT_OK(EncodeExpr(e.frame.start.offset, frame->mutable_start()->mutable_offset()));
      }
      if (e.frame.end.offset) {
        RETURN_NOT_OK(EncodeExpr(e.frame.end.offset, frame->mutable_end()->mutable_offset()));
      }
      if (e.resolved_aggregate) {
        RETURN_NOT_OK(TypesToProto(e.resolved_aggregate->arg_types, node->mutable_arg_types()));
      }
      return TypeToProto(*e.type, node->mutable_type());
    }
    case l::ExprKind::kSubquery: {
      const auto& e = expr->As<l::SubqueryExpr>();
      auto* node = out->mutable_subquery();
      switch (e.subquery_kind) {
        case l::SubqueryExpr::Kind::kScalar:
          node->set_kind(pb::SUBQUERY_KIND_SCALAR);
          break;
        case l::SubqueryExpr::Kind::kExists:
          node->set_kind(pb::SUBQUERY_KIND_EXISTS);
          break;
        case l::SubqueryExpr::Kind::kIn:
          node->set_kind(pb::SUBQUERY_KIND_IN);
          break;
      }
      node->set_negated(e.negated);
      node->set_nullable(e.nullable);
      RETURN_NOT_OK(EncodePlan(e.plan, node->mutable_plan()));
      if (e.in_value) RETURN_NOT_OK(EncodeExpr(e.in_value, node->mutable_in_value()));
      return TypeToProto(*e.type, node->mutable_type());
    }
    case l::ExprKind::kParameter: {
      const auto& e = expr->As<l::ParameterExpr>();
      auto* node = out->mutable_parameter();
      node->set_index(e.index);
      return TypeToProto(*e.type, node->mutable_type());
    }
  }
  return Status::Internal("plan serde: unknown expression kind");
}

// ---- Decoding ----

Result<std::vector<l::ExprPtr>> PlanDecoder::DecodeExprs(
    const google::protobuf::RepeatedPtrField<pb::LogicalExprNode>& in) {
  std::vector<l::ExprPtr> out;
  out.reserve(static_cast<size_t>(in.size()));
  for (const auto& node : in) {
    ASSIGN_OR_RAISE(auto expr, DecodeExpr(node));
    out.push_back(std::move(expr));
  }
  return out;
}

Result<l::ExprPtr> PlanDecoder::DecodeChild(bool present, const pb::LogicalExprNode& node,
                                            const char* what) {
  if (!present) return Malformed(std::string(what) + " is missing");
  return DecodeExpr(node);
}

Result<std::vector<l::SortExpr>> PlanDecoder::DecodeSortExprs(
    const google::protobuf::RepeatedPtrField<pb::SortExprNode>& in) {
  std::vector<l::SortExpr> out;
  for (const auto& node : in) {
    l::SortExpr key;
    ASSIGN_OR_RAISE(key.expr, DecodeChild(node.has_expr(), node.expr(), "sort key expression"));
    key.ascending = node.ascending();
    key.nulls_first = node.nulls_first();
    out.push_back(std::move(key));
  }
  return out;
}

Result<l::ExprPtr> PlanDecoder::DecodeExpr(const pb::LogicalExprNode& node) {
  DepthGuard guard(&depth_);
  RETURN_NOT_OK(guard.Check());
  return DecodeExprNode(node);
}

Result<l::ExprPtr> PlanDecoder::DecodeExprNode(const pb::LogicalExprNode& node) {
  switch (node.expr_case()) {
    case pb::LogicalExprNode::kColumn: {
      const auto& c = node.column();
      ASSIGN_OR_RAISE(auto type, RequiredType(c.has_type(), c.type(), "column reference"));
      ASSIGN_OR_RAISE(ColumnInfo * info, Column(c.id(), c.name()));
      if (!info->referenced_type) info->referenced_type = type;
      if (!info->referenced_type->Equals(*type)) {
        return Malformed("column \"" + c.name() + "\" is referenced as " + type->ToString() +
                         " and as " + info->referenced_type->ToString());
      }
      return l::ExprPtr(
          std::make_shared<l::ColumnExpr>(info->id, c.name(), std::move(type), c.nullable()));
    }
    case pb::LogicalExprNode::kLiteral: {
      ASSIGN_OR_RAISE(auto value, ScalarFromProto(node.literal()));
      return l::ExprPtr(std::make_shared<l::LiteralExpr>(std::move(value)));
    }
    case pb::LogicalExprNode::kCall:
      return DecodeCall(node.call());
    case pb::LogicalExprNode::kCast: {
      const auto& c = node.cast();
      ASSIGN_OR_RAISE(auto input, DecodeChild(c.has_input(), c.input(), "cast input"));
      ASSIGN_OR_RAISE(auto type, RequiredType(c.has_type(), c.type(), "cast"));
      return l::ExprPtr(
          std::make_shared<l::CastExpr>(std::move(input), std::move(type), c.try_cast()));
    }
    case pb::LogicalExprNode::kCaseExpr: {
      const auto& c = node.case_expr();
      std::vector<std::pair<l::ExprPtr, l::ExprPtr>> whens;
      for (const auto& w : c.whens()) {
        ASSIGN_OR_RAISE(auto when, DecodeChild(w.has_when(), w.when(), "CASE condition"));
        ASSIGN_OR_RAISE(auto then, DecodeChild(w.has_then(), w.then(), "CASE value"));
        whens.emplace_back(std::move(when), std::move(then));
      }
      if (whens.empty()) return Malformed("CASE without WHEN");
      l::ExprPtr else_value;
      if (c.has_else_value()) {
        ASSIGN_OR_RAISE(else_value, DecodeExpr(c.else_value()));
      }
      ASSIGN_OR_RAISE(auto type, RequiredType(c.has_type(), c.type(), "CASE"));
      return l::ExprPtr(
          std::make_shared<l::CaseExpr>(std::move(whens), std::move(else_value), std::move(type)));
    }
    case pb::LogicalExprNode::kAggregate:
      return DecodeAggregate(node.aggregate());
    case pb::LogicalExprNode::kWindow:
      return DecodeWindow(node.window());
    case pb::LogicalExprNode::kSubquery: {
      const auto& s = node.subquery();
      l::SubqueryExpr::Kind kind;
      switch (s.kind()) {
        case pb::SUBQUERY_KIND_SCALAR:
          kind = l::SubqueryExpr::Kind::kScalar;
          break;
        case pb::SUBQUERY_KIND_EXISTS:
          kind = l::SubqueryExpr::Kind::kExists;
          break;
        case pb::SUBQUERY_KIND_IN:
          kind = l::SubqueryExpr::Kind::kIn;
          break;
        default:
          return Malformed("unknown subquery kind " + std::to_string(s.kind()));
      }
      ASSIGN_OR_RAISE(auto plan, DecodeInput(s.has_plan(), s.plan(), "subquery plan"));
      l::ExprPtr in_value;
      if (kind == l::SubqueryExpr::Kind::kIn) {
        ASSIGN_OR_RAISE(in_value, DecodeChild(s.has_in_value(), s.in_value(), "IN subquery value"));
      } else if (s.has_in_value()) {
        return Malformed("a value for a subquery that is not IN");
      }
      ASSIGN_OR_RAISE(auto type, RequiredType(s.has_type(), s.type(), "subquery"));
      return l::ExprPtr(std::make_shared<l::SubqueryExpr>(
          kind, std::move(plan), std::move(in_value), s.negated(), std::move(type), s.nullable()));
    }
    case pb::LogicalExprNode::kParameter: {
      const auto& p = node.parameter();
      if (p.index() < 0) return Malformed("negative parameter index");
      ASSIGN_OR_RAISE(auto type, RequiredType(p.has_type(), p.type(), "parameter"));
      return l::ExprPtr(std::make_shared<l::ParameterExpr>(p.index(), std::move(type)));
    }
    case pb::LogicalExprNode::EXPR_NOT_SET:
      break;
  }
  return Malformed("expression without a kind (unknown to this build, or missing)");
}

Result<l::ExprPtr> PlanDecoder::DecodeCall(const pb::CallExprNode& node) {
  const compute::ScalarFunction* function = registry_.FindScalar(node.function());
  if (function == nullptr) return UnknownFunction("scalar", node.function(), registry_);
  ASSIGN_OR_RAISE(auto args, DecodeExprs(node.args()));
  ASSIGN_OR_RAISE(auto arg_types, TypesFromProto(node.arg_types()));
  ASSIGN_OR_RAISE(auto return_type,
                  RequiredType(node.has_return_type(), node.return_type(), "call"));
  auto resolved = function->Resolve(arg_types);
  if (!resolved.ok()) {
    return Status::InvalidData("serialized plan: function " + node.function() +
                               TypeList(arg_types) +
                               " does not resolve here: " + resolved.status().message());
  }
  if (!resolved->return_type->Equals(*return_type) || !SameTypes(resolved->arg_types, arg_types)) {
    return OverloadMismatch("scalar", node.function(), arg_types, *return_type,
                            *resolved->return_type);
  }
  return l::ExprPtr(std::make_shared<l::CallExpr>(
      function, std::move(args), std::move(resolved).ValueOrDie(), node.nullable()));
}

Result<l::ExprPtr> PlanDecoder::DecodeAggregate(const pb::AggregateExprNode& node) {
  const compute::AggregateFunction* function = registry_.FindAggregate(node.function());
  if (function == nullptr) return UnknownFunction("aggregate", node.function(), registry_);
  ASSIGN_OR_RAISE(auto args, DecodeExprs(node.args()));
  l::ExprPtr filter;
  if (node.has_filter()) {
    ASSIGN_OR_RAISE(filter, DecodeExpr(node.filter()));
  }
  ASSIGN_OR_RAISE(auto order_by, DecodeSortExprs(node.order_by()));
  ASSIGN_OR_RAISE(auto arg_types, TypesFromProto(node.arg_types()));
  ASSIGN_OR_RAISE(auto return_type,
                  RequiredType(node.has_return_type(), node.return_type(), "aggregate"));
  auto resolved = function->Resolve(arg_types, node.distinct());
  if (!resolved.ok()) {
    return Status::InvalidData("serialized plan: aggregate " + node.function() +
                               TypeList(arg_types) +
                               " does not resolve here: " + resolved.status().message());
  }
  if (!resolved->return_type->Equals(*return_type)) {
    return OverloadMismatch("aggregate", node.function(), arg_types, *return_type,
                            *resolved->return_type);
  }
  return l::ExprPtr(std::make_shared<l::AggregateExpr>(function, std::move(args), node.distinct(),
                                                       std::move(filter), std::move(order_by),
                                                       std::move(resolved).ValueOrDie()));
}

Result<l::ExprPtr> PlanDecoder::DecodeWindow(const pb::WindowExprNode& node) {
  ASSIGN_OR_RAISE(auto args, DecodeExprs(node.args()));
  ASSIGN_OR_RAISE(auto partition_by, DecodeExprs(node.partition_by()));
  ASSIGN_OR_RAISE(auto order_by, DecodeSortExprs(node.order_by()));
  l::WindowFrame frame;
  const auto& f = node.frame();
  ASSIGN_OR_RAISE(frame.units, UnitsFromProto(f.units()));
  ASSIGN_OR_RAISE(frame.start.kind, BoundFromProto(f.start().kind()));
  ASSIGN_OR_RAISE(frame.end.kind, BoundFromProto(f.end().kind()));
  for (auto [bound, proto] :
       {std::pair{&frame.start, &f.start()}, std::pair{&frame.end, &f.end()}}) {
    const bool needs_offset = bound->kind == l::FrameBound::Kind::kPreceding ||
                              bound->kind == l::FrameBound::Kind::kFollowing;
    if (needs_offset != proto->has_offset()) {
      return Malformed(needs_offset ? "window frame bound without its offset"
                                    : "offset on an unbounded or CURRENT ROW frame bound");
    }
    if (needs_offset) {
      ASSIGN_OR_RAISE(bound->offset, DecodeExpr(proto->offset()));
    }
  }
  ASSIGN_OR_RAISE(auto type, RequiredType(node.has_type(), node.type(), "window expression"));
  const compute::WindowFunction* window = nullptr;
  const compute::AggregateFunction* aggregate = nullptr;
  std::optional<compute::ResolvedAggregate> resolved;
  switch (node.function_kind()) {
    case pb::WINDOW_FUNCTION_KIND_WINDOW: {
      window = registry_.FindWindow(node.function());
      if (window == nullptr) return UnknownFunction("window", node.function(), registry_);
      std::vector<a::DataTypePtr> types;
      for (const auto& arg : args) types.push_back(arg->type);
      auto returns = window->ReturnType(types);
      if (!returns.ok()) {
        return Status::InvalidData("serialized plan: window function " + node.function() +
                                   TypeList(types) +
                                   " does not resolve here: " + returns.status().message());
      }
      if (!(*returns)->Equals(*type))
        return OverloadMismatch("window", node.function(), types, *type, **returns);
      break;
    }
    case pb::WINDOW_FUNCTION_KIND_AGGREGATE: {
      aggregate = registry_.FindAggregate(node.function());
      if (aggregate == nullptr) return UnknownFunction("aggregate", node.function(), registry_);
      ASSIGN_OR_RAISE(auto arg_types, TypesFromProto(node.arg_types()));
      auto r = aggregate->Resolve(arg_types, node.distinct());
      if (!r.ok()) {
        return Status::InvalidData("serialized plan: aggregate " + node.function() +
                                   TypeList(arg_types) +
                                   " does not resolve here: " + r.status().message());
      }
      if (!r->return_type->Equals(*type)) {
        return OverloadMismatch("aggregate", node.function(), arg_types, *type, *r->return_type);
      }
      resolved = std::move(r).ValueOrDie();
      break;
    }
    default:
      return Malformed("unknown window function kind " + std::to_string(node.function_kind()));
  }
  return l::ExprPtr(std::make_shared<l::WindowExpr>(
      node.function_name(), window, aggregate, std::move(args), node.distinct(),
      std::move(partition_by), std::move(order_by), std::move(frame), std::move(type),
      node.nullable(), std::move(resolved)));
}

}  // namespace ballista::dist::serde_internal
