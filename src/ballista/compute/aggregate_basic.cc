// count, sum, avg, min, max, bool_and, bool_or as grouped accumulators.

#include <limits>

#include "ballista/arrow/builder.h"
#include "ballista/compute/aggregate_util.h"
#include "ballista/compute/aggregates.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

using States = std::vector<std::shared_ptr<ArrayData>>;

// ---- count ----

class CountAccumulator final : public GroupedAccumulator {
 public:
  explicit CountAccumulator(bool count_star) : count_star_(count_star) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    counts_.resize(std::max<size_t>(counts_.size(), total_groups));
    if (count_star_ || args.empty()) {
      for (int64_t i = 0; i < n; ++i) ++counts_[groups[i]];
      return Status::OK();
    }
    const Datum& a = args[0];
    if (a.is_scalar()) {
      if (a.scalar().is_valid()) {
        for (int64_t i = 0; i < n; ++i) ++counts_[groups[i]];
      }
      return Status::OK();
    }
    const ArrayData& d = *a.array();
    if (d.type->id() == TypeId::kNull) return Status::OK();
    if (d.GetNullCount() == 0) {
      for (int64_t i = 0; i < n; ++i) ++counts_[groups[i]];
    } else {
      for (int64_t i = 0; i < n; ++i) counts_[groups[i]] += d.IsValid(i);
    }
    return Status::OK();
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    counts_.resize(std::max<size_t>(counts_.size(), total_groups));
    ValuesReader<int64_t> r{Datum(states[0])};
    for (int64_t i = 0; i < n; ++i) {
      if (r.IsValid(i)) counts_[groups[i]] += r[i];
    }
    return Status::OK();
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    return ArrayFromGroups(arrow::Int64(), counts_, nullptr);
  }
  int64_t MemoryUsage() const override { return static_cast<int64_t>(counts_.capacity() * 8); }

 private:
  bool count_star_;
  std::vector<int64_t> counts_;
};

// ---- sum (and the sum half of avg) ----

// Sum of T inputs into Acc with an overflow check for integers and decimals.
template <typename In, typename Acc>
class SumAccumulator final : public GroupedAccumulator {
 public:
  explicit SumAccumulator(DataTypePtr out_type) : out_type_(std::move(out_type)) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    Resize(total_groups);
    if (args[0].type()->id() == TypeId::kNull) return Status::OK();
    ValuesReader<In> r(args[0]);
    return AddAll(r, groups, n);
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    Resize(total_groups);
    ValuesReader<Acc> r{Datum(states[0])};
    return AddAll(r, groups, n);
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    return ArrayFromGroups(out_type_, sums_, &seen_);
  }
  int64_t MemoryUsage() const override { return static_cast<int64_t>(sums_.capacity() * (sizeof(Acc) + 1)); }

 private:
  void Resize(uint32_t total) {
    if (sums_.size() < total) {
      sums_.resize(total, Acc{});
      seen_.resize(total, 0);
    }
  }
  template <typename Reader>
  Status AddAll(const Reader& r, const uint32_t* groups, int64_t n) {
    bool overflow = false;
    for (int64_t i = 0; i < n; ++i) {
      if (!r.IsValid(i)) continue;
      const uint32_t g = groups[i];
      if constexpr (std::is_floating_point_v<Acc>) {
        sums_[g] += static_cast<Acc>(r[i]);
      } else {
        overflow |= __builtin_add_overflow(sums_[g], static_cast<Acc>(r[i]), &sums_[g]);
      }
      seen_[g] = 1;
    }
    if (overflow) {
      return Status::ExecutionError(std::string(arrow::IsDecimal(out_type_->id()) ? "decimal" : "integer") +
                                    " overflow in sum");
    }
    if constexpr (std::is_same_v<Acc, __int128>) {
      const __int128 limit = Pow10(38);
      for (size_t g = 0; g < sums_.size(); ++g) {
        if (sums_[g] >= limit || sums_[g] <= -limit) return Status::ExecutionError("decimal overflow in sum");
      }
    }
    return Status::OK();
  }

  DataTypePtr out_type_;
  std::vector<Acc> sums_;
  std::vector<uint8_t> seen_;
};

