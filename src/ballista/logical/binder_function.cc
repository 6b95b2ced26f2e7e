#include "ballista/catalog/sql_type_name.h"
#include "ballista/logical/binder_internal.h"
#include "ballista/sql/sql_printer.h"

namespace ballista::logical {
namespace a = ballista::arrow;

namespace {

std::string FunctionName(const sql::FunctionExpr& call) {
  std::string name;
  for (size_t i = 0; i < call.name.size(); ++i) {
    if (i) name += ".";
    name += call.name[i].quoted ? call.name[i].value : AsciiLower(call.name[i].value);
  }
  return name;
}

bool IsCountStar(const sql::FunctionExpr& call) {
  return call.args.size() == 1 && call.args[0]->kind == sql::ExprKind::kWildcard &&
         call.args[0]->As<sql::WildcardExpr>().qualifier.empty();
}

}  // namespace

const compute::ScalarFunction* GroupingFunction() {
  // GROUPING(a, b, ...) is bound as a call of this placeholder and replaced by arithmetic over
  // the aggregate's __grouping_id once the grouping sets are known (binder_select.cc). Its
  // kernel is never run.
  static const compute::CallableScalarFunction* function = new compute::CallableScalarFunction(
      "grouping", "grouping(expr, ...)",
      "grouping(expr, ...) - Bit mask of the arguments that are not grouped in the current row",
      [](const std::vector<a::DataTypePtr>& types) -> Result<compute::ResolvedScalar> {
        compute::ResolvedScalar resolved;
        resolved.arg_types = types;
        resolved.return_type = a::Int32();
        resolved.kernel = [](const std::vector<compute::Datum>&, int64_t, compute::ExecContext*)
            -> Result<compute::Datum> {
          return Status::Internal("GROUPING() must be planned with its aggregate");
        };
        return resolved;
      });
  return function;
}

Result<ExprPtr> Binder::Impl::BindFunction(const sql::FunctionExpr& call, const Scope& scope,
                                           ExprContext context) {
  std::string name = FunctionName(call);
  if (name == "grouping" && !call.over && !call.over_name) {
    if (context != ExprContext::kSelect && context != ExprContext::kHaving) {
      return At(call.pos, Status::PlanError("GROUPING() is only allowed in the select list, HAVING "
                                            "and ORDER BY of a grouped query"));
    }
    if (call.args.empty()) return At(call.pos, Status::PlanError("GROUPING() needs at least one argument"));
    std::vector<ExprPtr> args;
    std::vector<a::DataTypePtr> types;
    for (const auto& arg : call.args) {
      ASSIGN_OR_RAISE(auto bound, BindExpr(*arg, scope, ExprContext::kGroupBy));
      types.push_back(bound->type);
      args.push_back(std::move(bound));
    }
    ASSIGN_OR_RAISE(auto resolved, GroupingFunction()->Resolve(types));
    return ExprPtr(std::make_shared<CallExpr>(GroupingFunction(), std::move(args), std::move(resolved), false));
  }
  if (call.over || call.over_name) {
    if (context != ExprContext::kSelect) {
      return At(call.pos, Status::PlanError("window functions are not allowed here (" + name +
                                            ")"));
    }
    return BindWindowCall(call, scope);
  }
  if (const compute::AggregateFunction* aggregate = registry_->FindAggregate(name)) {
    if (context != ExprContext::kSelect && context != ExprContext::kHaving) {
      const char* where = context == ExprContext::kGroupBy ? "GROUP BY" : "this clause";
      return At(call.pos, Status::PlanError(std::string("aggregate function ") + name +
                                            " is not allowed in " + where));
    }
    // Arguments of an aggregate are plain row expressions: aggregates cannot nest.
    std::vector<ExprPtr> args;
    if (!IsCountStar(call)) {
      for (const auto& arg : call.args) {
        auto bound = BindExpr(*arg, scope, ExprContext::kPlain);
        if (!bound.ok()) {
          if (bound.status().message().find("is not allowed in this clause") != std::string::npos) {
            return At(call.pos, Status::PlanError("aggregate function calls cannot be nested"));
          }
          return bound.status();
        }
        args.push_back(std::move(bound).ValueOrDie());
      }
    } else if (call.distinct) {
      return At(call.pos, Status::PlanError("count(DISTINCT *) is not valid"));
    }
    std::vector<a::DataTypePtr> types;
    for (const auto& arg : args) types.push_back(arg->type);
    auto resolved = aggregate->Resolve(types, call.distinct);
    if (!resolved.ok()) return At(call.pos, resolved.status());
    for (size_t i = 0; i < args.size() && i < resolved->arg_types.size(); ++i) {
      args[i] = factory_.Cast(args[i], resolved->arg_types[i]);
    }
    ExprPtr filter;
    if (call.filter) {
      ASSIGN_OR_RAISE(filter, BindCondition(*call.filter, scope, ExprContext::kPlain, "FILTER"));
    }
    ASSIGN_OR_RAISE(auto order_by, BindOrderItems(call.order_by, scope, ExprContext::kPlain));
    return ExprPtr(std::make_shared<AggregateExpr>(aggregate, std::move(args), call.distinct,
                                                   std::move(filter), std::move(order_by),
                                                   std::move(resolved).ValueOrDie()));
  }
  if (registry_->FindWindow(name) != nullptr) {
    return At(call.pos, Status::PlanError("window function " + name + " requires an OVER clause"));
  }
  if (call.distinct || !call.order_by.empty() || call.filter) {
    if (registry_->FindScalar(name) != nullptr) {
      return At(call.pos, Status::PlanError("DISTINCT, ORDER BY and FILTER apply only to "
                                            "aggregate functions, and " + name + " is not one"));
    }
  }
  std::vector<ExprPtr> args;
  for (const auto& arg : call.args) {
    if (arg->kind == sql::ExprKind::kWildcard) {
      return At(arg->pos, Status::PlanError("* is not a valid argument of " + name));
    }
    ASSIGN_OR_RAISE(auto bound, BindExpr(*arg, scope, context));
    args.push_back(std::move(bound));
  }
  auto result = factory_.Call(name, std::move(args));
  if (!result.ok()) return At(call.pos, result.status());
  return result;
}

Result<ExprPtr> Binder::Impl::BindWindowCall(const sql::FunctionExpr& call, const Scope& scope) {
  std::string name = FunctionName(call);
  // Resolve OVER w / OVER (w ...) against the WINDOW clause.
  sql::WindowSpec spec;
  const sql::WindowSpec* written = call.over.get();
  std::optional<sql::Ident> base = call.over_name;
  if (written && written->base_window) base = written->base_window;
  if (base) {
    const sql::NamedWindow* found = nullptr;
    if (named_windows_) {
      for (const auto& w : *named_windows_) {
        if (w.name.value == base->value) found = &w;
      }
    }
    if (!found) return At(call.pos, Status::PlanError("window \"" + base->value + "\" is not defined"));
    spec = found->spec.Clone();
  }
  if (written) {
    if (!written->partition_by.empty()) spec.partition_by = sql::CloneExprList(written->partition_by);
    if (!written->order_by.empty()) spec.order_by = sql::CloneOrderBy(written->order_by);
    if (written->frame) spec.frame = written->frame->Clone();
  }

  std::vector<ExprPtr> args;
  if (!IsCountStar(call)) {
    for (const auto& arg : call.args) {
      ASSIGN_OR_RAISE(auto bound, BindExpr(*arg, scope, ExprContext::kHaving));
      args.push_back(std::move(bound));
    }
  }
  std::vector<ExprPtr> partition_by;
  for (const auto& p : spec.partition_by) {
    ASSIGN_OR_RAISE(auto bound, BindExpr(*p, scope, ExprContext::kHaving));
    partition_by.push_back(std::move(bound));
  }
  ASSIGN_OR_RAISE(auto order_by, BindOrderItems(spec.order_by, scope, ExprContext::kHaving));

  WindowFrame frame;
  if (spec.frame) {
    auto bound_of = [&](const sql::FrameBound& b) -> Result<FrameBound> {
      FrameBound out;
      out.kind = static_cast<FrameBound::Kind>(b.kind);
      if (b.offset) {
        ASSIGN_OR_RAISE(out.offset, BindExpr(*b.offset, scope, ExprContext::kPlain));
      }
      return out;
    };
    frame.units = static_cast<FrameUnits>(spec.frame->units);
    ASSIGN_OR_RAISE(frame.start, bound_of(spec.frame->start));
    if (spec.frame->end) {
      ASSIGN_OR_RAISE(frame.end, bound_of(*spec.frame->end));
    } else {
      frame.end = FrameBound{FrameBound::Kind::kCurrentRow, nullptr};
    }
  } else if (order_by.empty()) {
    // Without ORDER BY every row's frame is the whole partition.
    frame.units = FrameUnits::kRows;
    frame.end = FrameBound{FrameBound::Kind::kUnboundedFollowing, nullptr};
  }

  std::vector<a::DataTypePtr> types;
  for (const auto& arg : args) types.push_back(arg->type);
  if (const compute::WindowFunction* window = registry_->FindWindow(name)) {
    auto type = window->ReturnType(types);
    if (!type.ok()) return At(call.pos, type.status());
    bool nullable = name != "row_number" && name != "rank" && name != "dense_rank" &&
                    name != "percent_rank" && name != "cume_dist" && name != "ntile";
    return ExprPtr(std::make_shared<WindowExpr>(name, window, nullptr, std::move(args),
                                                call.distinct, std::move(partition_by),
                                                std::move(order_by), std::move(frame), *type,
                                                nullable, std::nullopt));
  }
  if (const compute::AggregateFunction* aggregate = registry_->FindAggregate(name)) {
    auto resolved = aggregate->Resolve(types, call.distinct);
    if (!resolved.ok()) return At(call.pos, resolved.status());
    for (size_t i = 0; i < args.size() && i < resolved->arg_types.size(); ++i) {
      args[i] = factory_.Cast(args[i], resolved->arg_types[i]);
    }
    auto type = resolved->return_type;
    return ExprPtr(std::make_shared<WindowExpr>(name, nullptr, aggregate, std::move(args),
                                                call.distinct, std::move(partition_by),
                                                std::move(order_by), std::move(frame), type, true,
                                                std::move(resolved).ValueOrDie()));
  }
  return At(call.pos, Status::PlanError("function " + name + " is not a window or aggregate "
                                        "function, so it cannot have an OVER clause"));
}

}  // namespace ballista::logical
