// Parquet interop with DuckDB (npm @duckdb/node-api, driven by tests/interop/parquet_duckdb.mjs):
// files we write are read by DuckDB with equal values, types and statistics, and files DuckDB
// writes (SNAPPY and ZSTD, many types, nulls, several row groups) are read by our reader with
// the values DuckDB itself reads from them. Skips when node or node_modules is missing.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "ballista/common/json.h"
#include "ballista/formats/parquet/file_reader.h"
#include "ballista/formats/parquet/file_writer.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;
using Cell = std::optional<std::string>;
using Row = std::vector<Cell>;

bool DuckDbAvailable() {
  std::string module = std::string(BALLISTA_SOURCE_DIR) + "/node_modules/@duckdb/node-api";
  return std::system("node --version > /dev/null 2>&1") == 0 &&
         std::ifstream(module + "/package.json").good();
}

/// Runs parquet_duckdb.mjs `mode` over `sql` (written to a file in `dir`); stdout.
Result<std::string> RunDuckDb(const testing::TempDir& dir, const std::string& mode,
                              const std::string& sql) {
  std::string sql_path = dir.Path("query.sql");
  std::ofstream(sql_path) << sql;
  std::string command = "node '" + std::string(BALLISTA_SOURCE_DIR) +
                        "/tests/interop/parquet_duckdb.mjs' " + mode + " '" + sql_path + "'";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return Status::IOError("cannot run node");
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  int rc = pclose(pipe);
  if (rc != 0) return Status::IOError("node failed (" + std::to_string(rc) + ") on: " + sql);
  return out;
}

/// Numbers become "%.17g" of their double (so DuckDB's JSON numbers and our floats compare
/// exactly); strings and nulls stay.
Cell CanonJson(const json::Value& v) {
  if (v.IsNull()) return std::nullopt;
  if (v.IsNumber()) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.17g", v.AsDouble());
    return std::string(buf);
  }
  return v.AsString();
}

Result<std::vector<Row>> QueryDuckDb(const testing::TempDir& dir, const std::string& sql) {
  ASSIGN_OR_RAISE(std::string out, RunDuckDb(dir, "query", sql));
  std::vector<Row> rows;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    ASSIGN_OR_RAISE(json::Value parsed, json::Parse(line));
    Row row;
    for (const auto& v : parsed.array()) row.push_back(CanonJson(v));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string DecimalText(__int128 value, int scale) {
  bool negative = value < 0;
  unsigned __int128 mag =
      negative ? -static_cast<unsigned __int128>(value) : static_cast<unsigned __int128>(value);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag > 0);
  if (scale > 0) {
    while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - scale, '.');
  }
  return (negative ? "-" : "") + digits;
}

std::string Double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", d);
  return buf;
}

