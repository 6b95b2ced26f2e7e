#include "ballista/compute/conditional.h"

#include <unordered_set>

#include "ballista/compute/boolean.h"
#include "ballista/compute/cast.h"
#include "ballista/compute/compare.h"
#include "ballista/compute/kernel_util.h"
#include "ballista/compute/selection.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

Result<std::shared_ptr<ArrayData>> ChooseRows(const DataTypePtr& type, const std::vector<Datum>& sources,
                                              const std::vector<int32_t>& choice, ExecContext* ctx) {
  const int64_t n = static_cast<int64_t>(choice.size());
  MemoryPool* pool = PoolOf(ctx);
  // Stack every source (scalars as one row) behind a leading NULL row, then take.
  std::vector<std::shared_ptr<ArrayData>> parts;
  std::vector<int64_t> base(sources.size());
  ASSIGN_OR_RAISE(auto null_row, arrow::MakeArrayFromScalar(arrow::Scalar::Null(type), 1, pool));
  parts.push_back(null_row);
  int64_t offset = 1;
  std::vector<bool> is_scalar(sources.size());
  for (size_t s = 0; s < sources.size(); ++s) {
    std::shared_ptr<ArrayData> part;
    if (sources[s].is_scalar()) {
      ASSIGN_OR_RAISE(part, arrow::MakeArrayFromScalar(sources[s].scalar(), 1, pool));
      is_scalar[s] = true;
    } else {
      part = sources[s].array();
    }
    if (!part->type->Equals(*type)) {
      ASSIGN_OR_RAISE(part, CastArray(part, type, false, ctx));
    }
    base[s] = offset;
    offset += part->length;
    parts.push_back(std::move(part));
  }
  ASSIGN_OR_RAISE(auto stacked, Concatenate(parts, ctx));
  std::vector<int64_t> indices(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    const int32_t c = choice[static_cast<size_t>(i)];
    indices[static_cast<size_t>(i)] =
        c < 0 ? 0 : base[static_cast<size_t>(c)] + (is_scalar[static_cast<size_t>(c)] ? 0 : i);
  }
  return Take(*stacked, indices.data(), n, ctx);
}

Result<Datum> CaseWhen(const std::vector<Datum>& conds, const std::vector<Datum>& values,
                       const Datum& else_value, int64_t num_rows, ExecContext* ctx) {
  if (conds.size() != values.size()) {
    return Status::InvalidArgument("CASE needs one value per condition");
  }
  DataTypePtr type = else_value.type();
  for (const auto& v : values) {
    ASSIGN_OR_RAISE(type, CommonSuperType(type, v.type()));
  }
  std::vector<Datum> all = conds;
  all.insert(all.end(), values.begin(), values.end());
  all.push_back(else_value);
  const bool as_scalar = AllScalar(all);
  const int64_t n = as_scalar ? 1 : num_rows;
  std::vector<int32_t> choice(static_cast<size_t>(n), -2);
  int64_t undecided = n;
  for (size_t k = 0; k < conds.size() && undecided > 0; ++k) {
    if (conds[k].type()->id() == TypeId::kNull) continue;
    BoolReader r(conds[k]);
    for (int64_t i = 0; i < n; ++i) {
      if (choice[static_cast<size_t>(i)] == -2 && r.IsValid(i) && r[i]) {
        choice[static_cast<size_t>(i)] = static_cast<int32_t>(k);
        --undecided;
      }
    }
  }
  std::vector<Datum> sources = values;
  sources.push_back(else_value);
  for (auto& c : choice) {
    if (c == -2) c = static_cast<int32_t>(values.size());
  }
  ASSIGN_OR_RAISE(auto out, ChooseRows(type, sources, choice, ctx));
  return FinishDatum(std::move(out), as_scalar);
}

Result<Datum> Coalesce(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx) {
  if (args.empty()) return Status::InvalidArgument("coalesce needs at least one argument");
  ASSIGN_OR_RAISE(auto type, CommonSuperType([&] {
                    std::vector<DataTypePtr> t;
                    for (const auto& a : args) t.push_back(a.type());
                    return t;
                  }()));
  // Fast path: the first argument has no NULLs.
  if (args[0].type()->Equals(*type)) {
    if ((args[0].is_scalar() && args[0].scalar().is_valid()) ||
        (args[0].is_array() && args[0].array()->GetNullCount() == 0)) {
      return args[0];
    }
  }
  const bool as_scalar = AllScalar(args);
  const int64_t n = as_scalar ? 1 : num_rows;
  std::vector<int32_t> choice(static_cast<size_t>(n), -1);
  for (int64_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < args.size(); ++k) {
      const Datum& a = args[k];
      const bool valid = a.is_scalar() ? a.scalar().is_valid() : a.array()->IsValid(i);
      if (valid) {
        choice[static_cast<size_t>(i)] = static_cast<int32_t>(k);
        break;
      }
    }
  }
  ASSIGN_OR_RAISE(auto out, ChooseRows(type, args, choice, ctx));
  return FinishDatum(std::move(out), as_scalar);
}

Result<Datum> NullIf(const Datum& a, const Datum& b, int64_t num_rows, ExecContext* ctx) {
  ASSIGN_OR_RAISE(auto eq, Compare(CompareOp::kEq, a, b, ctx));
  return CaseWhen({eq}, {Datum(arrow::Scalar::Null(a.type()))}, a, num_rows, ctx);
}

