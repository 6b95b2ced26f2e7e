// The writer's building blocks against hand-derived bytes from the parquet-format spec: the
// RLE/bit-packed hybrid, the Thrift compact encoder, Dremel levels and column statistics.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/arrow/pretty_print.h"
#include "ballista/formats/parquet/file_reader.h"
#include "ballista/formats/parquet/file_writer.h"
#include "ballista/formats/parquet/level_builder.h"
#include "ballista/formats/parquet/metadata_writer.h"
#include "ballista/formats/parquet/rle_bit_packed.h"
#include "ballista/formats/parquet/rle_encoder.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

TEST(ParquetRleEncoder, SpecExamples) {
  // parquet-format Encodings.md: 0..7 bit-packed with width 3 is 10001000 11000110 11111010.
  uint32_t ramp[] = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string out;
  AppendRleBitPacked(ramp, 8, 3, &out);
  EXPECT_EQ(Hex(out), "03 88 c6 fa");
  // 100 repeats of 5: an RLE run, header varint(100 << 1) then the value in one byte.
  std::vector<uint32_t> run(100, 5);
  out.clear();
  AppendRleBitPacked(run.data(), 100, 3, &out);
  EXPECT_EQ(Hex(out), "c8 01 05");
  // Three values only: one group padded with zeros (1 << 1 | 1, then 3 bytes for width 3 ...
  // of which the last two are padding).
  out.clear();
  AppendRleBitPacked(ramp + 1, 3, 3, &out);  // 1, 2, 3 -> 001 010 011 -> 11010001 00000000
  EXPECT_EQ(Hex(out), "03 d1 00 00");
}

TEST(ParquetRleEncoder, RandomRoundTripThroughDecoder) {
  std::mt19937 rng(42);
  for (int width = 1; width <= 20; ++width) {
    std::vector<uint32_t> values;
    uint32_t mask = (1u << width) - 1;
    while (values.size() < 5000) {
      uint32_t v = rng() & mask;
      size_t repeat = rng() % 4 == 0 ? rng() % 40 : 1;  // mix long runs and noise
      for (size_t k = 0; k < repeat; ++k) values.push_back(v);
    }
    std::string out;
    AppendRleBitPacked(values.data(), static_cast<int64_t>(values.size()), width, &out);
    RleBitPackedDecoder decoder(out, width);
    std::vector<uint32_t> decoded(values.size());
    ASSERT_TRUE(decoder.GetBatch(decoded.data(), static_cast<int64_t>(decoded.size())).ok());
    EXPECT_EQ(decoded, values) << "width " << width;
  }
}

TEST(ParquetThriftWriter, PageHeaderBytes) {
  PageHeader h;
  h.type = PageType::kDataPage;
  h.uncompressed_page_size = 10;
  h.compressed_page_size = 5;
  DataPageHeader d;
  d.num_values = 3;
  h.data_page_header = d;
  // Field 1..3 (i32, delta 1): 0x15 + zigzag varint; field 5 (struct, delta 2): 0x2c.
  EXPECT_EQ(Hex(SerializePageHeader(h)), "15 00 15 14 15 0a 2c 15 06 15 00 15 06 15 06 00 00");
  int64_t size = 0;
  auto parsed = ParsePageHeader(SerializePageHeader(h), &size);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->data_page_header->num_values, 3);
}

