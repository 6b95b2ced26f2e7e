#include "ballista/physical/scan_filters.h"

#include <map>
#include <optional>
#include <string>

namespace ballista::physical {
namespace l = ballista::logical;
using Op = formats::PredicateOp;

namespace {

/// Provider field names of the scan's output columns, by column id.
using ColumnNames = std::map<l::ColumnId, std::string>;

std::optional<std::string> ColumnName(const l::ExprPtr& expr, const ColumnNames& names) {
  if (expr->kind != l::ExprKind::kColumn) return std::nullopt;
  auto it = names.find(expr->As<l::ColumnExpr>().id);
  if (it == names.end()) return std::nullopt;
  return it->second;
}

std::optional<arrow::Scalar> NonNullLiteral(const l::ExprPtr& expr) {
  if (expr->kind != l::ExprKind::kLiteral) return std::nullopt;
  const auto& value = expr->As<l::LiteralExpr>().value;
  if (value.is_null()) return std::nullopt;
  return value;
}

std::optional<Op> ComparisonOp(const std::string& name) {
  if (name == "eq") return Op::kEq;
  if (name == "not_eq") return Op::kNe;
  if (name == "lt") return Op::kLt;
  if (name == "lt_eq") return Op::kLe;
  if (name == "gt") return Op::kGt;
  if (name == "gt_eq") return Op::kGe;
  return std::nullopt;
}

/// `literal op column` is `column mirrored(op) literal`.
Op Mirror(Op op) {
  switch (op) {
    case Op::kLt: return Op::kGt;
    case Op::kLe: return Op::kGe;
    case Op::kGt: return Op::kLt;
    case Op::kGe: return Op::kLe;
    default: return op;
  }
}

/// `column = v1 OR column = v2 OR ...` (as the binder writes IN lists) as one kIn filter.
bool CollectInList(const l::ExprPtr& expr, const ColumnNames& names, catalog::ScanFilter* in) {
  if (expr->kind != l::ExprKind::kCall) return false;
  const auto& call = expr->As<l::CallExpr>();
  if (call.name() == "or" && call.args.size() == 2) {
    return CollectInList(call.args[0], names, in) && CollectInList(call.args[1], names, in);
  }
  if (call.name() != "eq" || call.args.size() != 2) return false;
  for (int side = 0; side < 2; ++side) {
    auto column = ColumnName(call.args[side], names);
    auto value = NonNullLiteral(call.args[1 - side]);
    if (!column || !value) continue;
    if (!in->column.empty() && in->column != *column) return false;
    in->column = *column;
    in->values.push_back(*value);
    return true;
  }
  return false;
}

void Translate(const l::ExprPtr& expr, const ColumnNames& names,
               std::vector<catalog::ScanFilter>* out) {
  if (expr->kind != l::ExprKind::kCall) return;
  const auto& call = expr->As<l::CallExpr>();
  const std::string& fn = call.name();
  if (fn == "and") {
    for (const auto& arg : call.args) Translate(arg, names, out);
    return;
  }
  if ((fn == "is_null" || fn == "is_not_null") && call.args.size() == 1) {
    if (auto column = ColumnName(call.args[0], names)) {
      out->push_back({*column, fn == "is_null" ? Op::kIsNull : Op::kIsNotNull, {}});
    }
    return;
  }
  if (fn == "or") {
    catalog::ScanFilter in;
    in.op = Op::kIn;
    if (CollectInList(expr, names, &in)) out->push_back(std::move(in));
    return;
  }
  auto op = ComparisonOp(fn);
  if (!op || call.args.size() != 2) return;
  if (auto column = ColumnName(call.args[0], names)) {
    if (auto value = NonNullLiteral(call.args[1])) out->push_back({*column, *op, {*value}});
    return;
  }
  if (auto column = ColumnName(call.args[1], names)) {
    if (auto value = NonNullLiteral(call.args[0])) out->push_back({*column, Mirror(*op), {*value}});
  }
}

}  // namespace

std::vector<catalog::ScanFilter> ToScanFilters(const l::TableScan& scan) {
  std::vector<catalog::ScanFilter> filters;
  if (scan.filters.empty() || !scan.table.provider) return filters;
  const auto schema = scan.table.provider->schema();
  ColumnNames names;
  for (size_t i = 0; i < scan.output().size() && i < scan.projection.size(); ++i) {
    const int field = scan.projection[i];
    if (field >= 0 && field < schema->num_fields()) names[scan.output()[i].id] = schema->field(field)->name();
  }
  for (const auto& conjunct : scan.filters) Translate(conjunct, names, &filters);
  return filters;
}

}  // namespace ballista::physical
