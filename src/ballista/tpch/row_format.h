#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "ballista/tpch/rows.h"
#include "ballista/tpch/tables.h"

namespace ballista::tpch {

/// The text formats the generator writes: dbgen's .tbl (every field followed by '|', no quoting)
/// or CSV (RFC 4180: ',' between fields, fields with ',' or '"' quoted, a header line).
enum class TextFormat { kTbl, kCsv };

/// A growable byte buffer rows are formatted into. Not thread-safe.
class TextBuffer {
 public:
  const char* data() const { return data_.get(); }
  size_t size() const { return size_; }
  void clear() { size_ = 0; }

  /// Makes room for `n` more bytes and returns where they go; Commit says how many were written.
  char* Reserve(size_t n) {
    if (size_ + n > capacity_) Grow(size_ + n);
    return data_.get() + size_;
  }
  void Commit(char* end) { size_ = static_cast<size_t>(end - data_.get()); }
  void Append(std::string_view s);

 private:
  void Grow(size_t min_capacity);
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

/// Formats the rows of the TPC-H tables as lines of text, byte-identical to dbgen's .tbl files in
/// TextFormat::kTbl. Not thread-safe; one per thread.
class RowFormatter {
 public:
  explicit RowFormatter(TextFormat format) : csv_(format == TextFormat::kCsv) {}

  void Part(const PartRow& row, TextBuffer* out) const;
  void PartSupp(const PartSuppRow& row, TextBuffer* out) const;
  void Supplier(const SupplierRow& row, TextBuffer* out) const;
  void Customer(const CustomerRow& row, TextBuffer* out) const;
  void Order(const OrderRow& row, TextBuffer* out) const;
  void LineItem(const LineItemRow& row, TextBuffer* out) const;
  void Nation(const NationRow& row, TextBuffer* out) const;
  void Region(const RegionRow& row, TextBuffer* out) const;

  /// The CSV header line of `table` (with '\n'); empty for .tbl.
  void Header(Table table, TextBuffer* out) const;

 private:
  bool csv_;
};

}  // namespace ballista::tpch
