// Round trips through ParquetWriter and our reader: every supported type, codecs, page versions,
// dictionary on/off, row groups and pages, nested types and error paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/compare.h"
#include "ballista/arrow/validate.h"
#include "ballista/formats/parquet/file_reader.h"
#include "ballista/formats/parquet/file_writer.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

/// One column: the type written, the type our reader gives back, and JSON values for both.
struct Column {
  std::string name;
  a::DataTypePtr written;
  a::DataTypePtr read;
  std::string json;
  std::string read_json;  // empty: same as json
};

std::vector<Column> FlatColumns() {
  return {
      {"b", a::Boolean(), a::Boolean(), "[true, null, false, true, false, true]", ""},
      {"i8", a::Int8(), a::Int8(), "[-128, 127, null, 0, -1, 5]", ""},
      {"i16", a::Int16(), a::Int16(), "[-32768, 32767, 1, null, 0, -7]", ""},
      {"i32", a::Int32(), a::Int32(), "[-2147483648, 2147483647, 0, 3, null, 3]", ""},
      {"i64", a::Int64(), a::Int64(), "[-9223372036854775808, 9223372036854775807, null, 1, 1, 1]",
       ""},
      {"u8", a::UInt8(), a::UInt8(), "[0, 255, 128, null, 1, 2]", ""},
      {"u16", a::UInt16(), a::UInt16(), "[0, 65535, null, 32768, 1, 1]", ""},
      {"u32", a::UInt32(), a::UInt32(), "[0, 4294967295, 2147483648, null, 7, 7]", ""},
      {"u64", a::UInt64(), a::UInt64(),
       "[0, 18446744073709551615, null, 9223372036854775808, 3, 3]", ""},
      {"f32", a::Float32(), a::Float32(), "[1.5, -0.0, null, \"Infinity\", -3.25, 1.5]", ""},
      {"f64", a::Float64(), a::Float64(), "[1e300, -2.5, null, \"-Infinity\", 0.0, 1e-300]", ""},
      {"d5", a::Decimal128(5, 2), a::Decimal128(5, 2),
       "[\"123.45\", \"-999.99\", null, \"0.01\", \"0.00\", \"1.00\"]", ""},
      {"d15", a::Decimal128(15, 3), a::Decimal128(15, 3),
       "[\"123456789012.345\", \"-1.000\", null, \"0.000\", \"5.5\", \"5.5\"]", ""},
      {"d30", a::Decimal128(30, 4), a::Decimal128(30, 4),
       "[\"12345678901234567890123456.7890\", \"-12345678901234567890123456.7890\", null, "
       "\"-0.0001\", \"0\", \"1\"]",
       ""},
      {"d64", a::Decimal64(12, 2), a::Decimal128(12, 2),
       "[\"1234567890.12\", \"-0.01\", null, \"0\", \"1\", \"2\"]", ""},
      {"s", a::Utf8(), a::Utf8(), "[\"hello\", \"\", null, \"h\\u00e9llo\", \"hello\", \"z\"]", ""},
      {"ls", a::LargeUtf8(), a::Utf8(), "[\"x\", null, \"yy\", \"zzz\", \"x\", \"\"]", ""},
      {"bin", a::Binary(), a::Binary(), "[\"\\u0000\\u0001\", \"abc\", null, \"\", \"abc\", \"q\"]",
       ""},
      {"fsb", a::FixedSizeBinary(3), a::FixedSizeBinary(3),
       "[\"abc\", \"def\", null, \"abc\", \"xyz\", \"000\"]", ""},
      {"date", a::Date32(), a::Date32(), "[0, -1, 19000, null, 19000, 2932896]", ""},
      {"date64", a::Date64(), a::Date32(), "[86400000, -86400000, 0, null, 864000000, 0]",
       "[1, -1, 0, null, 10, 0]"},
      {"t32", a::Time32(a::TimeUnit::kMilli), a::Time32(a::TimeUnit::kMilli),
       "[0, 86399999, null, 1000, 1, 2]", ""},
      {"t32s", a::Time32(a::TimeUnit::kSecond), a::Time32(a::TimeUnit::kMilli),
       "[0, 86399, null, 1, 2, 3]", "[0, 86399000, null, 1000, 2000, 3000]"},
      {"t64", a::Time64(a::TimeUnit::kMicro), a::Time64(a::TimeUnit::kMicro),
       "[0, 86399999999, null, 5, 6, 7]", ""},
      {"t64n", a::Time64(a::TimeUnit::kNano), a::Time64(a::TimeUnit::kNano),
       "[0, 86399999999999, null, 5, 6, 7]", ""},
      {"ts_ms", a::Timestamp(a::TimeUnit::kMilli), a::Timestamp(a::TimeUnit::kMilli),
       "[0, -1, 1700000000000, null, 2, 3]", ""},
      {"ts_us_utc", a::Timestamp(a::TimeUnit::kMicro, "UTC"),
       a::Timestamp(a::TimeUnit::kMicro, "UTC"), "[0, -1, 1700000000000000, null, 2, 3]", ""},
      {"ts_ns_utc", a::Timestamp(a::TimeUnit::kNano, "UTC"),
       a::Timestamp(a::TimeUnit::kNano, "UTC"), "[0, -1, 1700000000000000000, null, 2, 3]", ""},
      {"ts_s", a::Timestamp(a::TimeUnit::kSecond), a::Timestamp(a::TimeUnit::kMilli),
       "[0, -1, 1700000000, null, 2, 3]", "[0, -1000, 1700000000000, null, 2000, 3000]"},
  };
}

