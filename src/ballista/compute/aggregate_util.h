#pragma once

// Helpers shared by the grouped accumulators. Internal to compute/.

#include <memory>
#include <vector>

#include "ballista/compute/function.h"
#include "ballista/compute/kernel_util.h"

namespace ballista::compute::internal {

/// Calls f(i, group) for each row whose argument is not NULL (a scalar argument stands for every
/// row).
template <typename Reader, typename F>
inline void ForEachValid(const Reader& r, const uint32_t* groups, int64_t n, F&& f) {
  for (int64_t i = 0; i < n; ++i) {
    if (r.IsValid(i)) f(i, groups[i]);
  }
}

/// A validity bitmap (null when all set) from one flag per group.
Result<std::shared_ptr<Buffer>> ValidityFromFlags(const std::vector<uint8_t>& flags, MemoryPool* pool);

/// A fixed-width array of `type` from per-group values and flags (flag 0: NULL).
template <typename T>
Result<std::shared_ptr<ArrayData>> ArrayFromGroups(const DataTypePtr& type, const std::vector<T>& values,
                                                   const std::vector<uint8_t>* flags,
                                                   MemoryPool* pool = DefaultMemoryPool()) {
  const int64_t n = static_cast<int64_t>(values.size());
  ASSIGN_OR_RAISE(auto buffer, AllocateValues<T>(n, pool));
  if (n > 0) std::memcpy(buffer->mutable_data(), values.data(), values.size() * sizeof(T));
  std::shared_ptr<Buffer> validity;
  if (flags) {
    ASSIGN_OR_RAISE(validity, ValidityFromFlags(*flags, pool));
  }
  return MakeFixedWidthArray(type, n, std::move(validity), std::move(buffer));
}

/// A boolean array from per-group values and flags.
Result<std::shared_ptr<ArrayData>> BoolArrayFromGroups(const std::vector<uint8_t>& values,
                                                       const std::vector<uint8_t>& flags,
                                                       MemoryPool* pool = DefaultMemoryPool());

/// Rows kept per group as references into retained input arrays (array_agg, string_agg,
/// DISTINCT, median): Finish() gathers them group by group into one array plus offsets.
class GroupRowStore {
 public:
  /// Adds row i of `values` to group g. The array is retained until Finish.
  void Add(const std::shared_ptr<ArrayData>& values, int64_t i, uint32_t g);
  /// Adds every row of `values` (an array; a scalar is broadcast over n rows) to groups[i].
  Status AddAll(const Datum& values, const uint32_t* groups, int64_t n, bool skip_nulls);
  void Resize(uint32_t total_groups) {
    if (rows_.size() < total_groups) rows_.resize(total_groups);
  }
  uint32_t num_groups() const { return static_cast<uint32_t>(rows_.size()); }
  size_t group_size(uint32_t g) const { return rows_[g].size(); }
  /// All kept values in group order and offsets (num_groups() + 1) into them.
  Result<std::shared_ptr<ArrayData>> Gather(const DataTypePtr& type, std::vector<int64_t>* offsets) const;
  /// List array of the groups' values (empty groups give empty lists, or NULL when
  /// `empty_as_null`).
  Result<std::shared_ptr<ArrayData>> ToList(const DataTypePtr& item_type, bool empty_as_null) const;
  int64_t MemoryUsage() const;

 private:
  struct Ref {
    uint32_t chunk;
    uint32_t row;
  };
  std::vector<std::shared_ptr<ArrayData>> chunks_;
  std::vector<std::vector<Ref>> rows_;
};

/// An accumulator that keeps the distinct non-NULL argument values of each group and hands them
/// to `inner` at Finalize (every aggregate's DISTINCT form). State: one list of distinct values
/// per group.
std::unique_ptr<GroupedAccumulator> MakeDistinctAccumulator(
    DataTypePtr arg_type, std::unique_ptr<GroupedAccumulator> inner);

}  // namespace ballista::compute::internal
