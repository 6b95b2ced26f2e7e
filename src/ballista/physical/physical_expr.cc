#include "ballista/physical/physical_expr.h"

#include <numeric>

#include "ballista/arrow/bit_util.h"
#include "ballista/compute/cast.h"
#include "ballista/physical/kernels/gather.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;
using compute::Datum;

/// A column of the input batch.
class ColumnRefExpr final : public PhysicalExpr {
 public:
  ColumnRefExpr(int position, a::DataTypePtr type, std::string name)
      : PhysicalExpr(std::move(type)), position_(position), name_(std::move(name)) {}
  Result<Datum> Evaluate(const a::RecordBatch& batch, compute::ExecContext*) const override {
    return Datum(batch.column_data(position_));
  }
  std::string ToString() const override { return name_ + "#" + std::to_string(position_); }

 private:
  int position_;
  std::string name_;
};

/// A constant: stays a scalar so kernels take their scalar paths.
class LiteralPhysicalExpr final : public PhysicalExpr {
 public:
  explicit LiteralPhysicalExpr(a::Scalar value) : PhysicalExpr(value.type()), value_(std::move(value)) {}
  Result<Datum> Evaluate(const a::RecordBatch&, compute::ExecContext*) const override {
    return Datum(value_);
  }
  std::string ToString() const override { return value_.ToString(); }

 private:
  a::Scalar value_;
};

/// A resolved function call: evaluates the arguments, then runs the kernel once per batch.
class CallPhysicalExpr final : public PhysicalExpr {
 public:
  CallPhysicalExpr(std::string name, std::vector<PhysicalExprPtr> args, compute::ResolvedScalar resolved)
      : PhysicalExpr(resolved.return_type),
        name_(std::move(name)),
        args_(std::move(args)),
        resolved_(std::move(resolved)) {}
  Result<Datum> Evaluate(const a::RecordBatch& batch, compute::ExecContext* ctx) const override {
    std::vector<Datum> values;
    values.reserve(args_.size());
    for (size_t i = 0; i < args_.size(); ++i) {
      ASSIGN_OR_RAISE(Datum v, args_[i]->Evaluate(batch, ctx));
      if (i < resolved_.arg_types.size() && resolved_.arg_types[i] &&
          !(*v.type() == *resolved_.arg_types[i])) {
        ASSIGN_OR_RAISE(v, compute::Cast(v, resolved_.arg_types[i], false, ctx));
      }
      values.push_back(std::move(v));
    }
    return resolved_.kernel(values, batch.num_rows(), ctx);
  }
  std::string ToString() const override {
    std::string out = name_ + "(";
    for (size_t i = 0; i < args_.size(); ++i) out += (i ? ", " : "") + args_[i]->ToString();
    return out + ")";
  }

 private:
  std::string name_;
  std::vector<PhysicalExprPtr> args_;
  compute::ResolvedScalar resolved_;
};

/// CAST / TRY_CAST (safe: a value that does not convert becomes NULL).
class CastPhysicalExpr final : public PhysicalExpr {
 public:
  CastPhysicalExpr(PhysicalExprPtr input, a::DataTypePtr to, bool safe)
      : PhysicalExpr(std::move(to)), input_(std::move(input)), safe_(safe) {}
  Result<Datum> Evaluate(const a::RecordBatch& batch, compute::ExecContext* ctx) const override {
    ASSIGN_OR_RAISE(Datum v, input_->Evaluate(batch, ctx));
    if (*v.type() == *type()) return v;
    return compute::Cast(v, type(), safe_, ctx);
  }
  std::string ToString() const override {
    return std::string(safe_ ? "TRY_CAST(" : "CAST(") + input_->ToString() + " AS " +
           type()->ToString() + ")";
  }

 private:
  PhysicalExprPtr input_;
  bool safe_;
};

/// The rows `rows` of `batch` (all columns), or the batch itself when `rows` is every row.
Result<a::RecordBatchPtr> SubBatch(const a::RecordBatch& batch, const std::vector<int64_t>& rows,
                                   MemoryPool* pool) {
  std::vector<a::ArrayDataPtr> columns;
  for (int c = 0; c < batch.num_columns(); ++c) {
    ASSIGN_OR_RAISE(auto col, TakeArray(batch.column_data(c), rows.data(),
                                        static_cast<int64_t>(rows.size()), pool));
    columns.push_back(std::move(col));
  }
  return std::make_shared<a::RecordBatch>(batch.schema(), static_cast<int64_t>(rows.size()),
                                          std::move(columns));
}

/// Searched CASE. Each condition sees only the rows no earlier branch took, and each value only
/// the rows its condition selected, so an error (division by zero, a bad cast) in a branch that
/// no row needs is never raised.
class CasePhysicalExpr final : public PhysicalExpr {
 public:
  CasePhysicalExpr(std::vector<std::pair<PhysicalExprPtr, PhysicalExprPtr>> whens,
                   PhysicalExprPtr else_value, a::DataTypePtr type)
      : PhysicalExpr(std::move(type)), whens_(std::move(whens)), else_(std::move(else_value)) {}