struct Tables {
  a::RecordBatchPtr written;
  a::RecordBatchPtr expected;
};

Tables MakeTables(const std::vector<Column>& columns) {
  a::FieldVector wf, rf;
  std::vector<a::ArrayDataPtr> wc, rc;
  for (const auto& c : columns) {
    wf.push_back(a::MakeField(c.name, c.written));
    rf.push_back(a::MakeField(c.name, c.read));
    auto w = a::ArrayFromJson(c.written, c.json);
    EXPECT_TRUE(w.ok()) << c.name << ": " << w.status().ToString();
    auto r = a::ArrayFromJson(c.read, c.read_json.empty() ? c.json : c.read_json);
    EXPECT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    wc.push_back(*w);
    rc.push_back(*r);
  }
  int64_t rows = wc.empty() ? 0 : wc[0]->length;
  return {std::make_shared<a::RecordBatch>(a::MakeSchema(wf), rows, wc),
          std::make_shared<a::RecordBatch>(a::MakeSchema(rf), rows, rc)};
}

/// Reads `path` back and concatenates the row groups' rows column by column through slices.
void ExpectFileEquals(const std::string& path, const a::RecordBatch& expected) {
  auto batches = ReadParquetFile(path);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  int64_t row = 0;
  for (const auto& batch : *batches) {
    ASSERT_TRUE(a::ValidateRecordBatch(*batch, true).ok());
    ASSERT_EQ(batch->num_columns(), expected.num_columns());
    auto want = expected.Slice(row, batch->num_rows());
    for (int c = 0; c < batch->num_columns(); ++c) {
      EXPECT_TRUE(a::ArrayDataEquals(*batch->column_data(c), *want->column_data(c)))
          << expected.column_name(c) << " rows " << row
          << "+: " << a::DiffArrayData(*batch->column_data(c), *want->column_data(c));
    }
    row += batch->num_rows();
  }
  EXPECT_EQ(row, expected.num_rows());
}

struct Variant {
  CompressionCodec codec;
  bool v2;
  bool dictionary;
};

