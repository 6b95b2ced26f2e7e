// Aggregates that keep values per group: string_agg, array_agg, median, approx_percentile_cont,
// first_value, last_value.

#include <algorithm>
#include <cmath>

#include "ballista/arrow/builder.h"
#include "ballista/compute/aggregate_util.h"
#include "ballista/compute/aggregates.h"
#include "ballista/compute/cast.h"
#include "ballista/compute/selection.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

using States = std::vector<std::shared_ptr<ArrayData>>;

// Adds the elements of list row i to group g of `store`.
void AddListRow(const ArrayData& lists, int64_t i, uint32_t g, GroupRowStore* store) {
  if (lists.IsNull(i)) return;
  const int32_t* offsets = lists.GetValues<int32_t>(1);
  for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) store->Add(lists.child_data[0], k, g);
}

class StringAggAccumulator final : public GroupedAccumulator {
 public:
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    store_.Resize(total_groups);
    if (args.size() > 1 && args[1].is_scalar() && args[1].scalar().is_valid()) {
      separator_ = args[1].scalar().As<std::string>();
    } else if (args.size() > 1 && args[1].is_array() && n > 0 && args[1].array()->IsValid(0)) {
      separator_ = std::string(StringReader(args[1])[0]);
    }
    return store_.AddAll(args[0], groups, n, true);
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    store_.Resize(total_groups);
    return store_.AddAll(Datum(states[0]), groups, n, true);
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    std::vector<int64_t> offsets;
    ASSIGN_OR_RAISE(auto values, store_.Gather(arrow::Utf8(), &offsets));
    StringReader r{Datum(values)};
    arrow::StringBuilder builder;
    std::string joined;
    for (size_t g = 0; g + 1 < offsets.size(); ++g) {
      if (offsets[g] == offsets[g + 1]) {
        RETURN_NOT_OK(builder.AppendNull());
        continue;
      }
      joined.clear();
      for (int64_t k = offsets[g]; k < offsets[g + 1]; ++k) {
        if (k > offsets[g]) joined += separator_;
        joined.append(r[k]);
      }
      RETURN_NOT_OK(builder.Append(joined));
    }
    return builder.Finish();
  }
  int64_t MemoryUsage() const override { return store_.MemoryUsage(); }

 private:
  GroupRowStore store_;
  std::string separator_ = ",";
};

class ArrayAggAccumulator final : public GroupedAccumulator {
 public:
  explicit ArrayAggAccumulator(DataTypePtr item) : item_(std::move(item)) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    store_.Resize(total_groups);
    return store_.AddAll(args[0], groups, n, false);
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    store_.Resize(total_groups);
    for (int64_t i = 0; i < n; ++i) AddListRow(*states[0], i, groups[i], &store_);
    return Status::OK();
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override { return store_.ToList(item_, true); }
  int64_t MemoryUsage() const override { return store_.MemoryUsage(); }

 private:
  DataTypePtr item_;
  GroupRowStore store_;
};

// Exact percentile by linear interpolation over every value of the group.
class PercentileAccumulator final : public GroupedAccumulator {
 public:
  explicit PercentileAccumulator(double fraction) : fraction_(fraction) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    Resize(total_groups);
    if (args.size() > 1) {
      if (!args[1].is_scalar() || args[1].scalar().is_null()) {
        return Status::ExecutionError("percentile fraction must be a constant");
      }
      fraction_ = ValuesReader<double>(args[1])[0];
      if (!(fraction_ >= 0 && fraction_ <= 1)) {
        return Status::ExecutionError("percentile fraction must be between 0 and 1");
      }
    }
    ValuesReader<double> r(args[0]);
    ForEachValid(r, groups, n, [&](int64_t i, uint32_t g) { values_[g].push_back(r[i]); });
    return Status::OK();
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    Resize(total_groups);
    const ArrayData& lists = *states[0];
    if (states.size() > 1 && n > 0 && states[1]->IsValid(0)) fraction_ = states[1]->GetValues<double>(1)[0];
    const int32_t* offsets = lists.GetValues<int32_t>(1);
    const double* items = lists.child_data[0]->GetValues<double>(1);
    for (int64_t i = 0; i < n; ++i) {
      if (lists.IsNull(i)) continue;
      for (int32_t k = offsets[i]; k < offsets[i + 1]; ++k) values_[groups[i]].push_back(items[k]);
    }
    return Status::OK();
  }
  Result<States> State() override {
    arrow::ListBuilder builder(std::make_unique<arrow::Float64Builder>());
    auto* items = static_cast<arrow::Float64Builder*>(builder.value_builder());
    for (const auto& v : values_) {
      RETURN_NOT_OK(builder.Append(true));
      RETURN_NOT_OK(items->AppendValues(v));
    }
    ASSIGN_OR_RAISE(auto a, builder.Finish());
    ASSIGN_OR_RAISE(auto f, ArrayFromGroups(arrow::Float64(), std::vector<double>(values_.size(), fraction_), nullptr));
    return States{a, f};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    std::vector<double> out(values_.size());
    std::vector<uint8_t> flags(values_.size());
    for (size_t g = 0; g < values_.size(); ++g) {
      auto& v = values_[g];
      if (v.empty()) continue;
      std::sort(v.begin(), v.end());
      const double pos = fraction_ * static_cast<double>(v.size() - 1);
      const size_t lo = static_cast<size_t>(std::floor(pos));
      const size_t hi = std::min(lo + 1, v.size() - 1);
      out[g] = v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
      flags[g] = 1;
    }
    return ArrayFromGroups(arrow::Float64(), out, &flags);
  }
  int64_t MemoryUsage() const override {
    int64_t bytes = 0;
    for (const auto& v : values_) bytes += static_cast<int64_t>(v.capacity() * sizeof(double) + 24);
    return bytes;
  }

 private:
  void Resize(uint32_t total) {
    if (values_.size() < total) values_.resize(total);
  }
  double fraction_;
  std::vector<std::vector<double>> values_;
};

