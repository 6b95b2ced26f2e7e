#include "test_util.h"

#include <unistd.h>

#include <cstdio>

#include "ballista/arrow/validate.h"
#include "ballista/formats/parquet/file_reader.h"

namespace ballista::formats::parquet::testing {

Result<int64_t> ReadAllRows(const std::string& path, int64_t* footer_rows) {
  ASSIGN_OR_RAISE(auto reader, ParquetFileReader::Open(path));
  *footer_rows = reader->num_rows();
  int64_t rows = 0;
  for (int g = 0; g < reader->num_row_groups(); ++g) {
    ASSIGN_OR_RAISE(auto batch, reader->ReadRowGroup(g));
    RETURN_NOT_OK(arrow::ValidateRecordBatch(*batch, /*full=*/true));
    rows += batch->num_rows();
  }
  return rows;
}

Result<std::string> RunNode(const std::string& script) {
  std::string path = "/tmp/ballista_parquet_node_" + std::to_string(::getpid()) + ".mjs";
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return Status::IOError("cannot write " + path);
  std::fputs(script.c_str(), f);
  std::fclose(f);
  // Fed on stdin so module resolution starts at the repository root, where node_modules is.
  std::string command = "cd " + std::string(BALLISTA_SOURCE_DIR) +
                        " && node --input-type=module < " + path + " 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return Status::IOError("cannot run node");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  int rc = pclose(pipe);
  std::remove(path.c_str());
  if (rc != 0) return Status::IOError("node failed with status " + std::to_string(rc));
  return out;
}

}  // namespace ballista::formats::parquet::testing
