#include <algorithm>
#include <set>

#include "ballista/logical/binder_internal.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::logical {
namespace a = ballista::arrow;
namespace {

/// One output column of the select list being built.
struct SelectColumn {
  ExprPtr expr;
  std::string name;
  std::string qualifier;
  bool hidden = false;  ///< an ORDER BY / DISTINCT ON key that is not selected
};

bool ContainsKind(const ExprPtr& expr, ExprKind kind) {
  bool found = false;
  VisitExpr(expr, [&](const ExprPtr& e) { found = found || e->kind == kind; });
  return found;
}

void CollectKind(const ExprPtr& expr, ExprKind kind, std::vector<ExprPtr>* out) {
  VisitExpr(expr, [&](const ExprPtr& e) {
    if (e->kind != kind) return;
    for (const auto& seen : *out) {
      if (seen->Equals(*e)) return;
    }
    out->push_back(e);
  });
}

/// Replaces, top-down, every subtree equal to `from[i]` by `to[i]`. Subquery plans are left as
/// they are.
ExprPtr ReplaceSubtrees(const ExprPtr& expr, const std::vector<ExprPtr>& from,
                        const std::vector<ExprPtr>& to) {
  for (size_t i = 0; i < from.size(); ++i) {
    if (expr->Equals(*from[i])) return to[i];
  }
  std::vector<ExprPtr> children = expr->children();
  if (children.empty()) return expr;
  bool changed = false;
  for (auto& child : children) {
    ExprPtr replaced = ReplaceSubtrees(child, from, to);
    changed = changed || replaced != child;
    child = std::move(replaced);
  }
  return changed ? expr->WithChildren(std::move(children)) : expr;
}

/// Expands GROUP BY items with grouping sets into the list of sets (indices into `groups`).
/// Plain items belong to every set; several grouping-set items multiply out.
std::vector<std::vector<int>> CrossSets(const std::vector<std::vector<std::vector<int>>>& items) {
  std::vector<std::vector<int>> result{{}};
  for (const auto& alternatives : items) {
    std::vector<std::vector<int>> next;
    for (const auto& prefix : result) {
      for (const auto& alt : alternatives) {
        std::vector<int> combined = prefix;
        for (int i : alt) {
          if (std::find(combined.begin(), combined.end(), i) == combined.end()) combined.push_back(i);
        }
        next.push_back(std::move(combined));
      }
    }
    result = std::move(next);
  }
  return result;
}

}  // namespace

