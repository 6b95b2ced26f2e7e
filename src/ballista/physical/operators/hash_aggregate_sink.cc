#include "ballista/physical/operators/hash_aggregate_sink.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "ballista/arrow/builder_primitive.h"
#include "ballista/compute/cast.h"
#include "ballista/exec/memory_reservation.h"
#include "ballista/exec/spill_manager.h"
#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/kernels/group_hash_table.h"
#include "ballista/physical/kernels/row_encoder.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {

namespace internal {

/// Group keys -> dense ids, and where each group's key values are stored.
struct GroupTable {
  GroupHashTable ids;
  std::vector<RowRef> refs;
  std::vector<uint32_t> set_of_group;
  std::vector<arrow::RecordBatchPtr> key_chunks;
  int64_t key_bytes = 0;

  uint32_t size() const { return static_cast<uint32_t>(refs.size()); }
};

}  // namespace internal

namespace {

using internal::GroupTable;

namespace a = ballista::arrow;
using compute::Datum;
using compute::GroupedAccumulator;

/// Partitions of spilled partial groups (by a hash of the group key): all partial states of a
/// group land in the same partition, so each partition is finished on its own.
constexpr size_t kSpillPartitions = 16;

/// Rows of a DISTINCT aggregate waiting to be deduplicated globally: for row i, the group
/// (local id) and the argument values (chunks + refs).
struct DistinctRows {
  std::unordered_set<std::string> seen;
  std::vector<uint32_t> group_ids;
  std::vector<std::vector<a::ArrayDataPtr>> chunks;
  std::vector<RowRef> refs;
};

struct AggLocalState final : public exec::LocalSinkState {
  explicit AggLocalState(MemoryPool* pool) : reservation(pool) {}
  std::vector<std::vector<exec::SpillFilePtr>> spilled{kSpillPartitions};
  GroupTable table;
  std::vector<std::unique_ptr<GroupedAccumulator>> accumulators;
  std::vector<DistinctRows> distinct;
  exec::MemoryReservation reservation;
};

struct AggGlobalState final : public MaterializedSinkState {
  explicit AggGlobalState(exec::OperatorMetrics* metrics)
      : metrics(metrics), pool(metrics->memory_pool()), reservation(pool) {}
  exec::OperatorMetrics* metrics;
  MemoryPool* pool;
  /// Spill files of partial groups per partition; rows are (set id, keys..., states...).
  std::vector<std::vector<exec::SpillFilePtr>> spilled{kSpillPartitions};
  std::mutex mutex;
  GroupTable table;
  std::vector<std::unique_ptr<GroupedAccumulator>> accumulators;
  std::vector<std::unordered_set<std::string>> distinct_seen;
  exec::MemoryReservation reservation;
};

std::string GroupIdBytes(uint32_t gid) {
  return std::string(reinterpret_cast<const char*>(&gid), sizeof(gid));
}

/// Empty arrays of the aggregate's argument types (to grow an accumulator without rows).
Result<std::vector<Datum>> EmptyArgs(const compute::ResolvedAggregate& resolved) {
  std::vector<Datum> args;
  for (const auto& t : resolved.arg_types) {
    ASSIGN_OR_RAISE(auto arr, a::MakeArrayFromScalar(a::Scalar::Null(t), 0));
    args.emplace_back(std::move(arr));
  }
  return args;
}

Result<std::vector<a::ArrayDataPtr>> GatherColumns(const std::vector<a::DataTypePtr>& types,
                                                   const std::vector<std::vector<a::ArrayDataPtr>>& chunks,
                                                   const std::vector<RowRef>& refs, MemoryPool* pool) {
  std::vector<a::ArrayDataPtr> out;
  for (size_t c = 0; c < types.size(); ++c) {
    std::vector<const a::ArrayData*> raw;
    for (const auto& chunk : chunks) raw.push_back(chunk[c].get());
    ASSIGN_OR_RAISE(auto col, Gather(types[c], raw, refs.data(), static_cast<int64_t>(refs.size()), pool));
    out.push_back(std::move(col));
  }
  return out;
}

}  // namespace

