#include "ballista/physical/operators/hash_join_probe.h"

#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/kernels/row_encoder.h"
#include "ballista/common/buffer.h"
#include "ballista/arrow/bit_util.h"
#include "ballista/physical/operators/materialized.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;
using logical::JoinType;

struct ProbeGlobalState final : public exec::GlobalOperatorState {
  HashJoinBuildState* build = nullptr;
  exec::OperatorMetrics* metrics = nullptr;
};

/// Bytes a partition's table needs besides its rows (as the build sink estimates).
constexpr int64_t kTableBytesPerRow = 48;

/// A task's spilled probe rows (only used when the build side spilled).
struct ProbeLocalState final : public exec::LocalOperatorState {
  explicit ProbeLocalState(MemoryPool* pool) : reservation(pool) {}
  std::vector<std::unique_ptr<exec::SpillWriter>> writers;  ///< per partition, while probing
  std::vector<exec::SpillFilePtr> files;                    ///< per partition, in FinalExecute
  bool writing_done = false;
  int next_partition = 0;    ///< the next partition FinalExecute joins
  HashJoinTable table;       ///< the build partition being joined
  a::RecordBatchReaderPtr reader;  ///< its probe rows
  exec::MemoryReservation reservation;  ///< for `table`
};

/// Output columns: left columns gathered by `left_refs` from `left`, then (when `right_refs` is
/// given) build columns gathered by `right_refs` from `build`.
Result<a::RecordBatchPtr> Assemble(const a::SchemaPtr& schema, const a::RecordBatch& left,
                                   const std::vector<RowRef>& left_refs, const a::RecordBatch* build,
                                   const std::vector<RowRef>* right_refs, MemoryPool* pool) {
  const int64_t n = static_cast<int64_t>(left_refs.size());
  std::vector<a::ArrayDataPtr> columns;
  for (int c = 0; c < left.num_columns(); ++c) {
    ASSIGN_OR_RAISE(auto col, Gather(schema->field(c)->type(), {left.column_data(c).get()},
                                     left_refs.data(), n, pool));
    columns.push_back(std::move(col));
  }
  if (build != nullptr) {
    for (int c = 0; c < build->num_columns(); ++c) {
      ASSIGN_OR_RAISE(auto col, Gather(schema->field(left.num_columns() + c)->type(),
                                       {build->column_data(c).get()}, right_refs->data(), n, pool));
      columns.push_back(std::move(col));
    }
  }
  return std::make_shared<a::RecordBatch>(schema, n, std::move(columns));
}

}  // namespace

HashJoinProbe::HashJoinProbe(JoinType type, bool null_aware, std::vector<PhysicalExprPtr> left_keys,
                             PhysicalExprPtr filter, std::shared_ptr<const HashJoinBuildSink> build,
                             a::SchemaPtr left_schema, a::SchemaPtr output_schema, bool build_side_output)
    : type_(type),
      null_aware_(null_aware),
      build_side_output_(build_side_output),
      left_keys_(std::move(left_keys)),
      filter_(std::move(filter)),
      build_(std::move(build)),
      left_schema_(std::move(left_schema)),
      output_schema_(std::move(output_schema)) {
  a::FieldVector fields = left_schema_->fields();
  for (const auto& f : build_->schema()->fields()) fields.push_back(f);
  candidate_schema_ = a::MakeSchema(std::move(fields));
}

bool HashJoinProbe::MarksBuildRows() const {
  return type_ == JoinType::kRight || type_ == JoinType::kFull || build_side_output_;
}

std::string HashJoinProbe::name() const {
  std::string out = "HashJoinProbe(" + std::string(logical::JoinTypeName(type_));
  if (null_aware_) out += " null_aware";
  if (build_side_output_) out += " built on the left";
  out += ", keys=[";
  for (size_t i = 0; i < left_keys_.size(); ++i) out += (i ? ", " : "") + left_keys_[i]->ToString();
  out += "]";
  if (filter_) out += ", filter=" + filter_->ToString();
  return out + ")";
}

Result<std::unique_ptr<exec::GlobalOperatorState>> HashJoinProbe::MakeGlobalOperatorState(
    exec::ExecContext& ctx, exec::OperatorMetrics& metrics) const {
  auto state = std::make_unique<ProbeGlobalState>();
  ASSIGN_OR_RAISE(state->build, ctx.FinishedSinkStateAs<HashJoinBuildState>(*build_));
  state->metrics = &metrics;
  if (state->build->spilled && MarksBuildRows()) {
    state->build->EnsurePartitionFlags();
  }
  return state;
}

