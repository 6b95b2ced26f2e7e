#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/common/status.h"
#include "ballista/formats/parquet/writer_schema.h"

namespace ballista::formats::parquet {

/// The non-null values of one leaf column chunk, converted to the leaf's physical type and owned
/// (so the source batches may go away). Single-threaded.
class ColumnValues {
 public:
  explicit ColumnValues(const WriteLeaf& leaf) : leaf_(leaf) {}

  /// Appends `values[index[i]]` for each i, converting Arrow storage to the physical type
  /// (narrow integers widen, decimals re-encode, seconds scale to milliseconds, date64 becomes
  /// days). `index` holds absolute slots (offset already applied).
  Status Append(const arrow::ArrayData& values, const std::vector<int64_t>& index);

  int64_t size() const;
  /// Approximate PLAIN-encoded bytes of all values held.
  int64_t plain_bytes() const;
  void Clear();

  /// PLAIN encoding of values [begin, end) appended to `out`.
  void EncodePlain(int64_t begin, int64_t end, std::string* out) const;
  /// PLAIN-encoded bytes of value i without a length prefix (statistics form).
  std::string StatsValue(int64_t i) const;
  /// Estimated PLAIN size of value i.
  int64_t ValueSize(int64_t i) const;
  /// Strict "less than" in the leaf's statistics order (NaN is never compared: see IsNaN).
  bool Less(int64_t i, int64_t j) const;
  bool IsNaN(int64_t i) const;
  /// A key identifying the value for dictionary building (bit pattern or bytes).
  uint64_t FixedKey(int64_t i) const;
  std::string_view Bytes(int64_t i) const;
  bool is_bytes() const {
    return leaf_.physical == PhysicalType::kByteArray ||
           leaf_.physical == PhysicalType::kFixedLenByteArray;
  }
  const WriteLeaf& leaf() const { return leaf_; }

 private:
  const WriteLeaf& leaf_;
  std::vector<uint8_t> bools_;
  std::vector<int32_t> i32_;
  std::vector<int64_t> i64_;
  std::vector<float> f32_;
  std::vector<double> f64_;
  std::string bytes_;
  std::vector<int64_t> ends_;  // value i spans [ends_[i-1], ends_[i]) of bytes_
};

}  // namespace ballista::formats::parquet