HashAggregateSink::HashAggregateSink(std::vector<PhysicalExprPtr> group_exprs,
                                     std::vector<std::vector<int>> grouping_sets,
                                     bool emit_grouping_id, std::vector<PhysicalAggregate> aggregates,
                                     a::SchemaPtr output_schema, bool scalar, AggregatePhase phase)
    : group_exprs_(std::move(group_exprs)),
      grouping_sets_(std::move(grouping_sets)),
      emit_grouping_id_(emit_grouping_id),
      aggregates_(std::move(aggregates)),
      output_schema_(std::move(output_schema)),
      scalar_(scalar),
      phase_(phase) {
  if (grouping_sets_.empty()) {
    std::vector<int> all;
    for (size_t i = 0; i < group_exprs_.size(); ++i) all.push_back(static_cast<int>(i));
    grouping_sets_.push_back(std::move(all));
  }
  a::FieldVector fields;
  for (size_t i = 0; i < group_exprs_.size(); ++i) {
    fields.push_back(a::MakeField("k" + std::to_string(i), group_exprs_[i]->type(), true));
  }
  key_schema_ = a::MakeSchema(std::move(fields));
}

std::string HashAggregateSink::name() const {
  std::string out = "HashAggregate(groups=[";
  for (size_t i = 0; i < group_exprs_.size(); ++i) out += (i ? ", " : "") + group_exprs_[i]->ToString();
  out += "]";
  if (grouping_sets_.size() > 1) out += " sets=" + std::to_string(grouping_sets_.size());
  out += " aggs=[";
  for (size_t i = 0; i < aggregates_.size(); ++i) out += (i ? ", " : "") + aggregates_[i].display;
  return out + "])";
}

Result<std::unique_ptr<exec::GlobalSinkState>> HashAggregateSink::MakeGlobalSinkState(
    exec::ExecContext&, exec::OperatorMetrics& metrics) const {
  auto state = std::make_unique<AggGlobalState>(&metrics);
  for (const auto& agg : aggregates_) state->accumulators.push_back(agg.resolved.make_accumulator());
  state->distinct_seen.resize(aggregates_.size());
  return state;
}

Result<std::unique_ptr<exec::LocalSinkState>> HashAggregateSink::MakeLocalSinkState(
    exec::ExecContext&, exec::GlobalSinkState& global, int) const {
  auto state = std::make_unique<AggLocalState>(static_cast<AggGlobalState&>(global).pool);
  for (const auto& agg : aggregates_) {
    state->accumulators.push_back(agg.distinct ? nullptr : agg.resolved.make_accumulator());
  }
  state->distinct.resize(aggregates_.size());
  return state;
}

