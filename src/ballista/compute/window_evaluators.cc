#include "ballista/compute/window_evaluators.h"

#include "ballista/compute/cast.h"
#include "ballista/compute/kernel_util.h"
#include "ballista/compute/registry.h"
#include "ballista/compute/selection.h"

namespace ballista::compute {

using arrow::ArrayData;
using namespace internal;  // NOLINT(build/namespaces)

namespace {

bool PeerStart(const WindowPartition& p, int64_t i) {
  return p.peer_start.empty() ? true : p.peer_start[static_cast<size_t>(i)] != 0;
}

// Index one past the last peer of each row.
std::vector<int64_t> PeerEnds(const WindowPartition& p) {
  std::vector<int64_t> ends(static_cast<size_t>(p.num_rows));
  int64_t end = p.num_rows;
  for (int64_t i = p.num_rows - 1; i >= 0; --i) {
    ends[static_cast<size_t>(i)] = end;
    if (PeerStart(p, i)) end = i;
  }
  return ends;
}

Result<int64_t> ConstantInt(const WindowPartition& p, size_t index, int64_t fallback, const char* what) {
  if (p.args.size() <= index) return fallback;
  const Datum& d = p.args[index];
  if (!d.is_scalar()) return Status::InvalidArgument(std::string(what) + " must be a constant");
  if (d.scalar().is_null()) return Status::ExecutionError(std::string(what) + " must not be NULL");
  return ValuesReader<int64_t>(Datum(*CastScalar(d.scalar(), arrow::Int64())))[0];
}

Result<std::shared_ptr<ArrayData>> Int64s(const std::vector<int64_t>& v, MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto buf, AllocateValues<int64_t>(static_cast<int64_t>(v.size()), pool));
  if (!v.empty()) std::memcpy(buf->mutable_data(), v.data(), v.size() * 8);
  return MakeFixedWidthArray(arrow::Int64(), static_cast<int64_t>(v.size()), nullptr, std::move(buf));
}

Result<std::shared_ptr<ArrayData>> Doubles(const std::vector<double>& v, MemoryPool* pool) {
  ASSIGN_OR_RAISE(auto buf, AllocateValues<double>(static_cast<int64_t>(v.size()), pool));
  if (!v.empty()) std::memcpy(buf->mutable_data(), v.data(), v.size() * 8);
  return MakeFixedWidthArray(arrow::Float64(), static_cast<int64_t>(v.size()), nullptr, std::move(buf));
}

// Rows of `value` picked by index (-1: the default value or NULL).
Result<std::shared_ptr<ArrayData>> Pick(const WindowPartition& p, const std::vector<int64_t>& rows,
                                        const Datum* default_value, ExecContext* ctx) {
  std::vector<arrow::DataTypePtr> types;
  for (const auto& a : p.args) types.push_back(a.type());
  ASSIGN_OR_RAISE(auto type, FunctionRegistry::Default().FindWindow("lag")->ReturnType(
                                 default_value ? std::vector<arrow::DataTypePtr>{types[0], arrow::Int64(), default_value->type()}
                                               : std::vector<arrow::DataTypePtr>{types[0]}));
  ASSIGN_OR_RAISE(auto values_datum, Cast(p.args[0], type, false, ctx));
  ASSIGN_OR_RAISE(auto values, values_datum.ToArray(p.num_rows, PoolOf(ctx)));
  std::shared_ptr<ArrayData> defaults;
  if (default_value) {
    ASSIGN_OR_RAISE(auto d, Cast(*default_value, type, false, ctx));
    ASSIGN_OR_RAISE(defaults, d.ToArray(p.num_rows, PoolOf(ctx)));
  } else {
    ASSIGN_OR_RAISE(defaults, arrow::MakeArrayFromScalar(arrow::Scalar::Null(type), p.num_rows, PoolOf(ctx)));
  }
  ASSIGN_OR_RAISE(auto stacked, Concatenate({values, defaults}, ctx));
  std::vector<int64_t> indices(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    indices[i] = rows[i] >= 0 ? rows[i] : p.num_rows + static_cast<int64_t>(i);
  }
  return Take(*stacked, indices.data(), static_cast<int64_t>(indices.size()), ctx);
}

}  // namespace

