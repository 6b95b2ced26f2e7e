#include "ballista/physical/operators/hash_join_probe.h"

#include "ballista/physical/kernels/gather.h"
#include "ballista/physical/kernels/row_encoder.h"
#include "ballista/common/buffer.h"
#include "ballista/arrow/bit_util.h"

namespace ballista::physical {
namespace {

namespace a = ballista::arrow;
using logical::JoinType;

struct ProbeGlobalState final : public exec::GlobalOperatorState {
  HashJoinBuildState* build = nullptr;
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
                             a::SchemaPtr left_schema, a::SchemaPtr output_schema)
    : type_(type),
      null_aware_(null_aware),
      left_keys_(std::move(left_keys)),
      filter_(std::move(filter)),
      build_(std::move(build)),
      left_schema_(std::move(left_schema)),
      output_schema_(std::move(output_schema)) {
  a::FieldVector fields = left_schema_->fields();
  for (const auto& f : build_->schema()->fields()) fields.push_back(f);
  candidate_schema_ = a::MakeSchema(std::move(fields));
}

std::string HashJoinProbe::name() const {
  std::string out = "HashJoinProbe(" + std::string(logical::JoinTypeName(type_));
  if (null_aware_) out += " null_aware";
  out += ", keys=[";
  for (size_t i = 0; i < left_keys_.size(); ++i) out += (i ? ", " : "") + left_keys_[i]->ToString();
  out += "]";
  if (filter_) out += ", filter=" + filter_->ToString();
  return out + ")";
}

Result<std::unique_ptr<exec::GlobalOperatorState>> HashJoinProbe::MakeGlobalOperatorState(
    exec::ExecContext& ctx, exec::OperatorMetrics&) const {
  auto state = std::make_unique<ProbeGlobalState>();
  ASSIGN_OR_RAISE(state->build, ctx.FinishedSinkStateAs<HashJoinBuildState>(*build_));
  return state;
}

Result<exec::OperatorResult> HashJoinProbe::Execute(exec::ExecContext& ctx,
                                                    const a::RecordBatchPtr& input,
                                                    exec::GlobalOperatorState& global,
                                                    exec::LocalOperatorState&,
                                                    exec::OperatorOutput* out) const {
  const HashJoinBuildState& build = *static_cast<ProbeGlobalState&>(global).build;
  MemoryPool* pool = ctx.memory_pool();
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
    auto it = build.heads.find(keys[static_cast<size_t>(i)]);
    if (it == build.heads.end()) continue;
    for (uint32_t b = it->second; b != HashJoinBuildState::kEnd; b = build.next[b]) {
      probe_refs.push_back({0, static_cast<uint32_t>(i)});
      build_refs.push_back({0, b});
    }
  }
  // The residual filter decides which candidates are matches; for null-aware mark joins a NULL
  // filter result makes the mark unknown.
  std::vector<uint8_t> unknown(static_cast<size_t>(n), 0);
  if (filter_ && !probe_refs.empty()) {
    ASSIGN_OR_RAISE(auto candidates, Assemble(candidate_schema_, *input, probe_refs, build.rows.get(),
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
  if (type_ == JoinType::kRight || type_ == JoinType::kFull) {
    for (const auto& r : build_refs) build.matched[r.row].store(1, std::memory_order_relaxed);
  }

  a::RecordBatchPtr result;
  switch (type_) {
    case JoinType::kInner:
    case JoinType::kRight: {
      ASSIGN_OR_RAISE(result, Assemble(output_schema_, *input, probe_refs, build.rows.get(),
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
      ASSIGN_OR_RAISE(result, Assemble(output_schema_, *input, probe_refs, build.rows.get(),
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
  if (result && result->num_rows() > 0) out->batch = std::move(result);
  return exec::OperatorResult::kNeedMoreInput;
}

Result<std::vector<a::RecordBatchPtr>> UnmatchedBuildRows(const HashJoinBuildState& build,
                                                          const a::SchemaPtr& output_schema,
                                                          int left_columns, MemoryPool* pool) {
  std::vector<RowRef> left_refs, right_refs;
  for (int64_t i = 0; i < build.num_rows(); ++i) {
    if (build.matched[static_cast<size_t>(i)].load(std::memory_order_relaxed)) continue;
    left_refs.push_back({-1, 0});
    right_refs.push_back({0, static_cast<uint32_t>(i)});
  }
  std::vector<a::RecordBatchPtr> out;
  if (left_refs.empty()) return out;
  const int64_t n = static_cast<int64_t>(left_refs.size());
  std::vector<a::ArrayDataPtr> columns;
  for (int c = 0; c < left_columns; ++c) {
    ASSIGN_OR_RAISE(auto col, Gather(output_schema->field(c)->type(), {}, left_refs.data(), n, pool));
    columns.push_back(std::move(col));
  }
  for (int c = 0; c < build.rows->num_columns(); ++c) {
    ASSIGN_OR_RAISE(auto col, Gather(output_schema->field(left_columns + c)->type(),
                                     {build.rows->column_data(c).get()}, right_refs.data(), n, pool));
    columns.push_back(std::move(col));
  }
  out.push_back(std::make_shared<a::RecordBatch>(output_schema, n, std::move(columns)));
  return out;
}

}  // namespace ballista::physical
