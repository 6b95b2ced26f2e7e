#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "ballista/tpch/generate.h"
#include "ballista/tpch/generators.h"
#include "ballista/tpch/random.h"
#include "ballista/tpch/sources.h"
#include "ballista/tpch/text_pool.h"

// The generator against TPC-H dbgen 2.14's own output at SF 0.01
// (shared/testdata/tpch/sf0.01-dbgen): every table must be byte-identical, whole or split into
// partitions.

namespace ballista::tpch {
namespace {

namespace fs = std::filesystem;

const fs::path kReferenceDir = fs::path(BALLISTA_SHARED_DIR) / "testdata/tpch/sf0.01-dbgen";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

/// file name -> SHA-256 from the reference SHA256SUMS.
std::map<std::string, std::string> ReferenceSums() {
  std::map<std::string, std::string> sums;
  std::ifstream in(kReferenceDir / "SHA256SUMS");
  std::string hash, name;
  while (in >> hash >> name) sums[name] = hash;
  return sums;
}

/// Where two texts first differ, as "line N:\n  expected: ...\n  actual:   ...", to debug a
/// mismatch field by field.
std::string FirstDifference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string el, al;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, el));
    const bool more_a = static_cast<bool>(std::getline(a, al));
    if (!more_e && !more_a) return "no line differs";
    if (!more_e || !more_a || el != al) {
      return "line " + std::to_string(line) + ":\n  expected: " + (more_e ? el : "<end>") +
             "\n  actual:   " + (more_a ? al : "<end>");
    }
  }
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "tpch_generator_test_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

class GeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kReferenceDir / "SHA256SUMS")) GTEST_SKIP() << "no " << kReferenceDir;
  }

  /// Checks each table's bytes (from `read_table`) against the reference.
  template <typename ReadTable>
  void ExpectTablesMatchReference(ReadTable read_table) {
    const std::map<std::string, std::string> sums = ReferenceSums();
    ASSERT_EQ(sums.size(), 8u);
    for (Table table : kAllTables) {
      const std::string file = std::string(TableName(table)) + ".tbl";
      SCOPED_TRACE(file);
      const std::string actual = read_table(table);
      ASSERT_TRUE(sums.count(file));
      if (Sha256Hex(actual) != sums.at(file)) {
        ADD_FAILURE() << file << " differs from dbgen's; first difference at "
                      << FirstDifference(ReadFile(kReferenceDir / file), actual);
      }
    }
  }
};

TEST(RandomStreamTest, AdvanceMatchesStepping) {
  RandomStream stream(12345);
  for (int i = 0; i < 1000; ++i) stream.NextSeed();
  EXPECT_EQ(AdvanceSeed(12345, 1000), stream.seed());
  EXPECT_EQ(AdvanceSeed(12345, 0), 12345);
  // Every seed stays in [1, 2^31 - 2] and the period is 2^31 - 2.
  EXPECT_EQ(AdvanceSeed(1, kRandModulus - 1), 1);
}

TEST(RandomStreamTest, RowStreamSkipsToAnyRow) {
  RowStream sequential(42, 3);
  for (int row = 0; row < 10; ++row) {
    for (int draw = 0; draw < row % 4 && draw < 3; ++draw) sequential.NextSeed();
    sequential.FinishRow();
  }
  RowStream seeked(42, 3);
  seeked.SeekRow(10);
  EXPECT_EQ(seeked.seed(), sequential.seed());
  EXPECT_EQ(seeked.seed(), AdvanceSeed(42, 30));
}

TEST(TextPoolTest, ParallelGenerationEqualsSequential) {
  // The default pool is generated in parallel from hard-coded checkpoints; it must be the bytes
  // a sequential run makes.
  const TextPool sequential(kDefaultTextPoolSize, 1);
  EXPECT_TRUE(sequential.data() == TextPool::Default(4).data());
  EXPECT_EQ(sequential.data().substr(0, 30), "furiously special foxes haggle");
}

TEST(TextPoolTest, CheckpointsAreSentenceStarts) {
  constexpr int64_t kSize = 1 << 20;
  const TextPool pool(kSize, 1);
  const std::vector<TextPoolCheckpoint> checkpoints = ComputeTextPoolCheckpoints(kSize, 4);
  ASSERT_EQ(checkpoints.size(), 4u);
  for (int k = 0; k < 4; ++k) {
    EXPECT_GE(checkpoints[k].offset, k * kSize / 4);
    RandomStream stream(checkpoints[k].seed);
    char sentence[512];
    const int length = GenerateSentence(stream, sentence);
    EXPECT_EQ(pool.data().substr(checkpoints[k].offset, length),
              std::string_view(sentence, length));
  }
}

