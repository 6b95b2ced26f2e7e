#include "ballista/catalog/view_table.h"
#include "ballista/logical/binder_internal.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::logical {
namespace a = ballista::arrow;

Scope Scope::FromPlan(const LogicalPlan& plan, const Scope* outer) {
  Scope scope;
  scope.outer = outer;
  for (const auto& column : plan.output()) {
    scope.columns.push_back({column.qualifier, column.name, column.id, column.type,
                             column.nullable, false});
  }
  return scope;
}

Status Binder::Impl::ApplyAlias(const std::optional<sql::TableAlias>& alias,
                                const std::string& default_name, Scope* scope,
                                const sql::SourcePos& pos) {
  std::string qualifier = alias ? alias->name.value : default_name;
  for (auto& column : scope->columns) column.qualifier = qualifier;
  if (alias && !alias->columns.empty()) {
    if (alias->columns.size() > scope->columns.size()) {
      return At(pos, Status::PlanError("table \"" + qualifier + "\" has " +
                                       std::to_string(scope->columns.size()) + " columns but " +
                                       std::to_string(alias->columns.size()) + " were named"));
    }
    for (size_t i = 0; i < alias->columns.size(); ++i) {
      scope->columns[i].name = alias->columns[i].value;
    }
  }
  return Status::OK();
}

Result<LogicalPlanPtr> Binder::Impl::ScanProvider(const catalog::ResolvedTable& table,
                                                  const std::string& qualifier,
                                                  const std::optional<sql::TableAlias>& alias,
                                                  Scope* scope) {
  auto schema = table.provider->schema();
  std::vector<int> projection;
  std::vector<OutputColumn> output;
  for (int i = 0; i < schema->num_fields(); ++i) {
    const auto& field = schema->field(i);
    projection.push_back(i);
    output.push_back({NextColumnId(), qualifier, field->name(), field->type(), field->nullable()});
  }
  auto scan = std::make_shared<TableScan>(table, std::move(projection), std::move(output),
                                          std::vector<ExprPtr>{}, std::nullopt);
  *scope = Scope::FromPlan(*scan, nullptr);
  RETURN_NOT_OK(ApplyAlias(alias, qualifier, scope, {}));
  // The plan's own column labels follow the alias too, so EXPLAIN shows what the query wrote.
  std::vector<OutputColumn> relabelled = scan->output();
  for (size_t i = 0; i < relabelled.size(); ++i) {
    relabelled[i].qualifier = scope->columns[i].qualifier;
    relabelled[i].name = scope->columns[i].name;
  }
  return LogicalPlanPtr(std::make_shared<TableScan>(scan->table, scan->projection,
                                                    std::move(relabelled), scan->filters,
                                                    scan->fetch));
}

Result<LogicalPlanPtr> Binder::Impl::BindFrom(const std::vector<sql::TableRefPtr>& from,
                                              const Scope* outer, Scope* scope) {
  LogicalPlanPtr plan;
  for (const auto& item : from) {
    Scope item_scope;
    // LATERAL items see the items before them; the outer scope stays behind those.
    Scope lateral = *scope;
    lateral.outer = outer;
    ASSIGN_OR_RAISE(auto item_plan,
                    BindTableRef(*item, outer, plan ? &lateral : nullptr, &item_scope));
    if (!plan) {
      plan = item_plan;
      *scope = std::move(item_scope);
      scope->outer = outer;
      continue;
    }
    auto output = JoinPlan::JoinOutput(*plan, *item_plan, JoinType::kInner, nullptr);
    plan = std::make_shared<JoinPlan>(plan, item_plan, JoinType::kInner,
                                      std::vector<std::pair<ExprPtr, ExprPtr>>{}, nullptr, false,
                                      std::move(output));
    scope->columns.insert(scope->columns.end(), item_scope.columns.begin(),
                          item_scope.columns.end());
  }
  return plan;
}

