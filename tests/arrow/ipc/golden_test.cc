// Reads the Arrow integration "gold" files (written by Arrow C++ and other implementations) with
// both the stream and the file reader, and compares schema and batches with the case's JSON.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ballista/arrow/compare.h"
#include "ballista/arrow/ipc/reader.h"
#include "ballista/arrow/ipc/writer.h"
#include "integration_json.h"

namespace ballista::arrow::ipc {
namespace {

namespace fs = std::filesystem;

const char* const kGoldenDirs[] = {"cpp-21.0.0", "1.0.0-littleendian", "2.0.0-compression",
                                   "4.0.0-shareddict"};

/// Cases whose types this engine does not hold; reading them must fail cleanly with Unsupported.
const std::map<std::string, std::string>& KnownExceptions() {
  static const std::map<std::string, std::string> kExceptions = {
      {"generated_union", "union types are not supported"},
      {"generated_run_end_encoded", "run-end encoded arrays are not supported"},
      {"generated_list_view", "list-view and large-list-view types are not supported"},
  };
  return kExceptions;
}

fs::path GoldenRoot() { return fs::path(BALLISTA_SHARED_DIR) / "testdata" / "arrow-ipc" / "integration"; }

/// One gold case: a folder and the base name of its .json.gz, .stream and .arrow_file.
struct GoldenCase {
  std::string dir;
  std::string name;  // e.g. "generated_primitive"
  fs::path base() const { return GoldenRoot() / dir / name; }
};

std::vector<GoldenCase> AllCases() {
  std::vector<GoldenCase> cases;
  for (const char* dir : kGoldenDirs) {
    fs::path path = GoldenRoot() / dir;
    if (!fs::is_directory(path)) continue;
    for (const auto& entry : fs::directory_iterator(path)) {
      std::string file = entry.path().filename().string();
      const std::string suffix = ".json.gz";
      if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0) {
        cases.push_back({dir, file.substr(0, file.size() - suffix.size())});
      }
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.dir + a.name < b.dir + b.name; });
  return cases;
}

std::string CaseLabel(const GoldenCase& c) {
  std::string label = c.dir + "__" + c.name;
  for (char& ch : label) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return label;
}

/// Gold files whose writer had a known bug; the comparison allows for exactly that bug.
const std::map<std::string, std::string>& KnownWriterQuirks() {
  static const std::map<std::string, std::string> kQuirks = {
      // These .stream files carry the canonical map child names ("entries", "key", "value") in
      // their schema message, while the .arrow_file footer and the JSON keep the custom names
      // (checked with flatc: the gold streams were produced by Arrow C++, which renames map
      // children when it converts). Values and everything else must still match.
      {"1.0.0-littleendian/generated_map_non_canonical", "map child names in the stream schema"},
      {"cpp-21.0.0/generated_map_non_canonical", "map child names in the stream schema"},
  };
  return kQuirks;
}

bool SameMetadata(KeyValueMetadata a, KeyValueMetadata b) {
  // Key/value metadata is a map: writers store it in any order.
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

/// Field-by-field schema comparison with order-insensitive metadata. With `ignore_map_names`,
/// the names of map entries and of their key/value fields may differ (`name_free` marks such a
/// field). Returns what differs, or empty.
std::string FieldDiff(const Field& got, const Field& want, bool ignore_map_names, bool name_free,
                      const std::string& path) {
  std::string where = path.empty() ? got.name() : path + "." + got.name();
  if (got.name() != want.name() && !name_free) return where + ": name " + got.name() + " vs " + want.name();
  if (got.nullable() != want.nullable()) return where + ": nullability differs";
  if (!SameMetadata(got.metadata(), want.metadata())) return where + ": field metadata differs";
  const DataType* gt = got.type().get();
  const DataType* wt = want.type().get();
  if (gt->id() != wt->id()) return where + ": type " + gt->ToString() + " vs " + wt->ToString();
  if (gt->id() == TypeId::kDictionary) {
    if (!gt->index_type()->Equals(*wt->index_type()) || gt->ordered() != wt->ordered()) {
      return where + ": dictionary encoding differs";
    }
    gt = gt->value_type().get();
    wt = wt->value_type().get();
    if (gt->id() != wt->id()) return where + ": value type " + gt->ToString() + " vs " + wt->ToString();
  }
  if (gt->num_fields() != wt->num_fields()) return where + ": child count differs";
  if (gt->num_fields() == 0 && !gt->Equals(*wt)) return where + ": type " + gt->ToString() + " vs " + wt->ToString();
  // A map's entries field, and the key/value fields inside it, are the names a quirk may change.
  bool is_map = gt->id() == TypeId::kMap;
  bool is_map_entries = name_free && gt->id() == TypeId::kStruct;
  for (int i = 0; i < gt->num_fields(); ++i) {
    bool child_free = ignore_map_names && (is_map || is_map_entries);
    std::string d = FieldDiff(*gt->field(i), *wt->field(i), ignore_map_names, child_free, where);
    if (!d.empty()) return d;
  }
  if (gt->id() == TypeId::kFixedSizeList && gt->fixed_size() != wt->fixed_size()) return where + ": list size differs";
  if (is_map && gt->keys_sorted() != wt->keys_sorted()) return where + ": keysSorted differs";
  return "";
}

std::string SchemaDiff(const Schema& got, const Schema& want, bool ignore_map_names) {
  if (got.num_fields() != want.num_fields()) return "field count differs";
  if (!SameMetadata(got.metadata(), want.metadata())) return "schema metadata differs";
  for (int i = 0; i < got.num_fields(); ++i) {
    std::string d = FieldDiff(*got.field(i), *want.field(i), ignore_map_names, false, "");
    if (!d.empty()) return d;
  }
  return "";
}

/// A shallow copy of `data` typed as `type` (same layout, other child names), for comparing
/// values across a naming difference.
ArrayDataPtr Retype(const ArrayDataPtr& data, const DataTypePtr& type) {
  auto out = std::make_shared<ArrayData>(*data);
  out->type = type;
  const DataType& layout = type->id() == TypeId::kDictionary ? *type->value_type() : *type;
  if (type->id() == TypeId::kDictionary && data->dictionary) {
    out->dictionary = Retype(data->dictionary, type->value_type());
    return out;
  }
  for (size_t i = 0; i < out->child_data.size() && static_cast<int>(i) < layout.num_fields(); ++i) {
    out->child_data[i] = Retype(data->child_data[i], layout.field(static_cast<int>(i))->type());
  }
  return out;
}

/// Compares what a reader produced with the JSON expectation; empty when equal.
std::string Compare(const testing::IntegrationData& expected, const SchemaPtr& schema,
                    const std::vector<RecordBatchPtr>& batches, bool ignore_map_names) {
  std::string schema_diff = SchemaDiff(*schema, *expected.schema, ignore_map_names);
  if (!schema_diff.empty()) {
    return "schema differs (" + schema_diff + "):\nread:\n" + schema->ToString() + "\nexpected:\n" +
           expected.schema->ToString();
  }
  if (batches.size() != expected.batches.size()) {
    return "read " + std::to_string(batches.size()) + " batches, expected " +
           std::to_string(expected.batches.size());
  }
  for (size_t i = 0; i < batches.size(); ++i) {
    const RecordBatch& want = *expected.batches[i];
    if (batches[i]->num_columns() != want.num_columns() || batches[i]->num_rows() != want.num_rows()) {
      return "batch " + std::to_string(i) + " has a different shape";
    }
    for (int c = 0; c < want.num_columns(); ++c) {
      auto got = batches[i]->column_data(c);
      if (ignore_map_names) got = Retype(got, want.column_data(c)->type);
      if (!ArrayDataEquals(*got, *want.column_data(c))) {
        return "batch " + std::to_string(i) + " column '" + want.column_name(c) +
               "': " + DiffArrayData(*got, *want.column_data(c));
      }
    }
  }
  return "";
}

struct CaseOutcome {
  bool known_exception = false;
  /// Empty when the case passed; otherwise what went wrong.
  std::string failure;
};

/// Reads one case with both readers and checks it against its JSON (or, for a known exception,
/// checks that every reader refuses it with Unsupported).
CaseOutcome RunCase(const GoldenCase& c) {
  CaseOutcome outcome;
  auto json_text = testing::ReadGzipFile(c.base().string() + ".json.gz");
  if (!json_text.ok()) return {false, json_text.status().ToString()};
  auto expected = testing::ParseIntegrationJson(*json_text);
  SchemaPtr stream_schema;
  auto stream_batches = ReadStreamFile(c.base().string() + ".stream", &stream_schema);
  SchemaPtr file_schema;
  auto file_batches = ReadFileFormat(c.base().string() + ".arrow_file", &file_schema);

  auto exception = KnownExceptions().find(c.name);
  if (exception != KnownExceptions().end()) {
    outcome.known_exception = true;
    for (const Status* st : {&expected.status(), &stream_batches.status(), &file_batches.status()}) {
      if (st->code() != StatusCode::kUnsupported) {
        outcome.failure += "expected Unsupported, got " + st->ToString() + "\n";
      }
    }
    return outcome;
  }
  if (!expected.ok()) return {false, "JSON: " + expected.status().ToString()};
  if (!stream_batches.ok()) return {false, "stream: " + stream_batches.status().ToString()};
  if (!file_batches.ok()) return {false, "file: " + file_batches.status().ToString()};
  bool quirk = KnownWriterQuirks().count(c.dir + "/" + c.name) > 0;
  std::string stream_diff = Compare(*expected, stream_schema, *stream_batches, quirk);
  if (!stream_diff.empty()) outcome.failure += "stream format: " + stream_diff + "\n";
  std::string file_diff = Compare(*expected, file_schema, *file_batches, false);
  if (!file_diff.empty()) outcome.failure += "file format: " + file_diff + "\n";
  // Our writer must carry the same data: write the JSON's batches (zstd bodies) and read back.
  IpcWriteOptions options;
  options.compression = CompressionType::kZstd;
  auto rewritten = SerializeStream(expected->schema, expected->batches, options);
  if (!rewritten.ok()) return {false, outcome.failure + "rewrite: " + rewritten.status().ToString()};
  BufferReader input(*rewritten);
  auto reader = StreamReader::Open(&input);
  if (!reader.ok()) return {false, outcome.failure + "reread: " + reader.status().ToString()};
  auto reread = (*reader)->ReadAll();
  if (!reread.ok()) return {false, outcome.failure + "reread: " + reread.status().ToString()};
  std::string rewrite_diff = Compare(*expected, (*reader)->schema(), *reread, false);
  if (!rewrite_diff.empty()) outcome.failure += "written by us: " + rewrite_diff + "\n";
  return outcome;
}

/// One gold case per test.
class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, StreamAndFileMatchJson) {
  const GoldenCase& c = GetParam();
  CaseOutcome outcome = RunCase(c);
  EXPECT_EQ(outcome.failure, "") << c.dir << "/" << c.name;
  if (outcome.known_exception) {
    std::cout << "[ known exception ] " << c.dir << "/" << c.name << ": "
              << KnownExceptions().at(c.name) << "\n";
  }
}

INSTANTIATE_TEST_SUITE_P(Integration, GoldenTest, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) { return CaseLabel(info.param); });

TEST(GoldenSummary, CountsPassingCases) {
  std::vector<GoldenCase> cases = AllCases();
  ASSERT_GT(cases.size(), 0u) << "no golden files under " << GoldenRoot();
  int passed = 0;
  int exceptions = 0;
  for (const auto& c : cases) {
    CaseOutcome outcome = RunCase(c);
    if (!outcome.failure.empty()) continue;
    (outcome.known_exception ? exceptions : passed)++;
  }
  std::cout << "[ golden summary ] " << passed << " of " << cases.size() << " cases pass, "
            << exceptions << " known exceptions refused cleanly\n";
  EXPECT_EQ(static_cast<size_t>(passed + exceptions), cases.size());
}

}  // namespace
}  // namespace ballista::arrow::ipc