Result<exec::SinkResult> HashAggregateSink::Consume(exec::ExecContext& ctx,
                                                    const a::RecordBatchPtr& batch,
                                                    exec::GlobalSinkState& global,
                                                    exec::LocalSinkState& local,
                                                    exec::ResumeSignalPtr*) const {
  auto& l = static_cast<AggLocalState&>(local);
  MemoryPool* pool = ctx.memory_pool();
  compute::ExecContext kctx{pool};
  const int64_t n = batch->num_rows();

  std::vector<a::ArrayDataPtr> key_arrays;
  for (const auto& expr : group_exprs_) {
    ASSIGN_OR_RAISE(auto arr, EvaluateToArray(*expr, *batch, &kctx));
    key_arrays.push_back(std::move(arr));
  }
  if (phase_ == AggregatePhase::kFinal) {
    // Input rows are a partial phase's groups: keys, then the states after them.
    RETURN_NOT_OK(MergeGroupStates(*batch, std::move(key_arrays), nullptr, static_cast<int>(group_exprs_.size()),
                                   &l.table, &l.accumulators));
    return AccountLocal(ctx, global, local);
  }
  // Arguments and filter selections are the same for every grouping set.
  std::vector<std::vector<Datum>> args(aggregates_.size());
  std::vector<std::vector<int64_t>> selections(aggregates_.size());
  for (size_t k = 0; k < aggregates_.size(); ++k) {
    const auto& agg = aggregates_[k];
    for (size_t j = 0; j < agg.args.size(); ++j) {
      ASSIGN_OR_RAISE(Datum v, agg.args[j]->Evaluate(*batch, &kctx));
      if (j < agg.resolved.arg_types.size() && !(*v.type() == *agg.resolved.arg_types[j])) {
        ASSIGN_OR_RAISE(v, compute::Cast(v, agg.resolved.arg_types[j], false, &kctx));
      }
      if (agg.filter || agg.distinct) {
      ASSIGN_OR_RAISE(v, v.ToArray(n, pool));
    }
      args[k].push_back(std::move(v));
    }
    if (agg.filter) {
      ASSIGN_OR_RAISE(Datum mask, agg.filter->Evaluate(*batch, &kctx));
      selections[k] = SelectedRows(mask, n);
      for (auto& v : args[k]) {
        ASSIGN_OR_RAISE(auto taken, TakeArray(v.array(), selections[k].data(),
                                              static_cast<int64_t>(selections[k].size()), pool));
        v = Datum(std::move(taken));
      }
    }
  }

  std::vector<uint32_t> group_ids(static_cast<size_t>(n));
  // Encoded keys; not needed (left empty) without GROUP BY.
  std::vector<std::string> keys(group_exprs_.empty() && grouping_sets_.size() == 1 ? 0 : static_cast<size_t>(n));
  for (size_t s = 0; s < grouping_sets_.size(); ++s) {
    bool ids_assigned = false;
    std::vector<a::ArrayDataPtr> cols(group_exprs_.size());
    for (size_t i = 0; i < group_exprs_.size(); ++i) {
      bool in_set = false;
      for (int member : grouping_sets_[s]) in_set |= member == static_cast<int>(i);
      if (in_set) {
        cols[i] = key_arrays[i];
      } else {
        ASSIGN_OR_RAISE(cols[i], a::MakeArrayFromScalar(a::Scalar::Null(group_exprs_[i]->type()), n, pool));
      }
    }
    const int32_t chunk = static_cast<int32_t>(l.table.key_chunks.size());
    bool used = false;
    if (group_exprs_.empty() && grouping_sets_.size() == 1) {
      // No GROUP BY: every row belongs to the one group, whose key is empty.
      bool inserted = false;
      l.table.ids.FindOrInsert(std::string_view(), &inserted);
      if (inserted) {
        l.table.refs.push_back({chunk, 0});
        l.table.set_of_group.push_back(0);
        used = true;
      }
      std::fill(group_ids.begin(), group_ids.end(), 0u);
      ids_assigned = true;
    }
    if (!ids_assigned) {
      for (auto& key : keys) key.clear();
      if (grouping_sets_.size() > 1) {
        for (auto& key : keys) key = GroupIdBytes(static_cast<uint32_t>(s));
      }
      RETURN_NOT_OK(EncodeRows(cols, n, &keys));
    }
    for (int64_t i = 0; i < n && !ids_assigned; ++i) {
      bool inserted = false;
      const uint32_t id = l.table.ids.FindOrInsert(keys[static_cast<size_t>(i)], &inserted);
      if (inserted) {
        l.table.refs.push_back({chunk, static_cast<uint32_t>(i)});
        l.table.set_of_group.push_back(static_cast<uint32_t>(s));
        used = true;
      }
      group_ids[static_cast<size_t>(i)] = id;
    }
    if (used) {
      auto key_batch = std::make_shared<a::RecordBatch>(key_schema_, n, cols);
      l.table.key_bytes += BatchBytes(*key_batch);
      l.table.key_chunks.push_back(std::move(key_batch));
    }
    const uint32_t total = l.table.size();
    for (size_t k = 0; k < aggregates_.size(); ++k) {
      const auto& agg = aggregates_[k];
      std::vector<uint32_t> selected_ids;
      const uint32_t* ids = group_ids.data();
      int64_t rows = n;
      if (agg.filter) {
        for (int64_t r : selections[k]) selected_ids.push_back(group_ids[static_cast<size_t>(r)]);
        ids = selected_ids.data();
        rows = static_cast<int64_t>(selected_ids.size());
      }
      if (!agg.distinct) {
        RETURN_NOT_OK(l.accumulators[k]->Update(args[k], ids, rows, total));
        continue;
      }
      // DISTINCT: keep the first occurrence of (group, arguments) of this task.
      std::vector<a::ArrayDataPtr> arg_arrays;
      for (const auto& v : args[k]) arg_arrays.push_back(v.array());
      std::vector<std::string> seen_keys(static_cast<size_t>(rows));
      for (int64_t r = 0; r < rows; ++r) seen_keys[static_cast<size_t>(r)] = GroupIdBytes(ids[r]);
      RETURN_NOT_OK(EncodeRows(arg_arrays, rows, &seen_keys));
      DistinctRows& d = l.distinct[k];
      const int32_t arg_chunk = static_cast<int32_t>(d.chunks.size());
      d.chunks.push_back(arg_arrays);
      for (int64_t r = 0; r < rows; ++r) {
        if (d.seen.insert(std::move(seen_keys[static_cast<size_t>(r)])).second) {
          d.group_ids.push_back(ids[r]);
          d.refs.push_back({arg_chunk, static_cast<uint32_t>(r)});
        }
      }
    }
  }
  return AccountLocal(ctx, global, local);
}