class FirstLastAccumulator final : public GroupedAccumulator {
 public:
  FirstLastAccumulator(DataTypePtr type, bool last) : type_(std::move(type)), last_(last) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    return Fold(args[0], groups, n, total_groups);
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    return Fold(Datum(states[0]), groups, n, total_groups);
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    // Row 0 of the stacked chunks is a NULL; groups without a value point at it.
    std::vector<std::shared_ptr<ArrayData>> parts;
    ASSIGN_OR_RAISE(auto null_row, arrow::MakeArrayFromScalar(arrow::Scalar::Null(type_), 1));
    parts.push_back(null_row);
    std::vector<int64_t> base;
    int64_t total = 1;
    for (const auto& c : chunks_) {
      base.push_back(total);
      total += c->length;
      parts.push_back(c);
    }
    ASSIGN_OR_RAISE(auto all, Concatenate(parts));
    std::vector<int64_t> indices(picks_.size(), 0);
    for (size_t g = 0; g < picks_.size(); ++g) {
      if (picks_[g].chunk >= 0) indices[g] = base[static_cast<size_t>(picks_[g].chunk)] + picks_[g].row;
    }
    return Take(*all, indices.data(), static_cast<int64_t>(indices.size()));
  }
  int64_t MemoryUsage() const override { return static_cast<int64_t>(picks_.capacity() * sizeof(Pick)); }

 private:
  struct Pick {
    int64_t chunk = -1;
    int64_t row = 0;
  };
  Status Fold(const Datum& d, const uint32_t* groups, int64_t n, uint32_t total_groups) {
    if (picks_.size() < total_groups) picks_.resize(total_groups);
    std::shared_ptr<ArrayData> array;
    if (d.is_scalar()) {
      ASSIGN_OR_RAISE(array, arrow::MakeArrayFromScalar(d.scalar(), 1));
    } else {
      array = d.array();
    }
    if (!array->type->Equals(*type_)) {
      ASSIGN_OR_RAISE(array, CastArray(array, type_));
    }
    chunks_.push_back(array);
    const int64_t chunk = static_cast<int64_t>(chunks_.size() - 1);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t row = d.is_scalar() ? 0 : i;
      if (array->IsNull(row)) continue;
      Pick& p = picks_[groups[i]];
      if (p.chunk < 0 || last_) p = Pick{chunk, row};
    }
    return Status::OK();
  }
  DataTypePtr type_;
  bool last_;
  std::vector<std::shared_ptr<ArrayData>> chunks_;
  std::vector<Pick> picks_;
};

