// Kernel micro benchmarks: filter, take, LIKE/lower, hashing, sort indices, grouped sum, and
// arithmetic/comparison over 1M rows.

#include <benchmark/benchmark.h>

#include <random>

#include "ballista/arrow/builder.h"
#include "ballista/compute/arithmetic.h"
#include "ballista/compute/compare.h"
#include "ballista/compute/function.h"
#include "ballista/compute/hash.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/selection.h"
#include "ballista/compute/sort.h"

namespace {

using namespace ballista;           // NOLINT(build/namespaces)
using namespace ballista::compute;  // NOLINT(build/namespaces)

constexpr int64_t kRows = 1 << 20;

std::shared_ptr<arrow::ArrayData> RandomInt64(int64_t n, int64_t max, double null_fraction, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int64_t> dist(0, max);
  std::bernoulli_distribution is_null(null_fraction);
  arrow::Int64Builder b;
  for (int64_t i = 0; i < n; ++i) {
    if (is_null(rng)) {
      (void)b.AppendNull();
    } else {
      (void)b.Append(dist(rng));
    }
  }
  return *b.Finish();
}

std::shared_ptr<arrow::ArrayData> RandomStrings(int64_t n, uint32_t seed) {
  static const char* kWords[] = {"Brand#12", "PROMO BURNISHED COPPER", "special requests", "LARGE ANODIZED",
                                 "forest green", "MEDIUM POLISHED TIN"};
  std::mt19937 rng(seed);
  arrow::StringBuilder b;
  for (int64_t i = 0; i < n; ++i) {
    std::string s = kWords[rng() % 6];
    s += " ";
    s += std::to_string(rng() % 1000);
    (void)b.Append(s);
  }
  return *b.Finish();
}

std::shared_ptr<arrow::ArrayData> HalfMask(int64_t n) {
  std::mt19937 rng(7);
  arrow::BooleanBuilder b;
  for (int64_t i = 0; i < n; ++i) (void)b.Append(rng() % 2 == 0);
  return *b.Finish();
}

void BM_FilterInt64(benchmark::State& state) {
  auto values = RandomInt64(kRows, 1000000, 0.1, 1);
  auto mask = HalfMask(kRows);
  for (auto _ : state) benchmark::DoNotOptimize(Filter(*values, *mask));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_FilterInt64);

void BM_FilterUtf8(benchmark::State& state) {
  auto values = RandomStrings(kRows, 2);
  auto mask = HalfMask(kRows);
  for (auto _ : state) benchmark::DoNotOptimize(Filter(*values, *mask));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_FilterUtf8);

void BM_TakeInt64(benchmark::State& state) {
  auto values = RandomInt64(kRows, 1000000, 0.0, 3);
  std::vector<uint32_t> indices(kRows);
  std::mt19937 rng(4);
  for (auto& i : indices) i = static_cast<uint32_t>(rng() % kRows);
  for (auto _ : state) benchmark::DoNotOptimize(Take(*values, indices.data(), kRows));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_TakeInt64);

void BM_Like(benchmark::State& state, const char* pattern) {
  auto values = RandomStrings(kRows, 5);
  auto resolved = *FunctionRegistry::Default().ResolveScalar("like", {arrow::Utf8(), arrow::Utf8()});
  ExecContext ctx;
  for (auto _ : state) {
    benchmark::DoNotOptimize(resolved.kernel({Datum(values), Datum(arrow::Scalar::Utf8(pattern))}, kRows, &ctx));
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK_CAPTURE(BM_Like, prefix, "PROMO%");
BENCHMARK_CAPTURE(BM_Like, contains, "%requests%");
BENCHMARK_CAPTURE(BM_Like, regex, "%BURNISHED%COPPER%");

void BM_Lower(benchmark::State& state) {
  auto values = RandomStrings(kRows, 6);
  auto resolved = *FunctionRegistry::Default().ResolveScalar("lower", {arrow::Utf8()});
  ExecContext ctx;
  for (auto _ : state) benchmark::DoNotOptimize(resolved.kernel({Datum(values)}, kRows, &ctx));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_Lower);

void BM_HashTwoColumns(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1000000, 0.0, 8);
  auto b = RandomStrings(kRows, 9);
  std::vector<uint64_t> out(kRows);
  for (auto _ : state) {
    benchmark::DoNotOptimize(HashColumns({a, b}, out.data()));
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_HashTwoColumns);

void BM_SortIndicesInt64(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1000000, 0.0, 10);
  for (auto _ : state) benchmark::DoNotOptimize(SortIndices({a}, {SortKey{}}));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_SortIndicesInt64);

void BM_SortIndicesTwoKeys(benchmark::State& state) {
  auto a = RandomInt64(kRows, 100, 0.0, 11);
  auto b = RandomStrings(kRows, 12);
  for (auto _ : state) benchmark::DoNotOptimize(SortIndices({a, b}, {SortKey{}, SortKey{true, false}}));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_SortIndicesTwoKeys);

void BM_GroupedSum(benchmark::State& state) {
  auto values = RandomInt64(kRows, 1000, 0.05, 13);
  const uint32_t groups = static_cast<uint32_t>(state.range(0));
  std::vector<uint32_t> ids(kRows);
  std::mt19937 rng(14);
  for (auto& g : ids) g = rng() % groups;
  auto resolved = *FunctionRegistry::Default().FindAggregate("sum")->Resolve({arrow::Int64()}, false);
  for (auto _ : state) {
    auto acc = resolved.make_accumulator();
    (void)acc->Update({Datum(values)}, ids.data(), kRows, groups);
    benchmark::DoNotOptimize(acc->Finalize());
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_GroupedSum)->Arg(16)->Arg(65536);

void BM_AddInt64(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1000000, 0.0, 15);
  auto b = RandomInt64(kRows, 1000000, 0.0, 16);
  for (auto _ : state) benchmark::DoNotOptimize(Add(a, b));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_AddInt64);

void BM_CompareInt64Scalar(benchmark::State& state) {
  auto a = RandomInt64(kRows, 1000000, 0.1, 17);
  for (auto _ : state) benchmark::DoNotOptimize(Compare(CompareOp::kLt, a, Datum(arrow::Scalar::Int64(500000))));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_CompareInt64Scalar);

}  // namespace

BENCHMARK_MAIN();