Result<exec::SinkResult> HashAggregateSink::AccountLocal(exec::ExecContext& ctx, exec::GlobalSinkState& global,
                                                         exec::LocalSinkState& local) const {
  auto& l = static_cast<AggLocalState&>(local);
  int64_t usage = l.table.key_bytes + l.table.ids.MemoryUsage();
  for (const auto& acc : l.accumulators) usage += acc ? acc->MemoryUsage() : 0;
  for (const auto& d : l.distinct) usage += static_cast<int64_t>(d.seen.size()) * 64;
  const int64_t budget = SpillBudget(ctx, /*global=*/false);
  Status reserved = l.reservation.TryResizeWithin(usage, budget);
  if (!reserved.ok()) {
    if (reserved.code() != StatusCode::kResourcesExhausted || !Spillable()) return reserved;
    auto& g = static_cast<AggGlobalState&>(global);
    RETURN_NOT_OK(SpillGroups(ctx, g.metrics, &l.table, &l.accumulators, &l.spilled));
    l.reservation.Free();
  }
  return exec::SinkResult::kNeedMoreInput;
}

bool HashAggregateSink::Spillable() const {
  // A DISTINCT aggregate's partial state is its set of seen values, kept outside the
  // accumulators; those aggregations stay in memory.
  for (const auto& agg : aggregates_) {
    if (agg.distinct) return false;
  }
  return !group_exprs_.empty();
}

int64_t HashAggregateSink::SpillBudget(exec::ExecContext& ctx, bool global) const {
  if (!Spillable()) return INT64_MAX;
  // Each task's table may use a share of the limit and the combined table a quarter, leaving
  // room for the copies that merging and spilling make.
  return ctx.config().MemoryShare(global ? 4 : 4 * ctx.config().target_partitions);
}

Status HashAggregateSink::SpillGroups(exec::ExecContext& ctx, exec::OperatorMetrics* metrics,
                                      GroupTable* table_ptr, Accumulators* accumulators_ptr,
                                      SpillPartitions* spilled_ptr) const {
  GroupTable& table = *table_ptr;
  Accumulators& accumulators = *accumulators_ptr;
  SpillPartitions& spilled = *spilled_ptr;
  const uint32_t groups = table.size();
  if (groups > 0) {
    MemoryPool* pool = ctx.memory_pool();
    ASSIGN_OR_RAISE(auto keys, GatherBatch(key_schema_, table.key_chunks, table.refs.data(), groups, pool));
    std::vector<a::ArrayDataPtr> columns;
    {
      a::UInt32Builder sets;
      RETURN_NOT_OK(sets.Reserve(groups));
      for (uint32_t i = 0; i < groups; ++i) {
        RETURN_NOT_OK(sets.Append(table.set_of_group[i]));
      }
      ASSIGN_OR_RAISE(auto set_array, sets.Finish());
      columns.push_back(std::move(set_array));
    }
    for (const auto& c : keys->columns()) columns.push_back(c);
    for (auto& acc : accumulators) {
      ASSIGN_OR_RAISE(auto states, acc->State());
      for (auto& st : states) columns.push_back(std::move(st));
    }
    a::FieldVector fields;
    for (size_t c = 0; c < columns.size(); ++c) {
      fields.push_back(a::MakeField("c" + std::to_string(c), columns[c]->type, true));
    }
    auto batch = std::make_shared<a::RecordBatch>(a::MakeSchema(std::move(fields)), groups, std::move(columns));
    std::vector<std::vector<int64_t>> rows(kSpillPartitions);
    for (uint32_t id = 0; id < table.ids.size(); ++id) {
      rows[GroupHashTable::Hash(table.ids.key(id)) % kSpillPartitions].push_back(id);
    }
    for (size_t p = 0; p < kSpillPartitions; ++p) {
      if (rows[p].empty()) continue;
      ASSIGN_OR_RAISE(auto part, TakeBatch(batch, rows[p].data(), static_cast<int64_t>(rows[p].size()), pool));
      ASSIGN_OR_RAISE(auto file, ctx.spill_manager().SpillBatches(part->schema(), {part}, "aggregate", metrics));
      spilled[p].push_back(std::move(file));
    }
  }
  table = GroupTable{};
  for (size_t k = 0; k < aggregates_.size(); ++k) accumulators[k] = aggregates_[k].resolved.make_accumulator();
  return Status::OK();
}

