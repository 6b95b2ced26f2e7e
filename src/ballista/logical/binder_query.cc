#include <cctype>

#include "ballista/common/ascii.h"
#include "ballista/catalog/sql_type_name.h"
#include "ballista/logical/binder_internal.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::logical {
namespace a = ballista::arrow;


std::string DefaultColumnName(const sql::Expr& expr) {
  if (expr.kind == sql::ExprKind::kColumnRef) return expr.As<sql::ColumnRefExpr>().name.back().value;
  return sql::ToSql(expr);
}

LogicalPlanPtr MakeProjection(LogicalPlanPtr input, std::vector<ExprPtr> exprs,
                              const std::vector<std::string>& names,
                              const std::vector<std::string>& qualifiers) {
  std::vector<OutputColumn> output;
  output.reserve(exprs.size());
  for (size_t i = 0; i < exprs.size(); ++i) {
    const ExprPtr& e = exprs[i];
    ColumnId id = e->kind == ExprKind::kColumn ? e->As<ColumnExpr>().id : NextColumnId();
    std::string qualifier = i < qualifiers.size() ? qualifiers[i] : "";
    output.push_back({id, qualifier, names[i], e->type, e->nullable});
  }
  return std::make_shared<ProjectionPlan>(std::move(input), std::move(exprs), std::move(output));
}

Result<std::optional<int64_t>> Binder::Impl::BindLimitValue(const sql::ExprPtr& expr,
                                                            const char* what) {
  if (!expr) return std::optional<int64_t>();
  ASSIGN_OR_RAISE(auto bound, BindExpr(*expr, Scope{}, ExprContext::kPlain));
  if (bound->kind == ExprKind::kLiteral) {
    const auto& value = bound->As<LiteralExpr>().value;
    if (value.is_null()) return std::optional<int64_t>();  // LIMIT NULL: no limit
    if (a::IsInteger(value.type()->id())) {
      int64_t n = a::IsSignedInteger(value.type()->id()) ? value.As<int64_t>()
                                                          : static_cast<int64_t>(value.As<uint64_t>());
      if (n < 0) return At(expr->pos, Status::PlanError(std::string(what) + " must not be negative"));
      return std::optional<int64_t>(n);
    }
  }
  return At(expr->pos, Status::PlanError(std::string(what) + " must be a constant integer, not " +
                                         bound->ToString()));
}

Result<LogicalPlanPtr> Binder::Impl::BindQuery(const sql::Query& query, const Scope* outer) {
  size_t cte_mark = ctes_.size();
  if (query.with) {
    for (const auto& cte : query.with->ctes) {
      ctes_.push_back({cte.name.value, &cte});
    }
  }
  auto result = [&]() -> Result<LogicalPlanPtr> {
    LogicalPlanPtr plan;
    if (query.body->kind == sql::SetExprKind::kSelect) {
      // A SELECT block binds its own ORDER BY: it may use columns that are not selected.
      ASSIGN_OR_RAISE(plan, BindSelect(query.body->As<sql::Select>(), outer, &query.order_by));
    } else {
      ASSIGN_OR_RAISE(plan, BindSetExpr(*query.body, outer, nullptr));
      if (!query.order_by.empty()) {
        ASSIGN_OR_RAISE(plan, BindOrderByOnOutput(plan, query.order_by, outer));
      }
    }
    ASSIGN_OR_RAISE(auto limit, BindLimitValue(query.limit, "LIMIT"));
    ASSIGN_OR_RAISE(auto offset, BindLimitValue(query.offset, "OFFSET"));
    if (limit || offset) {
      plan = std::make_shared<LimitPlan>(plan, offset.value_or(0), limit);
    }
    return plan;
  }();
  ctes_.resize(cte_mark);
  return result;
}

Result<LogicalPlanPtr> Binder::Impl::BindSetExpr(const sql::SetExpr& body, const Scope* outer,
                                                 const std::vector<sql::OrderByItem>* order_by) {
  switch (body.kind) {
    case sql::SetExprKind::kSelect:
      return BindSelect(body.As<sql::Select>(), outer, order_by);
    case sql::SetExprKind::kValues:
      return BindValues(body.As<sql::Values>(), outer);
    case sql::SetExprKind::kSetOperation:
      return BindSetOperation(body.As<sql::SetOperation>(), outer);
    case sql::SetExprKind::kNested:
      return BindQuery(*body.As<sql::NestedQuery>().query, outer);
  }
  return Status::Internal("unknown query body");
}

Result<LogicalPlanPtr> Binder::Impl::BindValues(const sql::Values& values, const Scope* outer) {
  Scope scope;
  scope.outer = outer;
  std::vector<std::vector<ExprPtr>> rows;
  size_t width = values.rows.empty() ? 0 : values.rows[0].size();
  for (const auto& row : values.rows) {
    if (row.size() != width) {
      return At(row.empty() ? sql::SourcePos{} : row[0]->pos,
                Status::PlanError("VALUES rows must all have " + std::to_string(width) +
                                  " values, but one has " + std::to_string(row.size())));
    }
    std::vector<ExprPtr> bound_row;
    for (const auto& e : row) {
      ASSIGN_OR_RAISE(auto bound, BindExpr(*e, scope, ExprContext::kPlain));
      bound_row.push_back(std::move(bound));
    }
    rows.push_back(std::move(bound_row));
  }
  std::vector<OutputColumn> output;
  for (size_t c = 0; c < width; ++c) {
    std::vector<a::DataTypePtr> types;
    bool nullable = false;
    for (const auto& row : rows) {
      types.push_back(row[c]->type);
      nullable = nullable || row[c]->nullable;
    }
    ASSIGN_OR_RAISE(auto common, factory_.CommonType(types, "VALUES"));
    if (common->id() == a::TypeId::kNull) common = a::Int32();
    for (auto& row : rows) row[c] = factory_.Cast(row[c], common);
    output.push_back({NextColumnId(), "", "col" + std::to_string(c), common, nullable});
  }
  return LogicalPlanPtr(std::make_shared<ValuesPlan>(std::move(rows), std::move(output)));
}

