#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ballista/common/result.h"
#include "ballista/tpch/row_format.h"
#include "ballista/tpch/tables.h"

namespace ballista::tpch {

/// The file formats the generator writes: dbgen's .tbl, CSV with a header, or Parquet (the types
/// of schema.h: DECIMAL(15,2) money, DATE dates; snappy-compressed pages).
enum class FileFormat { kTbl, kCsv, kParquet };

/// What GenerateTables writes.
struct GenerateOptions {
  double scale_factor = 1;
  std::string output_dir;  ///< created if missing
  FileFormat format = FileFormat::kTbl;
  /// Files per table. With 1, table T goes to <dir>/T.tbl (T.csv, T.parquet); with N > 1 to
  /// <dir>/T.tbl.1 .. <dir>/T.tbl.N (as dbgen -C N -S k names them), whose concatenation in order
  /// is exactly the single file; Parquet partitions go to <dir>/T/T.1.parquet .. T.N.parquet, a
  /// folder that readers take as one table. Rows split as dbgen splits them: by part for part/partsupp, by order for
  /// orders/lineitem; nation and region are split too (some of their files may be empty).
  int partitions = 1;
  std::vector<Table> tables;  ///< empty: all eight
  int threads = 0;            ///< 0: one per hardware thread
};

/// What GenerateTables wrote.
struct GenerateSummary {
  std::vector<std::string> files;
  int64_t bytes = 0;
};

/// The file that partition `partition` (0-based) of `table` goes to.
std::string TableFilePath(const GenerateOptions& options, Table table, int partition);

/// Generates the requested tables, byte-identical to TPC-H dbgen 2.14 in .tbl format; Parquet
/// files hold the same rows (the .tbl text of each chunk is parsed with the table's schema). Threads generate chunks of consecutive rows in parallel and write them in order, so
/// memory stays constant (a few MB per thread plus the shared 300 MiB text pool). Blocking; call
/// from one thread at a time per output directory.
Result<GenerateSummary> GenerateTables(const GenerateOptions& options);

}  // namespace ballista::tpch
