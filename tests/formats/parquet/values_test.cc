#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ballista/formats/parquet/file_reader.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

// Renders one slot the way the reference sources print it; false for types we do not compare
// (floating point and temporal text formats differ between tools).
bool Format(const a::ArrayData& array, int64_t i, std::optional<std::string>* out) {
  if (array.IsNull(i)) {
    out->reset();
    return true;
  }
  int64_t j = array.offset + i;
  switch (array.type->id()) {
    case a::TypeId::kBool: {
      bool bit = (array.buffers[1]->data()[j >> 3] >> (j & 7)) & 1;
      *out = bit ? "true" : "false";
      return true;
    }
    case a::TypeId::kInt8:
      *out = std::to_string(array.buffers[1]->data_as<int8_t>()[j]);
      return true;
    case a::TypeId::kInt16:
      *out = std::to_string(array.buffers[1]->data_as<int16_t>()[j]);
      return true;
    case a::TypeId::kInt32:
      *out = std::to_string(array.buffers[1]->data_as<int32_t>()[j]);
      return true;
    case a::TypeId::kInt64:
      *out = std::to_string(array.buffers[1]->data_as<int64_t>()[j]);
      return true;
    case a::TypeId::kUInt8:
      *out = std::to_string(array.buffers[1]->data_as<uint8_t>()[j]);
      return true;
    case a::TypeId::kUInt16:
      *out = std::to_string(array.buffers[1]->data_as<uint16_t>()[j]);
      return true;
    case a::TypeId::kUInt32:
      *out = std::to_string(array.buffers[1]->data_as<uint32_t>()[j]);
      return true;
    case a::TypeId::kUInt64:
      *out = std::to_string(array.buffers[1]->data_as<uint64_t>()[j]);
      return true;
    case a::TypeId::kUtf8: {
      const int32_t* offsets = array.buffers[1]->data_as<int32_t>();
      *out = std::string(array.buffers[2]->view().substr(
          static_cast<size_t>(offsets[j]), static_cast<size_t>(offsets[j + 1] - offsets[j])));
      return true;
    }
    case a::TypeId::kDecimal128: {
      __int128 value;
      std::memcpy(&value, array.buffers[1]->data() + j * 16, 16);
      bool negative = value < 0;
      unsigned __int128 magnitude =
          negative ? -static_cast<unsigned __int128>(value) : static_cast<unsigned __int128>(value);
      std::string digits;
      do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
      } while (magnitude > 0);
      int scale = array.type->scale();
      if (scale > 0) {
        while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
        digits.insert(digits.end() - scale, '.');
      }
      *out = (negative ? "-" : "") + digits;
      return true;
    }
    default:
      return false;
  }
}

