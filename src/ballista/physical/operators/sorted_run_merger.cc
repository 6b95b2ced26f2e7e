#include "ballista/physical/operators/sorted_run_merger.h"

#include "ballista/physical/kernels/gather.h"

namespace ballista::physical {
namespace a = ballista::arrow;

SortedRunMerger::SortedRunMerger(a::SchemaPtr schema, std::vector<a::RecordBatchReaderPtr> runs,
                                 std::vector<PhysicalExprPtr> keys, std::vector<SortOrder> orders,
                                 int64_t batch_size, std::optional<int64_t> limit, MemoryPool* pool)
    : schema_(std::move(schema)),
      key_exprs_(std::move(keys)),
      orders_(std::move(orders)),
      batch_size_(std::max<int64_t>(1, batch_size)),
      remaining_(limit.value_or(INT64_MAX)),
      pool_(pool) {
  for (const auto& expr : key_exprs_) compare_.push_back(ValueComparatorFor(*expr->type()));
  cursors_.resize(runs.size());
  for (size_t i = 0; i < runs.size(); ++i) cursors_[i].reader = std::move(runs[i]);
}

Status SortedRunMerger::LoadBatch(Cursor& cursor) {
  while (true) {
    ASSIGN_OR_RAISE(auto batch, cursor.reader->Next());
    if (!batch) {
      cursor.done = true;
      cursor.batch.reset();
      cursor.keys.clear();
      return Status::OK();
    }
    if (batch->num_rows() == 0) continue;
    compute::ExecContext kctx{pool_};
    cursor.keys.clear();
    for (const auto& expr : key_exprs_) {
      ASSIGN_OR_RAISE(auto column, EvaluateToArray(*expr, *batch, &kctx));
      cursor.keys.push_back(std::move(column));
    }
    cursor.batch = std::move(batch);
    cursor.row = 0;
    cursor.chunk = -1;
    return Status::OK();
  }
}

bool SortedRunMerger::Before(size_t x, size_t y) const {
  const Cursor& cx = cursors_[x];
  const Cursor& cy = cursors_[y];
  for (size_t k = 0; k < orders_.size(); ++k) {
    const a::ArrayData& kx = *cx.keys[k];
    const a::ArrayData& ky = *cy.keys[k];
    const bool null_x = kx.IsNull(cx.row);
    const bool null_y = ky.IsNull(cy.row);
    if (null_x || null_y) {
      if (null_x && null_y) continue;
      // NULL placement is explicit and does not flip with DESC.
      return null_x == orders_[k].nulls_first;
    }
    int c = compare_[k](kx, cx.row, ky, cy.row);
    if (!orders_[k].ascending) c = -c;
    if (c != 0) return c < 0;
  }
  return x < y;
}

void SortedRunMerger::SiftDown(size_t i) {
  const size_t n = heap_.size();
  while (true) {
    size_t smallest = i;
    const size_t left = 2 * i + 1;
    const size_t right = left + 1;
    if (left < n && Before(heap_[left], heap_[smallest])) smallest = left;
    if (right < n && Before(heap_[right], heap_[smallest])) smallest = right;
    if (smallest == i) return;
    std::swap(heap_[i], heap_[smallest]);
    i = smallest;
  }
}

void SortedRunMerger::SiftUp(size_t i) {
  while (i > 0) {
    const size_t parent = (i - 1) / 2;
    if (!Before(heap_[i], heap_[parent])) return;
    std::swap(heap_[i], heap_[parent]);
    i = parent;
  }
}

Result<a::RecordBatchPtr> SortedRunMerger::Next() {
  if (!started_) {
    started_ = true;
    for (size_t i = 0; i < cursors_.size(); ++i) {
      RETURN_NOT_OK(LoadBatch(cursors_[i]));
      if (!cursors_[i].done) {
        heap_.push_back(i);
        SiftUp(heap_.size() - 1);
      }
    }
  }
  if (remaining_ <= 0 || heap_.empty()) return a::RecordBatchPtr();
  const int64_t want = std::min(batch_size_, remaining_);
  std::vector<a::RecordBatchPtr> chunks;
  std::vector<RowRef> refs;
  refs.reserve(static_cast<size_t>(want));
  while (static_cast<int64_t>(refs.size()) < want && !heap_.empty()) {
    Cursor& top = cursors_[heap_[0]];
    if (top.chunk < 0) {
      top.chunk = static_cast<int32_t>(chunks.size());
      chunks.push_back(top.batch);
    }
    refs.push_back({top.chunk, static_cast<uint32_t>(top.row)});
    if (++top.row >= top.batch->num_rows()) {
      // The batch stays alive in `chunks` until this output is gathered.
      RETURN_NOT_OK(LoadBatch(top));
      if (top.done) {
        heap_[0] = heap_.back();
        heap_.pop_back();
      }
    }
    if (!heap_.empty()) SiftDown(0);
  }
  for (auto& c : cursors_) c.chunk = -1;
  // Output batches stream out of the operator (often to a caller that keeps them), so like
  // scan output they are not charged to the execution's limit.
  ASSIGN_OR_RAISE(auto out, GatherBatch(schema_, chunks, refs.data(), static_cast<int64_t>(refs.size()),
                                        DefaultMemoryPool()));
  remaining_ -= out->num_rows();
  return out;
}

}  // namespace ballista::physical
