// Variance, standard deviation, covariance and correlation by Welford's streaming updates, with
// Chan's pairwise formula to merge partial states.

#include <cmath>

#include "ballista/compute/aggregate_util.h"
#include "ballista/compute/aggregates.h"
#include "ballista/compute/type_coercion.h"

namespace ballista::compute {

using arrow::ArrayData;
using arrow::DataTypePtr;
using arrow::TypeId;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

enum class Stat { kVarSamp, kVarPop, kStddevSamp, kStddevPop, kCovarSamp, kCovarPop, kCorr };

struct Moments {
  int64_t n = 0;
  double mean_x = 0, mean_y = 0, m2_x = 0, m2_y = 0, co = 0;

  void Add(double x, double y) {
    ++n;
    const double dx = x - mean_x;
    mean_x += dx / static_cast<double>(n);
    const double dy = y - mean_y;
    mean_y += dy / static_cast<double>(n);
    m2_x += dx * (x - mean_x);
    m2_y += dy * (y - mean_y);
    co += dx * (y - mean_y);
  }
  void Merge(const Moments& o) {
    if (o.n == 0) return;
    if (n == 0) {
      *this = o;
      return;
    }
    const double na = static_cast<double>(n), nb = static_cast<double>(o.n);
    const double total = na + nb;
    const double dx = o.mean_x - mean_x, dy = o.mean_y - mean_y;
    mean_x += dx * nb / total;
    mean_y += dy * nb / total;
    m2_x += o.m2_x + dx * dx * na * nb / total;
    m2_y += o.m2_y + dy * dy * na * nb / total;
    co += o.co + dx * dy * na * nb / total;
    n += o.n;
  }
};

class StatAccumulator final : public GroupedAccumulator {
 public:
  StatAccumulator(Stat stat, bool two_args) : stat_(stat), two_args_(two_args) {}
  Status Update(const std::vector<Datum>& args, const uint32_t* groups, int64_t n,
                uint32_t total_groups) override {
    Resize(total_groups);
    ValuesReader<double> x(args[0]);
    ValuesReader<double> y(two_args_ ? args[1] : args[0]);
    for (int64_t i = 0; i < n; ++i) {
      if (x.IsValid(i) && y.IsValid(i)) groups_[groups[i]].Add(x[i], y[i]);
    }
    return Status::OK();
  }
  Status Merge(const std::vector<std::shared_ptr<ArrayData>>& states, const uint32_t* groups, int64_t n,
               uint32_t total_groups) override {
    Resize(total_groups);
    const int64_t* count = states[0]->GetValues<int64_t>(1);
    const double* f[5];
    for (int k = 0; k < 5; ++k) f[k] = states[static_cast<size_t>(k + 1)]->GetValues<double>(1);
    for (int64_t i = 0; i < n; ++i) {
      Moments m{count[i], f[0][i], f[1][i], f[2][i], f[3][i], f[4][i]};
      groups_[groups[i]].Merge(m);
    }
    return Status::OK();
  }
  Result<std::vector<std::shared_ptr<ArrayData>>> State() override {
    std::vector<int64_t> count;
    std::vector<double> cols[5];
    for (const auto& m : groups_) {
      count.push_back(m.n);
      cols[0].push_back(m.mean_x);
      cols[1].push_back(m.mean_y);
      cols[2].push_back(m.m2_x);
      cols[3].push_back(m.m2_y);
      cols[4].push_back(m.co);
    }
    std::vector<std::shared_ptr<ArrayData>> out;
    ASSIGN_OR_RAISE(auto c, ArrayFromGroups(arrow::Int64(), count, nullptr));
    out.push_back(c);
    for (auto& col : cols) {
      ASSIGN_OR_RAISE(auto a, ArrayFromGroups(arrow::Float64(), col, nullptr));
      out.push_back(a);
    }
    return out;
  }
  Result<std::shared_ptr<ArrayData>> Finalize() override {
    std::vector<double> values(groups_.size());
    std::vector<uint8_t> flags(groups_.size());
    for (size_t g = 0; g < groups_.size(); ++g) {
      const Moments& m = groups_[g];
      const double n = static_cast<double>(m.n);
      double v = 0;
      bool ok = false;
      switch (stat_) {
        case Stat::kVarSamp: ok = m.n > 1; v = m.m2_x / (n - 1); break;
        case Stat::kVarPop: ok = m.n > 0; v = m.m2_x / n; break;
        case Stat::kStddevSamp: ok = m.n > 1; v = std::sqrt(m.m2_x / (n - 1)); break;
        case Stat::kStddevPop: ok = m.n > 0; v = std::sqrt(m.m2_x / n); break;
        case Stat::kCovarSamp: ok = m.n > 1; v = m.co / (n - 1); break;
        case Stat::kCovarPop: ok = m.n > 0; v = m.co / n; break;
        case Stat::kCorr:
          ok = m.n > 1 && m.m2_x > 0 && m.m2_y > 0;
          v = m.co / std::sqrt(m.m2_x * m.m2_y);
          break;
      }
      flags[g] = ok;
      values[g] = ok ? v : 0;
    }
    return ArrayFromGroups(arrow::Float64(), values, &flags);
  }
  int64_t MemoryUsage() const override { return static_cast<int64_t>(groups_.capacity() * sizeof(Moments)); }

 private:
  void Resize(uint32_t total) {
    if (groups_.size() < total) groups_.resize(total);
  }
  Stat stat_;
  bool two_args_;
  std::vector<Moments> groups_;
};

}  // namespace

Result<ResolvedAggregate> ResolveStatistic(const std::string& kind, const std::vector<DataTypePtr>& types,
                                           bool distinct) {
  static const std::pair<const char*, Stat> kKinds[] = {
      {"var_samp", Stat::kVarSamp},     {"var_pop", Stat::kVarPop},     {"stddev_samp", Stat::kStddevSamp},
      {"stddev_pop", Stat::kStddevPop}, {"covar_samp", Stat::kCovarSamp}, {"covar_pop", Stat::kCovarPop},
      {"corr", Stat::kCorr}};
  Stat stat = Stat::kVarSamp;
  bool found = false;
  for (const auto& [name, s] : kKinds) {
    if (kind == name) {
      stat = s;
      found = true;
    }
  }
  if (!found) return Status::Internal("unknown statistic " + kind);
  const bool two = stat == Stat::kCovarSamp || stat == Stat::kCovarPop || stat == Stat::kCorr;
  if (types.size() != (two ? 2u : 1u)) return ArgumentTypeError(kind, types);
  for (const auto& t : types) {
    if (!arrow::IsNumeric(t->id()) && t->id() != TypeId::kNull) return ArgumentTypeError(kind, types);
  }
  ResolvedAggregate r;
  r.arg_types = std::vector<DataTypePtr>(types.size(), arrow::Float64());
  r.return_type = arrow::Float64();
  r.state_fields = {arrow::MakeField("count", arrow::Int64(), false),
                    arrow::MakeField("mean_x", arrow::Float64(), false),
                    arrow::MakeField("mean_y", arrow::Float64(), false),
                    arrow::MakeField("m2_x", arrow::Float64(), false),
                    arrow::MakeField("m2_y", arrow::Float64(), false),
                    arrow::MakeField("co_moment", arrow::Float64(), false)};
  r.make_accumulator = [stat, two] { return std::make_unique<StatAccumulator>(stat, two); };
  return two ? r : WithDistinct(std::move(r), distinct);
}

}  // namespace ballista::compute