// avg: a sum accumulator plus counts; state (sum, count).
template <typename In, typename Acc>
class AvgAccumulator final : public GroupedAccumulator {
 public:
  AvgAccumulator(DataTypePtr sum_type, DataTypePtr out_type)
      : sum_(sum_type), count_(false), sum_type_(std::move(sum_type)), out_type_(std::move(out_type)) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    RETURN_NOT_OK(sum_.Update(args, groups, n, total_groups));
    return count_.Update(args, groups, n, total_groups);
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    RETURN_NOT_OK(sum_.Merge({states[0]}, groups, n, total_groups));
    return count_.Merge({states[1]}, groups, n, total_groups);
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto s, sum_.Finalize());
    ASSIGN_OR_RAISE(auto c, count_.Finalize());
    return States{s, c};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    ASSIGN_OR_RAISE(auto s, sum_.Finalize());
    ASSIGN_OR_RAISE(auto c, count_.Finalize());
    const int64_t n = s->length;
    ValuesReader<Acc> sums{Datum(s)};
    const int64_t* counts = c->GetValues<int64_t>(1);
    std::vector<uint8_t> flags(static_cast<size_t>(n));
    if constexpr (std::is_same_v<Acc, __int128>) {
      std::vector<__int128> out(static_cast<size_t>(n));
      const int extra = out_type_->scale() - sum_type_->scale();
      for (int64_t g = 0; g < n; ++g) {
        if (counts[g] == 0) continue;
        flags[static_cast<size_t>(g)] = 1;
        // round(sum * 10^extra / count), half away from zero, by long division.
        __int128 v = sums[g];
        const bool negative = v < 0;
        unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
        const unsigned __int128 d = static_cast<unsigned __int128>(counts[g]);
        unsigned __int128 q = u / d, r = u % d;
        for (int k = 0; k < extra; ++k) {
          r *= 10;
          q = q * 10 + r / d;
          r %= d;
        }
        if (2 * r >= d) ++q;
        out[static_cast<size_t>(g)] = negative ? -static_cast<__int128>(q) : static_cast<__int128>(q);
      }
      return ArrayFromGroups(out_type_, out, &flags);
    } else {
      std::vector<double> out(static_cast<size_t>(n));
      for (int64_t g = 0; g < n; ++g) {
        if (counts[g] == 0) continue;
        flags[static_cast<size_t>(g)] = 1;
        out[static_cast<size_t>(g)] = static_cast<double>(sums[g]) / static_cast<double>(counts[g]);
      }
      return ArrayFromGroups(out_type_, out, &flags);
    }
  }
  int64_t MemoryUsage() const override { return sum_.MemoryUsage() + count_.MemoryUsage(); }

 private:
  SumAccumulator<In, Acc> sum_;
  CountAccumulator count_;
  DataTypePtr sum_type_;
  DataTypePtr out_type_;
};

// ---- min / max ----

template <typename T, bool kMax>
class FixedMinMaxAccumulator final : public GroupedAccumulator {
 public:
  explicit FixedMinMaxAccumulator(DataTypePtr type) : type_(std::move(type)) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    Resize(total_groups);
    if (args[0].type()->id() == TypeId::kNull) return Status::OK();
    ValuesReader<T> r(args[0]);
    Fold(r, groups, n);
    return Status::OK();
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    Resize(total_groups);
    ValuesReader<T> r{Datum(states[0])};
    Fold(r, groups, n);
    return Status::OK();
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override { return ArrayFromGroups(type_, values_, &seen_); }
  int64_t MemoryUsage() const override { return static_cast<int64_t>(values_.capacity() * (sizeof(T) + 1)); }