TEST(ParquetThriftWriter, FileMetaDataRoundTripsThroughParser) {
  FileMetaData md;
  md.version = 1;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 1;
  SchemaElement leaf;
  leaf.name = "ts";
  leaf.type = PhysicalType::kInt64;
  leaf.repetition = Repetition::kOptional;
  leaf.logical_type.kind = LogicalType::Kind::kTimestamp;
  leaf.logical_type.unit = LogicalType::Unit::kNanos;
  leaf.logical_type.is_adjusted_to_utc = true;
  md.schema = {root, leaf};
  md.num_rows = 1LL << 40;  // needs a long varint
  RowGroup rg;
  rg.num_rows = md.num_rows;
  ColumnChunk chunk;
  ColumnMetaData cm;
  cm.type = PhysicalType::kInt64;
  cm.encodings = {Encoding::kPlain, Encoding::kRle};
  cm.path_in_schema = {"ts"};
  cm.codec = 6;
  cm.data_page_offset = 4;
  Statistics st;
  st.min_value = std::string("\x01\x00", 2);
  st.null_count = 7;
  cm.statistics = st;
  chunk.meta_data = cm;
  chunk.column_index_offset = 123456;
  rg.columns.push_back(chunk);
  md.row_groups.push_back(rg);
  md.key_value_metadata = {{"k", "v"}};
  md.created_by = "me";
  auto parsed = ParseFileMetaData(SerializeFileMetaData(md));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->num_rows, md.num_rows);
  ASSERT_EQ(parsed->schema.size(), 2u);
  EXPECT_EQ(parsed->schema[1].logical_type.kind, LogicalType::Kind::kTimestamp);
  EXPECT_EQ(parsed->schema[1].logical_type.unit, LogicalType::Unit::kNanos);
  EXPECT_TRUE(parsed->schema[1].logical_type.is_adjusted_to_utc);
  const auto& pc = parsed->row_groups[0].columns[0];
  EXPECT_EQ(pc.meta_data->codec, 6);
  EXPECT_EQ(pc.meta_data->statistics->min_value, st.min_value);
  EXPECT_EQ(pc.meta_data->statistics->null_count, 7);
  EXPECT_EQ(pc.column_index_offset, 123456);
  EXPECT_EQ(parsed->key_value_metadata[0].second, "v");
  EXPECT_EQ(parsed->created_by, "me");
}

