// ComputeWindowColumn (declared in window_sink.h): partitions, peer groups, frames and the
// evaluation of each window function over them.

#include <algorithm>
#include <cmath>
#include <cstring>

#include "ballista/arrow/bit_util.h"
#include "ballista/compute/cast.h"
#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/kernels/row_comparator.h"
#include "ballista/physical/operators/window_sink.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;
namespace l = ballista::logical;
using Kind = l::FrameBound::Kind;

/// The constant value of `expr` (a frame offset, an ntile count, a lag offset) as a double;
/// nullopt when NULL.
Result<std::optional<double>> ConstantNumber(const PhysicalExpr& expr, const a::RecordBatch& input,
                                             MemoryPool* pool) {
  compute::ExecContext kctx{pool};
  ASSIGN_OR_RAISE(auto v, expr.Evaluate(input, &kctx));
  a::Scalar s;
  if (v.is_scalar()) {
    s = v.scalar();
  } else {
    if (v.array()->length == 0) return std::optional<double>();
    ASSIGN_OR_RAISE(s, a::ScalarFromArray(*v.array(), 0));
  }
  if (s.is_null()) return std::optional<double>();
  ASSIGN_OR_RAISE(auto d, compute::CastScalar(s, a::Float64()));
  return std::optional<double>(d.As<double>());
}

/// A nullable Int64 or Float64 array from values and validity flags.
template <typename T>
Result<a::ArrayDataPtr> MakeNumbers(const a::DataTypePtr& type, const std::vector<T>& values,
                                    const std::vector<uint8_t>* valid, MemoryPool* pool) {
  const int64_t n = static_cast<int64_t>(values.size());
  ASSIGN_OR_RAISE(auto data, AllocateBuffer(n * static_cast<int64_t>(sizeof(T)), pool));
  std::memcpy(data->mutable_data(), values.data(), values.size() * sizeof(T));
  std::shared_ptr<Buffer> bitmap;
  int64_t nulls = 0;
  if (valid) {
    ASSIGN_OR_RAISE(bitmap, AllocateBuffer(a::bit_util::BytesForBits(n), pool));
    for (int64_t i = 0; i < n; ++i) {
      if ((*valid)[static_cast<size_t>(i)]) {
        a::bit_util::SetBit(bitmap->mutable_data(), i);
      } else {
        ++nulls;
      }
    }
    if (nulls == 0) bitmap.reset();
  }
  return a::ArrayData::Make(type, n, {bitmap, data}, nulls);
}

Result<a::ArrayDataPtr> CastTo(a::ArrayDataPtr arr, const a::DataTypePtr& type) {
  if (*arr->type == *type) return arr;
  return compute::CastArray(arr, type);
}

}  // namespace

