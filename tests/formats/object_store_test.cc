#include "ballista/formats/object_store/object_store.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace ballista::formats::object_store {
namespace {

/// A temporary directory tree, removed on destruction.
class Tree {
 public:
  Tree() {
    char pattern[] = "/tmp/ballista_object_store_test_XXXXXX";
    const char* made = mkdtemp(pattern);
    root_ = made ? made : "/tmp/ballista_object_store_test_failed";
  }
  ~Tree() { std::system(("rm -rf '" + root_ + "'").c_str()); }
  /// Creates `relative` (and its directories) holding `contents`.
  std::string Add(const std::string& relative, const std::string& contents = "x") {
    std::string path = root_ + "/" + relative;
    std::system(("mkdir -p '" + path.substr(0, path.rfind('/')) + "'").c_str());
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

std::vector<std::string> Relative(const Tree& t, const std::vector<FileInfo>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path.substr(t.root().size() + 1));
  return out;
}

TEST(GlobMatch, Wildcards) {
  EXPECT_TRUE(GlobMatch("data/*.parquet", "data/a.parquet"));
  EXPECT_FALSE(GlobMatch("data/*.parquet", "data/x/a.parquet"));  // * stays in one component
  EXPECT_TRUE(GlobMatch("data/**/*.parquet", "data/a.parquet"));  // ** may be empty
  EXPECT_TRUE(GlobMatch("data/**/*.parquet", "data/y=1/m=2/a.parquet"));
  EXPECT_TRUE(GlobMatch("data/**", "data/y=1/a.csv"));
  EXPECT_TRUE(GlobMatch("f?le[0-9].c[!x]v", "file7.csv"));
  EXPECT_FALSE(GlobMatch("f?le[0-9].c[!s]v", "file7.csv"));
  EXPECT_FALSE(GlobMatch("a?b", "a/b"));
  EXPECT_TRUE(GlobMatch("[ab", "[ab"));  // unterminated class is literal
  EXPECT_FALSE(GlobMatch("*.parquet", "a.parquet.tmp"));
}

TEST(ParsePartitionValues, KeyValueComponentsDecoded) {
  auto values = ParsePartitionValues("year=2024/plain/month=1/city=New%20York%2FNY");
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[0], (std::pair<std::string, std::string>{"year", "2024"}));
  EXPECT_EQ(values[1], (std::pair<std::string, std::string>{"month", "1"}));
  EXPECT_EQ(values[2], (std::pair<std::string, std::string>{"city", "New York/NY"}));
}

TEST(ListFiles, DirectoriesGlobsAndHivePartitions) {
  Tree t;
  t.Add("tbl/year=2023/month=12/a.parquet", "aaaa");
  t.Add("tbl/year=2024/month=1/b.parquet", "bb");
  t.Add("tbl/year=2024/month=1/c.csv");
  t.Add("tbl/year=2024/month=2/_SUCCESS");
  t.Add("tbl/.hidden/d.parquet");
  t.Add("tbl/top.parquet");
  auto all = ListFiles(t.root() + "/tbl");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(
      Relative(t, *all),
      (std::vector<std::string>{"tbl/top.parquet", "tbl/year=2023/month=12/a.parquet",
                                "tbl/year=2024/month=1/b.parquet", "tbl/year=2024/month=1/c.csv"}));
  auto parquet = ListFiles("file://" + t.root() + "/tbl/", ".PARQUET");
  ASSERT_TRUE(parquet.ok()) << parquet.status().ToString();
  ASSERT_EQ(parquet->size(), 3u);
  EXPECT_TRUE((*parquet)[0].partition_values.empty());
  EXPECT_EQ((*parquet)[1].size, 4);
  EXPECT_EQ((*parquet)[1].partition_values,
            (std::vector<std::pair<std::string, std::string>>{{"year", "2023"}, {"month", "12"}}));
  EXPECT_GT((*parquet)[1].mtime_ns, 0);
  auto glob = ListFiles(t.root() + "/tbl/year=2024/*/*.parquet");
  ASSERT_TRUE(glob.ok());
  ASSERT_EQ(glob->size(), 1u);
  // Partitions below the glob's fixed directory (tbl/year=2024).
  EXPECT_EQ((*glob)[0].partition_values,
            (std::vector<std::pair<std::string, std::string>>{{"month", "1"}}));
  auto deep = ListFiles(t.root() + "/tbl/**/*.parquet");
  ASSERT_TRUE(deep.ok());
  EXPECT_EQ(deep->size(), 3u);
  auto none = ListFiles(t.root() + "/tbl/*.json");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto single = ListFiles(t.root() + "/tbl/top.parquet");
  ASSERT_TRUE(single.ok());
  ASSERT_EQ(single->size(), 1u);
  EXPECT_EQ(single->at(0).size, 1);
  EXPECT_EQ(ListFiles(t.root() + "/missing").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ListFiles("s3://bucket/x").status().code(), StatusCode::kUnsupported);
}

TEST(LocalFileSystem, HeadAndRangedReads) {
  Tree t;
  std::string path = t.Add("f.bin", "0123456789");
  LocalFileSystem fs;
  auto info = fs.Head(path);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, 10);
  uint8_t buf[8] = {};
  auto n = fs.ReadRange(path, 3, 4, buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 4);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(buf), 4), "3456");
  n = fs.ReadRange(path, 8, 8, buf);  // short at end of file
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(fs.Head(t.root() + "/nope").status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs.ReadRange(path, -1, 2, buf).ok());
  EXPECT_EQ(fs.IsDirectory(t.root()).ValueOr(false), true);
}

}  // namespace
}  // namespace ballista::formats::object_store