TEST(ParquetLevels, ListLevelsFollowDremel) {
  // optional list<optional int32>: max def 3 (list, repeated group, element), max rep 1.
  auto type = a::List(a::Int32());
  auto schema = WriteSchema::Make(*a::MakeSchema({a::MakeField("l", type)}));
  ASSERT_TRUE(schema.ok());
  ASSERT_EQ(schema->leaves.size(), 1u);
  EXPECT_EQ(schema->leaves[0].max_def, 3);
  EXPECT_EQ(schema->leaves[0].max_rep, 1);
  EXPECT_EQ(schema->leaves[0].path, (std::vector<std::string>{"l", "list", "element"}));
  auto array = a::ArrayFromJson(type, "[[1, 2], null, [], [null, 3]]");
  ASSERT_TRUE(array.ok());
  std::vector<ShreddedLeaf> leaves(1);
  ASSERT_TRUE(ShredColumn(schema->fields[0], **array, &leaves).ok());
  EXPECT_EQ(leaves[0].def, (std::vector<int16_t>{3, 3, 0, 1, 2, 3}));
  EXPECT_EQ(leaves[0].rep, (std::vector<int16_t>{0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(leaves[0].value_index.size(), 3u);
}

TEST(ParquetLevels, StructAndMapLevels) {
  auto st = a::Struct({a::MakeField("a", a::Int32()), a::MakeField("b", a::Utf8(), false)});
  auto map = a::Map(a::Utf8(), a::Int64());
  auto schema = WriteSchema::Make(*a::MakeSchema({a::MakeField("s", st), a::MakeField("m", map)}));
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ASSERT_EQ(schema->leaves.size(), 4u);
  // s.a: optional in optional -> 2; s.b required in optional -> 1.
  EXPECT_EQ(schema->leaves[0].max_def, 2);
  EXPECT_EQ(schema->leaves[1].max_def, 1);
  // m.key_value.key required -> 2 (map + repeated group); value optional -> 3.
  EXPECT_EQ(schema->leaves[2].max_def, 2);
  EXPECT_EQ(schema->leaves[3].max_def, 3);
  auto s = a::ArrayFromJson(st, R"([{"a": 1, "b": "x"}, null, {"a": null, "b": "y"}])");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::vector<ShreddedLeaf> leaves(4);
  ASSERT_TRUE(ShredColumn(schema->fields[0], **s, &leaves).ok());
  EXPECT_EQ(leaves[0].def, (std::vector<int16_t>{2, 0, 1}));
  EXPECT_EQ(leaves[1].def, (std::vector<int16_t>{1, 0, 1}));
  auto m = a::ArrayFromJson(map, R"([[["k", 1], ["j", null]], null, []])");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(ShredColumn(schema->fields[1], **m, &leaves).ok());
  EXPECT_EQ(leaves[2].def, (std::vector<int16_t>{2, 2, 0, 1}));
  EXPECT_EQ(leaves[2].rep, (std::vector<int16_t>{0, 1, 0, 0}));
  EXPECT_EQ(leaves[3].def, (std::vector<int16_t>{3, 2, 0, 1}));
}

/// Writes one batch and returns the row group 0 statistics of each column.
std::vector<Statistics> StatsOf(const std::vector<std::pair<a::FieldPtr, std::string>>& columns) {
  testing::TempDir dir;
  a::FieldVector fields;
  std::vector<a::ArrayDataPtr> arrays;
  for (const auto& [field, json] : columns) {
    fields.push_back(field);
    auto array = a::ArrayFromJson(field->type(), json);
    EXPECT_TRUE(array.ok()) << array.status().ToString();
    arrays.push_back(*array);
  }
  auto batch = std::make_shared<a::RecordBatch>(a::MakeSchema(fields), arrays[0]->length, arrays);
  std::string path = dir.Path("stats.parquet");
  EXPECT_TRUE(WriteParquetFile(path, {batch}).ok());
  auto reader = ParquetFileReader::Open(path);
  EXPECT_TRUE(reader.ok());
  std::vector<Statistics> out;
  for (const auto& c : (*reader)->metadata().row_groups[0].columns) {
    out.push_back(c.meta_data->statistics.value_or(Statistics{}));
  }
  return out;
}

template <typename T>
T As(const std::optional<std::string>& bytes) {
  T v{};
  EXPECT_TRUE(bytes.has_value());
  if (bytes && bytes->size() == sizeof(T)) std::memcpy(&v, bytes->data(), sizeof(T));
  return v;
}

TEST(ParquetWriterStatistics, OrderingPerType) {
  auto stats = StatsOf({
      {a::MakeField("i32", a::Int32()), "[-5, 7, null, 0]"},
      {a::MakeField("u32", a::UInt32()), "[5, 4294967295, null, 0]"},
      {a::MakeField("u64", a::UInt64()), "[1, 9223372036854775808, 2, null]"},
      {a::MakeField("s", a::Utf8()), "[\"b\", \"ab\", \"\\u00e9\", \"Z\"]"},
      {a::MakeField("dec", a::Decimal128(30, 2)), "[\"-1.00\", \"2.00\", \"0.50\", null]"},
      {a::MakeField("dbl", a::Float64()), "[\"NaN\", 0.0, 3.5, null]"},
      {a::MakeField("f16", a::Float16()), "[1, 2, null, null]"},
  });
  ASSERT_EQ(stats.size(), 7u);
  EXPECT_EQ(As<int32_t>(stats[0].min_value), -5);
  EXPECT_EQ(As<int32_t>(stats[0].max_value), 7);
  EXPECT_EQ(stats[0].null_count, 1);
  // Unsigned order: 0 is the minimum and 0xFFFFFFFF the maximum.
  EXPECT_EQ(As<uint32_t>(stats[1].min_value), 0u);
  EXPECT_EQ(As<uint32_t>(stats[1].max_value), 4294967295u);
  EXPECT_EQ(As<uint64_t>(stats[2].max_value), 9223372036854775808ull);
  EXPECT_EQ(As<uint64_t>(stats[2].min_value), 1u);
  // Bytes compare unsigned: 'Z' (0x5a) < "ab" < "b" < U+00E9 (0xc3 0xa9).
  EXPECT_EQ(stats[3].min_value, "Z");
  EXPECT_EQ(stats[3].max_value, "\xc3\xa9");
  // decimal(30, 2) is FIXED_LEN_BYTE_ARRAY(13): -100 and 200 in big-endian two's complement.
  EXPECT_EQ(Hex(*stats[4].min_value), "ff ff ff ff ff ff ff ff ff ff ff ff 9c");
  EXPECT_EQ(Hex(*stats[4].max_value), "00 00 00 00 00 00 00 00 00 00 00 00 c8");
  EXPECT_EQ(stats[4].null_count, 1);
  // NaN is skipped; a zero minimum is written as -0.0.
  double lo = As<double>(stats[5].min_value);
  EXPECT_EQ(lo, 0.0);
  EXPECT_TRUE(std::signbit(lo));
  EXPECT_EQ(As<double>(stats[5].max_value), 3.5);
  // FLOAT16 has no min/max here, only the null count.
  EXPECT_FALSE(stats[6].min_value.has_value());
  EXPECT_EQ(stats[6].null_count, 2);
}

TEST(ParquetWriterNested, NestedColumnsRoundTrip) {
  testing::TempDir dir;
  auto inner = a::Struct({a::MakeField("x", a::Int32()), a::MakeField("y", a::Utf8())});
  std::vector<std::pair<a::FieldPtr, std::string>> columns = {
      {a::MakeField("l", a::List(a::Int32())), "[[1, 2], null, [], [null, 3], [4]]"},
      {a::MakeField("ll", a::LargeList(a::Utf8())), "[[\"a\"], [], null, [\"b\", null], [\"c\"]]"},
      {a::MakeField("s", inner),
       R"([{"x": 1, "y": "p"}, null, {"x": null, "y": "q"}, {"x": 4, "y": null}, {"x": 5, "y": "r"}])"},
      {a::MakeField("m", a::Map(a::Utf8(), a::Int64())),
       R"([[["k", 1], ["j", null]], null, [], [["z", 5]], [["a", 1], ["b", 2], ["c", 3]]])"},
      {a::MakeField("ls", a::List(inner)),
       R"([[{"x": 1, "y": "a"}, null], [], null, [{"x": null, "y": null}], [{"x": 2, "y": "b"}]])"},
      {a::MakeField("nested", a::List(a::List(a::Int32()))),
       "[[[1], [], null, [2, 3]], null, [], [[null]], [[4, 5, 6]]]"},
  };
  a::FieldVector fields;
  std::vector<a::ArrayDataPtr> arrays;
  for (const auto& [field, json] : columns) {
    fields.push_back(field);
    auto array = a::ArrayFromJson(field->type(), json);
    ASSERT_TRUE(array.ok()) << field->name() << ": " << array.status().ToString();
    arrays.push_back(*array);
  }
  auto batch = std::make_shared<a::RecordBatch>(a::MakeSchema(fields), 5, arrays);
  for (bool dictionary : {true, false}) {
    ParquetWriteOptions options;
    options.enable_dictionary = dictionary;
    options.data_page_max_values = 2;  // several pages, each starting at a row
    options.row_group_size = 3;
    std::string path = dir.Path(std::string("nested") + (dictionary ? "d" : "p") + ".parquet");
    ASSERT_TRUE(WriteParquetFile(path, {batch}, options).ok());
    auto read = ReadParquetFile(path);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    int64_t row = 0;
    for (const auto& got : *read) {
      for (int64_t r = 0; r < got->num_rows(); ++r, ++row) {
        for (int c = 0; c < got->num_columns(); ++c) {
          EXPECT_EQ(a::FormatValue(*got->column_data(c), r, "NULL"),
                    a::FormatValue(*batch->column_data(c), row, "NULL"))
              << fields[static_cast<size_t>(c)]->name() << " row " << row;
        }
      }
    }
    EXPECT_EQ(row, 5);
  }
}

}  // namespace
}  // namespace ballista::formats::parquet
