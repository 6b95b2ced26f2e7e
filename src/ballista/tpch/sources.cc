#include "ballista/tpch/sources.h"

#include <algorithm>
#include <array>

#include "ballista/tpch/distributions.h"
#include "ballista/tpch/generators.h"

namespace ballista::tpch {

Source SourceOf(Table table) {
  switch (table) {
    case Table::kPart:
    case Table::kPartSupp:
      return Source::kPart;
    case Table::kSupplier:
      return Source::kSupplier;
    case Table::kCustomer:
      return Source::kCustomer;
    case Table::kOrders:
    case Table::kLineItem:
      return Source::kOrders;
    case Table::kNation:
      return Source::kNation;
    case Table::kRegion:
      return Source::kRegion;
  }
  return Source::kRegion;
}

std::vector<Table> SourceTables(Source source) {
  switch (source) {
    case Source::kPart:
      return {Table::kPart, Table::kPartSupp};
    case Source::kSupplier:
      return {Table::kSupplier};
    case Source::kCustomer:
      return {Table::kCustomer};
    case Source::kOrders:
      return {Table::kOrders, Table::kLineItem};
    case Source::kNation:
      return {Table::kNation};
    case Source::kRegion:
      return {Table::kRegion};
  }
  return {};
}

int64_t SourceRowCount(Source source, const TpchScale& scale) {
  switch (source) {
    case Source::kPart:
      return scale.parts;
    case Source::kSupplier:
      return scale.suppliers;
    case Source::kCustomer:
      return scale.customers;
    case Source::kOrders:
      return scale.orders;
    case Source::kNation:
      return kNumNations;
    case Source::kRegion:
      return kNumRegions;
  }
  return 0;
}

RowRange PartitionRows(int64_t total_rows, int partitions, int index) {
  const int64_t per_partition = total_rows / partitions;
  const int64_t extra = total_rows % partitions;
  return {per_partition * index, per_partition + (index == partitions - 1 ? extra : 0)};
}

namespace {

/// Generates rows [begin, end) with `gen` a batch at a time and hands them to `emit`: generating
/// a batch before formatting it gives the prefetches of its comments (see TextPool::Text) time
/// to complete, so the cache misses on the pool overlap instead of stalling one by one.
template <typename Row, typename Generator, typename Emit>
void GenerateBatched(Generator& gen, int64_t begin, int64_t end, Emit emit) {
  constexpr int64_t kBatch = 8;
  std::array<Row, kBatch> rows;
  gen.Seek(begin);
  for (int64_t i = begin; i < end; i += kBatch) {
    const int64_t n = std::min(kBatch, end - i);
    for (int64_t k = 0; k < n; ++k) gen.Next(&rows[k]);
    for (int64_t k = 0; k < n; ++k) emit(rows[k]);
  }
}

}  // namespace

void FormatSourceRows(Source source, const TpchScale& scale, const TextPool& pool,
                      const RowFormatter& f, int64_t begin, int64_t end, TextBuffer* master,
                      TextBuffer* detail) {
  if (begin >= end) return;
  switch (source) {
    case Source::kPart: {
      PartGenerator gen(scale, pool);
      GenerateBatched<PartRow>(gen, begin, end, [&](const PartRow& row) {
        if (master) f.Part(row, master);
        if (detail) {
          for (const PartSuppRow& ps : row.partsupps) f.PartSupp(ps, detail);
        }
      });
      break;
    }
    case Source::kSupplier: {
      SupplierGenerator gen(scale, pool);
      GenerateBatched<SupplierRow>(gen, begin, end, [&](const SupplierRow& row) {
        if (master) f.Supplier(row, master);
      });
      break;
    }
    case Source::kCustomer: {
      CustomerGenerator gen(scale, pool);
      GenerateBatched<CustomerRow>(gen, begin, end, [&](const CustomerRow& row) {
        if (master) f.Customer(row, master);
      });
      break;
    }
    case Source::kOrders: {
      OrderGenerator gen(scale, pool);
      GenerateBatched<OrderRow>(gen, begin, end, [&](const OrderRow& row) {
        if (master) f.Order(row, master);
        if (detail) {
          for (int l = 0; l < row.line_count; ++l) f.LineItem(row.lines[l], detail);
        }
      });
      break;
    }
    case Source::kNation: {
      NationGenerator gen(pool);
      GenerateBatched<NationRow>(gen, begin, end, [&](const NationRow& row) {
        if (master) f.Nation(row, master);
      });
      break;
    }
    case Source::kRegion: {
      RegionGenerator gen(pool);
      GenerateBatched<RegionRow>(gen, begin, end, [&](const RegionRow& row) {
        if (master) f.Region(row, master);
      });
      break;
    }
  }
}

}  // namespace ballista::tpch