Result<std::unique_ptr<exec::LocalOperatorState>> HashJoinProbe::MakeLocalOperatorState(
    exec::ExecContext&, exec::GlobalOperatorState& global, int) const {
  auto& g = static_cast<ProbeGlobalState&>(global);
  auto state = std::make_unique<ProbeLocalState>(g.metrics->memory_pool());
  if (g.build->spilled) state->writers.resize(HashJoinBuildState::kPartitions);
  return state;
}

Result<exec::OperatorResult> HashJoinProbe::Execute(exec::ExecContext& ctx,
                                                    const a::RecordBatchPtr& input,
                                                    exec::GlobalOperatorState& global,
                                                    exec::LocalOperatorState& local,
                                                    exec::OperatorOutput* out) const {
  auto& g = static_cast<ProbeGlobalState&>(global);
  const HashJoinBuildState& build = *g.build;
  MemoryPool* pool = ctx.memory_pool();
  if (!build.spilled) {
    ASSIGN_OR_RAISE(auto result, ProbeBatch(*input, build.table, build, pool));
    if (result && result->num_rows() > 0) out->batch = std::move(result);
    return exec::OperatorResult::kNeedMoreInput;
  }
  // Partitioned: park each row in the task's spill file of its key's partition.
  auto& l = static_cast<ProbeLocalState&>(local);
  const int64_t n = input->num_rows();
  compute::ExecContext kctx{pool};
  std::vector<a::ArrayDataPtr> key_columns;
  for (const auto& key : left_keys_) {
    ASSIGN_OR_RAISE(auto col, EvaluateToArray(*key, *input, &kctx));
    key_columns.push_back(std::move(col));
  }
  std::vector<std::string> keys(static_cast<size_t>(n));
  RETURN_NOT_OK(EncodeRows(key_columns, n, &keys));
  std::vector<uint16_t> parts;
  HashJoinPartitions(keys, &parts);
  std::vector<std::vector<int64_t>> rows(HashJoinBuildState::kPartitions);
  for (int64_t i = 0; i < n; ++i) rows[parts[static_cast<size_t>(i)]].push_back(i);
  for (int p = 0; p < HashJoinBuildState::kPartitions; ++p) {
    const auto& indices = rows[static_cast<size_t>(p)];
    if (indices.empty()) continue;
    auto& writer = l.writers[static_cast<size_t>(p)];
    if (!writer) {
      ASSIGN_OR_RAISE(writer, ctx.spill_manager().CreateWriter(left_schema_, "HashJoinProbe", g.metrics));
    }
    ASSIGN_OR_RAISE(auto part, TakeBatch(input, indices.data(), static_cast<int64_t>(indices.size()), pool));
    RETURN_NOT_OK(writer->Write(*part));
  }
  return exec::OperatorResult::kNeedMoreInput;
}