/// The value of a scalar subquery: the first value, and how many rows there were (NULLs
/// included); more than one row in a group is an error when the value is produced.
class SingleValueAccumulator final : public GroupedAccumulator {
 public:
  explicit SingleValueAccumulator(DataTypePtr type) : first_(type, false) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    if (rows_.size() < total_groups) rows_.resize(total_groups, 0);
    for (int64_t i = 0; i < n; ++i) ++rows_[groups[i]];
    return first_.Update(args, groups, n, total_groups);
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    if (rows_.size() < total_groups) rows_.resize(total_groups, 0);
    const auto* counts = states[1]->GetValues<int64_t>(1);
    for (int64_t i = 0; i < n; ++i) rows_[groups[i]] += counts[i];
    return first_.Merge(States{states[0]}, groups, n, total_groups);
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto values, first_.State());
    arrow::Int64Builder counts;
    for (int64_t c : rows_) {
      RETURN_NOT_OK(counts.Append(c));
    }
    ASSIGN_OR_RAISE(auto count_array, counts.Finish());
    return States{values[0], count_array};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    for (int64_t c : rows_) {
      if (c > 1) return Status::ExecutionError("more than one row returned by a subquery used as an expression");
    }
    return first_.Finalize();
  }
  int64_t MemoryUsage() const override {
    return first_.MemoryUsage() + static_cast<int64_t>(rows_.capacity() * sizeof(int64_t));
  }

 private:
  FirstLastAccumulator first_;
  std::vector<int64_t> rows_;
};

}  // namespace

Result<ResolvedAggregate> ResolveStringAgg(const std::vector<DataTypePtr>& types, bool distinct) {
  if (types.size() < 1 || types.size() > 2) return ArgumentTypeError("string_agg", types);
  for (const auto& t : types) {
    const TypeId id = EngineType(t)->id();
    if (id != TypeId::kUtf8 && id != TypeId::kNull) return ArgumentTypeError("string_agg", types);
  }
  ResolvedAggregate r;
  r.arg_types = std::vector<DataTypePtr>(types.size(), arrow::Utf8());
  r.return_type = arrow::Utf8();
  r.state_fields = {arrow::MakeField("string_agg", arrow::Utf8())};
  r.make_accumulator = [] { return std::make_unique<StringAggAccumulator>(); };
  return WithDistinct(std::move(r), distinct);
}

Result<ResolvedAggregate> ResolveArrayAgg(const std::vector<DataTypePtr>& types, bool distinct) {
  if (types.size() != 1) return ArgumentTypeError("array_agg", types);
  const DataTypePtr item = EngineType(types[0]);
  ResolvedAggregate r;
  r.arg_types = {item};
  r.return_type = arrow::List(item);
  r.state_fields = {arrow::MakeField("array_agg", r.return_type)};
  r.make_accumulator = [item] { return std::make_unique<ArrayAggAccumulator>(item); };
  return WithDistinct(std::move(r), distinct);
}

Result<ResolvedAggregate> ResolvePercentile(const std::string& name, const std::vector<DataTypePtr>& types,
                                            bool distinct) {
  const bool median = name == "median";
  if (types.size() != (median ? 1u : 2u)) return ArgumentTypeError(name, types);
  for (const auto& t : types) {
    if (!arrow::IsNumeric(t->id()) && t->id() != TypeId::kNull) return ArgumentTypeError(name, types);
  }
  ResolvedAggregate r;
  r.arg_types = std::vector<DataTypePtr>(types.size(), arrow::Float64());
  r.return_type = arrow::Float64();
  r.state_fields = {arrow::MakeField("values", arrow::List(arrow::Float64())),
                    arrow::MakeField("fraction", arrow::Float64(), false)};
  r.make_accumulator = [] { return std::make_unique<PercentileAccumulator>(0.5); };
  return median ? WithDistinct(std::move(r), distinct) : r;
}

Result<ResolvedAggregate> ResolveFirstLast(const std::vector<DataTypePtr>& types, bool distinct, bool last) {
  if (types.size() != 1) return ArgumentTypeError(last ? "last_value" : "first_value", types);
  (void)distinct;
  const DataTypePtr t = EngineType(types[0]);
  ResolvedAggregate r;
  r.arg_types = {t};
  r.return_type = t;
  r.state_fields = {arrow::MakeField(last ? "last_value" : "first_value", t)};
  r.make_accumulator = [t, last] { return std::make_unique<FirstLastAccumulator>(t, last); };
  return r;
}

}  // namespace ballista::compute

namespace ballista::compute {

Result<ResolvedAggregate> ResolveSingleValue(const std::vector<DataTypePtr>& types, bool distinct) {
  if (types.size() != 1 || distinct) return ArgumentTypeError("__single_value", types);
  const DataTypePtr t = EngineType(types[0]);
  ResolvedAggregate r;
  r.arg_types = {t};
  r.return_type = t;
  r.state_fields = {arrow::MakeField("value", t), arrow::MakeField("rows", arrow::Int64(), false)};
  r.make_accumulator = [t] { return std::make_unique<SingleValueAccumulator>(t); };
  return r;
}

}  // namespace ballista::compute