// Minimal CSV reader for the *_expect.csv files: quoted or bare fields; an empty bare field is
// NULL.
std::vector<std::vector<std::optional<std::string>>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::optional<std::string>> row;
    size_t pos = 0;
    while (true) {
      std::optional<std::string> field;
      if (pos < line.size() && line[pos] == '"') {
        std::string value;
        ++pos;
        while (pos < line.size()) {
          if (line[pos] == '"' && pos + 1 < line.size() && line[pos + 1] == '"') {
            value.push_back('"');
            pos += 2;
          } else if (line[pos] == '"') {
            ++pos;
            break;
          } else {
            value.push_back(line[pos++]);
          }
        }
        field = value;
      } else {
        size_t end = line.find(',', pos);
        std::string value =
            line.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (!value.empty()) field = value;
        pos = end == std::string::npos ? line.size() : end;
      }
      row.push_back(field);
      if (pos >= line.size()) break;
      ++pos;  // comma
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void CheckAgainstCsv(const std::string& name) {
  std::string base = testing::DataDir() + "/" + name;
  auto batches = ReadParquetFile(base + ".parquet");
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  auto csv = ReadCsv(base + "_expect.csv");
  ASSERT_GT(csv.size(), 1u);
  size_t expected_rows = csv.size() - 1;
  size_t row = 0;
  int compared = 0;
  for (const auto& batch : *batches) {
    ASSERT_EQ(static_cast<size_t>(batch->num_columns()), csv[0].size()) << name;
    for (int64_t r = 0; r < batch->num_rows(); ++r, ++row) {
      ASSERT_LT(row, expected_rows) << name;
      for (int c = 0; c < batch->num_columns(); ++c) {
        std::optional<std::string> got;
        if (!Format(*batch->column_data(c), r, &got)) continue;
        EXPECT_EQ(got, csv[row + 1][static_cast<size_t>(c)])
            << name << " row " << row << " column " << batch->column_name(c);
        ++compared;
      }
    }
  }
  EXPECT_EQ(row, expected_rows) << name;
  EXPECT_GT(compared, 0);
}

TEST(ParquetValues, DeltaBinaryPackedMatchesExpectCsv) { CheckAgainstCsv("delta_binary_packed"); }
TEST(ParquetValues, DeltaByteArrayMatchesExpectCsv) { CheckAgainstCsv("delta_byte_array"); }
TEST(ParquetValues, DeltaOptionalMatchesExpectCsv) {
  CheckAgainstCsv("delta_encoding_optional_column");
}
TEST(ParquetValues, DeltaRequiredMatchesExpectCsv) {
  CheckAgainstCsv("delta_encoding_required_column");
}

TEST(ParquetValues, AllTypesPlainDocumentedValues) {
  auto reader = ParquetFileReader::Open(testing::DataDir() + "/alltypes_plain.parquet");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->num_rows(), 8);
  EXPECT_EQ((*reader)->schema()->ToString().find("id: int32") != std::string::npos, true);
  EXPECT_EQ((*reader)->schema()->field(10)->type()->ToString(), "timestamp[ns]");  // INT96
  auto batch = (*reader)->ReadRowGroup(0, {0, 1, 9});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_EQ((*batch)->num_columns(), 3);
  const int32_t expected_ids[] = {4, 5, 6, 7, 2, 3, 0, 1};
  for (int64_t i = 0; i < 8; ++i) {
    std::optional<std::string> id, flag, text;
    ASSERT_TRUE(Format(*(*batch)->column_data(0), i, &id));
    ASSERT_TRUE(Format(*(*batch)->column_data(1), i, &flag));
    EXPECT_EQ(id, std::to_string(expected_ids[i]));
    EXPECT_EQ(flag, i % 2 == 0 ? "true" : "false");
  }
  // string_col is BYTE_ARRAY without annotation: binary holding "0" and "1".
  const auto& strings = *(*batch)->column_data(2);
  EXPECT_EQ(strings.type->id(), a::TypeId::kBinary);
  EXPECT_EQ(strings.buffers[2]->view(), "01010101");
  // 2009-03-01 00:00:00 as nanoseconds since the epoch.
  auto ts = (*reader)->ReadRowGroup(0, {10});
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ((*ts)->column_data(0)->GetValues<int64_t>(1)[0], int64_t{1235865600} * 1000000000);
}

// The README of byte_stream_split_extended.gzip.parquet pairs each BYTE_STREAM_SPLIT column with a
// PLAIN column holding the same values: decoding both must give identical arrays.
TEST(ParquetValues, ByteStreamSplitMatchesPlainTwin) {
  auto batches = ReadParquetFile(testing::DataDir() + "/byte_stream_split_extended.gzip.parquet");
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const auto& schema = *(*batches)[0]->schema();
  ASSERT_EQ(schema.num_fields(), 14);
  EXPECT_EQ(schema.field(0)->type()->ToString(), a::Float16()->ToString());
  EXPECT_EQ(schema.field(10)->type()->ToString(), a::FixedSizeBinary(5)->ToString());
  EXPECT_EQ(schema.field(12)->type()->ToString(), a::Decimal128(7, 3)->ToString());
  for (const auto& batch : *batches) {
    for (int c = 0; c < 14; c += 2) {
      const auto& plain = *batch->column_data(c);
      const auto& split = *batch->column_data(c + 1);
      ASSERT_EQ(plain.length, split.length);
      EXPECT_EQ(plain.GetNullCount(), split.GetNullCount()) << schema.field(c)->name();
      int width = plain.type->byte_width();
      for (int64_t i = 0; i < plain.length; ++i) {
        ASSERT_EQ(plain.IsNull(i), split.IsNull(i));
        if (plain.IsNull(i)) continue;
        EXPECT_EQ(std::memcmp(plain.buffers[1]->data() + i * width,
                              split.buffers[1]->data() + i * width, static_cast<size_t>(width)),
                  0)
            << schema.field(c + 1)->name() << " row " << i;
      }
    }
  }
}

TEST(ParquetValues, MalformedDictionaryIsAnError) {
  auto batches = ReadParquetFile(testing::DataDir() + "/nation.dict-malformed.parquet");
  ASSERT_FALSE(batches.ok());
  EXPECT_EQ(batches.status().code(), StatusCode::kInvalidData);
  EXPECT_NE(batches.status().message().find("row group 0"), std::string::npos);
  EXPECT_NE(batches.status().message().find("page"), std::string::npos);
}