namespace {

Result<Datum> Extreme(const std::vector<Datum>& args, int64_t num_rows, bool greatest,
                      ExecContext* ctx) {
  if (args.empty()) return Status::InvalidArgument("greatest/least need at least one argument");
  std::vector<DataTypePtr> types;
  for (const auto& a : args) types.push_back(a.type());
  ASSIGN_OR_RAISE(auto type, CommonSuperType(types));
  ASSIGN_OR_RAISE(Datum best, Cast(args[0], type, false, ctx));
  for (size_t k = 1; k < args.size(); ++k) {
    ASSIGN_OR_RAISE(Datum next, Cast(args[k], type, false, ctx));
    ASSIGN_OR_RAISE(auto better, Compare(greatest ? CompareOp::kGt : CompareOp::kLt, next, best, ctx));
    ASSIGN_OR_RAISE(auto best_null, IsNull(best, ctx));
    ASSIGN_OR_RAISE(auto take_next, Or(best_null, better, ctx));
    ASSIGN_OR_RAISE(best, CaseWhen({take_next}, {next}, best, num_rows, ctx));
  }
  return best;
}

template <typename T>
Result<Datum> IsInFixed(const Datum& values, const std::vector<arrow::Scalar>& set, bool set_has_null,
                        ExecContext* ctx) {
  std::unordered_set<T, FixedHash<T>> lookup;
  for (const auto& s : set) {
    if (s.is_valid()) lookup.insert(ScalarAs<T>(s));
  }
  ValuesReader<T> r(values);
  const int64_t n = values.is_array() ? values.length() : 1;
  ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n, PoolOf(ctx)));
  ASSIGN_OR_RAISE(auto validity, AllocateBitmap(n, PoolOf(ctx)));
  for (int64_t i = 0; i < n; ++i) {
    if (!r.IsValid(i)) continue;
    const bool found = lookup.count(r[i]) > 0;
    if (found) arrow::bit_util::SetBit(bits->mutable_data(), i);
    if (found || !set_has_null) arrow::bit_util::SetBit(validity->mutable_data(), i);
  }
  return FinishDatum(MakeFixedWidthArray(arrow::Boolean(), n, std::move(validity), std::move(bits)),
                     values.is_scalar());
}

Result<Datum> IsInStrings(const Datum& values, const std::vector<arrow::Scalar>& set,
                          bool set_has_null, ExecContext* ctx) {
  std::unordered_set<std::string_view> lookup;
  for (const auto& s : set) {
    if (s.is_valid()) lookup.insert(s.As<std::string>());
  }
  StringReader r(values);
  const int64_t n = values.is_array() ? values.length() : 1;
  ASSIGN_OR_RAISE(auto bits, AllocateBitmap(n, PoolOf(ctx)));
  ASSIGN_OR_RAISE(auto validity, AllocateBitmap(n, PoolOf(ctx)));
  for (int64_t i = 0; i < n; ++i) {
    if (!r.IsValid(i)) continue;
    const bool found = lookup.count(r[i]) > 0;
    if (found) arrow::bit_util::SetBit(bits->mutable_data(), i);
    if (found || !set_has_null) arrow::bit_util::SetBit(validity->mutable_data(), i);
  }
  return FinishDatum(MakeFixedWidthArray(arrow::Boolean(), n, std::move(validity), std::move(bits)),
                     values.is_scalar());
}

}  // namespace

Result<Datum> Greatest(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx) {
  return Extreme(args, num_rows, true, ctx);
}
Result<Datum> Least(const std::vector<Datum>& args, int64_t num_rows, ExecContext* ctx) {
  return Extreme(args, num_rows, false, ctx);
}

Result<Datum> IsIn(const Datum& values, const std::vector<arrow::Scalar>& set, ExecContext* ctx) {
  DataTypePtr type = EngineType(values.type());
  Datum v = values;
  if (!type->Equals(*values.type())) {
    ASSIGN_OR_RAISE(v, Cast(values, type, false, ctx));
  }
  bool set_has_null = false;
  std::vector<arrow::Scalar> cast_set;
  for (const auto& s : set) {
    if (s.is_null()) {
      set_has_null = true;
      continue;
    }
    auto c = CastScalar(s, type, true);
    if (c.ok() && c->is_valid()) cast_set.push_back(*c);
  }
  const TypeId id = type->id();
  if (id == TypeId::kNull) return NullDatum(arrow::Boolean(), values.is_array() ? values.length() : 1, values.is_scalar(), ctx);
  if (arrow::IsStringLike(id) || arrow::IsBinaryLike(id)) return IsInStrings(v, cast_set, set_has_null, ctx);
  if (id == TypeId::kBool) {
    ASSIGN_OR_RAISE(auto as_int, Cast(v, arrow::Int8(), false, ctx));
    std::vector<arrow::Scalar> ints;
    for (const auto& s : cast_set) ints.push_back(arrow::Scalar::Int8(s.As<bool>() ? 1 : 0));
    return IsInFixed<int8_t>(as_int, ints, set_has_null, ctx);
  }
  Result<Datum> result = Status::TypeError("IN is not supported for " + SqlTypeName(type));
  DispatchFixedWidth(id, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, arrow::MonthDayNanoInterval>) {
      result = IsInFixed<T>(v, cast_set, set_has_null, ctx);
    }
  });
  return result;
}

}  // namespace ballista::compute