Result<exec::OperatorResult> HashJoinProbe::FinalExecute(exec::ExecContext& ctx,
                                                         exec::GlobalOperatorState& global,
                                                         exec::LocalOperatorState& local,
                                                         exec::OperatorOutput* out) const {
  const HashJoinBuildState& build = *static_cast<ProbeGlobalState&>(global).build;
  if (!build.spilled) return exec::OperatorResult::kFinished;
  auto& l = static_cast<ProbeLocalState&>(local);
  MemoryPool* pool = ctx.memory_pool();
  if (!l.writing_done) {
    l.files.resize(HashJoinBuildState::kPartitions);
    for (size_t p = 0; p < l.writers.size(); ++p) {
      if (!l.writers[p]) continue;
      ASSIGN_OR_RAISE(l.files[p], l.writers[p]->Finish());
      l.writers[p].reset();
    }
    l.writing_done = true;
  }
  while (true) {
    if (l.reader) {
      // Join up to a batch worth of the partition's probe rows at once.
      std::vector<a::RecordBatchPtr> chunk;
      int64_t chunk_rows = 0;
      while (chunk_rows < ctx.batch_size()) {
        ASSIGN_OR_RAISE(auto batch, l.reader->Next());
        if (!batch) break;
        chunk_rows += batch->num_rows();
        chunk.push_back(std::move(batch));
      }
      if (chunk.empty()) {
        l.reader.reset();
        l.table = HashJoinTable{};
        l.reservation.Free();
        continue;
      }
      a::RecordBatchPtr probe_rows = chunk.front();
      if (chunk.size() > 1) {
        ASSIGN_OR_RAISE(probe_rows, ConcatBatches(left_schema_, chunk, pool));
      }
      chunk.clear();
      ASSIGN_OR_RAISE(auto result, ProbeBatch(*probe_rows, l.table, build, pool));
      if (result && result->num_rows() > 0) {
        out->batch = std::move(result);
        return exec::OperatorResult::kHaveMoreOutput;
      }
      continue;
    }
    if (l.next_partition >= HashJoinBuildState::kPartitions) return exec::OperatorResult::kFinished;
    const int p = l.next_partition++;
    const auto& probe_file = l.files[static_cast<size_t>(p)];
    if (!probe_file) continue;
    const auto& build_file = build.partition_files[static_cast<size_t>(p)];
    if (build_file) {
      const int64_t need = build_file->size_bytes() + build_file->num_rows() * kTableBytesPerRow;
      Status reserved = l.reservation.TryGrow(need);
      if (!reserved.ok()) {
        return Status::ResourcesExhausted(
            "hash join build partition " + std::to_string(p) + " of " +
            std::to_string(build_file->num_rows()) + " rows (" + std::to_string(need) +
            " bytes with its table) does not fit in memory even after partitioning the build "
            "side into " + std::to_string(HashJoinBuildState::kPartitions) + " partitions: " +
            reserved.message());
      }
    }
    ASSIGN_OR_RAISE(auto rows, build_->LoadPartition(build, p, pool));
    bool has_null_key = false;  // already known for the whole build side
    RETURN_NOT_OK(BuildHashJoinTable(build_->keys(), std::move(rows), pool, &l.table, &has_null_key));
    l.table.matched = build.partition_matched.empty()
                          ? nullptr
                          : build.partition_matched[static_cast<size_t>(p)].get();
    ASSIGN_OR_RAISE(l.reader, probe_file->OpenReader());
  }
}