TEST(ParquetValues, RecordBatchReaderSlicesRowGroups) {
  auto reader = ParquetFileReader::Open(testing::DataDir() + "/alltypes_tiny_pages.parquet");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto stream = (*reader)->GetRecordBatchReader({}, {0, 3}, 1000);
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ((*stream)->schema()->num_fields(), 2);
  int64_t rows = 0;
  int batches = 0;
  while (true) {
    auto batch = (*stream)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    if (!*batch) break;
    EXPECT_LE((*batch)->num_rows(), 1000);
    rows += (*batch)->num_rows();
    ++batches;
  }
  EXPECT_EQ(rows, (*reader)->num_rows());
  EXPECT_GE(batches, static_cast<int>(rows / 1000));
  EXPECT_FALSE((*reader)->ReadRowGroup(0, {99}).ok());
  EXPECT_FALSE((*reader)->ReadRowGroup(7).ok());
}

// Files whose integer, boolean and string columns are compared with DuckDB's reading of them.
TEST(ParquetValues, MatchDuckDb) {
  const char* files[] = {
      "alltypes_plain.parquet",
      "alltypes_plain.snappy.parquet",
      "alltypes_dictionary.parquet",
      "alltypes_tiny_pages_plain.parquet",
      "datapage_v1-snappy-compressed-checksum.parquet",
      "dict-page-offset-zero.parquet",
      "rle_boolean_encoding.parquet",
      "hadoop_lz4_compressed.parquet",
      "lz4_raw_compressed_larger.parquet",
      "non_hadoop_lz4_compressed.parquet",
      "concatenated_gzip_members.parquet",
      "int32_with_null_pages.parquet",
      "sort_columns.parquet",
      "nulls.snappy.parquet",
      "rle-dict-snappy-checksum.parquet",
      "plain-dict-uncompressed-checksum.parquet",
      "delta_length_byte_array.parquet",
      "datapage_v2.snappy.parquet",
      "int32_decimal.parquet",
      "int64_decimal.parquet",
      "fixed_length_decimal.parquet",
      "fixed_length_decimal_legacy.parquet",
      "byte_array_decimal.parquet",
  };
  auto probe =
      testing::RunNode("import { DuckDBInstance } from '@duckdb/node-api';\nconsole.log('ok');\n");
  if (!probe.ok())
    GTEST_SKIP() << "node with @duckdb/node-api unavailable: " << probe.status().ToString();
  for (const char* file : files) {
    std::string path = testing::DataDir() + "/" + file;
    auto batches = ReadParquetFile(path);
    ASSERT_TRUE(batches.ok()) << file << ": " << batches.status().ToString();
    // One JSON line per row: an array of each value as text (or null).
    std::string script =
        "import { DuckDBInstance } from '@duckdb/node-api';\n"
        "const c = await (await DuckDBInstance.create()).connect();\n"
        "const r = await c.runAndReadAll(\"select * from read_parquet('" +
        path +
        "')\");\n"
        "for (const row of r.getRows()) console.log(JSON.stringify(row.map(v => v === null ? null"
        " : (typeof v === 'boolean' ? String(v) : String(v)))));\n";
    auto output = testing::RunNode(script);
    if (!output.ok()) {
      // DuckDB itself cannot read a few files (e.g. Hadoop-framed LZ4); nothing to compare.
      std::printf("%s: DuckDB could not read it, not compared\n", file);
      continue;
    }
    std::istringstream lines(*output);
    std::string line;
    int compared = 0;
    for (const auto& batch : *batches) {
      for (int64_t r = 0; r < batch->num_rows(); ++r) {
        ASSERT_TRUE(std::getline(lines, line)) << file << ": DuckDB returned fewer rows";
        // Split the JSON array of strings/nulls (values here hold no quotes or commas).
        std::vector<std::optional<std::string>> expected;
        size_t pos = 1;
        while (pos < line.size() && line[pos] != ']') {
          if (line.compare(pos, 4, "null") == 0) {
            expected.emplace_back();
            pos += 4;
          } else {
            size_t end = line.find('"', pos + 1);
            expected.emplace_back(line.substr(pos + 1, end - pos - 1));
            pos = end + 1;
          }
          if (line[pos] == ',') ++pos;
        }
        for (int c = 0; c < batch->num_columns(); ++c) {
          std::optional<std::string> got;
          if (!Format(*batch->column_data(c), r, &got)) continue;
          if (static_cast<size_t>(c) >= expected.size()) continue;
          if (got && expected[static_cast<size_t>(c)] &&
              got->find_first_of("\",\\") != std::string::npos)
            continue;
          EXPECT_EQ(got, expected[static_cast<size_t>(c)])
              << file << " row " << r << " column " << batch->column_name(c);
          ++compared;
        }
      }
    }
    EXPECT_FALSE(std::getline(lines, line)) << file << ": DuckDB returned more rows";
    std::printf("%s: %d values compared with DuckDB\n", file, compared);
  }
}

}  // namespace
}  // namespace ballista::formats::parquet

