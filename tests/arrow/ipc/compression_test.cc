// Body buffer codecs: round trips, the IPC length prefix, and refusal of lying lengths.

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "ballista/arrow/ipc/compression.h"

namespace ballista::arrow::ipc {
namespace {

std::string Sample(size_t size) {
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<char>("abcabcabd"[i % 9] + (i / 1000) % 3);
  return out;
}

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

/// Runs each codec test with LZ4_FRAME and ZSTD.
class CodecTest : public ::testing::TestWithParam<CompressionType> {};

TEST_P(CodecTest, RoundTripsManySizes) {
  for (size_t size : {size_t{1}, size_t{7}, size_t{64}, size_t{65536}, size_t{1} << 20}) {
    std::string input = Sample(size);
    auto compressed = Compress(GetParam(), Bytes(input), static_cast<int64_t>(input.size()));
    ASSERT_TRUE(compressed.ok()) << compressed.status();
    auto back = Decompress(GetParam(), (*compressed)->data(), (*compressed)->size(),
                           static_cast<int64_t>(input.size()));
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ((*back)->view(), input) << size;
  }
}

TEST_P(CodecTest, WrongDeclaredLengthIsInvalidData) {
  std::string input = Sample(10000);
  auto compressed = Compress(GetParam(), Bytes(input), static_cast<int64_t>(input.size()));
  ASSERT_TRUE(compressed.ok());
  auto shorter = Decompress(GetParam(), (*compressed)->data(), (*compressed)->size(), 9999);
  EXPECT_EQ(shorter.status().code(), StatusCode::kInvalidData) << shorter.status();
  auto longer = Decompress(GetParam(), (*compressed)->data(), (*compressed)->size(), 10001);
  EXPECT_EQ(longer.status().code(), StatusCode::kInvalidData) << longer.status();
  // A forged huge length must fail on the data, not on an allocation of that size.
  auto huge = Decompress(GetParam(), (*compressed)->data(), (*compressed)->size(), int64_t{1} << 50);
  EXPECT_EQ(huge.status().code(), StatusCode::kInvalidData) << huge.status();
}

TEST_P(CodecTest, GarbageAndTruncationAreInvalidData) {
  std::string input = Sample(5000);
  auto compressed = Compress(GetParam(), Bytes(input), static_cast<int64_t>(input.size()));
  ASSERT_TRUE(compressed.ok());
  for (int64_t cut = 0; cut < (*compressed)->size(); cut += 7) {
    auto back = Decompress(GetParam(), (*compressed)->data(), cut, 5000);
    EXPECT_EQ(back.status().code(), StatusCode::kInvalidData) << "cut " << cut;
  }
  std::mt19937 rng(7);
  std::string noise(300, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  auto back = Decompress(GetParam(), Bytes(noise), static_cast<int64_t>(noise.size()), 1000);
  EXPECT_EQ(back.status().code(), StatusCode::kInvalidData);
}

TEST_P(CodecTest, BodyBufferPrefix) {
  std::string input = Sample(4096);
  auto raw = Buffer::CopyOf(input);
  auto encoded = CompressBodyBuffer(GetParam(), 0, *raw, DefaultMemoryPool());
  ASSERT_TRUE(encoded.ok());
  int64_t prefix;
  std::memcpy(&prefix, (*encoded)->data(), 8);
  EXPECT_EQ(prefix, 4096);
  EXPECT_LT((*encoded)->size(), 4096);
  auto decoded = DecompressBodyBuffer(GetParam(), *encoded, DefaultMemoryPool());
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ((*decoded)->view(), input);

  // Incompressible bytes are stored raw behind a -1 prefix, and decode zero-copy.
  std::mt19937 rng(3);
  std::string noise(512, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  auto stored = CompressBodyBuffer(GetParam(), 0, *Buffer::CopyOf(noise), DefaultMemoryPool());
  ASSERT_TRUE(stored.ok());
  std::memcpy(&prefix, (*stored)->data(), 8);
  EXPECT_EQ(prefix, kUncompressedLengthMarker);
  auto raw_back = DecompressBodyBuffer(GetParam(), *stored, DefaultMemoryPool());
  ASSERT_TRUE(raw_back.ok());
  EXPECT_EQ((*raw_back)->view(), noise);
  EXPECT_EQ((*raw_back)->data(), (*stored)->data() + 8);

  // Empty stays empty; a buffer shorter than its prefix is refused.
  auto empty = CompressBodyBuffer(GetParam(), 0, *Buffer::CopyOf(""), DefaultMemoryPool());
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)->size(), 0);
  auto short_buffer = DecompressBodyBuffer(GetParam(), Buffer::CopyOf("abc"), DefaultMemoryPool());
  EXPECT_EQ(short_buffer.status().code(), StatusCode::kInvalidData);
}

INSTANTIATE_TEST_SUITE_P(Codecs, CodecTest, ::testing::Values(CompressionType::kLz4Frame, CompressionType::kZstd),
                         [](const ::testing::TestParamInfo<CompressionType>& info) {
                           return std::string(CompressionTypeName(info.param));
                         });

TEST(CompressionNames, ParseAndPrint) {
  EXPECT_EQ(*ParseCompressionType("LZ4"), CompressionType::kLz4Frame);
  EXPECT_EQ(*ParseCompressionType("lz4_frame"), CompressionType::kLz4Frame);
  EXPECT_EQ(*ParseCompressionType("zstd"), CompressionType::kZstd);
  EXPECT_EQ(*ParseCompressionType("none"), CompressionType::kNone);
  auto bad = ParseCompressionType("snappy");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("snappy"), std::string::npos);
  EXPECT_EQ(CompressionTypeName(CompressionType::kZstd), "zstd");
}

}  // namespace
}  // namespace ballista::arrow::ipc