Result<LogicalPlanPtr> Binder::Impl::BindTableRef(const sql::TableRef& ref, const Scope* outer,
                                                  const Scope* lateral, Scope* scope) {
  switch (ref.kind) {
    case sql::TableRefKind::kNamed: {
      const auto& named = ref.As<sql::NamedTableRef>();
      if (named.name.size() == 1) {
        auto plan_table = hooks_.plan_tables.find(named.name[0].value);
        if (plan_table != hooks_.plan_tables.end()) {
          *scope = Scope::FromPlan(*plan_table->second, nullptr);
          RETURN_NOT_OK(ApplyAlias(named.alias, named.name[0].value, scope, ref.pos));
          return plan_table->second;
        }
      }
      // A CTE shadows a table of the same name; an unqualified name only.
      if (named.name.size() == 1) {
        for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
          if (AsciiLower(it->name) != AsciiLower(named.name[0].value)) continue;
          const sql::Cte* cte = it->cte;
          // Bind the CTE body afresh at each reference (fresh column ids), seeing only the
          // CTEs defined before it.
          std::vector<CteBinding> saved = ctes_;
          ctes_.erase(it.base() - 1, ctes_.end());
          auto plan = BindQuery(*cte->query, nullptr);
          ctes_ = std::move(saved);
          if (!plan.ok()) return plan.status();
          *scope = Scope::FromPlan(**plan, nullptr);
          if (!cte->columns.empty()) {
            sql::TableAlias names{cte->name, cte->columns};
            RETURN_NOT_OK(ApplyAlias(names, cte->name.value, scope, ref.pos));
          }
          RETURN_NOT_OK(ApplyAlias(named.alias, cte->name.value, scope, ref.pos));
          return plan;
        }
      }
      catalog::TableReference table_ref;
      const auto& parts = named.name;
      table_ref.table = parts.back().value;
      if (parts.size() >= 2) table_ref.schema = parts[parts.size() - 2].value;
      if (parts.size() >= 3) table_ref.catalog = parts[parts.size() - 3].value;
      if (parts.size() > 3) {
        return At(ref.pos, Status::PlanError("table name " + sql::ToSql(ref) + " has too many parts"));
      }
      auto resolved = catalogs_->ResolveTable(table_ref);
      if (!resolved.ok()) return At(ref.pos, resolved.status());
      if (auto view = std::dynamic_pointer_cast<catalog::ViewTable>(resolved->provider)) {
        std::string key = resolved->catalog + "." + resolved->schema + "." + resolved->table;
        for (const auto& expanding : expanding_views_) {
          if (expanding == key) {
            return At(ref.pos, Status::PlanError("view \"" + resolved->table + "\" refers to itself"));
          }
        }
        expanding_views_.push_back(key);
        std::vector<CteBinding> saved = std::move(ctes_);
        ctes_.clear();
        auto plan = BindQuery(view->query(), nullptr);
        ctes_ = std::move(saved);
        expanding_views_.pop_back();
        if (!plan.ok()) return plan.status();
        *scope = Scope::FromPlan(**plan, nullptr);
        for (size_t i = 0; i < view->column_names().size() && i < scope->columns.size(); ++i) {
          scope->columns[i].name = view->column_names()[i];
        }
        RETURN_NOT_OK(ApplyAlias(named.alias, resolved->table, scope, ref.pos));
        return plan;
      }
      return ScanProvider(*resolved, resolved->table, named.alias, scope);
    }
    case sql::TableRefKind::kFunction: {
      const auto& fn = ref.As<sql::TableFunctionRef>();
      std::string name = AsciiLower(fn.name.back().value);
      if (!hooks_.table_function) {
        return At(ref.pos, Status::PlanError("table function " + name + " does not exist"));
      }
      std::vector<a::Scalar> args;
      for (const auto& arg : fn.args) {
        ASSIGN_OR_RAISE(auto bound, BindExpr(*arg, Scope{}, ExprContext::kPlain));
        if (bound->kind != ExprKind::kLiteral) {
          return At(arg->pos, Status::PlanError("arguments of table function " + name +
                                                " must be constants"));
        }
        args.push_back(bound->As<LiteralExpr>().value);
      }
      auto provider = hooks_.table_function(name, args);
      if (!provider.ok()) return At(ref.pos, provider.status());
      catalog::ResolvedTable table{"", "", name, *provider};
      return ScanProvider(table, name, fn.alias, scope);
    }
    case sql::TableRefKind::kFile: {
      const auto& file = ref.As<sql::FileTableRef>();
      if (!hooks_.file_table) {
        return At(ref.pos, Status::PlanError("cannot read file '" + file.path + "' here"));
      }
      auto provider = hooks_.file_table(file.path);
      if (!provider.ok()) return At(ref.pos, provider.status());
      // The table is named after the file without directories and extension, as DuckDB does.
      std::string base = file.path.substr(file.path.find_last_of('/') + 1);
      base = base.substr(0, base.find('.'));
      catalog::ResolvedTable table{"", "", base, *provider};
      return ScanProvider(table, base, file.alias, scope);
    }
    case sql::TableRefKind::kDerived: {
      const auto& derived = ref.As<sql::DerivedTableRef>();
      const Scope* visible = derived.lateral && lateral ? lateral : outer;
      ASSIGN_OR_RAISE(auto plan, BindQuery(*derived.query, visible));
      *scope = Scope::FromPlan(*plan, nullptr);
      RETURN_NOT_OK(ApplyAlias(derived.alias, "", scope, ref.pos));
      return plan;
    }
    case sql::TableRefKind::kJoin:
      return BindJoin(ref.As<sql::JoinRef>(), outer, lateral, scope);
  }
  return Status::Internal("unknown table reference kind");
}