Result<LogicalPlanPtr> Binder::Impl::BindSetOperation(const sql::SetOperation& op,
                                                      const Scope* outer) {
  ASSIGN_OR_RAISE(auto left, BindSetExpr(*op.left, outer, nullptr));
  ASSIGN_OR_RAISE(auto right, BindSetExpr(*op.right, outer, nullptr));
  const char* name = op.op == sql::SetOp::kUnion ? "UNION" : op.op == sql::SetOp::kIntersect
                                                                  ? "INTERSECT"
                                                                  : "EXCEPT";
  if (left->output().size() != right->output().size()) {
    return Status::PlanError(std::string("each ") + name + " query must have the same number of "
                             "columns, but they have " + std::to_string(left->output().size()) +
                             " and " + std::to_string(right->output().size()));
  }
  // Cast both sides to the common column types.
  std::vector<ExprPtr> left_exprs, right_exprs;
  std::vector<std::string> left_names, right_names;
  bool cast_left = false, cast_right = false;
  std::vector<OutputColumn> output;
  for (size_t i = 0; i < left->output().size(); ++i) {
    const auto& l = left->output()[i];
    const auto& r = right->output()[i];
    ASSIGN_OR_RAISE(auto common, factory_.CommonType({l.type, r.type}, name));
    if (common->id() == a::TypeId::kNull) common = a::Int32();
    cast_left = cast_left || !l.type->Equals(*common);
    cast_right = cast_right || !r.type->Equals(*common);
    left_exprs.push_back(factory_.Cast(l.ToExpr(), common));
    right_exprs.push_back(factory_.Cast(r.ToExpr(), common));
    left_names.push_back(l.name);
    right_names.push_back(r.name);
    bool nullable = op.op == sql::SetOp::kUnion ? (l.nullable || r.nullable) : l.nullable;
    output.push_back({NextColumnId(), "", l.name, common, nullable});
  }
  if (cast_left) left = MakeProjection(left, left_exprs, left_names, {});
  if (cast_right) right = MakeProjection(right, right_exprs, right_names, {});
  bool all = op.quantifier == sql::SetQuantifier::kAll;
  SetOpKind kind = op.op == sql::SetOp::kUnion      ? SetOpKind::kUnion
                   : op.op == sql::SetOp::kIntersect ? SetOpKind::kIntersect
                                                     : SetOpKind::kExcept;
  LogicalPlanPtr plan = std::make_shared<SetOperationPlan>(
      kind, kind == SetOpKind::kUnion ? true : all, std::vector<LogicalPlanPtr>{left, right},
      std::move(output));
  // UNION without ALL is UNION ALL followed by duplicate removal.
  if (kind == SetOpKind::kUnion && !all) plan = std::make_shared<DistinctPlan>(plan);
  return plan;
}

Result<LogicalPlanPtr> Binder::Impl::BindOrderByOnOutput(LogicalPlanPtr plan,
                                                         const std::vector<sql::OrderByItem>& items,
                                                         const Scope* outer) {
  Scope scope = Scope::FromPlan(*plan, outer);
  std::vector<SortExpr> keys;
  for (const auto& item : items) {
    SortExpr key;
    key.ascending = item.ascending.value_or(true);
    key.nulls_first = item.nulls_first.value_or(false);
    const sql::Expr& e = *item.expr;
    if (e.kind == sql::ExprKind::kLiteral &&
        e.As<sql::LiteralExpr>().literal_kind == sql::LiteralKind::kNumber) {
      int64_t ordinal = std::atoll(e.As<sql::LiteralExpr>().value.c_str());
      if (ordinal < 1 || ordinal > static_cast<int64_t>(plan->output().size())) {
        return At(e.pos, Status::PlanError("ORDER BY position " + std::to_string(ordinal) +
                                           " is not in the select list"));
      }
      key.expr = plan->output()[static_cast<size_t>(ordinal - 1)].ToExpr();
    } else {
      ASSIGN_OR_RAISE(key.expr, BindExpr(e, scope, ExprContext::kPlain));
    }
    keys.push_back(std::move(key));
  }
  return LogicalPlanPtr(std::make_shared<SortPlan>(plan, std::move(keys), std::nullopt));
}

// ---- Binder ----

Binder::Binder(const catalog::CatalogList* catalogs, const compute::FunctionRegistry* registry,
               BinderHooks hooks)
    : impl_(std::make_unique<Impl>(catalogs, registry, std::move(hooks))) {}
Binder::~Binder() = default;

void Binder::SetParameterTypes(std::vector<a::DataTypePtr> types) {
  impl_->parameter_types_ = std::move(types);
}

void Binder::SetParameterValues(std::vector<a::Scalar> values) {
  impl_->parameter_values_ = std::move(values);
}

Result<LogicalPlanPtr> Binder::BindQuery(const sql::Query& query) {
  return impl_->BindQuery(query, nullptr);
}

Result<ExprPtr> Binder::BindExpr(const sql::Expr& expr, const LogicalPlan& input) {
  Scope scope = Scope::FromPlan(input, nullptr);
  return impl_->BindExpr(expr, scope, ExprContext::kPlain);
}

ColumnId Binder::NewColumnId() { return NextColumnId(); }

}  // namespace ballista::logical
