// Arrow IPC write and read throughput over ~100 MB of int64 + utf8 record batches, uncompressed
// and with each body codec. Bytes/second counts the in-memory (uncompressed) column bytes.

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/ipc/writer.h"

namespace ballista::arrow::ipc {
namespace {

constexpr int64_t kRowsPerBatch = 512 * 1024;
constexpr int kBatches = 8;

struct Dataset {
  SchemaPtr schema;
  std::vector<RecordBatchPtr> batches;
  int64_t bytes = 0;
};

std::shared_ptr<Buffer> Owned(std::string bytes) { return Buffer::CopyOf(bytes); }

/// int64 values with moderate entropy and short, repetitive strings: realistic shuffle data,
/// compressible but not trivially so.
const Dataset& Data() {
  static const Dataset data = [] {
    Dataset d;
    d.schema = MakeSchema({MakeField("id", Int64(), false), MakeField("name", Utf8(), false)});
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int b = 0; b < kBatches; ++b) {
      std::string ids(static_cast<size_t>(kRowsPerBatch) * 8, '\0');
      std::string offsets(static_cast<size_t>(kRowsPerBatch + 1) * 4, '\0');
      std::string chars;
      int32_t offset = 0;
      for (int64_t i = 0; i < kRowsPerBatch; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        int64_t id = static_cast<int64_t>(state >> 40);
        std::memcpy(ids.data() + i * 8, &id, 8);
        std::string name = "customer_" + std::to_string((state >> 20) % 50000);
        chars += name;
        std::memcpy(offsets.data() + i * 4, &offset, 4);
        offset += static_cast<int32_t>(name.size());
      }
      std::memcpy(offsets.data() + kRowsPerBatch * 4, &offset, 4);
      d.bytes += static_cast<int64_t>(ids.size() + offsets.size() + chars.size());
      auto id_array = ArrayData::Make(Int64(), kRowsPerBatch, {nullptr, Owned(std::move(ids))}, 0);
      auto name_array = ArrayData::Make(Utf8(), kRowsPerBatch,
                                        {nullptr, Owned(std::move(offsets)), Owned(std::move(chars))}, 0);
      d.batches.push_back(std::make_shared<RecordBatch>(d.schema, kRowsPerBatch,
                                                        std::vector<ArrayDataPtr>{id_array, name_array}));
    }
    return d;
  }();
  return data;
}

CompressionType Codec(int64_t arg) { return static_cast<CompressionType>(arg); }

void BM_IpcWrite(benchmark::State& state) {
  const Dataset& data = Data();
  IpcWriteOptions options;
  options.compression = Codec(state.range(0));
  int64_t written = 0;
  for (auto _ : state) {
    auto bytes = SerializeStream(data.schema, data.batches, options);
    if (!bytes.ok()) {
      state.SkipWithError(bytes.status().ToString().c_str());
      return;
    }
    written = (*bytes)->size();
    benchmark::DoNotOptimize(written);
  }
  state.SetBytesProcessed(state.iterations() * data.bytes);
  state.counters["ratio"] = static_cast<double>(data.bytes) / static_cast<double>(written);
  state.SetLabel(std::string(CompressionTypeName(options.compression)));
}

void BM_IpcRead(benchmark::State& state) {
  const Dataset& data = Data();
  IpcWriteOptions write_options;
  write_options.compression = Codec(state.range(0));
  auto bytes = SerializeStream(data.schema, data.batches, write_options);
  if (!bytes.ok()) {
    state.SkipWithError(bytes.status().ToString().c_str());
    return;
  }
  IpcReadOptions read_options;
  read_options.validate_full = state.range(1) != 0;
  for (auto _ : state) {
    BufferReader input(*bytes);
    auto reader = StreamReader::Open(&input, read_options);
    if (!reader.ok()) {
      state.SkipWithError(reader.status().ToString().c_str());
      return;
    }
    int64_t rows = 0;
    while (true) {
      auto batch = (*reader)->ReadNext();
      if (!batch.ok()) {
        state.SkipWithError(batch.status().ToString().c_str());
        return;
      }
      if (*batch == nullptr) break;
      rows += (*batch)->num_rows();
    }
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(state.iterations() * data.bytes);
  state.SetLabel(std::string(CompressionTypeName(write_options.compression)) +
                 (read_options.validate_full ? ", full validation" : ", structural validation"));
}

BENCHMARK(BM_IpcWrite)
    ->Arg(static_cast<int64_t>(CompressionType::kNone))
    ->Arg(static_cast<int64_t>(CompressionType::kLz4Frame))
    ->Arg(static_cast<int64_t>(CompressionType::kZstd))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_IpcRead)
    ->Args({static_cast<int64_t>(CompressionType::kNone), 1})
    ->Args({static_cast<int64_t>(CompressionType::kNone), 0})
    ->Args({static_cast<int64_t>(CompressionType::kLz4Frame), 1})
    ->Args({static_cast<int64_t>(CompressionType::kZstd), 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace ballista::arrow::ipc

BENCHMARK_MAIN();