/// DuckDB's view of a primitive slot under the expressions chosen by Projection().
Cell Canon(const a::ArrayData& d, int64_t i) {
  if (d.IsNull(i)) return std::nullopt;
  int64_t j = d.offset + i;
  const uint8_t* raw = d.buffers[1] ? d.buffers[1]->data() : nullptr;
  auto get = [&](auto sample) {
    decltype(sample) v;
    std::memcpy(&v, raw + j * static_cast<int64_t>(sizeof(v)), sizeof(v));
    return v;
  };
  switch (d.type->id()) {
    case a::TypeId::kBool:
      return ((raw[j >> 3] >> (j & 7)) & 1) ? "true" : "false";
    case a::TypeId::kInt8:
      return std::to_string(get(int8_t{}));
    case a::TypeId::kInt16:
      return std::to_string(get(int16_t{}));
    case a::TypeId::kInt32:
    case a::TypeId::kDate32:
      return std::to_string(get(int32_t{}));
    case a::TypeId::kInt64:
    case a::TypeId::kTimestamp:
    case a::TypeId::kTime64:
      return std::to_string(get(int64_t{}));
    case a::TypeId::kUInt8:
      return std::to_string(get(uint8_t{}));
    case a::TypeId::kUInt16:
      return std::to_string(get(uint16_t{}));
    case a::TypeId::kUInt32:
      return std::to_string(get(uint32_t{}));
    case a::TypeId::kUInt64:
      return std::to_string(get(uint64_t{}));
    case a::TypeId::kFloat32:
      return Double(get(float{}));
    case a::TypeId::kFloat64:
      return Double(get(double{}));
    case a::TypeId::kDecimal128:
      return DecimalText(get(__int128{}), d.type->scale());
    case a::TypeId::kUtf8:
    case a::TypeId::kBinary: {
      const int32_t* off = d.buffers[1]->data_as<int32_t>();
      std::string_view s = d.buffers[2]->view().substr(static_cast<size_t>(off[j]),
                                                       static_cast<size_t>(off[j + 1] - off[j]));
      return d.type->id() == a::TypeId::kUtf8 ? std::string(s) : Hex(s);
    }
    case a::TypeId::kLargeUtf8: {
      const int64_t* off = d.buffers[1]->data_as<int64_t>();
      return std::string(d.buffers[2]->view().substr(static_cast<size_t>(off[j]),
                                                     static_cast<size_t>(off[j + 1] - off[j])));
    }
    case a::TypeId::kFixedSizeBinary:
      return Hex(d.buffers[1]->view().substr(static_cast<size_t>(j * d.type->fixed_size()),
                                             static_cast<size_t>(d.type->fixed_size())));
    case a::TypeId::kList: {
      // DuckDB's VARCHAR of a list: "[1, NULL, 3]".
      const int32_t* off = d.buffers[1]->data_as<int32_t>();
      std::string out = "[";
      for (int32_t k = off[j]; k < off[j + 1]; ++k) {
        if (k > off[j]) out += ", ";
        out += Canon(*d.child_data[0], k).value_or("NULL");
      }
      return out + "]";
    }
    default:
      return "<unsupported " + d.type->ToString() + ">";
  }
}

/// One output column: a DuckDB expression and our view of the same value.
struct Probe {
  std::string expr;
  std::function<Cell(const a::ArrayData&, int64_t)> ours;
};

/// The DuckDB expressions that render column `f` the way Canon() does.
std::vector<Probe> Projection(const a::Field& f) {
  std::string q = "\"" + f.name() + "\"";
  const a::DataType& t = *f.type();
  auto plain = [](const a::ArrayData& d, int64_t i) { return Canon(d, i); };
  switch (t.id()) {
    case a::TypeId::kFloat32:
    case a::TypeId::kFloat64:
      return {{q, plain}};
    case a::TypeId::kBinary:
    case a::TypeId::kFixedSizeBinary:
      return {{"hex(" + q + ")", plain}};
    case a::TypeId::kDate32:
      return {{"CAST(date_diff('day', DATE '1970-01-01', " + q + ") AS VARCHAR)", plain}};
    case a::TypeId::kTimestamp: {
      const char* fn = t.unit() == a::TimeUnit::kMilli   ? "epoch_ms"
                       : t.unit() == a::TimeUnit::kMicro ? "epoch_us"
                                                         : "epoch_ns";
      return {{"CAST(" + std::string(fn) + "(" + q + ") AS VARCHAR)", plain}};
    }
    case a::TypeId::kTime64:
      return {{"CAST(date_diff('microsecond', TIME '00:00:00', " + q + ") AS VARCHAR)", plain}};
    case a::TypeId::kStruct: {
      std::vector<Probe> out;
      out.push_back({"CAST(" + q + " IS NULL AS VARCHAR)", [](const a::ArrayData& d, int64_t i) {
                       return Cell(d.IsNull(i) ? "true" : "false");
                     }});
      for (int c = 0; c < t.num_fields(); ++c) {
        for (auto& child : Projection(*t.field(c))) {
          std::string expr = child.expr;
          std::string name = "\"" + t.field(c)->name() + "\"";
          expr.replace(expr.find(name), name.size(), q + "." + name);
          out.push_back({expr, [c, inner = child.ours](const a::ArrayData& d, int64_t i) -> Cell {
                           if (d.IsNull(i)) return std::nullopt;
                           return inner(*d.child_data[static_cast<size_t>(c)], d.offset + i);
                         }});
        }
      }
      return out;
    }
    case a::TypeId::kMap: {
      auto slots = [](const a::ArrayData& d, int64_t i, int child) -> std::vector<Cell> {
        const int32_t* off = d.buffers[1]->data_as<int32_t>();
        const auto& entries = *d.child_data[0];
        std::vector<Cell> out;
        for (int32_t k = off[d.offset + i]; k < off[d.offset + i + 1]; ++k) {
          out.push_back(Canon(*entries.child_data[static_cast<size_t>(child)], entries.offset + k));
        }
        return out;
      };
      return {{"array_to_string(map_keys(" + q + "), '|')",
               [slots](const a::ArrayData& d, int64_t i) -> Cell {
                 if (d.IsNull(i)) return std::nullopt;
                 std::string out;
                 for (const auto& k : slots(d, i, 0)) out += (out.empty() ? "" : "|") + *k;
                 return out;
               }},
              {"CAST(map_values(" + q + ") AS VARCHAR)",
               [slots](const a::ArrayData& d, int64_t i) -> Cell {
                 if (d.IsNull(i)) return std::nullopt;
                 std::string out = "[";
                 for (const auto& v : slots(d, i, 1)) {
                   out += (out.size() > 1 ? ", " : "") + v.value_or("NULL");
                 }
                 return out + "]";
               }}};
    }
    default:
      if (t.id() == a::TypeId::kUtf8) return {{q, plain}};
      return {{"CAST(" + q + " AS VARCHAR)", plain}};
  }
}

