#include "ballista/session/file_writers.h"

#include "ballista/formats/csv/csv_writer.h"
#include "ballista/formats/json/json_writer.h"
#include "ballista/formats/parquet/file_writer.h"

namespace ballista::session {

Result<int64_t> WriteCsvFile(const std::string& path, arrow::RecordBatchReader& reader,
                             const formats::csv::CsvWriteOptions& options) {
  ASSIGN_OR_RAISE(auto writer, formats::csv::CsvWriter::Open(path, reader.schema(), options));
  int64_t rows = 0;
  while (true) {
    ASSIGN_OR_RAISE(auto batch, reader.Next());
    if (!batch) break;
    RETURN_NOT_OK(writer->Write(*batch));
    rows += batch->num_rows();
  }
  RETURN_NOT_OK(writer->Close());
  return rows;
}

Result<int64_t> WriteParquetFile(const std::string& path, arrow::RecordBatchReader& reader,
                                 const formats::parquet::ParquetWriteOptions& options) {
  ASSIGN_OR_RAISE(auto writer, formats::parquet::ParquetWriter::Open(path, reader.schema(), options));
  while (true) {
    ASSIGN_OR_RAISE(auto batch, reader.Next());
    if (!batch) break;
    RETURN_NOT_OK(writer->Write(*batch));
  }
  RETURN_NOT_OK(writer->Close());
  return writer->rows_written();
}

Result<int64_t> WriteJsonFile(const std::string& path, arrow::RecordBatchReader& reader,
                              const formats::json::JsonWriteOptions& options) {
  ASSIGN_OR_RAISE(auto writer, formats::json::JsonWriter::Open(path, options));
  int64_t rows = 0;
  while (true) {
    ASSIGN_OR_RAISE(auto batch, reader.Next());
    if (!batch) break;
    RETURN_NOT_OK(writer->Write(*batch));
    rows += batch->num_rows();
  }
  RETURN_NOT_OK(writer->Close());
  return rows;
}

}  // namespace ballista::session
