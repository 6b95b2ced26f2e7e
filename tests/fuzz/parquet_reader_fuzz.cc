// libFuzzer target for the Parquet reader: footer (thrift compact), page headers, every encoding
// and codec, level decoding and nested assembly (run by scripts/run-fuzz.sh; seed it with
// ../shared/testdata/parquet/data for useful coverage). Property: reading never crashes, hangs or
// over-allocates, and every row group it returns passes full validation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ballista/arrow/validate.h"
#include "ballista/common/buffer.h"
#include "ballista/formats/parquet/file_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto bytes = ballista::Buffer::CopyOf(std::string_view(reinterpret_cast<const char*>(data), size));
  auto reader = ballista::formats::parquet::ParquetFileReader::OpenBuffer(bytes, "fuzz.parquet");
  if (!reader.ok()) return 0;
  for (int i = 0; i < (*reader)->num_row_groups(); ++i) {
    auto batch = (*reader)->ReadRowGroup(i);
    if (!batch.ok()) continue;
    if (!ballista::arrow::ValidateRecordBatch(**batch, /*full=*/true).ok()) __builtin_trap();
  }
  return 0;
}