 private:
  void Resize(uint32_t total) {
    if (values_.size() < total) {
      values_.resize(total, T{});
      seen_.resize(total, 0);
    }
  }
  static bool Better(const T& x, const T& y) {
    if constexpr (std::is_floating_point_v<T>) {
      // NaN is the largest value (PostgreSQL).
      if (x != x) return kMax && y == y;
      if (y != y) return !kMax;
    }
    return kMax ? y < x : x < y;
  }
  template <typename Reader>
  void Fold(const Reader& r, const uint32_t* groups, int64_t n) {
    for (int64_t i = 0; i < n; ++i) {
      if (!r.IsValid(i)) continue;
      const uint32_t g = groups[i];
      const T v = r[i];
      if (!seen_[g] || Better(v, values_[g])) {
        values_[g] = v;
        seen_[g] = 1;
      }
    }
  }

  DataTypePtr type_;
  std::vector<T> values_;
  std::vector<uint8_t> seen_;
};

template <bool kMax>
class StringMinMaxAccumulator final : public GroupedAccumulator {
 public:
  explicit StringMinMaxAccumulator(DataTypePtr type) : type_(std::move(type)) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    Resize(total_groups);
    if (args[0].type()->id() == TypeId::kNull) return Status::OK();
    Fold(args[0], groups, n);
    return Status::OK();
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    Resize(total_groups);
    Fold(Datum(states[0]), groups, n);
    return Status::OK();
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    arrow::StringBuilder builder;
    for (size_t g = 0; g < values_.size(); ++g) {
      RETURN_NOT_OK(seen_[g] ? builder.Append(values_[g]) : builder.AppendNull());
    }
    ASSIGN_OR_RAISE(auto out, builder.Finish());
    if (!type_->Equals(*arrow::Utf8())) out->type = type_;  // Binary shares the layout
    return out;
  }
  int64_t MemoryUsage() const override {
    int64_t bytes = static_cast<int64_t>(values_.capacity() * sizeof(std::string));
    for (const auto& s : values_) bytes += static_cast<int64_t>(s.capacity());
    return bytes;
  }

 private:
  void Resize(uint32_t total) {
    if (values_.size() < total) {
      values_.resize(total);
      seen_.resize(total, 0);
    }
  }
  void Fold(const Datum& d, const uint32_t* groups, int64_t n) {
    StringReader r(d);
    for (int64_t i = 0; i < n; ++i) {
      if (!r.IsValid(i)) continue;
      const uint32_t g = groups[i];
      const std::string_view v = r[i];
      if (!seen_[g] || (kMax ? v > values_[g] : v < values_[g])) {
        values_[g].assign(v);
        seen_[g] = 1;
      }
    }
  }
  DataTypePtr type_;
  std::vector<std::string> values_;
  std::vector<uint8_t> seen_;
};

// ---- bool_and / bool_or ----

class BoolAccumulator final : public GroupedAccumulator {
 public:
  explicit BoolAccumulator(bool is_and) : is_and_(is_and) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    Resize(total_groups);
    if (args[0].type()->id() == TypeId::kNull) return Status::OK();
    Fold(args[0], groups, n);
    return Status::OK();
  }
  Status Merge(const States& states, const uint32_t* groups, int64_t n, uint32_t total_groups) override {
    Resize(total_groups);
    Fold(Datum(states[0]), groups, n);
    return Status::OK();
  }
  Result<States> State() override {
    ASSIGN_OR_RAISE(auto a, Finalize());
    return States{a};
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override { return BoolArrayFromGroups(values_, seen_); }
  int64_t MemoryUsage() const override { return static_cast<int64_t>(values_.capacity() * 2); }

 private:
  void Resize(uint32_t total) {
    if (values_.size() < total) {
      values_.resize(total, is_and_ ? 1 : 0);
      seen_.resize(total, 0);
    }
  }
  void Fold(const Datum& d, const uint32_t* groups, int64_t n) {
    BoolReader r(d);
    for (int64_t i = 0; i < n; ++i) {
      if (!r.IsValid(i)) continue;
      const uint32_t g = groups[i];
      values_[g] = is_and_ ? (values_[g] && r[i]) : (values_[g] || r[i]);
      seen_[g] = 1;
    }
  }
  bool is_and_;
  std::vector<uint8_t> values_;
  std::vector<uint8_t> seen_;
};