Status HashAggregateSink::Combine(exec::ExecContext& ctx, exec::GlobalSinkState& global,
                                  exec::LocalSinkState& local) const {
  auto& g = static_cast<AggGlobalState&>(global);
  auto& l = static_cast<AggLocalState&>(local);
  MemoryPool* pool = ctx.memory_pool();
  {
    std::lock_guard<std::mutex> lock(g.mutex);
    for (size_t p = 0; p < kSpillPartitions; ++p) {
      for (auto& file : l.spilled[p]) g.spilled[p].push_back(std::move(file));
    }
  }
  const uint32_t local_groups = l.table.size();
  if (local_groups == 0) return Status::OK();
  ASSIGN_OR_RAISE(auto local_keys, GatherBatch(key_schema_, l.table.key_chunks, l.table.refs.data(),
                                               local_groups, pool));

  std::lock_guard<std::mutex> lock(g.mutex);
  const int32_t chunk = static_cast<int32_t>(g.table.key_chunks.size());
  g.table.key_chunks.push_back(local_keys);
  g.table.key_bytes += BatchBytes(*local_keys);
  std::vector<uint32_t> mapping(local_groups);
  for (uint32_t i = 0; i < local_groups; ++i) {
    bool inserted = false;
    mapping[i] = g.table.ids.FindOrInsert(l.table.ids.key(i), &inserted);
    if (inserted) {
      g.table.refs.push_back({chunk, i});
      g.table.set_of_group.push_back(l.table.set_of_group[i]);
    }
  }
  const uint32_t total = g.table.size();
  for (size_t k = 0; k < aggregates_.size(); ++k) {
    const auto& agg = aggregates_[k];
    if (!agg.distinct) {
      ASSIGN_OR_RAISE(auto states, l.accumulators[k]->State());
      RETURN_NOT_OK(g.accumulators[k]->Merge(states, mapping.data(), local_groups, total));
      continue;
    }
    DistinctRows& d = l.distinct[k];
    ASSIGN_OR_RAISE(auto arg_arrays, GatherColumns(agg.resolved.arg_types, d.chunks, d.refs, pool));
    const int64_t rows = static_cast<int64_t>(d.refs.size());
    std::vector<uint32_t> global_ids(static_cast<size_t>(rows));
    std::vector<std::string> seen_keys(static_cast<size_t>(rows));
    for (int64_t r = 0; r < rows; ++r) {
      global_ids[static_cast<size_t>(r)] = mapping[d.group_ids[static_cast<size_t>(r)]];
      seen_keys[static_cast<size_t>(r)] = GroupIdBytes(global_ids[static_cast<size_t>(r)]);
    }
    RETURN_NOT_OK(EncodeRows(arg_arrays, rows, &seen_keys));
    std::vector<int64_t> novel;
    std::vector<uint32_t> novel_ids;
    for (int64_t r = 0; r < rows; ++r) {
      if (g.distinct_seen[k].insert(std::move(seen_keys[static_cast<size_t>(r)])).second) {
        novel.push_back(r);
        novel_ids.push_back(global_ids[static_cast<size_t>(r)]);
      }
    }
    std::vector<Datum> args;
    for (const auto& arr : arg_arrays) {
      ASSIGN_OR_RAISE(auto taken, TakeArray(arr, novel.data(), static_cast<int64_t>(novel.size()), pool));
      args.emplace_back(std::move(taken));
    }
    RETURN_NOT_OK(g.accumulators[k]->Update(args, novel_ids.data(),
                                            static_cast<int64_t>(novel_ids.size()), total));
  }
  int64_t usage = g.table.key_bytes + g.table.ids.MemoryUsage();
  for (const auto& acc : g.accumulators) usage += acc->MemoryUsage();
  Status reserved = g.reservation.TryResizeWithin(usage, SpillBudget(ctx, /*global=*/true));
  if (!reserved.ok()) {
    if (reserved.code() != StatusCode::kResourcesExhausted || !Spillable()) return reserved;
    RETURN_NOT_OK(SpillGroups(ctx, g.metrics, &g.table, &g.accumulators, &g.spilled));
    g.reservation.Free();
  }
  return Status::OK();
}

