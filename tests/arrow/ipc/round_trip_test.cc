// Write -> read round trips through the stream and file formats, for every supported type, with
// nulls, slices, empty batches, nested types, dictionaries (new, delta, replacement), views and
// every compression codec.

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "ballista/arrow/compare.h"
#include "ballista/arrow/ipc/decoder.h"
#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/ipc/writer.h"
#include "test_util.h"

namespace ballista::arrow::ipc {
namespace {

using namespace testing;  // NOLINT(build/namespaces)

/// Which format and codec a round trip uses.
struct Format {
  bool file;
  CompressionType compression;
};

std::string FormatName(const Format& f) {
  return std::string(f.file ? "file" : "stream") + "_" + std::string(CompressionTypeName(f.compression));
}

/// Serializes `batches` and reads them back with the matching reader.
Result<std::vector<RecordBatchPtr>> RoundTrip(const SchemaPtr& schema, const std::vector<RecordBatchPtr>& batches,
                                              const Format& format, SchemaPtr* read_schema = nullptr) {
  IpcWriteOptions options;
  options.compression = format.compression;
  BufferOutputStream out;
  if (format.file) {
    ASSIGN_OR_RAISE(auto writer, FileWriter::Open(&out, schema, options));
    for (const auto& b : batches) RETURN_NOT_OK(writer->WriteRecordBatch(*b));
    RETURN_NOT_OK(writer->Close());
  } else {
    ASSIGN_OR_RAISE(auto writer, StreamWriter::Open(&out, schema, options));
    for (const auto& b : batches) RETURN_NOT_OK(writer->WriteRecordBatch(*b));
    RETURN_NOT_OK(writer->Close());
  }
  ASSIGN_OR_RAISE(auto bytes, out.Finish());
  if (format.file) {
    ASSIGN_OR_RAISE(auto reader, FileReader::Open(bytes));
    if (read_schema) *read_schema = reader->schema();
    return reader->ReadAll();
  }
  BufferReader input(bytes);
  ASSIGN_OR_RAISE(auto reader, StreamReader::Open(&input));
  if (read_schema) *read_schema = reader->schema();
  return reader->ReadAll();
}

void ExpectSameBatches(const std::vector<RecordBatchPtr>& expected, const std::vector<RecordBatchPtr>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(expected[i]->num_columns(), actual[i]->num_columns());
    EXPECT_EQ(expected[i]->num_rows(), actual[i]->num_rows());
    for (int c = 0; c < expected[i]->num_columns(); ++c) {
      EXPECT_TRUE(ArrayDataEquals(*expected[i]->column_data(c), *actual[i]->column_data(c)))
          << "batch " << i << " column " << expected[i]->column_name(c) << ": "
          << DiffArrayData(*actual[i]->column_data(c), *expected[i]->column_data(c));
    }
  }
}

std::string Le(int64_t v, int bytes) {
  std::string out(static_cast<size_t>(bytes), v < 0 ? '\xff' : '\0');
  std::memcpy(out.data(), &v, static_cast<size_t>(std::min(bytes, 8)));
  return out;
}

RecordBatchPtr PrimitiveBatch() {
  std::vector<bool> v7 = {true, false, true, true, false, true, true};
  return MakeBatch({
      {"null", ArrayData::Make(Null(), 7, {}, 7)},
      {"bool", MakeBool({true, false, false, true, true, false, true}, v7)},
      {"i8", MakePrimitive<int8_t>(Int8(), {-128, 0, 1, 127, 5, -1, 3}, v7)},
      {"i16", MakePrimitive<int16_t>(Int16(), {-32768, 0, 1, 32767, 5, -1, 3})},
      {"i32", MakePrimitive<int32_t>(Int32(), {INT32_MIN, 0, 1, INT32_MAX, 5, -1, 3}, v7)},
      {"i64", MakePrimitive<int64_t>(Int64(), {INT64_MIN, 0, 1, INT64_MAX, 5, -1, 3}, v7)},
      {"u8", MakePrimitive<uint8_t>(UInt8(), {0, 255, 1, 2, 3, 4, 5}, v7)},
      {"u16", MakePrimitive<uint16_t>(UInt16(), {0, 65535, 1, 2, 3, 4, 5})},
      {"u32", MakePrimitive<uint32_t>(UInt32(), {0, UINT32_MAX, 1, 2, 3, 4, 5}, v7)},
      {"u64", MakePrimitive<uint64_t>(UInt64(), {0, UINT64_MAX, 1, 2, 3, 4, 5}, v7)},
      {"f16", MakePrimitive<uint16_t>(Float16(), {0x3C00, 0xC000, 0, 0x7BFF, 1, 2, 3}, v7)},
      {"f32", MakePrimitive<float>(Float32(), {1.5f, -2.25f, 0, 1e30f, 3, 4, 5}, v7)},
      {"f64", MakePrimitive<double>(Float64(), {1.5, -2.25, 0, 1e300, 3, 4, 5}, v7)},
      {"dec32", MakeFixedBytes(Decimal32(9, 2), {Le(12345, 4), Le(-1, 4), Le(0, 4), Le(999999999, 4), Le(1, 4),
                                                 Le(2, 4), Le(3, 4)}, v7)},
      {"dec64", MakeFixedBytes(Decimal64(18, 3), {Le(-5, 8), Le(7, 8), Le(0, 8), Le(1, 8), Le(2, 8), Le(3, 8),
                                                  Le(4, 8)}, v7)},
      {"dec128", MakeFixedBytes(Decimal128(38, 10), {Le(-5, 16), Le(7, 16), Le(0, 16), Le(1, 16), Le(2, 16),
                                                     Le(3, 16), Le(4, 16)}, v7)},
      {"dec256", MakeFixedBytes(Decimal256(76, 0), {Le(-5, 32), Le(7, 32), Le(0, 32), Le(1, 32), Le(2, 32),
                                                    Le(3, 32), Le(4, 32)}, v7)},
      {"date32", MakePrimitive<int32_t>(Date32(), {0, 19000, -1, 3, 4, 5, 6}, v7)},
      {"date64", MakePrimitive<int64_t>(Date64(), {0, 86400000, -86400000, 3, 4, 5, 6}, v7)},
      {"time32s", MakePrimitive<int32_t>(Time32(TimeUnit::kSecond), {0, 1, 86399, 3, 4, 5, 6}, v7)},
      {"time32ms", MakePrimitive<int32_t>(Time32(TimeUnit::kMilli), {0, 1, 2, 3, 4, 5, 6})},
      {"time64us", MakePrimitive<int64_t>(Time64(TimeUnit::kMicro), {0, 1, 2, 3, 4, 5, 6}, v7)},
      {"time64ns", MakePrimitive<int64_t>(Time64(TimeUnit::kNano), {0, 1, 2, 3, 4, 5, 6}, v7)},
      {"ts_s", MakePrimitive<int64_t>(Timestamp(TimeUnit::kSecond), {0, 1, 2, 3, 4, 5, 6}, v7)},
      {"ts_ms_utc", MakePrimitive<int64_t>(Timestamp(TimeUnit::kMilli, "UTC"), {0, 1, 2, 3, 4, 5, 6}, v7)},
      {"ts_us_ny", MakePrimitive<int64_t>(Timestamp(TimeUnit::kMicro, "America/New_York"), {0, 1, 2, 3, 4, 5, 6})},
      {"ts_ns", MakePrimitive<int64_t>(Timestamp(TimeUnit::kNano, "+02:00"), {0, 1, 2, 3, 4, 5, 6}, v7)},
      {"dur_s", MakePrimitive<int64_t>(Duration(TimeUnit::kSecond), {0, -1, 2, 3, 4, 5, 6}, v7)},
      {"dur_ns", MakePrimitive<int64_t>(Duration(TimeUnit::kNano), {0, -1, 2, 3, 4, 5, 6}, v7)},
      {"iv_ym", MakePrimitive<int32_t>(IntervalYearMonth(), {0, -1, 12, 3, 4, 5, 6}, v7)},
      {"iv_dt", MakePrimitive<int64_t>(IntervalDayTime(), {0, -1, 12, 3, 4, 5, 6}, v7)},
      {"iv_mdn", MakeFixedBytes(IntervalMonthDayNano(), {Le(1, 16), Le(2, 16), Le(3, 16), Le(4, 16), Le(5, 16),
                                                         Le(6, 16), Le(7, 16)}, v7)},
      {"fsb3", MakeFixedBytes(FixedSizeBinary(3), {"abc", "def", "ghi", "jkl", "mno", "pqr", "stu"}, v7)},
  });
}

RecordBatchPtr StringBatch() {
  std::vector<bool> v6 = {true, true, false, true, true, true};
  std::vector<std::string> words = {"alpha", "", "x", "a longer string value", "ünïcödé", "z"};
  return MakeBatch({
      {"utf8", MakeStrings(Utf8(), words, v6)},
      {"large_utf8", MakeStrings(LargeUtf8(), words)},
      {"binary", MakeStrings(Binary(), {"\x01\x02", "", std::string("\0\0", 2), "b", "cc", "ddd"}, v6)},
      {"large_binary", MakeStrings(LargeBinary(), {"", "", "", "q", "", "r"}, v6)},
      {"utf8_view", MakeViews(Utf8View(), {"short", "exactly 12 b", "this one is long enough", "", "another long "
                                           "string here", "tiny"}, v6)},
      {"binary_view", MakeViews(BinaryView(), {"0123456789abcdef", "", "x", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
                                               "zzzzzzzzzzzzz", "w"}, v6, 20)},
  });
}

RecordBatchPtr NestedBatch() {
  // list<int32>: [[1,2], null, [], [3], [4,5,6]]
  auto list_child = MakePrimitive<int32_t>(Int32(), {1, 2, 3, 4, 5, 6}, {true, true, false, true, true, true});
  auto list = MakeList(List(Int32()), {0, 2, 2, 2, 3, 6}, list_child, {true, false, true, true, true});
  // large_list<utf8>
  auto large_child = MakeStrings(Utf8(), {"a", "bb", "ccc", "dddd"});
  auto large_list = MakeList(LargeList(Utf8()), {0, 1, 1, 3, 4, 4}, large_child, {true, true, true, true, false});
  // fixed_size_list<int16>[2]
  auto fsl_child = MakePrimitive<int16_t>(Int16(), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  auto fsl = MakeNested(FixedSizeList(Int16(), 2), 5, {fsl_child}, {true, true, false, true, true});
  // struct<a: int64, b: utf8>
  auto struct_type = Struct({MakeField("a", Int64()), MakeField("b", Utf8())});
  auto s = MakeNested(struct_type, 5,
                      {MakePrimitive<int64_t>(Int64(), {10, 20, 30, 40, 50}, {true, false, true, true, true}),
                       MakeStrings(Utf8(), {"p", "q", "r", "s", "t"})},
                      {true, true, false, true, true});
  // map<utf8, int32>
  auto entries_type = Struct({MakeField("key", Utf8(), false), MakeField("value", Int32())});
  auto entries = MakeNested(entries_type, 4,
                            {MakeStrings(Utf8(), {"k1", "k2", "k3", "k4"}),
                             MakePrimitive<int32_t>(Int32(), {1, 2, 3, 4}, {true, false, true, true})});
  auto map = MakeList(Map(Utf8(), Int32()), {0, 2, 2, 3, 3, 4}, entries, {true, true, true, false, true});
  // list<struct<x: bool>>
  auto inner_struct_type = Struct({MakeField("x", Boolean())});
  auto inner = MakeNested(inner_struct_type, 3, {MakeBool({true, false, true})}, {true, true, false});
  auto list_of_struct = MakeList(List(MakeField("item", inner_struct_type)), {0, 1, 1, 2, 3, 3}, inner);
  return MakeBatch({{"list", list},
                    {"large_list", large_list},
                    {"fsl", fsl},
                    {"struct", s},
                    {"map", map},
                    {"list_of_struct", list_of_struct}});
}

/// Each round trip runs in both formats and with every codec.
class RoundTripTest : public ::testing::TestWithParam<Format> {};

TEST_P(RoundTripTest, PrimitiveTypes) {
  auto batch = PrimitiveBatch();
  auto read = RoundTrip(batch->schema(), {batch, batch}, GetParam());
  ASSERT_TRUE(read.ok()) << read.status();
  ExpectSameBatches({batch, batch}, *read);
}

TEST_P(RoundTripTest, StringsBinaryAndViews) {
  auto batch = StringBatch();
  SchemaPtr schema;
  auto read = RoundTrip(batch->schema(), {batch}, GetParam(), &schema);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(schema->Equals(*batch->schema()));
  ExpectSameBatches({batch}, *read);
  // The view columns kept their several variadic buffers.
  EXPECT_EQ((*read)[0]->column_data(4)->buffers.size(), batch->column_data(4)->buffers.size());
  EXPECT_GT((*read)[0]->column_data(5)->buffers.size(), 3u);
}

TEST_P(RoundTripTest, NestedTypes) {
  auto batch = NestedBatch();
  SchemaPtr schema;
  auto read = RoundTrip(batch->schema(), {batch}, GetParam(), &schema);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(schema->Equals(*batch->schema())) << schema->ToString();
  ExpectSameBatches({batch}, *read);
}

TEST_P(RoundTripTest, SlicesAtOddOffsets) {
  for (const auto& batch : {PrimitiveBatch(), StringBatch(), NestedBatch()}) {
    for (auto [offset, length] : {std::pair<int64_t, int64_t>{1, 3}, {3, 2}, {0, 1}, {2, 0}}) {
      if (offset + length > batch->num_rows()) continue;
      auto slice = batch->Slice(offset, length);
      auto read = RoundTrip(slice->schema(), {slice}, GetParam());
      ASSERT_TRUE(read.ok()) << read.status();
      ExpectSameBatches({slice}, *read);
      ASSERT_EQ(read->size(), 1u);
      // Readers see a self-contained batch: offsets start from zero again.
      for (const auto& column : (*read)[0]->columns()) EXPECT_EQ(column->offset, 0);
    }
  }
}

TEST_P(RoundTripTest, SliceRebasesOffsets) {
  auto strings = MakeStrings(Utf8(), {"aaaa", "bbbb", "cc", "d", "eeeeee"});
  auto batch = MakeBatch({{"s", strings}})->Slice(2, 2);
  auto read = RoundTrip(batch->schema(), {batch}, GetParam());
  ASSERT_TRUE(read.ok()) << read.status();
  const auto& column = *(*read)[0]->column_data(0);
  const int32_t* offsets = column.GetValues<int32_t>(1);
  EXPECT_EQ(offsets[0], 0);
  EXPECT_EQ(offsets[1], 2);
  EXPECT_EQ(offsets[2], 3);
  EXPECT_EQ(column.buffers[2]->view().substr(0, 3), "ccd");
}

TEST_P(RoundTripTest, EmptyBatchesAndEmptyStream) {
  auto batch = NestedBatch();
  auto empty = batch->Slice(0, 0);
  auto read = RoundTrip(batch->schema(), {empty, batch, empty}, GetParam());
  ASSERT_TRUE(read.ok()) << read.status();
  ExpectSameBatches({empty, batch, empty}, *read);

  SchemaPtr schema;
  auto none = RoundTrip(batch->schema(), {}, GetParam(), &schema);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  EXPECT_TRUE(schema->Equals(*batch->schema()));
}

TEST_P(RoundTripTest, SchemaAndFieldMetadata) {
  auto field = MakeField("m", Int32(), false, {{"k1", "v1"}, {"ARROW:extension:name", "my.ext"}});
  auto schema = MakeSchema({field}, {{"schema_key", "schema_value"}, {"empty", ""}});
  auto batch = std::make_shared<RecordBatch>(schema, 2, std::vector<ArrayDataPtr>{MakePrimitive<int32_t>(Int32(), {1, 2})});
  SchemaPtr read_schema;
  auto read = RoundTrip(schema, {batch}, GetParam(), &read_schema);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read_schema->Equals(*schema, /*check_metadata=*/true)) << read_schema->ToString();
  EXPECT_EQ(read_schema->metadata(), schema->metadata());
  EXPECT_EQ(read_schema->field(0)->metadata(), field->metadata());
  EXPECT_FALSE(read_schema->field(0)->nullable());
}

TEST_P(RoundTripTest, DictionariesNewAndDelta) {
  auto type = Dictionary(Int32(), Utf8());
  auto dict1 = MakeStrings(Utf8(), {"red", "green"});
  auto dict2 = MakeStrings(Utf8(), {"red", "green", "blue"});  // dict1 plus one entry: a delta
  auto b1 = MakeBatch({{"color", MakeDictionaryArray(type, {0, 1, 1, 0}, dict1, {true, true, false, true})}});
  auto b2 = MakeBatch({{"color", MakeDictionaryArray(type, {2, 0, 2}, dict2)}});
  auto b3 = MakeBatch({{"color", MakeDictionaryArray(type, {1}, dict2)}});  // unchanged dictionary
  auto read = RoundTrip(b1->schema(), {b1, b2, b3}, GetParam());
  ASSERT_TRUE(read.ok()) << read.status();
  if (GetParam().file) {
    // A file reader applies every dictionary (and delta) up front, so all batches see the grown
    // dictionary: the indices are unchanged and still decode to the same values.
    auto b1_full = MakeBatch({{"color", MakeDictionaryArray(type, {0, 1, 1, 0}, dict2, {true, true, false, true})}});
    ExpectSameBatches({b1_full, b2, b3}, *read);
  } else {
    ExpectSameBatches({b1, b2, b3}, *read);
  }
  EXPECT_EQ((*read)[1]->column_data(0)->dictionary->length, 3);
}

TEST_P(RoundTripTest, NestedDictionaries) {
  // list<dictionary<int32, utf8>> and struct<d: dictionary<int32, int64>>
  auto inner_type = Dictionary(Int32(), Utf8());
  auto inner = MakeDictionaryArray(inner_type, {0, 1, 0, 2}, MakeStrings(Utf8(), {"x", "y", "z"}));
  auto list = MakeList(List(MakeField("item", inner_type)), {0, 1, 3, 4}, inner);
  auto d2_type = Dictionary(Int32(), Int64());
  auto d2 = MakeDictionaryArray(d2_type, {1, 0, 1}, MakePrimitive<int64_t>(Int64(), {100, 200}), {true, false, true});
  auto s = MakeNested(Struct({MakeField("d", d2_type)}), 3, {d2});
  // A dictionary whose values hold a dictionary: dictionary<int32, list<dictionary<int32, utf8>>>
  auto values_inner = MakeDictionaryArray(inner_type, {2, 2, 1}, MakeStrings(Utf8(), {"p", "q", "r"}));
  auto values = MakeList(List(MakeField("item", inner_type)), {0, 2, 3}, values_inner);
  auto outer_type = Dictionary(Int32(), values->type);
  auto outer = MakeDictionaryArray(outer_type, {1, 0, 1}, values);
  auto batch = MakeBatch({{"list", list}, {"struct", s}, {"outer", outer}});
  SchemaPtr schema;
  auto read = RoundTrip(batch->schema(), {batch}, GetParam(), &schema);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(schema->Equals(*batch->schema())) << schema->ToString();
  ExpectSameBatches({batch}, *read);
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTripTest,
                         ::testing::Values(Format{false, CompressionType::kNone}, Format{true, CompressionType::kNone},
                                           Format{false, CompressionType::kLz4Frame},
                                           Format{true, CompressionType::kLz4Frame},
                                           Format{false, CompressionType::kZstd}, Format{true, CompressionType::kZstd}),
                         [](const ::testing::TestParamInfo<Format>& info) { return FormatName(info.param); });

TEST(DictionaryWriting, StreamReplacesAndFileRefuses) {
  auto type = Dictionary(Int32(), Utf8());
  auto b1 = MakeBatch({{"c", MakeDictionaryArray(type, {0, 1}, MakeStrings(Utf8(), {"a", "b"}))}});
  auto b2 = MakeBatch({{"c", MakeDictionaryArray(type, {1, 0}, MakeStrings(Utf8(), {"x", "y"}))}});
  auto b3 = MakeBatch({{"c", MakeDictionaryArray(type, {2}, MakeStrings(Utf8(), {"x", "y", "z"}))}});

  BufferOutputStream out;
  auto writer = StreamWriter::Open(&out, b1->schema());
  ASSERT_TRUE(writer.ok());
  for (const auto& b : {b1, b2, b3}) ASSERT_TRUE((*writer)->WriteRecordBatch(*b).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ((*writer)->stats().num_dictionary_batches, 3);
  EXPECT_EQ((*writer)->stats().num_replaced_dictionaries, 1);
  EXPECT_EQ((*writer)->stats().num_dictionary_deltas, 1);
  auto bytes = out.Finish();
  ASSERT_TRUE(bytes.ok());
  BufferReader input(*bytes);
  auto reader = StreamReader::Open(&input);
  ASSERT_TRUE(reader.ok());
  auto batches = (*reader)->ReadAll();
  ASSERT_TRUE(batches.ok()) << batches.status();
  ExpectSameBatches({b1, b2, b3}, *batches);
  EXPECT_EQ((*reader)->stats().num_replaced_dictionaries, 1);
  EXPECT_EQ((*reader)->stats().num_dictionary_deltas, 1);

  BufferOutputStream file_out;
  auto file_writer = FileWriter::Open(&file_out, b1->schema());
  ASSERT_TRUE(file_writer.ok());
  ASSERT_TRUE((*file_writer)->WriteRecordBatch(*b1).ok());
  Status st = (*file_writer)->WriteRecordBatch(*b2);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st;
}

TEST(DictionaryWriting, DeltasCanBeTurnedOffForStreams) {
  auto type = Dictionary(Int32(), Utf8());
  auto b1 = MakeBatch({{"c", MakeDictionaryArray(type, {0}, MakeStrings(Utf8(), {"a"}))}});
  auto b2 = MakeBatch({{"c", MakeDictionaryArray(type, {1}, MakeStrings(Utf8(), {"a", "b"}))}});
  IpcWriteOptions options;
  options.emit_dictionary_deltas = false;
  BufferOutputStream out;
  auto writer = StreamWriter::Open(&out, b1->schema(), options);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->WriteRecordBatch(*b1).ok());
  ASSERT_TRUE((*writer)->WriteRecordBatch(*b2).ok());
  EXPECT_EQ((*writer)->stats().num_dictionary_deltas, 0);
  EXPECT_EQ((*writer)->stats().num_replaced_dictionaries, 1);
}

TEST(Compression, ShrinksCompressibleDataAndStoresIncompressibleRaw) {
  std::vector<int64_t> repetitive(100000);
  for (size_t i = 0; i < repetitive.size(); ++i) repetitive[i] = static_cast<int64_t>(i % 10);
  std::mt19937_64 rng(42);
  std::vector<int64_t> random(10000);
  for (auto& v : random) v = static_cast<int64_t>(rng());
  for (CompressionType codec : {CompressionType::kLz4Frame, CompressionType::kZstd}) {
    auto batch = MakeBatch({{"r", MakePrimitive<int64_t>(Int64(), repetitive)}});
    auto noise = MakeBatch({{"n", MakePrimitive<int64_t>(Int64(), random)}});
    IpcWriteOptions options;
    options.compression = codec;
    auto plain = SerializeStream(batch->schema(), {batch});
    auto packed = SerializeStream(batch->schema(), {batch}, options);
    ASSERT_TRUE(plain.ok() && packed.ok());
    EXPECT_LT((*packed)->size() * 10, (*plain)->size()) << CompressionTypeName(codec);
    auto noisy = SerializeStream(noise->schema(), {noise}, options);
    ASSERT_TRUE(noisy.ok());
    BufferReader input(*noisy);
    auto reader = StreamReader::Open(&input);
    ASSERT_TRUE(reader.ok());
    auto read = (*reader)->ReadAll();
    ASSERT_TRUE(read.ok()) << read.status();
    ExpectSameBatches({noise}, *read);
  }
}

TEST(WriterErrors, RejectsMismatchedBatchesAndBadOptions) {
  auto batch = MakeBatch({{"a", MakePrimitive<int32_t>(Int32(), {1})}});
  auto other = MakeBatch({{"a", MakePrimitive<int64_t>(Int64(), {1})}});
  BufferOutputStream out;
  auto writer = StreamWriter::Open(&out, batch->schema());
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ((*writer)->WriteRecordBatch(*other).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_FALSE((*writer)->WriteRecordBatch(*batch).ok());

  IpcWriteOptions options;
  options.alignment = 12;
  BufferOutputStream out2;
  auto writer2 = StreamWriter::Open(&out2, batch->schema(), options);
  ASSERT_TRUE(writer2.ok());
  EXPECT_EQ((*writer2)->WriteRecordBatch(*batch).code(), StatusCode::kInvalidArgument);

  auto no_dictionary = MakeBatch({{"d", MakePrimitive<int32_t>(Dictionary(Int32(), Utf8()), {0})}});
  BufferOutputStream out3;
  auto writer3 = StreamWriter::Open(&out3, no_dictionary->schema());
  ASSERT_TRUE(writer3.ok());
  EXPECT_EQ((*writer3)->WriteRecordBatch(*no_dictionary).code(), StatusCode::kInvalidArgument);
}

TEST(Alignment, SixtyFourByteBuffersRoundTrip) {
  auto batch = StringBatch();
  IpcWriteOptions options;
  options.alignment = 64;
  auto bytes = SerializeStream(batch->schema(), {batch}, options);
  ASSERT_TRUE(bytes.ok());
  BufferReader input(*bytes);
  auto reader = StreamReader::Open(&input);
  ASSERT_TRUE(reader.ok());
  auto read = (*reader)->ReadAll();
  ASSERT_TRUE(read.ok()) << read.status();
  ExpectSameBatches({batch}, *read);
}

/// Collects messages the way a Flight server would send them. Single-threaded.
class CollectingSink : public IpcPayloadSink {
 public:
  Status WritePayload(const IpcPayload& payload) override {
    BufferOutputStream body;
    for (const auto& buffer : payload.body_buffers) {
      RETURN_NOT_OK(body.Write(buffer->data(), buffer->size()));
      int64_t padded = (buffer->size() + payload.alignment - 1) / payload.alignment * payload.alignment;
      std::string zeros(static_cast<size_t>(padded - buffer->size()), '\0');
      RETURN_NOT_OK(body.Write(zeros.data(), static_cast<int64_t>(zeros.size())));
    }
    ASSIGN_OR_RAISE(auto bytes, body.Finish());
    messages.emplace_back(payload.metadata, bytes);
    return Status::OK();
  }
  std::vector<std::pair<std::shared_ptr<Buffer>, std::shared_ptr<Buffer>>> messages;
};

TEST(PayloadWriter, MessagesDecodeOneByOne) {
  auto type = Dictionary(Int32(), Utf8());
  auto b1 = MakeBatch({{"c", MakeDictionaryArray(type, {0, 1}, MakeStrings(Utf8(), {"a", "b"}))},
                       {"n", MakePrimitive<int64_t>(Int64(), {5, 6})}});
  auto b2 = MakeBatch({{"c", MakeDictionaryArray(type, {2, 2}, MakeStrings(Utf8(), {"a", "b", "c"}))},
                       {"n", MakePrimitive<int64_t>(Int64(), {7, 8})}});
  CollectingSink sink;
  IpcWriteOptions options;
  options.compression = CompressionType::kZstd;
  auto writer = MakePayloadWriter(&sink, b1->schema(), options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->WriteRecordBatch(*b1).ok());
  ASSERT_TRUE((*writer)->WriteRecordBatch(*b2).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  // schema, dictionary, batch, delta, batch
  ASSERT_EQ(sink.messages.size(), 5u);

  DictionaryMemo memo;
  SchemaPtr schema;
  std::vector<RecordBatchPtr> batches;
  for (size_t i = 0; i < sink.messages.size(); ++i) {
    auto message = Message::Open(sink.messages[i].first, sink.messages[i].second);
    ASSERT_TRUE(message.ok()) << message.status();
    switch ((*message)->type()) {
      case MessageType::kSchema: {
        auto decoded = DecodeSchema(**message, &memo);
        ASSERT_TRUE(decoded.ok()) << decoded.status();
        schema = *decoded;
        break;
      }
      case MessageType::kDictionaryBatch: {
        auto update = DecodeDictionaryBatch(**message, &memo, true, IpcReadOptions::Defaults(), "flight");
        ASSERT_TRUE(update.ok()) << update.status();
        break;
      }
      case MessageType::kRecordBatch: {
        auto batch = DecodeRecordBatch(**message, schema, memo, IpcReadOptions::Defaults(), "flight");
        ASSERT_TRUE(batch.ok()) << batch.status();
        batches.push_back(*batch);
        break;
      }
    }
  }
  ExpectSameBatches({b1, b2}, batches);
}

}  // namespace
}  // namespace ballista::arrow::ipc