Result<LogicalPlanPtr> Binder::Impl::BindJoin(const sql::JoinRef& join, const Scope* outer,
                                              const Scope* lateral, Scope* scope) {
  Scope left_scope, right_scope;
  ASSIGN_OR_RAISE(auto left, BindTableRef(*join.left, outer, lateral, &left_scope));
  Scope left_visible = left_scope;
  left_visible.outer = outer;
  ASSIGN_OR_RAISE(auto right, BindTableRef(*join.right, outer, &left_visible, &right_scope));

  JoinType type = JoinType::kInner;
  switch (join.join_kind) {
    case sql::JoinKind::kInner:
    case sql::JoinKind::kCross:
      type = JoinType::kInner;
      break;
    case sql::JoinKind::kLeft:
      type = JoinType::kLeft;
      break;
    case sql::JoinKind::kRight:
      type = JoinType::kRight;
      break;
    case sql::JoinKind::kFull:
      type = JoinType::kFull;
      break;
    case sql::JoinKind::kLeftSemi:
      type = JoinType::kLeftSemi;
      break;
    case sql::JoinKind::kLeftAnti:
      type = JoinType::kLeftAnti;
      break;
    case sql::JoinKind::kRightSemi:
    case sql::JoinKind::kRightAnti: {
      // b RIGHT SEMI JOIN a is a LEFT SEMI JOIN with the sides swapped.
      std::swap(left, right);
      std::swap(left_scope, right_scope);
      type = join.join_kind == sql::JoinKind::kRightSemi ? JoinType::kLeftSemi : JoinType::kLeftAnti;
      break;
    }
  }

  Scope combined;
  combined.outer = outer;
  combined.columns = left_scope.columns;
  bool semi_or_anti = type == JoinType::kLeftSemi || type == JoinType::kLeftAnti;
  combined.columns.insert(combined.columns.end(), right_scope.columns.begin(),
                          right_scope.columns.end());

  // USING (a, b) and NATURAL: equality on the shared names, each shown once.
  std::vector<std::string> using_names;
  if (join.natural) {
    for (const auto& l : left_scope.columns) {
      if (l.hidden) continue;
      for (const auto& r : right_scope.columns) {
        if (!r.hidden && AsciiLower(l.name) == AsciiLower(r.name)) using_names.push_back(l.name);
      }
    }
  }
  for (const auto& ident : join.using_columns) using_names.push_back(ident.value);

  std::vector<ExprPtr> conditions;
  std::vector<std::pair<const ScopeColumn*, const ScopeColumn*>> using_pairs;
  for (const auto& name : using_names) {
    const ScopeColumn* l = nullptr;
    const ScopeColumn* r = nullptr;
    for (const auto& c : left_scope.columns) {
      if (!c.hidden && AsciiLower(c.name) == AsciiLower(name)) l = &c;
    }
    for (const auto& c : right_scope.columns) {
      if (!c.hidden && AsciiLower(c.name) == AsciiLower(name)) r = &c;
    }
    if (!l || !r) {
      return At(join.pos, Status::PlanError("column \"" + name + "\" named in USING is not on " +
                                            (l ? "the right" : "the left") + " side of the join"));
    }
    auto left_ref = std::make_shared<ColumnExpr>(l->id, l->name, l->type, l->nullable);
    auto right_ref = std::make_shared<ColumnExpr>(r->id, r->name, r->type, r->nullable);
    ASSIGN_OR_RAISE(auto eq, BindComparison("eq", left_ref, right_ref, join.pos));
    conditions.push_back(eq);
    using_pairs.emplace_back(l, r);
  }
  if (join.on) {
    ASSIGN_OR_RAISE(auto on, BindCondition(*join.on, combined, ExprContext::kPlain, "JOIN ON"));
    conditions.push_back(on);
  }
  ExprPtr filter;
  if (!conditions.empty()) {
    ASSIGN_OR_RAISE(filter, factory_.And(conditions));
  }

  auto output = JoinPlan::JoinOutput(*left, *right, type, nullptr);
  LogicalPlanPtr plan = std::make_shared<JoinPlan>(
      left, right, type, std::vector<std::pair<ExprPtr, ExprPtr>>{}, filter, false, output);

  if (semi_or_anti) {
    *scope = left_scope;
    scope->outer = outer;
    return plan;
  }
  *scope = combined;
  // The right copy of each USING column is reachable only by its qualifier.
  for (const auto& [l, r] : using_pairs) {
    for (auto& c : scope->columns) {
      if (c.id == r->id) c.hidden = true;
    }
  }
  if (type == JoinType::kRight || type == JoinType::kFull) {
    // The merged USING column is the right value where the left is missing: a projection
    // computes COALESCE(l.a, r.a) under the left column's name.
    if (!using_pairs.empty()) {
      std::vector<ExprPtr> exprs;
      std::vector<std::string> names, qualifiers;
      for (const auto& column : plan->output()) {
        ExprPtr e = column.ToExpr();
        for (const auto& [l, r] : using_pairs) {
          if (column.id == l->id) {
            auto right_ref = std::make_shared<ColumnExpr>(r->id, r->name, r->type, true);
            ASSIGN_OR_RAISE(e, factory_.Call("coalesce", {e, right_ref}));
          }
        }
        exprs.push_back(e);
        names.push_back(column.name);
        qualifiers.push_back(column.qualifier);
      }
      plan = MakeProjection(plan, std::move(exprs), names, qualifiers);
      for (size_t i = 0; i < scope->columns.size(); ++i) {
        scope->columns[i].id = plan->output()[i].id;
        scope->columns[i].nullable = plan->output()[i].nullable;
      }
    }
  }
  // Nullability follows the join type.
  for (size_t i = 0; i < scope->columns.size() && i < plan->output().size(); ++i) {
    scope->columns[i].nullable = plan->output()[i].nullable;
  }
  return plan;
}

}  // namespace ballista::logical
