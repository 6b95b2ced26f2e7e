// libFuzzer target for the NDJSON reader: line splitting, simdjson parsing, schema inference
// (nested objects, arrays, conflicting kinds, temporal strings) and value conversion (run by
// scripts/run-fuzz.sh). Property: reading never crashes or hangs, and every batch it returns
// passes full validation. The same input is also read with a fixed explicit schema.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ballista/arrow/validate.h"
#include "ballista/formats/json/json_reader.h"

namespace {

void ReadAll(std::string_view text, const ballista::formats::json::JsonReadOptions& options) {
  auto reader = ballista::formats::json::JsonReader::OpenBuffer(text, options, "fuzz.json");
  if (!reader.ok()) return;
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.ok() || *batch == nullptr) return;
    if (!ballista::arrow::ValidateRecordBatch(**batch, /*full=*/true).ok()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace a = ballista::arrow;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ballista::formats::json::JsonReadOptions inferred;
  inferred.batch_size = 7;
  ReadAll(text, inferred);
  static const auto schema = a::MakeSchema(
      {a::MakeField("a", a::Int32()), a::MakeField("b", a::Utf8()),
       a::MakeField("c",
                    a::List(a::Struct({a::MakeField("x", a::Float64()),
                                       a::MakeField("t", a::Timestamp(a::TimeUnit::kMilli))}))),
       a::MakeField("d", a::Decimal128(12, 3)), a::MakeField("e", a::Date32())});
  ballista::formats::json::JsonReadOptions fixed;
  fixed.schema = schema;
  ReadAll(text, fixed);
  return 0;
}