TEST(ParquetWriter, FlatTypesRoundTripInEveryVariant) {
  testing::TempDir dir;
  Tables t = MakeTables(FlatColumns());
  const Variant variants[] = {
      {CompressionCodec::kSnappy, false, true},
      {CompressionCodec::kSnappy, false, false},
      {CompressionCodec::kZstd, true, true},
      {CompressionCodec::kZstd, false, false},
      {CompressionCodec::kGzip, false, true},
      {CompressionCodec::kUncompressed, true, false},
      {CompressionCodec::kUncompressed, false, true},
  };
  int n = 0;
  for (const auto& v : variants) {
    SCOPED_TRACE(std::string(CodecName(v.codec)) + (v.v2 ? " v2" : " v1") +
                 (v.dictionary ? " dict" : " plain"));
    ParquetWriteOptions options;
    options.compression = v.codec;
    options.data_page_v2 = v.v2;
    options.enable_dictionary = v.dictionary;
    std::string path = dir.Path("flat" + std::to_string(n++) + ".parquet");
    ASSERT_TRUE(WriteParquetFile(path, {t.written}, options).ok());
    auto reader = ParquetFileReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_TRUE((*reader)->schema()->Equals(*t.expected->schema()))
        << (*reader)->schema()->ToString();
    ExpectFileEquals(path, *t.expected);
  }
}

TEST(ParquetWriter, BatchesSplitIntoRowGroupsAndPages) {
  testing::TempDir dir;
  // 10,000 rows: id = i, name = "n" + (i % 7) or null every 10th row.
  std::string ids = "[", names = "[";
  for (int i = 0; i < 10000; ++i) {
    ids += (i ? "," : "") + std::to_string(i);
    names +=
        std::string(i ? "," : "") + (i % 10 == 0 ? "null" : "\"n" + std::to_string(i % 7) + "\"");
  }
  ids += "]";
  names += "]";
  auto t = MakeTables(
      {{"id", a::Int64(), a::Int64(), ids, ""}, {"name", a::Utf8(), a::Utf8(), names, ""}});
  ParquetWriteOptions options;
  options.row_group_size = 3000;
  options.data_page_max_values = 500;
  std::string path = dir.Path("groups.parquet");
  {
    // Fed as 4 uneven batches so row groups straddle batch boundaries.
    auto writer = ParquetWriter::Open(path, t.written->schema(), options);
    ASSERT_TRUE(writer.ok());
    for (auto [off, len] : {std::pair{0, 1234}, {1234, 4000}, {5234, 1}, {5235, 4765}}) {
      ASSERT_TRUE((*writer)->Write(*t.written->Slice(off, len)).ok());
    }
    ASSERT_TRUE((*writer)->Close().ok());
    EXPECT_EQ((*writer)->rows_written(), 10000);
  }
  auto reader = ParquetFileReader::Open(path);
  ASSERT_TRUE(reader.ok());
  ASSERT_EQ((*reader)->num_row_groups(), 4);  // 3000 + 3000 + 3000 + 1000
  EXPECT_EQ((*reader)->metadata().row_groups[3].num_rows, 1000);
  auto offsets = (*reader)->ReadOffsetIndex(1, 0);
  ASSERT_TRUE(offsets.ok()) << offsets.status().ToString();
  ASSERT_EQ(offsets->page_locations.size(), 6u);
  for (size_t p = 0; p < 6; ++p) {
    EXPECT_EQ(offsets->page_locations[p].first_row_index, static_cast<int64_t>(p) * 500);
  }
  // Row group 1 holds ids 3000..5999: page p of the id column spans [3000 + 500p, 3499 + 500p].
  auto index = (*reader)->ReadColumnIndex(1, 0);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  ASSERT_EQ(index->min_values.size(), 6u);
  int64_t lo, hi;
  std::memcpy(&lo, index->min_values[2].data(), 8);
  std::memcpy(&hi, index->max_values[2].data(), 8);
  EXPECT_EQ(lo, 4000);
  EXPECT_EQ(hi, 4499);
  // Names: 50 nulls per 500-row page (every 10th row).
  auto names_index = (*reader)->ReadColumnIndex(1, 1);
  ASSERT_TRUE(names_index.ok());
  EXPECT_EQ(names_index->null_counts[0], 50);
  EXPECT_EQ(names_index->min_values[0], "n0");
  EXPECT_EQ(names_index->max_values[0], "n6");
  ExpectFileEquals(path, *t.expected);
}

