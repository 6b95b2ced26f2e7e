#pragma once

#include <cstdint>
#include <vector>

#include "ballista/tpch/row_format.h"
#include "ballista/tpch/scale.h"
#include "ballista/tpch/tables.h"
#include "ballista/tpch/text_pool.h"

namespace ballista::tpch {

/// A generator and the tables it produces together: part rows carry their partsupp rows and
/// orders rows their lineitem rows, so those tables are generated (and partitioned) by master
/// row, as dbgen does.
enum class Source { kPart, kSupplier, kCustomer, kOrders, kNation, kRegion };

inline constexpr Source kAllSources[] = {Source::kPart,   Source::kSupplier, Source::kCustomer,
                                         Source::kOrders, Source::kNation,   Source::kRegion};

/// The source that produces `table`.
Source SourceOf(Table table);

/// The tables `source` produces: the master table first, then the detail table if any.
std::vector<Table> SourceTables(Source source);

/// Number of master rows of `source` at `scale` (orders for kOrders, parts for kPart).
int64_t SourceRowCount(Source source, const TpchScale& scale);

/// The master rows [begin, begin + count) that partition `index` (0-based) of `partitions`
/// holds, split as dbgen -C N -S k splits: every partition gets total / N rows and the last
/// one also the remainder.
struct RowRange {
  int64_t begin;
  int64_t count;
};
RowRange PartitionRows(int64_t total_rows, int partitions, int index);

/// Formats the master rows [begin, end) of `source` as text: master-table lines into `master`,
/// detail-table lines (partsupp, lineitem) into `detail`. Either may be null to skip that
/// table. Deterministic and independent of other calls, so ranges can be formatted by any thread
/// in any order. Thread-compatible: concurrent calls need their own buffers.
void FormatSourceRows(Source source, const TpchScale& scale, const TextPool& pool,
                      const RowFormatter& formatter, int64_t begin, int64_t end, TextBuffer* master,
                      TextBuffer* detail);

}  // namespace ballista::tpch