Result<a::RecordBatchPtr> HashJoinProbe::ProbeBatch(const a::RecordBatch& input_batch,
                                                    const HashJoinTable& table,
                                                    const HashJoinBuildState& build,
                                                    MemoryPool* pool) const {
  const a::RecordBatch* input = &input_batch;
  compute::ExecContext kctx{pool};
  const int64_t n = input->num_rows();
  const bool build_empty = build.num_rows() == 0;

  std::vector<a::ArrayDataPtr> key_columns;
  for (const auto& key : left_keys_) {
    ASSIGN_OR_RAISE(auto col, EvaluateToArray(*key, *input, &kctx));
    key_columns.push_back(std::move(col));
  }
  std::vector<std::string> keys(static_cast<size_t>(n));
  RETURN_NOT_OK(EncodeRows(key_columns, n, &keys));
  std::vector<uint8_t> null_rows;
  RowsWithNull(key_columns, n, &null_rows);

  // Candidate pairs (probe row, build row) with equal, non-NULL keys.
  std::vector<RowRef> probe_refs;
  std::vector<RowRef> build_refs;
  for (int64_t i = 0; i < n; ++i) {
    if (null_rows[static_cast<size_t>(i)]) continue;
    auto it = table.heads.find(keys[static_cast<size_t>(i)]);
    if (it == table.heads.end()) continue;
    for (uint32_t b = it->second; b != HashJoinTable::kEnd; b = table.next[b]) {
      probe_refs.push_back({0, static_cast<uint32_t>(i)});
      build_refs.push_back({0, b});
    }
  }
  // The residual filter decides which candidates are matches; for null-aware mark joins a NULL
  // filter result makes the mark unknown.
  std::vector<uint8_t> unknown(static_cast<size_t>(n), 0);
  if (filter_ && !probe_refs.empty()) {
    ASSIGN_OR_RAISE(auto candidates, Assemble(candidate_schema_, *input, probe_refs, table.rows.get(),
                                              &build_refs, pool));
    ASSIGN_OR_RAISE(auto mask, filter_->Evaluate(*candidates, &kctx));
    std::vector<int64_t> keep = SelectedRows(mask, candidates->num_rows());
    if (mask.is_array()) {
      const auto& m = *mask.array();
      for (size_t p = 0; p < probe_refs.size(); ++p) {
        if (m.IsNull(static_cast<int64_t>(p))) unknown[probe_refs[p].row] = 1;
      }
    }
    std::vector<RowRef> kept_probe, kept_build;
    for (int64_t p : keep) {
      kept_probe.push_back(probe_refs[static_cast<size_t>(p)]);
      kept_build.push_back(build_refs[static_cast<size_t>(p)]);
    }
    probe_refs = std::move(kept_probe);
    build_refs = std::move(kept_build);
  }
  std::vector<uint8_t> matched(static_cast<size_t>(n), 0);
  for (const auto& r : probe_refs) matched[r.row] = 1;
  if (MarksBuildRows() && table.matched != nullptr) {
    for (const auto& r : build_refs) table.matched[r.row].store(1, std::memory_order_relaxed);
  }
  if (build_side_output_) return a::RecordBatchPtr();  // BuildSideRows emits the result

  a::RecordBatchPtr result;
  switch (type_) {
    case JoinType::kInner:
    case JoinType::kRight: {
      ASSIGN_OR_RAISE(result, Assemble(output_schema_, *input, probe_refs, table.rows.get(),
                                       &build_refs, pool));
      break;
    }
    case JoinType::kLeft:
    case JoinType::kFull: {
      for (int64_t i = 0; i < n; ++i) {
        if (matched[static_cast<size_t>(i)]) continue;
        probe_refs.push_back({0, static_cast<uint32_t>(i)});
        build_refs.push_back({-1, 0});
      }
      ASSIGN_OR_RAISE(result, Assemble(output_schema_, *input, probe_refs, table.rows.get(),
                                       &build_refs, pool));
      break;
    }
    case JoinType::kLeftSemi:
    case JoinType::kLeftAnti: {
      const bool want = type_ == JoinType::kLeftSemi;
      std::vector<RowRef> rows;
      const bool all_unknown = type_ == JoinType::kLeftAnti && null_aware_ && build.has_null_key;
      for (int64_t i = 0; i < n && !all_unknown; ++i) {
        if ((matched[static_cast<size_t>(i)] != 0) != want) continue;
        // NOT IN: a NULL key or a NULL residual comparison makes the row's result unknown.
        if (type_ == JoinType::kLeftAnti && null_aware_ && !build_empty &&
            (null_rows[static_cast<size_t>(i)] || unknown[static_cast<size_t>(i)])) {
          continue;
        }
        rows.push_back({0, static_cast<uint32_t>(i)});
      }
      ASSIGN_OR_RAISE(result, Assemble(output_schema_, *input, rows, nullptr, nullptr, pool));
      break;
    }
    case JoinType::kLeftMark: {
      std::vector<RowRef> rows(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) rows[static_cast<size_t>(i)] = {0, static_cast<uint32_t>(i)};
      ASSIGN_OR_RAISE(auto left, Assemble(left_schema_, *input, rows, nullptr, nullptr, pool));
      ASSIGN_OR_RAISE(auto validity, AllocateBuffer(a::bit_util::BytesForBits(n), pool));
      ASSIGN_OR_RAISE(auto values, AllocateBuffer(a::bit_util::BytesForBits(n), pool));
      int64_t nulls = 0;
      for (int64_t i = 0; i < n; ++i) {
        const size_t s = static_cast<size_t>(i);
        bool is_null = false;
        if (!matched[s] && null_aware_ && !build_empty) {
          is_null = null_rows[s] || build.has_null_key || unknown[s];
        }
        if (is_null) {
          ++nulls;
          continue;
        }
        a::bit_util::SetBit(validity->mutable_data(), i);
        if (matched[s]) a::bit_util::SetBit(values->mutable_data(), i);
      }
      auto columns = left->columns();
      columns.push_back(a::ArrayData::Make(a::Boolean(), n, {nulls ? validity : nullptr, values}, nulls));
      result = std::make_shared<a::RecordBatch>(output_schema_, n, std::move(columns));
      break;
    }
  }
  return result;
}