Result<LogicalPlanPtr> Binder::Impl::BindSelect(const sql::Select& select, const Scope* outer,
                                                const std::vector<sql::OrderByItem>* order_by) {
  const std::vector<sql::NamedWindow>* saved_windows = named_windows_;
  named_windows_ = &select.windows;
  struct Restore {
    Binder::Impl* self;
    const std::vector<sql::NamedWindow>* windows;
    ~Restore() { self->named_windows_ = windows; }
  } restore{this, saved_windows};

  // ---- FROM and WHERE ----
  Scope scope;
  scope.outer = outer;
  LogicalPlanPtr plan;
  if (select.from.empty()) {
    plan = std::make_shared<EmptyPlan>(true, std::vector<OutputColumn>{});
  } else {
    ASSIGN_OR_RAISE(plan, BindFrom(select.from, outer, &scope));
  }
  std::set<ColumnId> input_ids;
  for (const auto& column : scope.columns) input_ids.insert(column.id);
  if (select.where) {
    ASSIGN_OR_RAISE(auto predicate, BindCondition(*select.where, scope, ExprContext::kPlain, "WHERE"));
    plan = std::make_shared<FilterPlan>(plan, predicate);
  }

  // ---- select list ----
  std::vector<SelectColumn> columns;
  for (const auto& item : select.items) {
    if (item.expr->kind == sql::ExprKind::kWildcard) {
      const auto& wildcard = item.expr->As<sql::WildcardExpr>();
      std::string qualifier = wildcard.qualifier.empty() ? "" : wildcard.qualifier.back().value;
      size_t before = columns.size();
      for (const auto& column : scope.columns) {
        if (qualifier.empty() ? column.hidden : AsciiLower(column.qualifier) != AsciiLower(qualifier)) continue;
        bool excluded = false;
        for (const auto& ex : wildcard.excluded) excluded = excluded || AsciiLower(ex.value) == AsciiLower(column.name);
        if (excluded) continue;
        std::string display = column.qualifier.empty() ? column.name : column.qualifier + "." + column.name;
        columns.push_back({std::make_shared<ColumnExpr>(column.id, display, column.type, column.nullable),
                           column.name, column.qualifier, false});
      }
      if (columns.size() == before) {
        if (!qualifier.empty()) {
          return At(item.expr->pos, Status::PlanError("table \"" + qualifier + "\" not found in FROM"));
        }
        if (select.from.empty()) {
          return At(item.expr->pos, Status::PlanError("SELECT * needs a FROM clause"));
        }
      }
      continue;
    }
    ASSIGN_OR_RAISE(auto bound, BindExpr(*item.expr, scope, ExprContext::kSelect));
    std::string name = item.alias ? item.alias->value : DefaultColumnName(*item.expr);
    std::string qualifier;
    if (!item.alias && bound->kind == ExprKind::kColumn) {
      for (const auto& c : scope.columns) {
        if (c.id == bound->As<ColumnExpr>().id) qualifier = c.qualifier;
      }
    }
    columns.push_back({bound, name, qualifier, false});
  }
  const size_t selected_count = columns.size();

  // Finds the select item an ORDER BY / GROUP BY name or ordinal refers to, or -1.
  auto item_by_alias = [&](const sql::Expr& e) -> int {
    if (e.kind != sql::ExprKind::kColumnRef || e.As<sql::ColumnRefExpr>().name.size() != 1) return -1;
    const std::string& name = e.As<sql::ColumnRefExpr>().name[0].value;
    for (size_t i = 0; i < select.items.size() && i < selected_count; ++i) {
      if (select.items[i].alias && AsciiLower(select.items[i].alias->value) == AsciiLower(name)) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  auto ordinal_of = [&](const sql::Expr& e, const char* clause) -> Result<int> {
    if (e.kind != sql::ExprKind::kLiteral ||
        e.As<sql::LiteralExpr>().literal_kind != sql::LiteralKind::kNumber) {
      return -1;
    }
    int64_t n = std::atoll(e.As<sql::LiteralExpr>().value.c_str());
    if (n < 1 || n > static_cast<int64_t>(selected_count)) {
      return At(e.pos, Status::PlanError(std::string(clause) + " position " + std::to_string(n) +
                                         " is not in the select list"));
    }
    return static_cast<int>(n - 1);
  };

  // ---- GROUP BY ----
  std::vector<ExprPtr> groups;
  std::vector<std::vector<std::vector<int>>> set_items;
  bool has_grouping_sets = false;
  auto add_group = [&](ExprPtr e) -> int {
    for (size_t i = 0; i < groups.size(); ++i) {
      if (groups[i]->Equals(*e)) return static_cast<int>(i);
    }
    groups.push_back(std::move(e));
    return static_cast<int>(groups.size() - 1);
  };
  auto bind_group_expr = [&](const sql::Expr& e) -> Result<ExprPtr> {
    ASSIGN_OR_RAISE(int ordinal, ordinal_of(e, "GROUP BY"));
    if (ordinal >= 0) {
      const ExprPtr& item = columns[static_cast<size_t>(ordinal)].expr;
      if (ContainsKind(item, ExprKind::kAggregate) || ContainsKind(item, ExprKind::kWindow)) {
        return At(e.pos, Status::PlanError("GROUP BY position " + std::to_string(ordinal + 1) +
                                           " refers to an aggregate or window expression"));
      }
      return item;
    }
    auto bound = BindExpr(e, scope, ExprContext::kGroupBy);
    if (!bound.ok()) {
      // A select alias, when the name is not a column of the FROM clause (as DuckDB).
      int alias = item_by_alias(e);
      if (alias >= 0) return columns[static_cast<size_t>(alias)].expr;
    }
    return bound;
  };
  if (select.group_by_all) {
    for (size_t i = 0; i < selected_count; ++i) {
      const ExprPtr& item = columns[i].expr;
      if (!ContainsKind(item, ExprKind::kAggregate) && !ContainsKind(item, ExprKind::kWindow) &&
          !IsConstant(item)) {
        set_items.push_back({{add_group(item)}});
      }
    }
  }
  for (const auto& g : select.group_by) {
    if (g->kind == sql::ExprKind::kGroupingSet) {
      has_grouping_sets = true;
      const auto& gs = g->As<sql::GroupingSetExpr>();
      std::vector<std::vector<int>> sets;
      for (const auto& list : gs.sets) {
        std::vector<int> indices;
        for (const auto& e : list) {
          ASSIGN_OR_RAISE(auto bound, bind_group_expr(*e));
          indices.push_back(add_group(bound));
        }
        sets.push_back(std::move(indices));
      }
      std::vector<std::vector<int>> alternatives;
      if (gs.grouping_kind == sql::GroupingKind::kGroupingSets) {
        alternatives = sets;
      } else if (gs.grouping_kind == sql::GroupingKind::kRollup) {
        for (size_t n = sets.size() + 1; n-- > 0;) {
          std::vector<int> prefix;
          for (size_t i = 0; i < n; ++i) prefix.insert(prefix.end(), sets[i].begin(), sets[i].end());
          alternatives.push_back(std::move(prefix));
        }
      } else {  // CUBE: every subset, largest first
        size_t n = sets.size();
        if (n > 12) return At(g->pos, Status::PlanError("CUBE over more than 12 elements"));
        for (size_t mask = (size_t{1} << n); mask-- > 0;) {
          std::vector<int> subset;
          for (size_t i = 0; i < n; ++i) {
            if (mask & (size_t{1} << (n - 1 - i))) subset.insert(subset.end(), sets[i].begin(), sets[i].end());
          }
          alternatives.push_back(std::move(subset));
        }
      }
      set_items.push_back(std::move(alternatives));
    } else {
      ASSIGN_OR_RAISE(auto bound, bind_group_expr(*g));
      if (ContainsKind(bound, ExprKind::kAggregate)) {
        return At(g->pos, Status::PlanError("aggregate functions are not allowed in GROUP BY"));
      }
      set_items.push_back({{add_group(bound)}});
    }
  }
  std::vector<std::vector<int>> grouping_sets;
  if (has_grouping_sets) grouping_sets = CrossSets(set_items);

  // ---- HAVING, QUALIFY and ORDER BY expressions ----
  std::vector<std::pair<std::string, ExprPtr>> aliases;
  for (size_t i = 0; i < select.items.size() && i < selected_count; ++i) {
    if (select.items[i].alias) aliases.emplace_back(select.items[i].alias->value, columns[i].expr);
  }
  select_aliases_ = &aliases;
  struct ClearAliases {
    Binder::Impl* self;
    ~ClearAliases() { self->select_aliases_ = nullptr; }
  } clear_aliases{this};
  ExprPtr having;
  if (select.having) {
    ASSIGN_OR_RAISE(having, BindCondition(*select.having, scope, ExprContext::kHaving, "HAVING"));
  }
  ExprPtr qualify;
  if (select.qualify) {
    ASSIGN_OR_RAISE(qualify, BindCondition(*select.qualify, scope, ExprContext::kSelect, "QUALIFY"));
  }
  select_aliases_ = nullptr;
  // Each ORDER BY key is either a select item (by position, alias or equal expression) or an
  // extra expression computed as a hidden column.
  struct OrderKey {
    int item = -1;
    ExprPtr expr;
    bool ascending = true;
    bool nulls_first = false;
  };
  std::vector<OrderKey> order_keys;
  if (order_by) {
    for (const auto& o : *order_by) {
      OrderKey key;
      key.ascending = o.ascending.value_or(true);
      key.nulls_first = o.nulls_first.value_or(false);
      ASSIGN_OR_RAISE(key.item, ordinal_of(*o.expr, "ORDER BY"));
      if (key.item < 0) key.item = item_by_alias(*o.expr);
      if (key.item < 0) {
        auto bound = BindExpr(*o.expr, scope, ExprContext::kSelect);
        if (!bound.ok()) {
          // An output column name without alias syntax (SELECT count(*) ... ORDER BY "count_star()").
          if (o.expr->kind == sql::ExprKind::kColumnRef) {
            std::string name = o.expr->As<sql::ColumnRefExpr>().name.back().value;
            for (size_t i = 0; i < selected_count; ++i) {
              if (columns[i].name == name) key.item = static_cast<int>(i);
            }
          }
          if (key.item < 0) return bound.status();
        } else {
          for (size_t i = 0; i < selected_count && key.item < 0; ++i) {
            if (columns[i].expr->Equals(**bound)) key.item = static_cast<int>(i);
          }
          if (key.item < 0) key.expr = *bound;
        }
      }
      order_keys.push_back(std::move(key));
    }
  }
  std::vector<ExprPtr> distinct_on;
  for (const auto& e : select.distinct_on) {
    ASSIGN_OR_RAISE(int ordinal, ordinal_of(*e, "DISTINCT ON"));
    if (ordinal >= 0) {
      distinct_on.push_back(columns[static_cast<size_t>(ordinal)].expr);
      continue;
    }
    int alias = item_by_alias(*e);
    if (alias >= 0) {
      distinct_on.push_back(columns[static_cast<size_t>(alias)].expr);
      continue;
    }
    ASSIGN_OR_RAISE(auto bound, BindExpr(*e, scope, ExprContext::kSelect));
    distinct_on.push_back(std::move(bound));
  }

  // Every expression evaluated above the FROM clause, for aggregate and window extraction.
  auto for_each_expr = [&](const std::function<void(ExprPtr&)>& fn) {
    for (auto& c : columns) fn(c.expr);
    if (having) fn(having);
    if (qualify) fn(qualify);
    for (auto& k : order_keys) {
      if (k.expr) fn(k.expr);
    }
    for (auto& e : distinct_on) fn(e);
  };

  // ---- aggregation ----
  std::vector<ExprPtr> aggregates;
  for_each_expr([&](ExprPtr& e) { CollectKind(e, ExprKind::kAggregate, &aggregates); });
  bool aggregating = !aggregates.empty() || !groups.empty() || having || select.group_by_all;
  if (aggregating) {
    std::vector<OutputColumn> output;
    std::vector<ExprPtr> replacements_from, replacements_to;
    for (const auto& g : groups) {
      std::string name = g->ToString(), qualifier;
      if (g->kind == ExprKind::kColumn) {
        for (const auto& c : scope.columns) {
          if (c.id == g->As<ColumnExpr>().id) {
            name = c.name;
            qualifier = c.qualifier;
          }
        }
      }
      bool nullable = g->nullable || has_grouping_sets;
      OutputColumn column{NextColumnId(), qualifier, name, g->type, nullable};
      output.push_back(column);
      replacements_from.push_back(g);
      replacements_to.push_back(std::make_shared<ColumnExpr>(column.id, g->ToString(), g->type, nullable));
    }
    for (const auto& agg : aggregates) {
      OutputColumn column{NextColumnId(), "", agg->ToString(), agg->type, agg->nullable};
      output.push_back(column);
      replacements_from.push_back(agg);
      replacements_to.push_back(column.ToExpr());
    }
    if (has_grouping_sets) {
      output.push_back({NextColumnId(), "", "__grouping_id", a::UInt64(), false});
    }
    ExprPtr grouping_id;
    if (has_grouping_sets) grouping_id = factory_.Cast(output.back().ToExpr(), a::Int64());
    plan = std::make_shared<AggregatePlan>(plan, groups, grouping_sets, aggregates, std::move(output));

    // GROUPING(a, b): bit k (from the right) is set when argument k is not grouped in the row,
    // read from __grouping_id, whose bit for group expression i is 1 << (n - 1 - i).
    Status grouping_error;
    const int n = static_cast<int>(groups.size());
    for_each_expr([&](ExprPtr& e) {
      auto rewritten = RewriteExpr(e, [&](const ExprPtr& node) -> Result<ExprPtr> {
        if (node->kind != ExprKind::kCall || node->As<CallExpr>().function != GroupingFunction()) {
          return ExprPtr();
        }
        const auto& args = node->As<CallExpr>().args;
        std::vector<int> indices;
        for (const auto& arg : args) {
          int index = -1;
          for (int i = 0; i < n; ++i) {
            if (groups[static_cast<size_t>(i)]->Equals(*arg)) index = i;
          }
          if (index < 0) {
            return Status::PlanError("argument " + arg->ToString() +
                                     " of GROUPING() is not a GROUP BY expression");
          }
          indices.push_back(index);
        }
        // Without grouping sets every argument is grouped in every row.
        if (!grouping_id) return ExprFactory::Literal(a::Scalar::Int32(0));
        ExprPtr total = ExprFactory::Literal(a::Scalar::Int64(0));
        for (size_t k = 0; k < args.size(); ++k) {
          int index = indices[k];
          int64_t bit = int64_t{1} << (n - 1 - index);
          int64_t weight = int64_t{1} << (args.size() - 1 - k);
          ASSIGN_OR_RAISE(auto shifted, factory_.Call("divide", {grouping_id, ExprFactory::Literal(a::Scalar::Int64(bit))}));
          ASSIGN_OR_RAISE(auto flag, factory_.Call("modulo", {shifted, ExprFactory::Literal(a::Scalar::Int64(2))}));
          ASSIGN_OR_RAISE(auto weighted, factory_.Call("multiply", {flag, ExprFactory::Literal(a::Scalar::Int64(weight))}));
          ASSIGN_OR_RAISE(total, factory_.Call("add", {total, weighted}));
        }
        return factory_.Cast(total, a::Int32());
      });
      if (rewritten.ok()) {
        e = *rewritten;
      } else if (grouping_error.ok()) {
        grouping_error = rewritten.status();
      }
    });
    RETURN_NOT_OK(grouping_error);

    Status invalid;
    for_each_expr([&](ExprPtr& e) {
      e = ReplaceSubtrees(e, replacements_from, replacements_to);
      if (!invalid.ok()) return;
      VisitExpr(e, [&](const ExprPtr& node) {
        if (invalid.ok() && node->kind == ExprKind::kColumn &&
            input_ids.count(node->As<ColumnExpr>().id) > 0) {
          invalid = Status::PlanError("column \"" + node->ToString() +
                                      "\" must appear in the GROUP BY clause or be used in an "
                                      "aggregate function");
        }
      });
    });
    RETURN_NOT_OK(invalid);
    if (having) plan = std::make_shared<FilterPlan>(plan, having);
  }

  // ---- window functions ----
  std::vector<ExprPtr> windows;
  for_each_expr([&](ExprPtr& e) { CollectKind(e, ExprKind::kWindow, &windows); });
  if (!windows.empty()) {
    std::vector<OutputColumn> output = plan->output();
    std::vector<ExprPtr> window_refs;
    for (const auto& w : windows) {
      OutputColumn column{NextColumnId(), "", w->ToString(), w->type, w->nullable};
      output.push_back(column);
      window_refs.push_back(column.ToExpr());
    }
    plan = std::make_shared<WindowPlan>(plan, windows, std::move(output));
    for_each_expr([&](ExprPtr& e) { e = ReplaceSubtrees(e, windows, window_refs); });
  }
  if (qualify) plan = std::make_shared<FilterPlan>(plan, qualify);

  // ---- projection (selected columns, then hidden sort / DISTINCT ON keys) ----
  bool distinct = select.distinct == sql::DistinctKind::kDistinct;
  for (auto& key : order_keys) {
    if (key.item >= 0) continue;
    if (distinct) {
      return Status::PlanError("for SELECT DISTINCT, ORDER BY expressions must appear in the "
                               "select list");
    }
    columns.push_back({key.expr, "__sort_" + std::to_string(columns.size()), "", true});
    key.item = static_cast<int>(columns.size() - 1);
  }
  std::vector<int> distinct_on_items;
  for (const auto& e : distinct_on) {
    int item = -1;
    for (size_t i = 0; i < columns.size() && item < 0; ++i) {
      if (columns[i].expr->Equals(*e)) item = static_cast<int>(i);
    }
    if (item < 0) {
      columns.push_back({e, "__distinct_on_" + std::to_string(columns.size()), "", true});
      item = static_cast<int>(columns.size() - 1);
    }
    distinct_on_items.push_back(item);
  }
  {
    std::vector<ExprPtr> exprs;
    std::vector<std::string> names, qualifiers;
    for (const auto& c : columns) {
      exprs.push_back(c.expr);
      names.push_back(c.name);
      qualifiers.push_back(c.qualifier);
    }
    plan = MakeProjection(plan, std::move(exprs), names, qualifiers);
  }
  auto column_ref = [&](int item) { return plan->output()[static_cast<size_t>(item)].ToExpr(); };
  std::vector<SortExpr> sort_keys;
  for (const auto& key : order_keys) {
    sort_keys.push_back({column_ref(key.item), key.ascending, key.nulls_first});
  }

  // ---- DISTINCT / DISTINCT ON ----
  if (distinct) plan = std::make_shared<DistinctPlan>(plan);
  if (select.distinct == sql::DistinctKind::kDistinctOn) {
    // The first row of each DISTINCT ON group in ORDER BY order: row_number() over the group,
    // keep number 1.
    const compute::WindowFunction* row_number = registry_->FindWindow("row_number");
    if (row_number == nullptr) return Status::Internal("row_number is not registered");
    std::vector<ExprPtr> partition;
    for (int item : distinct_on_items) partition.push_back(column_ref(item));
    auto rn = std::make_shared<WindowExpr>("row_number", row_number, nullptr, std::vector<ExprPtr>{},
                                           false, partition, sort_keys,
                                           WindowFrame{FrameUnits::kRows,
                                                       {FrameBound::Kind::kUnboundedPreceding, nullptr},
                                                       {FrameBound::Kind::kCurrentRow, nullptr}},
                                           a::Int64(), false, std::nullopt);
    std::vector<OutputColumn> output = plan->output();
    OutputColumn rn_column{NextColumnId(), "", "__row_number", a::Int64(), false};
    output.push_back(rn_column);
    LogicalPlanPtr windowed = std::make_shared<WindowPlan>(plan, std::vector<ExprPtr>{rn}, output);
    ASSIGN_OR_RAISE(auto first, factory_.Eq(rn_column.ToExpr(),
                                            ExprFactory::Literal(a::Scalar::Int64(1))));
    LogicalPlanPtr filtered = std::make_shared<FilterPlan>(windowed, first);
    std::vector<ExprPtr> exprs;
    std::vector<std::string> names, qualifiers;
    for (const auto& c : plan->output()) {
      exprs.push_back(c.ToExpr());
      names.push_back(c.name);
      qualifiers.push_back(c.qualifier);
    }
    plan = MakeProjection(filtered, std::move(exprs), names, qualifiers);
  }

  // ---- ORDER BY, then drop hidden columns ----
  if (!sort_keys.empty()) plan = std::make_shared<SortPlan>(plan, std::move(sort_keys), std::nullopt);
  if (columns.size() > selected_count) {
    std::vector<ExprPtr> exprs;
    std::vector<std::string> names, qualifiers;
    for (size_t i = 0; i < selected_count; ++i) {
      exprs.push_back(plan->output()[i].ToExpr());
      names.push_back(plan->output()[i].name);
      qualifiers.push_back(plan->output()[i].qualifier);
    }
    plan = MakeProjection(plan, std::move(exprs), names, qualifiers);
  }
  return plan;
}

}  // namespace ballista::logical
