#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "ballista/formats/parquet/file_reader.h"
#include "test_util.h"

namespace ballista::formats::parquet {
namespace {

namespace a = ballista::arrow;

// True when every type in the tree prints the same in our JSON and DuckDB's to_json (integers,
// booleans, strings and their lists/structs/maps).
bool Comparable(const a::DataType& type) {
  switch (type.id()) {
    case a::TypeId::kBool:
    case a::TypeId::kInt8:
    case a::TypeId::kInt16:
    case a::TypeId::kInt32:
    case a::TypeId::kInt64:
    case a::TypeId::kUInt8:
    case a::TypeId::kUInt16:
    case a::TypeId::kUInt32:
    case a::TypeId::kUInt64:
    case a::TypeId::kUtf8:
      return true;
    case a::TypeId::kList:
    case a::TypeId::kStruct:
    case a::TypeId::kMap:
      for (const auto& f : type.fields()) {
        if (!Comparable(*f->type())) return false;
      }
      return true;
    default:
      return false;
  }
}

// Compact JSON of slot `i` (relative to the array's offset), shaped like DuckDB's to_json.
std::string Json(const a::ArrayData& array, int64_t i) {
  if (array.IsNull(i)) return "null";
  int64_t j = array.offset + i;
  switch (array.type->id()) {
    case a::TypeId::kBool:
      return ((array.buffers[1]->data()[j >> 3] >> (j & 7)) & 1) ? "true" : "false";
    case a::TypeId::kInt8:
      return std::to_string(array.buffers[1]->data_as<int8_t>()[j]);
    case a::TypeId::kInt16:
      return std::to_string(array.buffers[1]->data_as<int16_t>()[j]);
    case a::TypeId::kInt32:
      return std::to_string(array.buffers[1]->data_as<int32_t>()[j]);
    case a::TypeId::kInt64:
      return std::to_string(array.buffers[1]->data_as<int64_t>()[j]);
    case a::TypeId::kUInt8:
      return std::to_string(array.buffers[1]->data_as<uint8_t>()[j]);
    case a::TypeId::kUInt16:
      return std::to_string(array.buffers[1]->data_as<uint16_t>()[j]);
    case a::TypeId::kUInt32:
      return std::to_string(array.buffers[1]->data_as<uint32_t>()[j]);
    case a::TypeId::kUInt64:
      return std::to_string(array.buffers[1]->data_as<uint64_t>()[j]);
    case a::TypeId::kUtf8: {
      const int32_t* offsets = array.buffers[1]->data_as<int32_t>();
      return "\"" +
             std::string(array.buffers[2]->view().substr(
                 static_cast<size_t>(offsets[j]),
                 static_cast<size_t>(offsets[j + 1] - offsets[j]))) +
             "\"";
    }
    case a::TypeId::kList: {
      const int32_t* offsets = array.buffers[1]->data_as<int32_t>();
      std::string out = "[";
      for (int32_t k = offsets[j]; k < offsets[j + 1]; ++k) {
        if (k > offsets[j]) out += ",";
        out += Json(*array.child_data[0], k);
      }
      return out + "]";
    }
    case a::TypeId::kMap: {
      const int32_t* offsets = array.buffers[1]->data_as<int32_t>();
      const a::ArrayData& entries = *array.child_data[0];
      std::string out = "{";
      for (int32_t k = offsets[j]; k < offsets[j + 1]; ++k) {
        if (k > offsets[j]) out += ",";
        std::string key = Json(*entries.child_data[0], entries.offset + k);
        if (key.front() != '"') key = "\"" + key + "\"";
        out += key + ":" + Json(*entries.child_data[1], entries.offset + k);
      }
      return out + "}";
    }
    case a::TypeId::kStruct: {
      std::string out = "{";
      for (int c = 0; c < array.type->num_fields(); ++c) {
        if (c > 0) out += ",";
        out += "\"" + array.type->field(c)->name() +
               "\":" + Json(*array.child_data[static_cast<size_t>(c)], j);
      }
      return out + "}";
    }
    default:
      return "?";
  }
}

TEST(ParquetNestedValues, MatchDuckDbToJson) {
  auto probe =
      testing::RunNode("import { DuckDBInstance } from '@duckdb/node-api';\nconsole.log('ok');\n");
  if (!probe.ok())
    GTEST_SKIP() << "node with @duckdb/node-api unavailable: " << probe.status().ToString();
  const char* files[] = {
      "nested_lists.snappy.parquet",
      "nested_maps.snappy.parquet",
      "null_list.parquet",
      "list_columns.parquet",
      "old_list_structure.parquet",
      "repeated_primitive_no_list.parquet",
      "nested_structs.rust.parquet",
      "nullable.impala.parquet",
      "nonnullable.impala.parquet",
      "nulls.snappy.parquet",
      "incorrect_map_schema.parquet",
      "datapage_v2.snappy.parquet",
      "map_no_value.parquet",
      "repeated_no_annotation.parquet",
  };
  for (const char* file : files) {
    std::string path = testing::DataDir() + "/" + file;
    auto batches = ReadParquetFile(path);
    ASSERT_TRUE(batches.ok()) << file << ": " << batches.status().ToString();
    ASSERT_FALSE(batches->empty());
    const auto& schema = *(*batches)[0]->schema();
    std::vector<int> columns;
    std::string select;
    for (int c = 0; c < schema.num_fields(); ++c) {
      if (!Comparable(*schema.field(c)->type())) continue;
      columns.push_back(c);
      select += std::string(select.empty() ? "" : ", ") + "to_json(\\\"" + schema.field(c)->name() +
                "\\\")::varchar";
    }
    if (columns.empty()) continue;
    // One line per value, row-major over the compared columns (to_json output is one line).
    std::string script =
        "import { DuckDBInstance } from '@duckdb/node-api';\n"
        "const c = await (await DuckDBInstance.create()).connect();\n"
        "const r = await c.runAndReadAll(\"select " +
        select + " from read_parquet('" + path +
        "')\");\n"
        "for (const row of r.getRows()) for (const v of row) console.log(v === null ? 'null' : "
        "v);\n";
    auto output = testing::RunNode(script);
    if (!output.ok()) {
      std::printf("%s: DuckDB could not read it, not compared\n", file);
      continue;
    }
    std::istringstream lines(*output);
    std::string line;
    int compared = 0;
    for (const auto& batch : *batches) {
      for (int64_t r = 0; r < batch->num_rows(); ++r) {
        for (int c : columns) {
          ASSERT_TRUE(std::getline(lines, line)) << file;
          EXPECT_EQ(Json(*batch->column_data(c), r), line)
              << file << " row " << r << " column " << schema.field(c)->name();
          ++compared;
        }
      }
    }
    std::printf("%s: %d nested values compared with DuckDB\n", file, compared);
  }
}

}  // namespace
}  // namespace ballista::formats::parquet