namespace {

/// Rows of `rows` whose flag in `matched` equals `want_matched`, after `left_columns` NULL columns.
Status AppendFlagged(const a::RecordBatch& rows, const std::atomic<uint8_t>* matched, bool want_matched,
                     const a::SchemaPtr& output_schema, int left_columns, MemoryPool* pool,
                     std::vector<a::RecordBatchPtr>* out) {
  std::vector<RowRef> left_refs, right_refs;
  for (int64_t i = 0; i < rows.num_rows(); ++i) {
    if ((matched[static_cast<size_t>(i)].load(std::memory_order_relaxed) != 0) != want_matched) continue;
    left_refs.push_back({-1, 0});
    right_refs.push_back({0, static_cast<uint32_t>(i)});
  }
  if (left_refs.empty()) return Status::OK();
  const int64_t n = static_cast<int64_t>(left_refs.size());
  std::vector<a::ArrayDataPtr> columns;
  for (int c = 0; c < left_columns; ++c) {
    ASSIGN_OR_RAISE(auto col, Gather(output_schema->field(c)->type(), {}, left_refs.data(), n, pool));
    columns.push_back(std::move(col));
  }
  for (int c = 0; c < rows.num_columns(); ++c) {
    ASSIGN_OR_RAISE(auto col, Gather(output_schema->field(left_columns + c)->type(),
                                     {rows.column_data(c).get()}, right_refs.data(), n, pool));
    columns.push_back(std::move(col));
  }
  out->push_back(std::make_shared<a::RecordBatch>(output_schema, n, std::move(columns)));
  return Status::OK();
}

}  // namespace

namespace {

/// Streams the build rows whose matched flag is `want_matched`: all at once for an in-memory build
/// side, one spilled partition at a time otherwise (so only one partition is in memory).
class FlaggedRowsReader final : public a::RecordBatchReader {
 public:
  FlaggedRowsReader(const HashJoinBuildSink& sink, const HashJoinBuildState& build, a::SchemaPtr output_schema,
                    int left_columns, bool want_matched, MemoryPool* pool)
      : sink_(sink),
        build_(build),
        schema_(std::move(output_schema)),
        left_columns_(left_columns),
        want_matched_(want_matched),
        pool_(pool) {}
  a::SchemaPtr schema() const override { return schema_; }
  Result<a::RecordBatchPtr> Next() override {
    while (pending_.empty()) {
      if (!build_.spilled) {
        if (done_) return a::RecordBatchPtr();
        done_ = true;
        if (build_.table.num_rows() > 0) {
          RETURN_NOT_OK(AppendFlagged(*build_.table.rows, build_.matched.get(), want_matched_, schema_,
                                      left_columns_, pool_, &pending_));
        }
        continue;
      }
      if (partition_ >= HashJoinBuildState::kPartitions) return a::RecordBatchPtr();
      const int p = partition_++;
      if (!build_.partition_files[static_cast<size_t>(p)]) continue;
      if (build_.partition_matched.empty()) {
        return Status::Internal("hash join: build rows by match wanted without match flags");
      }
      ASSIGN_OR_RAISE(auto rows, sink_.LoadPartition(build_, p, pool_));
      RETURN_NOT_OK(AppendFlagged(*rows, build_.partition_matched[static_cast<size_t>(p)].get(), want_matched_,
                                  schema_, left_columns_, pool_, &pending_));
    }
    auto batch = std::move(pending_.front());
    pending_.erase(pending_.begin());
    return batch;
  }

 private:
  const HashJoinBuildSink& sink_;
  const HashJoinBuildState& build_;
  a::SchemaPtr schema_;
  int left_columns_;
  bool want_matched_;
  MemoryPool* pool_;
  int partition_ = 0;
  bool done_ = false;
  std::vector<a::RecordBatchPtr> pending_;
};

}  // namespace

a::RecordBatchReaderPtr UnmatchedBuildRows(const HashJoinBuildSink& sink, const HashJoinBuildState& build,
                                           const a::SchemaPtr& output_schema, int left_columns, MemoryPool* pool) {
  return std::make_shared<FlaggedRowsReader>(sink, build, output_schema, left_columns, false, pool);
}

a::RecordBatchReaderPtr BuildSideRows(const HashJoinBuildSink& sink, const HashJoinBuildState& build,
                                      const a::SchemaPtr& output_schema, bool matched, MemoryPool* pool) {
  return std::make_shared<FlaggedRowsReader>(sink, build, output_schema, 0, matched, pool);
}

}  // namespace ballista::physical
