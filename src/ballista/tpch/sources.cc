#include "ballista/tpch/sources.h"

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

void FormatSourceRows(Source source, const TpchScale& scale, const TextPool& pool,
                      const RowFormatter& formatter, int64_t begin, int64_t end,
                      TextBuffer* master, TextBuffer* detail) {
  if (begin >= end) return;
  switch (source) {
    case Source::kPart: {
      PartGenerator gen(scale, pool);
      gen.Seek(begin);
      PartRow row;
      for (int64_t i = begin; i < end; ++i) {
        gen.Next(&row);
        if (master) formatter.Part(row, master);
        if (detail) {
          for (const PartSuppRow& ps : row.partsupps) formatter.PartSupp(ps, detail);
        }
      }
      break;
    }
    case Source::kSupplier: {
      SupplierGenerator gen(scale, pool);
      gen.Seek(begin);
      SupplierRow row;
      for (int64_t i = begin; i < end; ++i) {
        gen.Next(&row);
        if (master) formatter.Supplier(row, master);
      }
      break;
    }
    case Source::kCustomer: {
      CustomerGenerator gen(scale, pool);
      gen.Seek(begin);
      CustomerRow row;
      for (int64_t i = begin; i < end; ++i) {
        gen.Next(&row);
        if (master) formatter.Customer(row, master);
      }
      break;
    }
    case Source::kOrders: {
      OrderGenerator gen(scale, pool);
      gen.Seek(begin);
      OrderRow row;
      for (int64_t i = begin; i < end; ++i) {
        gen.Next(&row);
        if (master) formatter.Order(row, master);
        if (detail) {
          for (int l = 0; l < row.line_count; ++l) formatter.LineItem(row.lines[l], detail);
        }
      }
      break;
    }
    case Source::kNation: {
      NationGenerator gen(pool);
      gen.Seek(begin);
      NationRow row;
      for (int64_t i = begin; i < end; ++i) {
        gen.Next(&row);
        if (master) formatter.Nation(row, master);
      }
      break;
    }
    case Source::kRegion: {
      RegionGenerator gen(pool);
      gen.Seek(begin);
      RegionRow row;
      for (int64_t i = begin; i < end; ++i) {
        gen.Next(&row);
        if (master) formatter.Region(row, master);
      }
      break;
    }
  }
}

}  // namespace ballista::tpch