Status AggregateTypeError(const std::string& name, const std::vector<DataTypePtr>& types) {
  return ArgumentTypeError(name, types);
}

}  // namespace

Result<ResolvedAggregate> ResolveCount(const std::vector<DataTypePtr>& types, bool distinct) {
  const bool star = types.empty();
  if (types.size() > 1) return Status::TypeError("count takes at most one argument");
  ResolvedAggregate r;
  r.arg_types = types;
  r.return_type = arrow::Int64();
  r.state_fields = {arrow::MakeField("count", arrow::Int64(), false)};
  r.make_accumulator = [star] { return std::make_unique<CountAccumulator>(star); };
  return WithDistinct(std::move(r), distinct);
}

Result<ResolvedAggregate> ResolveSum(const std::vector<DataTypePtr>& types, bool distinct) {
  if (types.size() != 1) return AggregateTypeError("sum", types);
  const DataTypePtr t = EngineType(types[0]);
  ResolvedAggregate r;
  const TypeId id = t->id();
  if (arrow::IsDecimal(id)) {
    const DataTypePtr out = arrow::Decimal128(38, t->scale());
    r.arg_types = {arrow::Decimal128(t->precision(), t->scale())};
    r.return_type = out;
    r.make_accumulator = [out] { return std::make_unique<SumAccumulator<__int128, __int128>>(out); };
  } else if (arrow::IsFloating(id)) {
    r.arg_types = {arrow::Float64()};
    r.return_type = arrow::Float64();
    r.make_accumulator = [] { return std::make_unique<SumAccumulator<double, double>>(arrow::Float64()); };
  } else if (arrow::IsUnsignedInteger(id)) {
    r.arg_types = {arrow::UInt64()};
    r.return_type = arrow::UInt64();
    r.make_accumulator = [] { return std::make_unique<SumAccumulator<uint64_t, uint64_t>>(arrow::UInt64()); };
  } else if (arrow::IsSignedInteger(id) || id == TypeId::kNull) {
    r.arg_types = {arrow::Int64()};
    r.return_type = arrow::Int64();
    r.make_accumulator = [] { return std::make_unique<SumAccumulator<int64_t, int64_t>>(arrow::Int64()); };
  } else {
    return AggregateTypeError("sum", types);
  }
  r.state_fields = {arrow::MakeField("sum", r.return_type)};
  return WithDistinct(std::move(r), distinct);
}

Result<ResolvedAggregate> ResolveAvg(const std::vector<DataTypePtr>& types, bool distinct) {
  if (types.size() != 1) return AggregateTypeError("avg", types);
  const DataTypePtr t = EngineType(types[0]);
  const TypeId id = t->id();
  ResolvedAggregate r;
  if (arrow::IsDecimal(id)) {
    const int32_t p = t->precision(), s = t->scale();
    const DataTypePtr sum_type = arrow::Decimal128(38, s);
    const DataTypePtr out = arrow::Decimal128(std::min(p + 4, 38), std::min(s + 4, 38));
    r.arg_types = {arrow::Decimal128(p, s)};
    r.return_type = out;
    r.state_fields = {arrow::MakeField("sum", sum_type), arrow::MakeField("count", arrow::Int64(), false)};
    r.make_accumulator = [sum_type, out] {
      return std::make_unique<AvgAccumulator<__int128, __int128>>(sum_type, out);
    };
  } else if (arrow::IsNumeric(id) || id == TypeId::kNull) {
    r.arg_types = {arrow::Float64()};
    r.return_type = arrow::Float64();
    r.state_fields = {arrow::MakeField("sum", arrow::Float64()),
                      arrow::MakeField("count", arrow::Int64(), false)};
    r.make_accumulator = [] {
      return std::make_unique<AvgAccumulator<double, double>>(arrow::Float64(), arrow::Float64());
    };
  } else {
    return AggregateTypeError("avg", types);
  }
  return WithDistinct(std::move(r), distinct);
}