namespace ballista::formats::parquet {
namespace {

// alltypes_tiny_pages.parquet carries a page index: its offset index must list pages whose
// headers parse at the stated offsets, with first rows starting at 0 and increasing.
TEST(ParquetPageIndex, OffsetAndColumnIndexDescribeThePages) {
  auto reader = ParquetFileReader::Open(testing::DataDir() + "/alltypes_tiny_pages.parquet");
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto offsets = (*reader)->ReadOffsetIndex(0, 0);
  ASSERT_TRUE(offsets.ok()) << offsets.status().ToString();
  ASSERT_GT(offsets->page_locations.size(), 1u);
  EXPECT_EQ(offsets->page_locations[0].first_row_index, 0);
  std::string bytes;
  {
    std::ifstream in(testing::DataDir() + "/alltypes_tiny_pages.parquet", std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
  }
  int64_t previous = -1;
  for (const auto& page : offsets->page_locations) {
    EXPECT_GT(page.first_row_index, previous);
    previous = page.first_row_index;
    ASSERT_LT(page.offset, static_cast<int64_t>(bytes.size()));
    int64_t header_size = 0;
    auto header = ParsePageHeader(std::string_view(bytes).substr(static_cast<size_t>(page.offset)),
                                  &header_size);
    ASSERT_TRUE(header.ok()) << header.status().ToString();
    EXPECT_EQ(header_size + header->compressed_page_size, page.compressed_page_size);
  }
  auto columns = (*reader)->ReadColumnIndex(0, 0);
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  EXPECT_EQ(columns->null_pages.size(), offsets->page_locations.size());
  EXPECT_EQ(columns->min_values.size(), offsets->page_locations.size());
  EXPECT_EQ(ParquetFileReader::Open(testing::DataDir() + "/alltypes_plain.parquet")
                .ValueOrDie()
                ->ReadOffsetIndex(0, 0)
                .status()
                .code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace ballista::formats::parquet

namespace ballista::formats::parquet {
namespace {

TEST(ParquetEncryption, EncryptedFilesAreUnsupported) {
  auto footer =
      ParquetFileReader::Open(testing::DataDir() + "/encrypt_columns_and_footer.parquet.encrypted");
  ASSERT_FALSE(footer.ok());
  EXPECT_EQ(footer.status().code(), StatusCode::kUnsupported) << footer.status().ToString();
  auto plaintext =
      ReadParquetFile(testing::DataDir() + "/encrypt_columns_plaintext_footer.parquet.encrypted");
  ASSERT_FALSE(plaintext.ok());
  EXPECT_EQ(plaintext.status().code(), StatusCode::kUnsupported) << plaintext.status().ToString();
}

// DuckDB cannot read Hadoop-framed LZ4, so the three LZ4 variants of the same table are checked
// against each other: LZ4_RAW (which DuckDB confirms above) is the reference.
TEST(ParquetValues, Lz4VariantsAgree) {
  auto raw = ReadParquetFile(testing::DataDir() + "/lz4_raw_compressed.parquet");
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  for (const char* file : {"hadoop_lz4_compressed.parquet", "non_hadoop_lz4_compressed.parquet"}) {
    auto other = ReadParquetFile(testing::DataDir() + "/" + file);
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    ASSERT_EQ(other->size(), raw->size());
    for (size_t b = 0; b < raw->size(); ++b) {
      const auto& x = *(*raw)[b];
      const auto& y = *(*other)[b];
      ASSERT_EQ(x.num_rows(), y.num_rows()) << file;
      ASSERT_EQ(x.num_columns(), y.num_columns()) << file;
      for (int c = 0; c < x.num_columns(); ++c) {
        for (int64_t r = 0; r < x.num_rows(); ++r) {
          std::optional<std::string> vx, vy;
          if (!Format(*x.column_data(c), r, &vx) || !Format(*y.column_data(c), r, &vy)) continue;
          EXPECT_EQ(vx, vy) << file << " row " << r << " column " << c;
        }
      }
    }
  }
}

}  // namespace
}  // namespace ballista::formats::parquet
