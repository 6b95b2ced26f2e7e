#pragma once

#include <cstdint>

#include "ballista/tpch/random.h"
#include "ballista/tpch/rows.h"
#include "ballista/tpch/scale.h"
#include "ballista/tpch/text_pool.h"

namespace ballista::tpch {

// Row generators, one per master table, reproducing dbgen 2.14 value for value. Each produces the
// rows of its table in key order from any starting row: Seek positions every column stream in
// O(columns * log rows), so partitions and threads generate disjoint row ranges independently.
// A generator is not thread-safe; make one per thread. The TextPool must outlive it.

/// part rows, each with its four partsupp rows. Row index i is partkey i + 1.
class PartGenerator {
 public:
  PartGenerator(const TpchScale& scale, const TextPool& pool);
  /// Positions at row `row_index` (0-based).
  void Seek(int64_t row_index);
  /// Fills `row` with the current row and moves to the next.
  void Next(PartRow* row);

 private:
  TpchScale scale_;
  const TextPool& pool_;
  int64_t row_index_ = 0;
  RowStream mfgr_, brand_, type_, size_, container_, comment_, name_;
  RowStream ps_qty_, ps_cost_, ps_comment_;
};

/// supplier rows. Row index i is suppkey i + 1.
class SupplierGenerator {
 public:
  SupplierGenerator(const TpchScale& scale, const TextPool& pool);
  void Seek(int64_t row_index);
  void Next(SupplierRow* row);

 private:
  const TextPool& pool_;
  int64_t row_index_ = 0;
  RowStream address_, nation_, phone_, acctbal_, comment_;
  RowStream bbb_junk_, bbb_type_, bbb_comment_, bbb_offset_;
};

/// customer rows. Row index i is custkey i + 1.
class CustomerGenerator {
 public:
  CustomerGenerator(const TpchScale& scale, const TextPool& pool);
  void Seek(int64_t row_index);
  void Next(CustomerRow* row);

 private:
  const TextPool& pool_;
  int64_t row_index_ = 0;
  RowStream address_, nation_, phone_, acctbal_, segment_, comment_;
};

/// orders rows, each with its 1..7 lineitem rows. Row index i is the (i + 1)-th order; order keys
/// are sparse (8 of every 32 keys are used).
class OrderGenerator {
 public:
  OrderGenerator(const TpchScale& scale, const TextPool& pool);
  void Seek(int64_t row_index);
  void Next(OrderRow* row);

  /// The key of the order at row index `row_index` (0-based).
  static int64_t OrderKey(int64_t row_index);

 private:
  TpchScale scale_;
  const TextPool& pool_;
  int64_t row_index_ = 0;
  RowStream custkey_, date_, priority_, clerk_, comment_, line_count_;
  RowStream qty_, discount_, tax_, instruct_, mode_, partkey_, suppkey_, ship_, commit_, receipt_,
      flag_, line_comment_;
};

/// nation rows (25). Row index i is nationkey i.
class NationGenerator {
 public:
  explicit NationGenerator(const TextPool& pool);
  void Seek(int64_t row_index);
  void Next(NationRow* row);

 private:
  const TextPool& pool_;
  int64_t row_index_ = 0;
  RowStream comment_;
};

/// region rows (5). Row index i is regionkey i.
class RegionGenerator {
 public:
  explicit RegionGenerator(const TextPool& pool);
  void Seek(int64_t row_index);
  void Next(RegionRow* row);

 private:
  const TextPool& pool_;
  int64_t row_index_ = 0;
  RowStream comment_;
};

/// The supplier of a part's `index`-th (0..3) partsupp row, dbgen's PART_SUPP_BRIDGE.
int64_t PartSupplier(int64_t partkey, int64_t index, int64_t suppliers);

/// A part's retail price in cents: 90000 + ((partkey / 10) mod 20001) + 100 * (partkey mod 1000).
inline int64_t PartRetailPrice(int64_t partkey) {
  return 90000 + (partkey / 10) % 20001 + (partkey % 1000) * 100;
}

}  // namespace ballista::tpch