Result<a::ArrayDataPtr> ComputeWindowColumn(const PhysicalWindowExpr& expr,
                                            const a::RecordBatch& input, MemoryPool* pool) {
  const int64_t n = input.num_rows();
  compute::ExecContext kctx{pool};
  std::vector<a::ArrayDataPtr> partition_cols, order_cols, sort_cols;
  std::vector<SortOrder> partition_orders, order_orders, sort_orders;
  for (const auto& p : expr.partition_by) {
    ASSIGN_OR_RAISE(auto col, EvaluateToArray(*p, input, &kctx));
    partition_cols.push_back(col);
    partition_orders.push_back(SortOrder{true, true});
  }
  for (const auto& k : expr.order_by) {
    ASSIGN_OR_RAISE(auto col, EvaluateToArray(*k.expr, input, &kctx));
    order_cols.push_back(col);
    order_orders.push_back(k.order);
  }
  sort_cols = partition_cols;
  sort_cols.insert(sort_cols.end(), order_cols.begin(), order_cols.end());
  sort_orders = partition_orders;
  sort_orders.insert(sort_orders.end(), order_orders.begin(), order_orders.end());
  ASSIGN_OR_RAISE(auto sorted, SortIndices(sort_cols, sort_orders, n));
  ASSIGN_OR_RAISE(auto same_partition, RowComparator::Make(partition_cols, partition_orders));
  ASSIGN_OR_RAISE(auto same_peers, RowComparator::Make(order_cols, order_orders));

  // Partition start/end and peer group start/end/index per sorted position.
  const size_t un = static_cast<size_t>(n);
  std::vector<int64_t> part_start(un), part_end(un), peer_start(un), peer_end(un), group_index(un);
  for (int64_t p = 0; p < n;) {
    int64_t e = p + 1;
    while (e < n && same_partition.Compare(sorted[static_cast<size_t>(p)], sorted[static_cast<size_t>(e)]) == 0) ++e;
    int64_t group = 0;
    for (int64_t q = p; q < e;) {
      int64_t qe = q + 1;
      while (qe < e && same_peers.Compare(sorted[static_cast<size_t>(q)], sorted[static_cast<size_t>(qe)]) == 0) ++qe;
      for (int64_t r = q; r < qe; ++r) {
        const size_t s = static_cast<size_t>(r);
        part_start[s] = p;
        part_end[s] = e;
        peer_start[s] = q;
        peer_end[s] = qe;
        group_index[s] = group;
      }
      ++group;
      q = qe;
    }
    p = e;
  }

  std::vector<a::ArrayDataPtr> args;
  for (const auto& arg : expr.args) {
    ASSIGN_OR_RAISE(auto col, EvaluateToArray(*arg, input, &kctx));
    args.push_back(std::move(col));
  }
  const std::string& fn = expr.function_name;

  // ---- Ranking functions ----
  if (!expr.aggregate && (fn == "row_number" || fn == "rank" || fn == "dense_rank" || fn == "ntile")) {
    std::vector<int64_t> values(un);
    int64_t buckets = 1;
    if (fn == "ntile") {
      if (expr.args.empty()) return Status::InvalidArgument("ntile needs a bucket count");
      ASSIGN_OR_RAISE(auto k, ConstantNumber(*expr.args[0], input, pool));
      if (!k || *k <= 0) return Status::InvalidArgument("ntile bucket count must be positive");
      buckets = static_cast<int64_t>(*k);
    }
    for (int64_t p = 0; p < n; ++p) {
      const size_t s = static_cast<size_t>(p);
      int64_t v = 0;
      if (fn == "row_number") {
        v = p - part_start[s] + 1;
      } else if (fn == "rank") {
        v = peer_start[s] - part_start[s] + 1;
      } else if (fn == "dense_rank") {
        v = group_index[s] + 1;
      } else {
        const int64_t size = part_end[s] - part_start[s], i = p - part_start[s];
        const int64_t q = size / buckets, r = size % buckets;
        v = i < r * (q + 1) ? i / (q + 1) + 1 : (i - r * (q + 1)) / std::max<int64_t>(q, 1) + r + 1;
      }
      values[static_cast<size_t>(sorted[s])] = v;
    }
    ASSIGN_OR_RAISE(auto arr, MakeNumbers<int64_t>(a::Int64(), values, nullptr, pool));
    return CastTo(arr, expr.type);
  }
  if (!expr.aggregate && (fn == "percent_rank" || fn == "cume_dist")) {
    std::vector<double> values(un);
    for (int64_t p = 0; p < n; ++p) {
      const size_t s = static_cast<size_t>(p);
      const double size = static_cast<double>(part_end[s] - part_start[s]);
      double v;
      if (fn == "percent_rank") {
        v = size <= 1 ? 0.0 : static_cast<double>(peer_start[s] - part_start[s]) / (size - 1);
      } else {
        v = static_cast<double>(peer_end[s] - part_start[s]) / size;
      }
      values[static_cast<size_t>(sorted[s])] = v;
    }
    ASSIGN_OR_RAISE(auto arr, MakeNumbers<double>(a::Float64(), values, nullptr, pool));
    return CastTo(arr, expr.type);
  }
  if (!expr.aggregate && (fn == "lag" || fn == "lead")) {
    if (args.empty()) return Status::InvalidArgument(fn + " needs an argument");
    int64_t offset = 1;
    if (expr.args.size() > 1) {
      ASSIGN_OR_RAISE(auto k, ConstantNumber(*expr.args[1], input, pool));
      if (k) offset = static_cast<int64_t>(*k);
    }
    if (fn == "lag") offset = -offset;
    ASSIGN_OR_RAISE(auto values, CastTo(args[0], expr.type));
    a::ArrayDataPtr defaults;
    if (args.size() > 2) {
      ASSIGN_OR_RAISE(defaults, CastTo(args[2], expr.type));
    }
    std::vector<RowRef> refs(un);
    for (int64_t p = 0; p < n; ++p) {
      const size_t s = static_cast<size_t>(p);
      const int64_t src = p + offset;
      const uint32_t row = static_cast<uint32_t>(sorted[s]);
      if (src >= part_start[s] && src < part_end[s]) {
        refs[row] = {0, static_cast<uint32_t>(sorted[static_cast<size_t>(src)])};
      } else if (defaults) {
        refs[row] = {1, row};
      }
    }
    std::vector<const a::ArrayData*> chunks{values.get()};
    if (defaults) chunks.push_back(defaults.get());
    return Gather(expr.type, chunks, refs.data(), n, pool);
  }

  // ---- Frame-based functions ----
  std::optional<double> start_offset, end_offset;
  if (expr.start_offset) {
      ASSIGN_OR_RAISE(start_offset, ConstantNumber(*expr.start_offset, input, pool));
    }
  if (expr.end_offset) {
      ASSIGN_OR_RAISE(end_offset, ConstantNumber(*expr.end_offset, input, pool));
    }
  std::vector<double> range_key;
  std::vector<uint8_t> range_valid;
  const bool range_offsets = expr.units == l::FrameUnits::kRange && (start_offset || end_offset);
  if (range_offsets) {
    if (order_cols.size() != 1) {
      return Status::InvalidArgument("RANGE with an offset needs exactly one ORDER BY key");
    }
    ASSIGN_OR_RAISE(auto keys, compute::CastArray(order_cols[0], a::Float64()));
    range_key.resize(un);
    range_valid.resize(un);
    const double sign = expr.order_by[0].order.ascending ? 1.0 : -1.0;
    for (int64_t p = 0; p < n; ++p) {
      const int64_t row = sorted[static_cast<size_t>(p)];
      range_valid[static_cast<size_t>(p)] = keys->IsValid(row);
      if (keys->IsValid(row)) range_key[static_cast<size_t>(p)] = sign * keys->GetValues<double>(1)[row];
    }
  }
  // Frame [fs, fe) of sorted position p.
  auto frame = [&](int64_t p, int64_t* fs, int64_t* fe) {
    const size_t s = static_cast<size_t>(p);
    const int64_t ps = part_start[s], pe = part_end[s];
    auto bound = [&](Kind kind, const std::optional<double>& off, bool is_start) -> int64_t {
      const int64_t k = off ? static_cast<int64_t>(*off) : 0;
      switch (kind) {
        case Kind::kUnboundedPreceding:
          return ps;
        case Kind::kUnboundedFollowing:
          return pe;
        case Kind::kCurrentRow:
          if (expr.units == l::FrameUnits::kRows) return is_start ? p : p + 1;
          return is_start ? peer_start[s] : peer_end[s];
        case Kind::kPreceding:
        case Kind::kFollowing: {
          const bool preceding = kind == Kind::kPreceding;
          if (expr.units == l::FrameUnits::kRows) {
            const int64_t target = preceding ? p - k : p + k;
            return std::clamp<int64_t>(is_start ? target : target + 1, ps, pe);
          }
          if (expr.units == l::FrameUnits::kGroups) {
            const int64_t g = group_index[s] + (preceding ? -k : k);
            // Find the positions of peer group g within the partition.
            if (g < 0) return ps;
            int64_t q = ps;
            while (q < pe && group_index[static_cast<size_t>(q)] < g) ++q;
            if (q >= pe) return pe;
            return is_start ? q : peer_end[static_cast<size_t>(q)];
          }
          // RANGE: compare order-key values.
          if (!range_valid[s]) return is_start ? peer_start[s] : peer_end[s];
          const double v = range_key[s];
          const double edge = preceding ? v - *off : v + *off;
          int64_t q = ps;
          if (is_start) {
            while (q < pe && (!range_valid[static_cast<size_t>(q)] || range_key[static_cast<size_t>(q)] < edge)) ++q;
            return q;
          }
          q = pe;
          while (q > ps && (!range_valid[static_cast<size_t>(q - 1)] || range_key[static_cast<size_t>(q - 1)] > edge)) --q;
          return q;
        }
      }
      return ps;
    };
    *fs = bound(expr.start, start_offset, true);
    *fe = bound(expr.end, end_offset, false);
    if (*fe < *fs) *fe = *fs;
  };

  if (!expr.aggregate && (fn == "first_value" || fn == "last_value" || fn == "nth_value")) {
    if (args.empty()) return Status::InvalidArgument(fn + " needs an argument");
    int64_t nth = 1;
    if (fn == "nth_value") {
      if (expr.args.size() < 2) return Status::InvalidArgument("nth_value needs a position");
      ASSIGN_OR_RAISE(auto k, ConstantNumber(*expr.args[1], input, pool));
      if (!k || *k < 1) return Status::InvalidArgument("nth_value position must be at least 1");
      nth = static_cast<int64_t>(*k);
    }
    ASSIGN_OR_RAISE(auto values, CastTo(args[0], expr.type));
    std::vector<RowRef> refs(un);
    for (int64_t p = 0; p < n; ++p) {
      int64_t fs, fe;
      frame(p, &fs, &fe);
      int64_t src = -1;
      if (fn == "first_value" && fe > fs) src = fs;
      if (fn == "last_value" && fe > fs) src = fe - 1;
      if (fn == "nth_value" && fs + nth - 1 < fe) src = fs + nth - 1;
      if (src >= 0) {
        refs[static_cast<size_t>(sorted[static_cast<size_t>(p)])] = {
            0, static_cast<uint32_t>(sorted[static_cast<size_t>(src)])};
      }
    }
    return Gather(expr.type, {values.get()}, refs.data(), n, pool);
  }

  if (!expr.aggregate) {
    return Status::Unsupported("window function " + fn + " is not supported by the window operator");
  }
  // Aggregate over each row's frame: one group per row; the frame's rows are fed with that id.
  const auto& resolved = *expr.aggregate;
  auto acc = resolved.make_accumulator();
  std::vector<a::ArrayDataPtr> typed_args;
  for (size_t i = 0; i < args.size(); ++i) {
    a::ArrayDataPtr arg = args[i];
    if (i < resolved.arg_types.size()) {
      ASSIGN_OR_RAISE(arg, CastTo(arg, resolved.arg_types[i]));
    }
    typed_args.push_back(std::move(arg));
  }
  constexpr size_t kChunk = 1 << 16;
  std::vector<int64_t> rows;
  std::vector<uint32_t> groups;
  auto flush = [&]() -> Status {
    std::vector<compute::Datum> chunk_args;
    for (const auto& arg : typed_args) {
      ASSIGN_OR_RAISE(auto taken, TakeArray(arg, rows.data(), static_cast<int64_t>(rows.size()), pool));
      chunk_args.emplace_back(std::move(taken));
    }
    RETURN_NOT_OK(acc->Update(chunk_args, groups.data(), static_cast<int64_t>(rows.size()),
                              static_cast<uint32_t>(n)));
    rows.clear();
    groups.clear();
    return Status::OK();
  };
  for (int64_t p = 0; p < n; ++p) {
    int64_t fs, fe;
    frame(p, &fs, &fe);
    const uint32_t group = static_cast<uint32_t>(sorted[static_cast<size_t>(p)]);
    for (int64_t f = fs; f < fe; ++f) {
      rows.push_back(sorted[static_cast<size_t>(f)]);
      groups.push_back(group);
      if (rows.size() >= kChunk) RETURN_NOT_OK(flush());
    }
  }
  RETURN_NOT_OK(flush());
  ASSIGN_OR_RAISE(auto result, acc->Finalize());
  return CastTo(result, expr.type);
}

}  // namespace ballista::physical