  Result<Datum> Evaluate(const a::RecordBatch& batch, compute::ExecContext* ctx) const override {
    const int64_t n = batch.num_rows();
    MemoryPool* pool = ctx ? ctx->pool : DefaultMemoryPool();
    std::vector<int64_t> remaining(static_cast<size_t>(n));
    std::iota(remaining.begin(), remaining.end(), 0);
    std::vector<a::ArrayDataPtr> chunks;
    std::vector<RowRef> refs(static_cast<size_t>(n));
    // Evaluates `value` on the rows remaining[sel[j]] and points those result rows at it.
    auto take_branch = [&](const PhysicalExpr& value, const a::RecordBatch& sub,
                           const std::vector<int64_t>& sel) -> Status {
      a::RecordBatchPtr picked;
      const a::RecordBatch* input = &sub;
      if (static_cast<int64_t>(sel.size()) != sub.num_rows()) {
        ASSIGN_OR_RAISE(picked, SubBatch(sub, sel, pool));
        input = picked.get();
      }
      ASSIGN_OR_RAISE(Datum v, value.Evaluate(*input, ctx));
      if (!(*v.type() == *type())) {
        ASSIGN_OR_RAISE(v, compute::Cast(v, type(), false, ctx));
      }
      ASSIGN_OR_RAISE(auto arr, v.ToArray(static_cast<int64_t>(sel.size()), pool));
      const int32_t chunk = static_cast<int32_t>(chunks.size());
      chunks.push_back(std::move(arr));
      for (size_t j = 0; j < sel.size(); ++j) {
        refs[static_cast<size_t>(remaining[static_cast<size_t>(sel[j])])] = {chunk,
                                                                            static_cast<uint32_t>(j)};
      }
      return Status::OK();
    };
    for (const auto& [cond, value] : whens_) {
      if (remaining.empty()) break;
      a::RecordBatchPtr sub_holder;
      const a::RecordBatch* sub = &batch;
      if (static_cast<int64_t>(remaining.size()) != n) {
        ASSIGN_OR_RAISE(sub_holder, SubBatch(batch, remaining, pool));
        sub = sub_holder.get();
      }
      ASSIGN_OR_RAISE(Datum c, cond->Evaluate(*sub, ctx));
      std::vector<int64_t> sel = SelectedRows(c, sub->num_rows());
      if (sel.empty()) continue;
      RETURN_NOT_OK(take_branch(*value, *sub, sel));
      std::vector<int64_t> rest;
      size_t k = 0;
      for (size_t j = 0; j < remaining.size(); ++j) {
        if (k < sel.size() && sel[k] == static_cast<int64_t>(j)) {
          ++k;
        } else {
          rest.push_back(remaining[j]);
        }
      }
      remaining = std::move(rest);
    }
    if (!remaining.empty() && else_) {
      ASSIGN_OR_RAISE(auto sub, SubBatch(batch, remaining, pool));
      std::vector<int64_t> all(remaining.size());
      std::iota(all.begin(), all.end(), 0);
      RETURN_NOT_OK(take_branch(*else_, *sub, all));
    }
    std::vector<const a::ArrayData*> raw;
    for (const auto& c : chunks) raw.push_back(c.get());
    ASSIGN_OR_RAISE(auto out, Gather(type(), raw, refs.data(), n, pool));
    return Datum(std::move(out));
  }

  std::string ToString() const override {
    std::string out = "CASE";
    for (const auto& [c, v] : whens_) out += " WHEN " + c->ToString() + " THEN " + v->ToString();
    if (else_) out += " ELSE " + else_->ToString();
    return out + " END";
  }

 private:
  std::vector<std::pair<PhysicalExprPtr, PhysicalExprPtr>> whens_;
  PhysicalExprPtr else_;
};

}  // namespace

ColumnLayout::ColumnLayout(const std::vector<logical::OutputColumn>& columns) {
  for (size_t i = 0; i < columns.size(); ++i) positions_.emplace(columns[i].id, static_cast<int>(i));
}

ColumnLayout ColumnLayout::Concat(const std::vector<logical::OutputColumn>& left,
                                  const std::vector<logical::OutputColumn>& right) {
  std::vector<logical::OutputColumn> all = left;
  all.insert(all.end(), right.begin(), right.end());
  return ColumnLayout(all);
}

int ColumnLayout::Find(logical::ColumnId id) const {
  auto it = positions_.find(id);
  return it == positions_.end() ? -1 : it->second;
}