Status HashAggregateSink::Finalize(exec::ExecContext& ctx, exec::GlobalSinkState& global) const {
  auto& g = static_cast<AggGlobalState&>(global);
  bool any_spilled = false;
  for (const auto& files : g.spilled) any_spilled = any_spilled || !files.empty();
  if (!any_spilled) {
    if (g.table.size() == 0) {
      // No input rows at all. A grouping set without columns still has its one group, as an
      // aggregate without GROUP BY has one row: count 0, sum NULL, ... (ROLLUP's grand total).
      for (size_t set = 0; set < grouping_sets_.size(); ++set) {
        if (!grouping_sets_[set].empty()) continue;
        bool inserted = false;
        g.table.ids.FindOrInsert(grouping_sets_.size() > 1 ? GroupIdBytes(static_cast<uint32_t>(set)) : std::string(),
                                 &inserted);
        g.table.refs.push_back({-1, 0});
        g.table.set_of_group.push_back(static_cast<uint32_t>(set));
      }
    }
    ASSIGN_OR_RAISE(auto batch, EmitGroups(ctx, &g.table, &g.accumulators));
    if (batch) g.output.push_back(std::move(batch));
    return Status::OK();
  }
  // Some partial groups are on disk: put the rest there too, then finish one partition at a
  // time, merging every partial state of its groups.
  RETURN_NOT_OK(SpillGroups(ctx, g.metrics, &g.table, &g.accumulators, &g.spilled));
  g.reservation.Free();
  for (size_t p = 0; p < kSpillPartitions; ++p) {
    GroupTable table;
    std::vector<std::unique_ptr<GroupedAccumulator>> accumulators;
    for (const auto& agg : aggregates_) accumulators.push_back(agg.resolved.make_accumulator());
    for (const auto& file : g.spilled[p]) {
      ASSIGN_OR_RAISE(auto reader, file->OpenReader());
      while (true) {
        ASSIGN_OR_RAISE(auto batch, reader->Next());
        if (!batch) break;
        // Spilled rows: set id, keys, states.
        std::vector<a::ArrayDataPtr> key_columns;
        for (size_t i = 0; i < group_exprs_.size(); ++i) key_columns.push_back(batch->column_data(static_cast<int>(1 + i)));
        RETURN_NOT_OK(MergeGroupStates(*batch, std::move(key_columns), batch->column_data(0)->GetValues<uint32_t>(1),
                                       static_cast<int>(1 + group_exprs_.size()), &table, &accumulators));
      }
    }
    g.spilled[p].clear();
    ASSIGN_OR_RAISE(auto out, EmitGroups(ctx, &table, &accumulators));
    if (out) g.output.push_back(std::move(out));
  }
  return Status::OK();
}

Status HashAggregateSink::MergeGroupStates(const a::RecordBatch& batch, std::vector<a::ArrayDataPtr> key_columns,
                                           const uint32_t* sets, int first_state_column, GroupTable* table_ptr,
                                           Accumulators* accumulators_ptr) const {
  GroupTable& table = *table_ptr;
  Accumulators& accumulators = *accumulators_ptr;
  const int64_t n = batch.num_rows();
  if (n == 0) return Status::OK();
  // The same key encoding as Consume, so a group's partial states meet again (without GROUP BY
  // every key is empty: one group).
  std::vector<std::string> keys(static_cast<size_t>(n));
  if (grouping_sets_.size() > 1) {
    for (int64_t r = 0; r < n; ++r) keys[static_cast<size_t>(r)] = GroupIdBytes(sets[r]);
  }
  RETURN_NOT_OK(EncodeRows(key_columns, n, &keys));
  const int32_t chunk = static_cast<int32_t>(table.key_chunks.size());
  std::vector<uint32_t> mapping(static_cast<size_t>(n));
  bool used = false;
  for (int64_t r = 0; r < n; ++r) {
    bool inserted = false;
    mapping[static_cast<size_t>(r)] = table.ids.FindOrInsert(keys[static_cast<size_t>(r)], &inserted);
    if (inserted) {
      table.refs.push_back({chunk, static_cast<uint32_t>(r)});
      table.set_of_group.push_back(sets != nullptr ? sets[r] : 0);
      used = true;
    }
  }
  if (used) {
    auto key_batch = std::make_shared<a::RecordBatch>(key_schema_, n, std::move(key_columns));
    table.key_bytes += BatchBytes(*key_batch);
    table.key_chunks.push_back(std::move(key_batch));
  }
  const uint32_t total = table.size();
  int column = first_state_column;
  for (size_t k = 0; k < aggregates_.size(); ++k) {
    // State() of an empty accumulator tells how many state columns this aggregate has.
    auto probe = aggregates_[k].resolved.make_accumulator();
    ASSIGN_OR_RAISE(auto empty_states, probe->State());
    if (column + static_cast<int>(empty_states.size()) > batch.num_columns()) {
      return Status::Internal("aggregation: a batch of partial groups has " + std::to_string(batch.num_columns()) +
                              " columns, too few for the states of " + aggregates_[k].display);
    }
    std::vector<a::ArrayDataPtr> states;
    for (size_t j = 0; j < empty_states.size(); ++j) states.push_back(batch.column_data(column++));
    RETURN_NOT_OK(accumulators[k]->Merge(states, mapping.data(), n, total));
  }
  return Status::OK();
}