/// Compares DuckDB's reading of `path` with `batches` (one of which may be ours, read back, or
/// the batches we wrote) through Projection() of every field of `schema`.
void CompareWithDuckDb(const testing::TempDir& dir, const std::string& path,
                       const a::Schema& schema, const std::vector<a::RecordBatchPtr>& batches) {
  std::vector<Probe> probes;
  std::vector<int> column_of;
  for (int c = 0; c < schema.num_fields(); ++c) {
    for (auto& p : Projection(*schema.field(c))) {
      probes.push_back(std::move(p));
      column_of.push_back(c);
    }
  }
  std::string sql = "SELECT ";
  for (size_t p = 0; p < probes.size(); ++p) sql += (p ? ", " : "") + probes[p].expr;
  sql += " FROM read_parquet('" + path + "')";
  auto rows = QueryDuckDb(dir, sql);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  size_t r = 0;
  int64_t mismatches = 0;
  for (const auto& batch : batches) {
    for (int64_t i = 0; i < batch->num_rows(); ++i, ++r) {
      ASSERT_LT(r, rows->size()) << "DuckDB returned fewer rows";
      const Row& row = (*rows)[r];
      ASSERT_EQ(row.size(), probes.size());
      for (size_t p = 0; p < probes.size(); ++p) {
        Cell ours = probes[p].ours(*batch->column_data(column_of[p]), i);
        if (ours != row[p] && ++mismatches <= 10) {
          ADD_FAILURE() << path << " row " << r << " " << probes[p].expr << ": ours "
                        << ours.value_or("NULL") << ", DuckDB " << row[p].value_or("NULL");
        }
      }
    }
  }
  EXPECT_EQ(r, rows->size()) << "DuckDB returned more rows";
  EXPECT_EQ(mismatches, 0);
}

