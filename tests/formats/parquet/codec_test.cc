#include "ballista/formats/codec.h"

#include <gtest/gtest.h>

#include <string>

namespace ballista::formats {
namespace {

std::string Sample() {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "row " + std::to_string(i % 37) + " of parquet data;";
  return text;
}

TEST(Codec, RoundTripsSnappyZstdGzip) {
  std::string input = Sample();
  for (auto codec : {CompressionCodec::kUncompressed, CompressionCodec::kSnappy,
                     CompressionCodec::kZstd, CompressionCodec::kGzip}) {
    auto compressed = Compress(codec, input);
    ASSERT_TRUE(compressed.ok()) << CodecName(codec);
    if (codec != CompressionCodec::kUncompressed) {
      EXPECT_LT(compressed->size(), input.size());
    }
    auto output = Decompress(codec, *compressed, static_cast<int64_t>(input.size()));
    ASSERT_TRUE(output.ok()) << CodecName(codec) << ": " << output.status().ToString();
    EXPECT_EQ((*output)->view(), input) << CodecName(codec);
  }
}

TEST(Codec, GzipAcceptsConcatenatedMembers) {
  std::string first = Sample();
  std::string second = "tail member";
  std::string both =
      *Compress(CompressionCodec::kGzip, first) + *Compress(CompressionCodec::kGzip, second);
  auto output =
      Decompress(CompressionCodec::kGzip, both, static_cast<int64_t>(first.size() + second.size()));
  ASSERT_TRUE(output.ok()) << output.status().ToString();
  EXPECT_EQ((*output)->view(), first + second);
}

TEST(Codec, ExpectedSizeBoundsOutput) {
  std::string input = Sample();
  for (auto codec : {CompressionCodec::kSnappy, CompressionCodec::kZstd, CompressionCodec::kGzip}) {
    std::string compressed = *Compress(codec, input);
    // Too small: the codec must stop rather than write past the buffer; too large: short output.
    EXPECT_FALSE(Decompress(codec, compressed, static_cast<int64_t>(input.size()) - 1).ok());
    EXPECT_FALSE(Decompress(codec, compressed, static_cast<int64_t>(input.size()) + 1).ok());
    // Corrupt bytes are an error, never a crash.
    std::string corrupt = compressed;
    for (size_t i = 0; i < corrupt.size(); i += 7)
      corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    auto result = Decompress(codec, corrupt, static_cast<int64_t>(input.size()));
    if (result.ok()) {
      EXPECT_EQ((*result)->size(), static_cast<int64_t>(input.size()));
    }
  }
  EXPECT_FALSE(Decompress(CompressionCodec::kLz4Raw, "garbage!", 100).ok());
  EXPECT_FALSE(Decompress(CompressionCodec::kLz4Hadoop, "garbage!", 100).ok());
  EXPECT_FALSE(Decompress(CompressionCodec::kBrotli, "garbage!", 100).ok());
  EXPECT_EQ(Decompress(CompressionCodec::kLzo, "x", 1).status().code(), StatusCode::kUnsupported);
  EXPECT_FALSE(Decompress(CompressionCodec::kZstd, "x", -1).ok());
}

}  // namespace
}  // namespace ballista::formats