Result<std::shared_ptr<ArrayData>> EvaluateWindowFunction(std::string_view name_in, const WindowPartition& p,
                                                          ExecContext* ctx) {
  std::string name(name_in);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  MemoryPool* pool = PoolOf(ctx);
  const int64_t n = p.num_rows;
  if (name == "row_number") {
    std::vector<int64_t> out(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = i + 1;
    return Int64s(out, pool);
  }
  if (name == "rank" || name == "dense_rank" || name == "percent_rank") {
    std::vector<int64_t> rank(static_cast<size_t>(n));
    int64_t current = 0, dense = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (PeerStart(p, i) || i == 0) {
        current = i + 1;
        ++dense;
      }
      rank[static_cast<size_t>(i)] = name == "dense_rank" ? dense : current;
    }
    if (name != "percent_rank") return Int64s(rank, pool);
    std::vector<double> out(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      out[static_cast<size_t>(i)] = n > 1 ? static_cast<double>(rank[static_cast<size_t>(i)] - 1) / static_cast<double>(n - 1) : 0.0;
    }
    return Doubles(out, pool);
  }
  if (name == "cume_dist") {
    const auto ends = PeerEnds(p);
    std::vector<double> out(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = static_cast<double>(ends[static_cast<size_t>(i)]) / static_cast<double>(n);
    return Doubles(out, pool);
  }
  if (name == "ntile") {
    ASSIGN_OR_RAISE(int64_t buckets, ConstantInt(p, 0, 1, "ntile argument"));
    if (buckets <= 0) return Status::ExecutionError("argument of ntile must be greater than zero");
    std::vector<int64_t> out(static_cast<size_t>(n));
    // PostgreSQL: the first n % buckets buckets get one extra row.
    const int64_t base = n / buckets, extra = n % buckets;
    int64_t row = 0;
    for (int64_t b = 1; b <= buckets && row < n; ++b) {
      const int64_t size = base + (b <= extra ? 1 : 0);
      for (int64_t k = 0; k < size && row < n; ++k) out[static_cast<size_t>(row++)] = b;
    }
    return Int64s(out, pool);
  }
  if (name == "lag" || name == "lead") {
    if (p.args.empty()) return Status::InvalidArgument(name + " needs an argument");
    ASSIGN_OR_RAISE(int64_t offset, ConstantInt(p, 1, 1, "lag/lead offset"));
    if (name == "lead") offset = -offset;
    std::vector<int64_t> rows(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const int64_t src = i - offset;
      rows[static_cast<size_t>(i)] = src >= 0 && src < n ? src : -1;
    }
    return Pick(p, rows, p.args.size() > 2 ? &p.args[2] : nullptr, ctx);
  }
  if (name == "first_value" || name == "last_value" || name == "nth_value") {
    if (p.args.empty()) return Status::InvalidArgument(name + " needs an argument");
    ASSIGN_OR_RAISE(int64_t nth, ConstantInt(p, 1, 1, "nth_value position"));
    if (nth <= 0) return Status::ExecutionError("argument of nth_value must be greater than zero");
    const auto ends = PeerEnds(p);
    std::vector<int64_t> rows(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const int64_t frame_end = p.whole_partition_frame ? n : ends[static_cast<size_t>(i)];
      if (name == "first_value") rows[static_cast<size_t>(i)] = 0;
      else if (name == "last_value") rows[static_cast<size_t>(i)] = frame_end - 1;
      else rows[static_cast<size_t>(i)] = nth - 1 < frame_end ? nth - 1 : -1;
    }
    WindowPartition value_only = p;
    value_only.args.resize(1);
    return Pick(value_only, rows, nullptr, ctx);
  }
  return Status::NotFound("window function \"" + name + "\" has no evaluator");
}

}  // namespace ballista::compute