TEST(PartitionRowsTest, SplitsLikeDbgen) {
  // dbgen -C 3: two partitions of total / 3 rows, the last one with the remainder too.
  EXPECT_EQ(PartitionRows(25, 3, 0).begin, 0);
  EXPECT_EQ(PartitionRows(25, 3, 0).count, 8);
  EXPECT_EQ(PartitionRows(25, 3, 1).begin, 8);
  EXPECT_EQ(PartitionRows(25, 3, 2).begin, 16);
  EXPECT_EQ(PartitionRows(25, 3, 2).count, 9);
}

TEST(OrderGeneratorTest, KeysAreSparse) {
  EXPECT_EQ(OrderGenerator::OrderKey(0), 1);
  EXPECT_EQ(OrderGenerator::OrderKey(6), 7);
  EXPECT_EQ(OrderGenerator::OrderKey(7), 32);
  EXPECT_EQ(OrderGenerator::OrderKey(14), 39);
  EXPECT_EQ(OrderGenerator::OrderKey(15), 64);
}

TEST(OrderGeneratorTest, SeekEqualsSequentialGeneration) {
  Result<TpchScale> scale = TpchScale::Make(0.01);
  ASSERT_TRUE(scale.ok());
  const TextPool& pool = TextPool::Default();
  OrderGenerator sequential(*scale, pool);
  OrderRow row;
  for (int i = 0; i < 1234; ++i) sequential.Next(&row);
  OrderGenerator seeked(*scale, pool);
  seeked.Seek(1234);
  OrderRow a, b;
  sequential.Next(&a);
  seeked.Next(&b);
  EXPECT_EQ(a.orderkey, b.orderkey);
  EXPECT_EQ(a.custkey, b.custkey);
  EXPECT_EQ(a.totalprice, b.totalprice);
  EXPECT_EQ(a.comment, b.comment);
  ASSERT_EQ(a.line_count, b.line_count);
  EXPECT_EQ(a.lines[a.line_count - 1].comment, b.lines[b.line_count - 1].comment);
}

TEST_F(GeneratorTest, Sf001MatchesDbgen) {
  TempDir dir;
  GenerateOptions options;
  options.scale_factor = 0.01;
  options.output_dir = dir.path().string();
  options.threads = 2;
  Result<GenerateSummary> summary = GenerateTables(options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->files.size(), 8u);
  ExpectTablesMatchReference(
      [&](Table table) { return ReadFile(TableFilePath(options, table, 0)); });
}

TEST_F(GeneratorTest, PartitionsConcatenateToDbgenOutput) {
  TempDir dir;
  GenerateOptions options;
  options.scale_factor = 0.01;
  options.output_dir = dir.path().string();
  options.partitions = 7;
  options.threads = 3;
  Result<GenerateSummary> summary = GenerateTables(options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->files.size(), 8u * 7);
  ExpectTablesMatchReference([&](Table table) {
    std::string all;
    for (int p = 0; p < options.partitions; ++p) all += ReadFile(TableFilePath(options, table, p));
    return all;
  });
}

TEST_F(GeneratorTest, TableSubsetAndCsv) {
  TempDir dir;
  GenerateOptions options;
  options.scale_factor = 0.01;
  options.output_dir = dir.path().string();
  options.format = FileFormat::kCsv;
  options.tables = {Table::kLineItem, Table::kNation};
  Result<GenerateSummary> summary = GenerateTables(options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->files.size(), 2u);
  EXPECT_FALSE(fs::exists(TableFilePath(options, Table::kOrders, 0)));
  const std::string nation = ReadFile(TableFilePath(options, Table::kNation, 0));
  EXPECT_EQ(nation.substr(0, nation.find('\n')), "n_nationkey,n_name,n_regionkey,n_comment");
  EXPECT_EQ(std::count(nation.begin(), nation.end(), '\n'), 26);
  // The reference's first nation, as CSV: the comment has no comma, so it is not quoted.
  EXPECT_NE(nation.find("\n0,ALGERIA,0, haggle. carefully final deposits detect slyly agai\n"),
            std::string::npos);
  const std::string lineitem = ReadFile(TableFilePath(options, Table::kLineItem, 0));
  const std::string reference = ReadFile(kReferenceDir / "lineitem.tbl");
  EXPECT_EQ(std::count(lineitem.begin(), lineitem.end(), '\n'),
            std::count(reference.begin(), reference.end(), '\n') + 1);
}

TEST(GenerateTablesTest, RejectsBadOptions) {
  GenerateOptions options;
  options.output_dir = "/tmp/unused";
  options.scale_factor = 0;
  EXPECT_EQ(GenerateTables(options).status().code(), StatusCode::kInvalidArgument);
  options.scale_factor = 1;
  options.partitions = 0;
  EXPECT_EQ(GenerateTables(options).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseTableName("LineItem").ValueOrDie(), Table::kLineItem);
  EXPECT_FALSE(ParseTableName("lineitems").ok());
}

}  // namespace
}  // namespace ballista::tpch