Result<PhysicalExprPtr> CompileExpr(const logical::ExprPtr& expr, const ColumnLayout& layout,
                                    const ParameterValues& parameters) {
  using logical::ExprKind;
  switch (expr->kind) {
    case ExprKind::kColumn: {
      const auto& col = expr->As<logical::ColumnExpr>();
      const int pos = layout.Find(col.id);
      if (pos < 0) {
        return Status::Internal("column " + col.name + " (id " + std::to_string(col.id) +
                                ") is not produced by the input of the expression");
      }
      return std::make_shared<ColumnRefExpr>(pos, expr->type, col.name);
    }
    case ExprKind::kLiteral:
      return std::make_shared<LiteralPhysicalExpr>(expr->As<logical::LiteralExpr>().value);
    case ExprKind::kParameter: {
      const auto& p = expr->As<logical::ParameterExpr>();
      if (p.index < 0 || static_cast<size_t>(p.index) >= parameters.size()) {
        return Status::InvalidArgument("no value was given for parameter " + p.ToString());
      }
      a::Scalar value = parameters[static_cast<size_t>(p.index)];
      if (!(*value.type() == *expr->type)) {
        ASSIGN_OR_RAISE(value, compute::CastScalar(value, expr->type));
      }
      return std::make_shared<LiteralPhysicalExpr>(std::move(value));
    }
    case ExprKind::kCall: {
      const auto& call = expr->As<logical::CallExpr>();
      std::vector<PhysicalExprPtr> args;
      for (const auto& arg : call.args) {
        ASSIGN_OR_RAISE(auto compiled, CompileExpr(arg, layout, parameters));
        args.push_back(std::move(compiled));
      }
      return std::make_shared<CallPhysicalExpr>(call.name(), std::move(args), call.resolved);
    }
    case ExprKind::kCast: {
      const auto& cast = expr->As<logical::CastExpr>();
      ASSIGN_OR_RAISE(auto input, CompileExpr(cast.input, layout, parameters));
      return std::make_shared<CastPhysicalExpr>(std::move(input), expr->type, cast.try_cast);
    }
    case ExprKind::kCase: {
      const auto& c = expr->As<logical::CaseExpr>();
      std::vector<std::pair<PhysicalExprPtr, PhysicalExprPtr>> whens;
      for (const auto& [cond, value] : c.whens) {
        ASSIGN_OR_RAISE(auto pc, CompileExpr(cond, layout, parameters));
        ASSIGN_OR_RAISE(auto pv, CompileExpr(value, layout, parameters));
        whens.emplace_back(std::move(pc), std::move(pv));
      }
      PhysicalExprPtr else_value;
      if (c.else_value) {
      ASSIGN_OR_RAISE(else_value, CompileExpr(c.else_value, layout, parameters));
    }
      return std::make_shared<CasePhysicalExpr>(std::move(whens), std::move(else_value), expr->type);
    }
    case ExprKind::kAggregate:
    case ExprKind::kWindow:
    case ExprKind::kSubquery:
      return Status::Internal("expression " + expr->ToString() +
                              " must be planned as an operator, not evaluated as a scalar");
  }
  return Status::Internal("unknown expression kind");
}

Result<a::ArrayDataPtr> EvaluateToArray(const PhysicalExpr& expr, const a::RecordBatch& batch,
                                        compute::ExecContext* ctx) {
  ASSIGN_OR_RAISE(Datum v, expr.Evaluate(batch, ctx));
  return v.ToArray(batch.num_rows(), ctx ? ctx->pool : DefaultMemoryPool());
}

std::vector<int64_t> SelectedRows(const Datum& predicate, int64_t num_rows) {
  std::vector<int64_t> rows;
  if (predicate.is_scalar()) {
    const a::Scalar& s = predicate.scalar();
    if (s.is_valid() && s.type()->id() == a::TypeId::kBool && s.As<bool>()) {
      rows.resize(static_cast<size_t>(num_rows));
      std::iota(rows.begin(), rows.end(), 0);
    }
    return rows;
  }
  const a::ArrayData& arr = *predicate.array();
  if (arr.type->id() != a::TypeId::kBool) return rows;
  const uint8_t* values = arr.buffers[1]->data();
  const uint8_t* validity = arr.GetNullCount() > 0 && !arr.buffers.empty() && arr.buffers[0] ? arr.buffers[0]->data() : nullptr;
  // Branch-free: every row index is written, and the count advances only for selected rows.
  rows.resize(static_cast<size_t>(num_rows));
  size_t count = 0;
  const int64_t offset = arr.offset;
  if (validity == nullptr) {
    for (int64_t i = 0; i < num_rows; ++i) {
      rows[count] = i;
      count += (values[(offset + i) >> 3] >> ((offset + i) & 7)) & 1;
    }
  } else {
    for (int64_t i = 0; i < num_rows; ++i) {
      rows[count] = i;
      const int64_t bit = offset + i;
      count += (values[bit >> 3] >> (bit & 7)) & (validity[bit >> 3] >> (bit & 7)) & 1;
    }
  }
  rows.resize(count);
  return rows;
}

Result<a::RecordBatchPtr> FilterBatch(const a::RecordBatchPtr& batch, const Datum& predicate,
                                      MemoryPool* pool) {
  std::vector<int64_t> rows = SelectedRows(predicate, batch->num_rows());
  if (static_cast<int64_t>(rows.size()) == batch->num_rows()) return batch;
  return TakeBatch(batch, rows.data(), static_cast<int64_t>(rows.size()), pool);
}

}  // namespace ballista::physical