Result<ResolvedAggregate> ResolveMinMax(const std::vector<DataTypePtr>& types, bool distinct, bool is_max) {
  const char* name = is_max ? "max" : "min";
  if (types.size() != 1) return AggregateTypeError(name, types);
  const DataTypePtr t = EngineType(types[0]);
  const TypeId id = t->id();
  ResolvedAggregate r;
  r.arg_types = {t};
  r.return_type = t;
  r.state_fields = {arrow::MakeField(name, t)};
  if (arrow::IsStringLike(id) || arrow::IsBinaryLike(id)) {
    const DataTypePtr out = arrow::IsStringLike(id) ? arrow::Utf8() : arrow::Binary();
    r.arg_types = {out};
    r.return_type = out;
    r.state_fields = {arrow::MakeField(name, out)};
    if (is_max) {
      r.make_accumulator = [out] { return std::make_unique<StringMinMaxAccumulator<true>>(out); };
    } else {
      r.make_accumulator = [out] { return std::make_unique<StringMinMaxAccumulator<false>>(out); };
    }
    return WithDistinct(std::move(r), distinct);
  }
  if (id == TypeId::kBool) {
    r.make_accumulator = [is_max] { return std::make_unique<BoolAccumulator>(!is_max); };
    return WithDistinct(std::move(r), distinct);
  }
  if (id == TypeId::kNull) {
    r.make_accumulator = [] { return std::make_unique<FixedMinMaxAccumulator<int8_t, true>>(arrow::Null()); };
    // A NULL column: every group's result is NULL; use an int8 accumulator typed as int8.
    r.arg_types = {arrow::Int8()};
    r.return_type = arrow::Int8();
    r.state_fields = {arrow::MakeField(name, arrow::Int8())};
    r.make_accumulator = [] { return std::make_unique<FixedMinMaxAccumulator<int8_t, true>>(arrow::Int8()); };
    return WithDistinct(std::move(r), distinct);
  }
  bool ok = DispatchFixedWidth(id, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_same_v<T, arrow::MonthDayNanoInterval>) {
      if (is_max) {
        r.make_accumulator = [t] { return std::make_unique<FixedMinMaxAccumulator<T, true>>(t); };
      } else {
        r.make_accumulator = [t] { return std::make_unique<FixedMinMaxAccumulator<T, false>>(t); };
      }
    }
  });
  if (!ok || !r.make_accumulator) return AggregateTypeError(name, types);
  return WithDistinct(std::move(r), distinct);
}

Result<ResolvedAggregate> ResolveBoolAgg(const std::vector<DataTypePtr>& types, bool distinct, bool is_and) {
  const char* name = is_and ? "bool_and" : "bool_or";
  if (types.size() != 1 || (types[0]->id() != TypeId::kBool && types[0]->id() != TypeId::kNull)) {
    return AggregateTypeError(name, types);
  }
  ResolvedAggregate r;
  r.arg_types = {arrow::Boolean()};
  r.return_type = arrow::Boolean();
  r.state_fields = {arrow::MakeField(name, arrow::Boolean())};
  r.make_accumulator = [is_and] { return std::make_unique<BoolAccumulator>(is_and); };
  return WithDistinct(std::move(r), distinct);
}

ResolvedAggregate WithDistinct(ResolvedAggregate r, bool distinct) {
  if (!distinct || r.arg_types.empty()) return r;
  const DataTypePtr arg = r.arg_types[0];
  auto make_inner = r.make_accumulator;
  r.state_fields = {arrow::MakeField("distinct", arrow::List(arg))};
  r.make_accumulator = [arg, make_inner] { return MakeDistinctAccumulator(arg, make_inner()); };
  return r;
}

}  // namespace ballista::compute