Result<a::RecordBatchPtr> HashAggregateSink::EmitGroups(exec::ExecContext&, GroupTable* table_ptr,
                                                        Accumulators* accumulators_ptr) const {
  GroupTable& table = *table_ptr;
  Accumulators& accumulators = *accumulators_ptr;
  // The output rows stream out of the operator, so like scan output they are not charged to the
  // execution's limit (the table they come from was).
  MemoryPool* pool = DefaultMemoryPool();
  const uint32_t groups = table.size();
  if (groups == 0) return a::RecordBatchPtr();
  for (size_t k = 0; k < aggregates_.size(); ++k) {
    ASSIGN_OR_RAISE(auto empty, EmptyArgs(aggregates_[k].resolved));
    RETURN_NOT_OK(accumulators[k]->Update(empty, nullptr, 0, groups));
  }
  ASSIGN_OR_RAISE(auto keys, GatherBatch(key_schema_, table.key_chunks, table.refs.data(), groups, pool));
  std::vector<a::ArrayDataPtr> columns = keys->columns();
  if (phase_ == AggregatePhase::kPartial) {
    // The partial states, cast to the declared state types where an accumulator's differ.
    for (size_t k = 0; k < aggregates_.size(); ++k) {
      ASSIGN_OR_RAISE(auto states, accumulators[k]->State());
      for (auto& state : states) {
        const size_t c = columns.size();
        if (c >= static_cast<size_t>(output_schema_->num_fields())) {
          return Status::Internal("partial aggregation: more state columns than the declared " +
                                  std::to_string(output_schema_->num_fields()));
        }
        const auto& want = output_schema_->field(static_cast<int>(c))->type();
        if (!(*state->type == *want)) {
          ASSIGN_OR_RAISE(state, compute::CastArray(state, want));
        }
        columns.push_back(std::move(state));
      }
    }
    return std::make_shared<a::RecordBatch>(output_schema_, groups, std::move(columns));
  }
  for (size_t k = 0; k < aggregates_.size(); ++k) {
    ASSIGN_OR_RAISE(auto values, accumulators[k]->Finalize());
    const auto& want = aggregates_[k].output_type;
    if (want && !(*values->type == *want)) {
      ASSIGN_OR_RAISE(values, compute::CastArray(values, want));
    }
    columns.push_back(std::move(values));
  }
  if (emit_grouping_id_) {
    ASSIGN_OR_RAISE(auto buffer, AllocateBuffer(groups * static_cast<int64_t>(sizeof(uint64_t)), pool));
    auto* ids = buffer->mutable_data_as<uint64_t>();
    const size_t k = group_exprs_.size();
    for (uint32_t i = 0; i < groups; ++i) {
      uint64_t bits = 0;
      const auto& set = grouping_sets_[table.set_of_group[i]];
      for (size_t e = 0; e < k; ++e) {
        bool in_set = false;
        for (int member : set) in_set |= member == static_cast<int>(e);
        if (!in_set) bits |= uint64_t{1} << (k - 1 - e);
      }
      ids[i] = bits;
    }
    columns.push_back(a::ArrayData::Make(a::UInt64(), groups, {nullptr, buffer}, 0));
  }
  return std::make_shared<a::RecordBatch>(output_schema_, groups, std::move(columns));
}

}  // namespace ballista::physical
