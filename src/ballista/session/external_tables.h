#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ballista/arrow/record_batch_reader.h"
#include "ballista/catalog/table_provider.h"
#include "ballista/sql/ast_statement.h"

namespace ballista::session {

/// The table of `CREATE EXTERNAL TABLE name [(columns)] STORED AS fmt [PARTITIONED BY (...)]
/// LOCATION 'path' [OPTIONS (...)]`. CSV options: has_header (also WITH HEADER ROW), delimiter,
/// quote, escape, null (null string), comment, compression, skip_bad_rows; a `format.` prefix
/// is accepted. An unknown option is an error naming it.
Result<catalog::TableProviderPtr> CreateExternalTable(const sql::CreateTableStatement& create);

/// read_csv('path'), read_parquet('path'), read_json('path'), read_arrow('path').
Result<catalog::TableProviderPtr> MakeTableFunction(const std::string& name,
                                                    const std::vector<arrow::Scalar>& args);

/// `FROM 'path'`: the format comes from the extension.
Result<catalog::TableProviderPtr> MakeFileTable(const std::string& path);

/// Writes a query result for COPY ... TO 'target' [STORED AS fmt] [OPTIONS (...)]; returns the
/// rows written. CSV options: header, delimiter; Parquet: compression (snappy, zstd,
/// uncompressed, gzip), row_group_size.
Result<int64_t> WriteQueryResult(const std::string& target, const std::optional<std::string>& stored_as,
                                 const std::vector<std::pair<std::string, std::string>>& options,
                                 arrow::RecordBatchReader& reader);

/// COPY ... TO 'dir' PARTITIONED BY (cols): one file per distinct value combination under
/// hive-style directories `dir/col=value/.../part-0.<ext>` (NULL as __HIVE_DEFAULT_PARTITION__,
/// values percent-encoded where they hold '/', '=' or '%'); the partition columns are not
/// written into the files. Returns the rows written.
Result<int64_t> WritePartitionedQueryResult(const std::string& target,
                                            const std::optional<std::string>& stored_as,
                                            const std::vector<std::pair<std::string, std::string>>& options,
                                            const std::vector<std::string>& partition_columns,
                                            arrow::RecordBatchReader& reader);

}  // namespace ballista::session