/// A deterministic table of `n` rows with every type the writer maps and nulls in each column.
a::RecordBatchPtr MakeWideBatch(int n) {
  struct Col {
    std::string name;
    a::DataTypePtr type;
    std::function<std::string(int)> value;  // JSON of row i
  };
  auto q = [](const std::string& s) { return "\"" + s + "\""; };
  auto nullable = [](int i, int every, std::string v) { return i % every == 0 ? "null" : v; };
  std::vector<Col> cols = {
      {"b", a::Boolean(), [&](int i) { return nullable(i, 11, i % 3 ? "true" : "false"); }},
      {"i8", a::Int8(), [&](int i) { return nullable(i, 13, std::to_string(i % 256 - 128)); }},
      {"i16", a::Int16(),
       [&](int i) { return nullable(i, 7, std::to_string(i * 7 % 65536 - 32768)); }},
      {"i32", a::Int32(),
       [&](int i) { return nullable(i, 5, std::to_string((i * 7919) % 200001 - 100000)); }},
      {"i64", a::Int64(),
       [&](int i) {
         return nullable(i, 9, std::to_string(int64_t{i} * 3000000019LL - 7000000000000LL));
       }},
      {"u8", a::UInt8(), [&](int i) { return nullable(i, 17, std::to_string(i % 256)); }},
      {"u16", a::UInt16(), [&](int i) { return nullable(i, 19, std::to_string(i * 13 % 65536)); }},
      {"u32", a::UInt32(),
       [&](int i) { return nullable(i, 23, std::to_string(uint32_t(i) * 2654435761u)); }},
      {"u64", a::UInt64(),
       [&](int i) {
         return nullable(i, 29, std::to_string(uint64_t(i) * 11400714819323198485ull));
       }},
      {"f32", a::Float32(),
       [&](int i) {
         return nullable(i, 31, i % 97 == 1 ? q("NaN") : std::to_string(i * 0.25 - 100));
       }},
      {"f64", a::Float64(),
       [&](int i) {
         return nullable(i, 37, std::to_string(i * 1.0e-3 - 2.5) + "e" + std::to_string(i % 20));
       }},
      {"dec9", a::Decimal128(9, 2),
       [&](int i) {
         return nullable(i, 41, q(DecimalText((i * 12345LL) % 1000000000 - 500000000, 2)));
       }},
      {"dec18", a::Decimal128(18, 4),
       [&](int i) {
         return nullable(i, 43, q(DecimalText(int64_t{i} * 1000000007LL * (i % 2 ? -1 : 1), 4)));
       }},
      {"dec38", a::Decimal128(38, 6),
       [&](int i) {
         __int128 v = static_cast<__int128>(i) * static_cast<__int128>(1000000000000000003LL) *
                      static_cast<__int128>(1000000007LL) * (i % 3 ? 1 : -1);
         return nullable(i, 47, q(DecimalText(v, 6)));
       }},
      {"s", a::Utf8(),
       [&](int i) { return nullable(i, 3, q("v\\u00e9" + std::to_string(i % 40))); }},
      {"long", a::LargeUtf8(),
       [&](int i) {
         return nullable(i, 53,
                         q(std::string(static_cast<size_t>(i % 50), 'x') + std::to_string(i)));
       }},
      {"bin", a::Binary(),
       [&](int i) { return nullable(i, 59, q("\\u0000b" + std::to_string(i))); }},
      {"fsb", a::FixedSizeBinary(4),
       [&](int i) { return nullable(i, 61, q(std::to_string(1000 + i % 9000))); }},
      {"date", a::Date32(), [&](int i) { return nullable(i, 67, std::to_string(i * 3 - 4000)); }},
      {"ts_ms", a::Timestamp(a::TimeUnit::kMilli),
       [&](int i) { return nullable(i, 71, std::to_string(int64_t{i} * 86400123LL - 1000)); }},
      {"ts_us_utc", a::Timestamp(a::TimeUnit::kMicro, "UTC"),
       [&](int i) { return nullable(i, 73, std::to_string(int64_t{i} * 3600000001LL)); }},
      {"ts_ns", a::Timestamp(a::TimeUnit::kNano),
       [&](int i) { return nullable(i, 79, std::to_string(int64_t{i} * 1000000000123LL)); }},
      {"t_us", a::Time64(a::TimeUnit::kMicro),
       [&](int i) {
         return nullable(i, 83, std::to_string(int64_t{i} * 17000001LL % 86400000000LL));
       }},
      {"l", a::List(a::Int32()),
       [&](int i) {
         if (i % 89 == 0) return std::string("null");
         std::string out = "[";
         for (int k = 0; k < i % 4; ++k)
           out += (k ? "," : "") + (k == 1 ? "null" : std::to_string(i + k));
         return out + "]";
       }},
      {"st", a::Struct({a::MakeField("x", a::Int32()), a::MakeField("y", a::Utf8())}),
       [&](int i) {
         if (i % 97 == 0) return std::string("null");
         return "{\"x\": " + nullable(i, 2, std::to_string(i)) +
                ", \"y\": " + nullable(i, 3, q("y" + std::to_string(i % 5))) + "}";
       }},
      {"m", a::Map(a::Utf8(), a::Int64()),
       [&](int i) {
         if (i % 101 == 0) return std::string("null");
         std::string out = "[";
         for (int k = 0; k < i % 3; ++k) {
           out += (k ? "," : "") + std::string("[") + q("k" + std::to_string(k)) + ", " +
                  nullable(i + k, 4, std::to_string(i * 10 + k)) + "]";
         }
         return out + "]";
       }},
  };
  a::FieldVector fields;
  std::vector<a::ArrayDataPtr> arrays;
  for (const auto& c : cols) {
    std::string json = "[";
    for (int i = 0; i < n; ++i) json += (i ? "," : "") + c.value(i);
    json += "]";
    auto array = a::ArrayFromJson(c.type, json);
    EXPECT_TRUE(array.ok()) << c.name << ": " << array.status().ToString();
    if (!array.ok()) return nullptr;
    fields.push_back(a::MakeField(c.name, c.type));
    arrays.push_back(*array);
  }
  return std::make_shared<a::RecordBatch>(a::MakeSchema(fields), n, arrays);
}