TEST(ParquetWriter, DictionaryFallsBackToPlainWhenTooLarge) {
  testing::TempDir dir;
  std::string low = "[", high = "[";
  for (int i = 0; i < 2000; ++i) {
    low += std::string(i ? "," : "") + "\"v" + std::to_string(i % 3) + "\"";
    high += std::string(i ? "," : "") + "\"unique-value-" + std::to_string(i) + "\"";
  }
  low += "]";
  high += "]";
  auto t = MakeTables(
      {{"low", a::Utf8(), a::Utf8(), low, ""}, {"high", a::Utf8(), a::Utf8(), high, ""}});
  ParquetWriteOptions options;
  options.dictionary_page_size_limit = 1000;  // "unique-value-N" x 2000 is far larger
  std::string path = dir.Path("dict.parquet");
  ASSERT_TRUE(WriteParquetFile(path, {t.written}, options).ok());
  auto reader = ParquetFileReader::Open(path);
  ASSERT_TRUE(reader.ok());
  const auto& cols = (*reader)->metadata().row_groups[0].columns;
  auto has = [](const ColumnMetaData& m, Encoding e) {
    return std::find(m.encodings.begin(), m.encodings.end(), e) != m.encodings.end();
  };
  EXPECT_TRUE(cols[0].meta_data->dictionary_page_offset.has_value());
  EXPECT_TRUE(has(*cols[0].meta_data, Encoding::kRleDictionary));
  EXPECT_FALSE(cols[1].meta_data->dictionary_page_offset.has_value());
  EXPECT_FALSE(has(*cols[1].meta_data, Encoding::kRleDictionary));
  // 3 distinct values: a tiny chunk compared with the plain one.
  EXPECT_LT(cols[0].meta_data->total_uncompressed_size, 2000);
  ExpectFileEquals(path, *t.expected);
}

TEST(ParquetWriter, EmptyFileAndEmptyBatches) {
  testing::TempDir dir;
  auto schema = a::MakeSchema({a::MakeField("x", a::Int32())});
  std::string path = dir.Path("empty.parquet");
  ASSERT_TRUE(WriteParquetFile(path, schema, {}).ok());
  auto reader = ParquetFileReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->num_rows(), 0);
  EXPECT_EQ((*reader)->num_row_groups(), 0);
  EXPECT_TRUE((*reader)->schema()->Equals(*schema));
}

TEST(ParquetWriter, ErrorsNameTheProblem) {
  testing::TempDir dir;
  auto duration = a::MakeSchema({a::MakeField("d", a::Duration(a::TimeUnit::kSecond))});
  auto w1 = ParquetWriter::Open(dir.Path("a.parquet"), duration);
  ASSERT_FALSE(w1.ok());
  EXPECT_EQ(w1.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(w1.status().message().find("\"d\""), std::string::npos);

  auto required = a::MakeSchema({a::MakeField("r", a::Int32(), /*nullable=*/false)});
  auto w2 = ParquetWriter::Open(dir.Path("b.parquet"), required);
  ASSERT_TRUE(w2.ok());
  auto batch = a::RecordBatch::Make(required, 2, {*a::ArrayFromJson(a::Int32(), "[1, null]")});
  ASSERT_TRUE(batch.ok());
  Status st = (*w2)->Write(**batch);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();

  auto other = a::RecordBatch::Make(a::MakeSchema({a::MakeField("r", a::Int64())}), 1,
                                    {*a::ArrayFromJson(a::Int64(), "[1]")});
  EXPECT_EQ((*w2)->Write(**other).code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ParquetWriter::Open("/nonexistent-dir/x.parquet", required).ok());
  ParquetWriteOptions lzo;
  lzo.compression = CompressionCodec::kLzo;
  EXPECT_FALSE(ParquetWriter::Open(dir.Path("c.parquet"), required, lzo).ok());
}

}  // namespace
}  // namespace ballista::formats::parquet
