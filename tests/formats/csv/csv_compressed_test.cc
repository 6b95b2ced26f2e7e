#include <bzlib.h>
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include "csv_test_util.h"

namespace ballista::formats::csv {
namespace {

using testing::Rows;
using testing::TempDir;

std::string Gzip(const std::string& text) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, text.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string Bzip2(const std::string& text) {
  unsigned int size = static_cast<unsigned int>(text.size() * 1.02 + 700);
  std::string out(size, '\0');
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(text.data()),
                                     static_cast<unsigned int>(text.size()), 9, 0, 0),
            BZ_OK);
  out.resize(size);
  return out;
}

/// A CSV big enough to cross the decompressor's input chunks and the reader's blocks.
std::string BigCsv(int first, int count, bool header) {
  std::string text = header ? "n,s\n" : "";
  for (int i = first; i < first + count; ++i) {
    text += std::to_string(i) + ",\"row " + std::to_string(i * 7919 % 10007) + "\"\n";
  }
  return text;
}

void ExpectSameAsPlain(const std::string& path, const std::string& plain_text) {
  auto expected = ReadCsvBuffer(plain_text, {});
  ASSERT_TRUE(expected.ok());
  auto actual = ReadCsvFile(path, {});
  ASSERT_TRUE(actual.ok()) << actual.status().ToString();
  EXPECT_EQ(Rows(*actual), Rows(*expected)) << path;
}

TEST(CsvCompressedTest, GzipZstdBzip2ByExtension) {
  TempDir dir;
  std::string text = BigCsv(0, 120000, true);
  ExpectSameAsPlain(dir.Write("a.csv.gz", Gzip(text)), text);
  ExpectSameAsPlain(dir.Write("a.csv.zst", Zstd(text)), text);
  ExpectSameAsPlain(dir.Write("a.csv.bz2", Bzip2(text)), text);
}

TEST(CsvCompressedTest, ConcatenatedMembersAndFrames) {
  TempDir dir;
  std::string first = BigCsv(0, 30000, true);
  std::string second = BigCsv(30000, 30000, false);
  std::string text = first + second;
  ExpectSameAsPlain(dir.Write("c.csv.gz", Gzip(first) + Gzip(second)), text);
  ExpectSameAsPlain(dir.Write("c.csv.zst", Zstd(first) + Zstd(second)), text);
  ExpectSameAsPlain(dir.Write("c.csv.bz2", Bzip2(first) + Bzip2(second)), text);
}

TEST(CsvCompressedTest, ExplicitCompressionAndBuffers) {
  TempDir dir;
  std::string text = "a,b\n1,x\n2,y\n";
  CsvReadOptions options;
  options.compression = Compression::kZstd;
  auto batches = ReadCsvFile(dir.Write("noext", Zstd(text)), options);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  EXPECT_EQ(Rows(*batches), (std::vector<std::string>{"1|x", "2|y"}));
  std::string gz = Gzip(text);
  options.compression = Compression::kGzip;
  auto from_buffer = ReadCsvBuffer(gz, options);
  ASSERT_TRUE(from_buffer.ok());
  EXPECT_EQ(Rows(*from_buffer), (std::vector<std::string>{"1|x", "2|y"}));
}

TEST(CsvCompressedTest, CorruptAndTruncatedInputFailCleanly) {
  TempDir dir;
  std::string text = BigCsv(0, 2000, true);
  std::string gz = Gzip(text);
  std::string truncated = dir.Write("t.csv.gz", gz.substr(0, gz.size() / 2));
  auto result = ReadCsvFile(truncated, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), truncated + ": corrupt gzip data: truncated stream");
  std::string garbage = dir.Write("g.csv.zst", "definitely not zstd");
  auto zst = ReadCsvFile(garbage, {});
  ASSERT_FALSE(zst.ok());
  EXPECT_EQ(zst.status().code(), StatusCode::kInvalidData);
  std::string bz = Bzip2(text);
  std::string cut = dir.Write("t.csv.bz2", bz.substr(0, bz.size() - 10));
  auto bzr = ReadCsvFile(cut, {});
  ASSERT_FALSE(bzr.ok());
  EXPECT_EQ(bzr.status().code(), StatusCode::kInvalidData);
}

}  // namespace
}  // namespace ballista::formats::csv