TEST(ParquetDuckDbInterop, DuckDbReadsOurFiles) {
  if (!DuckDbAvailable()) GTEST_SKIP() << "node or node_modules/@duckdb/node-api missing";
  testing::TempDir dir;
  auto batch = MakeWideBatch(5000);
  ASSERT_NE(batch, nullptr);
  struct Variant {
    CompressionCodec codec;
    bool v2;
    bool dictionary;
  };
  const Variant variants[] = {{CompressionCodec::kSnappy, false, true},
                              {CompressionCodec::kZstd, true, true},
                              {CompressionCodec::kGzip, false, false},
                              {CompressionCodec::kUncompressed, true, false}};
  int n = 0;
  for (const auto& v : variants) {
    SCOPED_TRACE(std::string(CodecName(v.codec)) + (v.v2 ? " v2" : " v1"));
    ParquetWriteOptions options;
    options.compression = v.codec;
    options.data_page_v2 = v.v2;
    options.enable_dictionary = v.dictionary;
    options.row_group_size = 1200;  // 5 row groups
    options.data_page_max_values = 300;
    std::string path = dir.Path("ours" + std::to_string(n++) + ".parquet");
    // Two batches so a row group spans a batch boundary.
    ASSERT_TRUE(WriteParquetFile(path, batch->schema(),
                                 {batch->Slice(0, 1700), batch->Slice(1700, 3300)}, options)
                    .ok());
    CompareWithDuckDb(dir, path, *batch->schema(), {batch});
  }
  std::string path = dir.Path("ours0.parquet");
  // DuckDB's names for the types we wrote.
  auto types = QueryDuckDb(dir,
                           "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                           "read_parquet('" +
                               path + "'))");
  ASSERT_TRUE(types.ok()) << types.status().ToString();
  std::map<std::string, std::string> type_of;
  for (const auto& row : *types) type_of[*row[0]] = *row[1];
  EXPECT_EQ(type_of["i8"], "TINYINT");
  EXPECT_EQ(type_of["u32"], "UINTEGER");
  EXPECT_EQ(type_of["u64"], "UBIGINT");
  EXPECT_EQ(type_of["f32"], "FLOAT");
  EXPECT_EQ(type_of["dec9"], "DECIMAL(9,2)");
  EXPECT_EQ(type_of["dec38"], "DECIMAL(38,6)");
  EXPECT_EQ(type_of["long"], "VARCHAR");
  EXPECT_EQ(type_of["bin"], "BLOB");
  EXPECT_EQ(type_of["date"], "DATE");
  EXPECT_EQ(type_of["ts_ms"], "TIMESTAMP");  // DuckDB reads millisecond timestamps as TIMESTAMP
  EXPECT_EQ(type_of["ts_us_utc"], "TIMESTAMP WITH TIME ZONE");
  EXPECT_EQ(type_of["ts_ns"], "TIMESTAMP_NS");
  EXPECT_EQ(type_of["t_us"], "TIME");
  EXPECT_EQ(type_of["l"], "INTEGER[]");
  EXPECT_EQ(type_of["st"], "STRUCT(x INTEGER, y VARCHAR)");
  EXPECT_EQ(type_of["m"], "MAP(VARCHAR, BIGINT)");
  // Our statistics as DuckDB reports them: i32 of row group 0 (rows 0..1199), by hand.
  int32_t lo = INT32_MAX, hi = INT32_MIN;
  int64_t nulls = 0;
  for (int i = 0; i < 1200; ++i) {
    if (i % 5 == 0) {
      ++nulls;
      continue;
    }
    int32_t v = (i * 7919) % 200001 - 100000;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  auto stats =
      QueryDuckDb(dir,
                  "SELECT stats_min_value, stats_max_value, CAST(stats_null_count AS VARCHAR), "
                  "CAST(num_values AS VARCHAR) FROM parquet_metadata('" +
                      path + "') WHERE path_in_schema = 'i32' AND row_group_id = 0");
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0],
            (Row{std::to_string(lo), std::to_string(hi), std::to_string(nulls), "1200"}));
  // Filters that DuckDB may answer from our statistics and page index give exact counts.
  int64_t expected = 0;
  for (int i = 0; i < 5000; ++i) {
    if (i % 5 != 0 && (i * 7919) % 200001 - 100000 > 50000) ++expected;
  }
  auto count = QueryDuckDb(
      dir, "SELECT CAST(count(*) AS VARCHAR) FROM read_parquet('" + path + "') WHERE i32 > 50000");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ((*count)[0][0], std::to_string(expected));
}

