// Interop with the apache-arrow npm package, an independent Arrow implementation: files written
// here are read and checked by tests/interop/arrow_ipc_interop.mjs, and files that script writes
// are read and checked here, against the same row formula (documented in the script).

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/ipc/writer.h"
#include "test_util.h"

namespace ballista::arrow::ipc {
namespace {

namespace fs = std::filesystem;
using namespace testing;  // NOLINT(build/namespaces)

constexpr int64_t kBatchSizes[] = {37, 50};
constexpr int64_t kTotalRows = 87;
const char* const kFruits[] = {"apple", "banana", "cherry", "date"};

/// Why node-based tests cannot run here, or empty when they can.
std::string NodeUnavailableReason() {
  if (std::system("command -v node > /dev/null 2>&1") != 0) return "the `node` executable is not on PATH";
  fs::path arrow = fs::path(BALLISTA_SOURCE_DIR) / "node_modules" / "apache-arrow" / "package.json";
  if (!fs::exists(arrow)) return "node_modules/apache-arrow is missing (run `npm install` at the repository root)";
  return "";
}

/// Runs the interop script with `args` from the repository root; returns its exit code.
int RunNode(const std::string& args, std::string* output) {
  std::string command = "cd '" + std::string(BALLISTA_SOURCE_DIR) + "' && node tests/interop/arrow_ipc_interop.mjs " +
                        args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), pipe)) > 0) output->append(chunk, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Skips (saying why) when node or apache-arrow is missing; gives each test a scratch folder.
class InteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string reason = NodeUnavailableReason();
    if (!reason.empty()) GTEST_SKIP() << "apache-arrow interop skipped: " << reason;
    dir_ = fs::temp_directory_path() / ("ballista_ipc_interop_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  fs::path dir_;
};

// ---- the formula, as in arrow_ipc_interop.mjs ----

SchemaPtr InteropSchema() {
  return MakeSchema({MakeField("i32", Int32()), MakeField("i64", Int64()), MakeField("f64", Float64()),
                     MakeField("utf8", Utf8()), MakeField("bool", Boolean()), MakeField("date32", Date32()),
                     MakeField("ts_ms", Timestamp(TimeUnit::kMilli)), MakeField("dec", Decimal128(10, 2)),
                     MakeField("list", List(Int32())),
                     MakeField("struct", Struct({MakeField("a", Int32()), MakeField("b", Utf8())})),
                     MakeField("dict", Dictionary(Int32(), Utf8()))});
}

std::string Utf8Value(int64_t i) { return "str_" + std::to_string(i) + (i % 3 == 0 ? "_ünï" : ""); }

RecordBatchPtr InteropBatch(int64_t start, int64_t length, const ArrayDataPtr& fruits) {
  std::vector<int32_t> i32, date32, list_values, struct_a, dict;
  std::vector<int64_t> i64, ts, list_offsets{0};
  std::vector<double> f64;
  std::vector<std::string> utf8, struct_b, dec;
  std::vector<bool> boolean, v_i32, v_i64, v_f64, v_utf8, v_bool, v_date, v_ts, v_dec, v_list, v_struct, v_dict;
  for (int64_t i = start; i < start + length; ++i) {
    v_i32.push_back(i % 7 != 3);
    i32.push_back(static_cast<int32_t>(3 * i - 50));
    v_i64.push_back(i % 5 != 1);
    i64.push_back(i * 1000000007LL - 4000000000LL);
    v_f64.push_back(i % 6 != 2);
    f64.push_back(0.25 * static_cast<double>(i) - 3.5);
    v_utf8.push_back(i % 4 != 0);
    utf8.push_back(i % 4 != 0 ? Utf8Value(i) : "");
    v_bool.push_back(i % 9 != 5);
    boolean.push_back(i % 2 == 0);
    v_date.push_back(i % 8 != 7);
    date32.push_back(static_cast<int32_t>(18000 + i));
    v_ts.push_back(i % 10 != 9);
    ts.push_back(1600000000000LL + 1000 * i);
    v_dec.push_back(i % 11 != 4);
    int64_t unscaled = 101 * i - 500;
    std::string bytes(16, unscaled < 0 ? '\xff' : '\0');
    std::memcpy(bytes.data(), &unscaled, 8);
    dec.push_back(bytes);
    v_list.push_back(i % 6 != 5);
    if (i % 6 != 5) {
      for (int64_t k = 0; k < i % 4; ++k) list_values.push_back(static_cast<int32_t>(10 * i + k));
    }
    list_offsets.push_back(static_cast<int64_t>(list_values.size()));
    v_struct.push_back(i % 7 != 6);
    struct_a.push_back(static_cast<int32_t>(i));
    struct_b.push_back("b" + std::to_string(i));
    v_dict.push_back(i % 5 != 3);
    dict.push_back(static_cast<int32_t>((7 * i) % 4));
  }
  auto schema = InteropSchema();
  std::vector<ArrayDataPtr> columns = {
      MakePrimitive<int32_t>(Int32(), i32, v_i32),
      MakePrimitive<int64_t>(Int64(), i64, v_i64),
      MakePrimitive<double>(Float64(), f64, v_f64),
      MakeStrings(Utf8(), utf8, v_utf8),
      MakeBool(boolean, v_bool),
      MakePrimitive<int32_t>(Date32(), date32, v_date),
      MakePrimitive<int64_t>(Timestamp(TimeUnit::kMilli), ts, v_ts),
      MakeFixedBytes(Decimal128(10, 2), dec, v_dec),
      MakeList(List(Int32()), list_offsets, MakePrimitive<int32_t>(Int32(), list_values), v_list),
      MakeNested(schema->field(9)->type(), length,
                 {MakePrimitive<int32_t>(Int32(), struct_a), MakeStrings(Utf8(), struct_b)}, v_struct),
      MakeDictionaryArray(Dictionary(Int32(), Utf8()), dict, fruits, v_dict),
  };
  return std::make_shared<RecordBatch>(schema, length, std::move(columns));
}

std::vector<RecordBatchPtr> InteropBatches() {
  auto fruits = MakeStrings(Utf8(), {kFruits[0], kFruits[1], kFruits[2], kFruits[3]});
  std::vector<RecordBatchPtr> batches;
  int64_t start = 0;
  for (int64_t size : kBatchSizes) {
    batches.push_back(InteropBatch(start, size, fruits));
    start += size;
  }
  return batches;
}

// ---- checking what apache-arrow wrote, value by value ----

std::string StringAt(const ArrayData& data, int64_t i) {
  const int32_t* offsets = data.GetValues<int32_t>(1);
  return std::string(reinterpret_cast<const char*>(data.buffers[2]->data()) + offsets[i],
                     static_cast<size_t>(offsets[i + 1] - offsets[i]));
}

int64_t IndexAt(const ArrayData& data, int64_t i) {
  switch (data.type->index_type()->byte_width()) {
    case 1:
      return data.GetValues<int8_t>(1)[i];
    case 2:
      return data.GetValues<int16_t>(1)[i];
    case 4:
      return data.GetValues<int32_t>(1)[i];
    default:
      return data.GetValues<int64_t>(1)[i];
  }
}

/// Checks row `row` (global index `i`) of column `name`; empty when it matches the formula.
std::string CheckValue(const std::string& name, const ArrayData& data, int64_t row, int64_t i) {
  auto fail = [&](const std::string& what) { return name + "[" + std::to_string(i) + "]: " + what; };
  bool valid = data.IsValid(row);
  bool want_valid = !((name == "i32" && i % 7 == 3) || (name == "i64" && i % 5 == 1) ||
                      (name == "f64" && i % 6 == 2) || (name == "utf8" && i % 4 == 0) ||
                      (name == "bool" && i % 9 == 5) || (name == "date32" && i % 8 == 7) ||
                      (name == "ts_ms" && i % 10 == 9) || (name == "dec" && i % 11 == 4) ||
                      (name == "list" && i % 6 == 5) || (name == "struct" && i % 7 == 6) ||
                      (name == "dict" && i % 5 == 3));
  if (valid != want_valid) return fail(valid ? "should be null" : "should not be null");
  if (!valid) return "";
  if (name == "i32" && data.GetValues<int32_t>(1)[row] != 3 * i - 50) return fail("wrong int32");
  if (name == "i64" && data.GetValues<int64_t>(1)[row] != i * 1000000007LL - 4000000000LL) return fail("wrong int64");
  if (name == "f64" && data.GetValues<double>(1)[row] != 0.25 * static_cast<double>(i) - 3.5) return fail("wrong float64");
  if (name == "utf8" && StringAt(data, row) != Utf8Value(i)) return fail("wrong string " + StringAt(data, row));
  if (name == "bool" && bit_util::GetBit(data.buffers[1]->data(), data.offset + row) != (i % 2 == 0)) {
    return fail("wrong bool");
  }
  if (name == "date32" && data.GetValues<int32_t>(1)[row] != 18000 + i) return fail("wrong date32");
  if (name == "ts_ms" && data.GetValues<int64_t>(1)[row] != 1600000000000LL + 1000 * i) return fail("wrong timestamp");
  if (name == "dec") {
    const auto* words = reinterpret_cast<const int64_t*>(data.buffers[1]->data() + (data.offset + row) * 16);
    int64_t want = 101 * i - 500;
    if (words[0] != want || words[1] != (want < 0 ? -1 : 0)) return fail("wrong decimal");
  }
  if (name == "list") {
    const int32_t* offsets = data.GetValues<int32_t>(1);
    const ArrayData& child = *data.child_data[0];
    if (offsets[row + 1] - offsets[row] != i % 4) return fail("wrong list length");
    for (int64_t k = 0; k < i % 4; ++k) {
      if (!child.IsValid(offsets[row] + k) || child.GetValues<int32_t>(1)[offsets[row] + k] != 10 * i + k) {
        return fail("wrong list item");
      }
    }
  }
  if (name == "struct") {
    const ArrayData& a = *data.child_data[0];
    const ArrayData& b = *data.child_data[1];
    int64_t at = data.offset + row;
    if (a.GetValues<int32_t>(1)[at] != i) return fail("wrong struct.a");
    if (StringAt(b, at) != "b" + std::to_string(i)) return fail("wrong struct.b");
  }
  if (name == "dict") {
    int64_t index = IndexAt(data, row);
    if (index < 0 || index >= data.dictionary->length) return fail("index out of range");
    if (StringAt(*data.dictionary, index) != kFruits[(7 * i) % 4]) return fail("wrong dictionary value");
  }
  return "";
}

std::string CheckBatches(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches) {
  const char* names[] = {"i32", "i64", "f64", "utf8", "bool", "date32", "ts_ms", "dec", "list", "struct", "dict"};
  std::string errors;
  int64_t i = 0;
  for (const auto& batch : batches) {
    for (const char* name : names) {
      int index = schema->GetFieldIndex(name);
      if (index < 0) return std::string("missing column ") + name;
      for (int64_t row = 0; row < batch->num_rows(); ++row) {
        std::string e = CheckValue(name, *batch->column_data(index), row, i + row);
        if (!e.empty() && errors.size() < 2000) errors += e + "\n";
      }
    }
    i += batch->num_rows();
  }
  if (i != kTotalRows) errors += "read " + std::to_string(i) + " rows, expected " + std::to_string(kTotalRows) + "\n";
  return errors;
}

TEST_F(InteropTest, OurBatchesMatchTheFormula) {
  // Guards the C++ side of the formula itself.
  EXPECT_EQ(CheckBatches(InteropSchema(), InteropBatches()), "");
}

TEST_F(InteropTest, ApacheArrowReadsWhatWeWrite) {
  auto batches = InteropBatches();
  for (bool file : {false, true}) {
    for (CompressionType codec : {CompressionType::kNone, CompressionType::kLz4Frame, CompressionType::kZstd}) {
      IpcWriteOptions options;
      options.compression = codec;
      fs::path path = dir_ / (std::string("cpp_") + std::string(CompressionTypeName(codec)) + (file ? ".arrow" : ".arrows"));
      Status st = file ? WriteFileFormat(path.string(), InteropSchema(), batches, options)
                       : WriteStreamFile(path.string(), InteropSchema(), batches, options);
      ASSERT_TRUE(st.ok()) << st;
      std::string output;
      int rc = RunNode("check '" + path.string() + "'", &output);
      EXPECT_EQ(rc, 0) << path.filename() << ": " << output;
      EXPECT_NE(output.find("\"ok\":true"), std::string::npos) << output;
      std::cout << "[ interop ] apache-arrow read " << path.filename().string() << ": " << output.substr(0, 160)
                << (output.size() > 160 ? "...\n" : "");
    }
  }
}

TEST_F(InteropTest, WeReadWhatApacheArrowWrites) {
  std::string output;
  int rc = RunNode("write '" + dir_.string() + "'", &output);
  ASSERT_EQ(rc, 0) << output;
  for (const char* name : {"js.arrows", "js.arrow"}) {
    fs::path path = dir_ / name;
    bool file = path.extension() == ".arrow";
    SchemaPtr schema;
    auto batches = file ? ReadFileFormat(path.string(), &schema) : ReadStreamFile(path.string(), &schema);
    ASSERT_TRUE(batches.ok()) << name << ": " << batches.status();
    EXPECT_EQ(batches->size(), 2u) << name;
    EXPECT_EQ(CheckBatches(schema, *batches), "") << name;
    std::cout << "[ interop ] read apache-arrow's " << name << ": " << batches->size() << " batches\n";
  }
  // apache-arrow 21's writer puts the *compressed* length where the format wants the
  // uncompressed length (ipc/writer.mjs, _compressBodyBuffers), and compresses the padded
  // buffer. Such files break the specification; the reader must refuse them cleanly rather than
  // guess. (Arrow C++ rejects them the same way.) If a later apache-arrow fixes the prefix, the
  // files become readable and must then match the formula.
  for (const char* name : {"js_lz4.arrows", "js_lz4.arrow"}) {
    fs::path path = dir_ / name;
    bool file = path.extension() == ".arrow";
    SchemaPtr schema;
    auto batches = file ? ReadFileFormat(path.string(), &schema) : ReadStreamFile(path.string(), &schema);
    if (batches.ok()) {
      EXPECT_EQ(CheckBatches(schema, *batches), "") << name;
      std::cout << "[ interop ] read apache-arrow's " << name << " (LZ4): " << batches->size() << " batches\n";
    } else {
      EXPECT_EQ(batches.status().code(), StatusCode::kInvalidData) << batches.status();
      EXPECT_NE(batches.status().message().find("declared uncompressed length"), std::string::npos)
          << batches.status();
      std::cout << "[ interop ] apache-arrow's " << name << " refused (its LZ4 length prefixes are wrong): "
                << batches.status().message() << "\n";
    }
  }
}

}  // namespace
}  // namespace ballista::arrow::ipc
