// libFuzzer target for the CSV tokenizer, type inference and column decoders (run by
// scripts/run-fuzz.sh). The first input byte picks reader options so that quoting, escapes,
// comments, headers and trailing delimiters are all exercised; the rest is the CSV text.
// Property: reading never crashes or hangs, and every batch it returns passes full validation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ballista/arrow/validate.h"
#include "ballista/formats/csv/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  ballista::formats::csv::CsvReadOptions options;
  options.has_header = (flags & 1) != 0;
  options.delimiter = (flags & 2) != 0 ? '|' : ',';
  if ((flags & 4) != 0) options.escape = '\\';
  if ((flags & 8) != 0) options.comment = '#';
  options.allow_trailing_delimiter = (flags & 16) != 0;
  options.skip_bad_rows = (flags & 32) != 0;
  options.batch_size = (flags & 64) != 0 ? 3 : 1024;
  auto batches = ballista::formats::csv::ReadCsvBuffer(text, options, "fuzz.csv");
  if (!batches.ok()) return 0;
  for (const auto& batch : *batches) {
    if (!ballista::arrow::ValidateRecordBatch(*batch, /*full=*/true).ok()) __builtin_trap();
  }
  return 0;
}