TEST(ParquetDuckDbInterop, WeReadDuckDbFiles) {
  if (!DuckDbAvailable()) GTEST_SKIP() << "node or node_modules/@duckdb/node-api missing";
  testing::TempDir dir;
  const std::string query = R"(
    SELECT
      CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 37 % 100000 - 50000)::INTEGER END AS i32,
      (i * 1000000007)::BIGINT AS i64,
      CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 256 - 128)::TINYINT END AS i8,
      (i % 65536 - 32768)::SMALLINT AS i16,
      (i % 256)::UTINYINT AS u8,
      (i % 65536)::USMALLINT AS u16,
      (i * 65537 % 4294967296)::UINTEGER AS u32,
      CASE WHEN i % 13 = 0 THEN NULL ELSE i::UBIGINT * 1000000000000 END AS u64,
      (i / 4.0)::FLOAT AS f32,
      CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 1.5 - 7)::DOUBLE END AS f64,
      (i * 3.21)::DECIMAL(9, 2) AS dec9,
      CASE WHEN i % 5 = 0 THEN NULL ELSE (i * -1234.567)::DECIMAL(18, 3) END AS dec18,
      (i * 98765432109.123456789)::DECIMAL(38, 10) AS dec38,
      CASE WHEN i % 3 = 0 THEN NULL ELSE 'str' || (i % 50) END AS s,
      md5(i::VARCHAR) AS uniq,
      i % 3 = 0 AS b,
      CASE WHEN i % 19 = 0 THEN NULL ELSE DATE '2000-01-01' + (i % 10000)::INTEGER END AS d,
      TIMESTAMP '2020-01-01' + to_microseconds(i * 1000003) AS ts,
      (TIMESTAMP '2020-01-01' + to_microseconds(i * 7)) AT TIME ZONE 'UTC' AS tstz,
      ('b' || i)::BLOB AS bl,
      TIME '00:00:00' + to_seconds(i % 86400) AS t,
      CASE WHEN i % 23 = 0 THEN NULL WHEN i % 5 = 0 THEN []::INTEGER[]
           ELSE [i % 10, NULL, i]::INTEGER[] END AS l,
      CASE WHEN i % 29 = 0 THEN NULL ELSE {'x': i, 'y': 's' || (i % 4)} END AS st,
      CASE WHEN i % 31 = 0 THEN NULL ELSE MAP {'a': i::BIGINT, 'b': NULL} END AS m
    FROM range(0, 25000) r(i))";
  for (const char* codec : {"snappy", "zstd"}) {
    SCOPED_TRACE(codec);
    std::string path = dir.Path(std::string("duck_") + codec + ".parquet");
    auto written =
        RunDuckDb(dir, "exec",
                  "COPY (" + query + ") TO '" + path + "' (FORMAT parquet, COMPRESSION " + codec +
                      ", ROW_GROUP_SIZE 6000)");
    ASSERT_TRUE(written.ok()) << written.status().ToString();
    auto reader = ParquetFileReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_GE((*reader)->num_row_groups(), 3);
    EXPECT_EQ((*reader)->num_rows(), 25000);
    auto batches = ReadParquetFile(path);
    ASSERT_TRUE(batches.ok()) << batches.status().ToString();
    EXPECT_EQ((*reader)->schema()->field(6)->type()->ToString(), "uint32");
    EXPECT_EQ((*reader)->schema()->field(12)->type()->ToString(), "decimal128(38, 10)");
    CompareWithDuckDb(dir, path, *(*reader)->schema(), *batches);
  }
}

}  // namespace
}  // namespace ballista::formats::parquet
