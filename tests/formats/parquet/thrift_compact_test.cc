#include "ballista/formats/parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include <string>

#include "ballista/formats/parquet/file_metadata.h"

namespace ballista::formats::parquet {
namespace {

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out.push_back(static_cast<char>(v));
  return out;
}

TEST(ThriftCompact, VarintAndZigZag) {
  // 300 = 0b1_0010_1100 -> 0xAC 0x02; zigzag(-1) = 1, zigzag(1) = 2, zigzag(-64) = 127.
  std::string bytes = Bytes({0xAC, 0x02, 0x01, 0x02, 0x7F});
  ThriftReader r(bytes);
  EXPECT_EQ(*r.ReadVarint(), 300u);
  EXPECT_EQ(*r.ReadI32(), -1);
  EXPECT_EQ(*r.ReadI64(), 1);
  EXPECT_EQ(*r.ReadI32(), -64);
  EXPECT_FALSE(r.ReadVarint().ok());  // truncated
}

TEST(ThriftCompact, FieldHeadersWithDeltasAndLongForm) {
  // field 1 i32 (delta 1, type 5) value 7 (zigzag 14); field 3 bool true (delta 2, type 1);
  // field 300 binary via long form (type 8, then zigzag(300)=600 = 0xD8 0x04), "hi"; STOP.
  std::string bytes = Bytes({0x15, 0x0E, 0x21, 0x08, 0xD8, 0x04, 0x02, 'h', 'i', 0x00});
  ThriftReader r(bytes);
  ASSERT_TRUE(r.BeginStruct().ok());
  auto f1 = *r.ReadFieldHeader();
  EXPECT_EQ(f1.id, 1);
  EXPECT_EQ(f1.type, ThriftType::kI32);
  EXPECT_EQ(*r.ReadI32(), 7);
  auto f3 = *r.ReadFieldHeader();
  EXPECT_EQ(f3.id, 3);
  EXPECT_TRUE(f3.bool_value);
  auto f300 = *r.ReadFieldHeader();
  EXPECT_EQ(f300.id, 300);
  EXPECT_EQ(f300.type, ThriftType::kBinary);
  EXPECT_EQ(*r.ReadBinary(), "hi");
  EXPECT_EQ(r.ReadFieldHeader()->type, ThriftType::kStop);
  r.EndStruct();
  EXPECT_EQ(r.remaining(), 0);
}

TEST(ThriftCompact, SkipsEveryType) {
  // A struct holding: byte, i16, double, list<i32>[3], set<binary>[1], map<i32,bool>{1}, nested
  // struct with a bool; then STOP. Skip must land exactly at the end.
  std::string bytes = Bytes({0x13, 0x05,                                      // f1 byte 5
                             0x14, 0x04,                                      // f2 i16 2
                             0x17, 0,    0,    0,    0,    0, 0, 0xF0, 0x3F,  // f3 double 1.0
                             0x19, 0x35, 0x02, 0x04, 0x06,                    // f4 list<i32> of 3
                             0x1A, 0x18, 0x01, 'x',                           // f5 set<binary> of 1
                             0x1B, 0x01, 0x51, 0x02, 0x01,  // f6 map<i32,bool> {1: true}
                             0x1C, 0x11, 0x00,              // f7 struct { f1 bool true }
                             0x00});
  ThriftReader r(bytes);
  ASSERT_TRUE(r.Skip(ThriftType::kStruct).ok());
  EXPECT_EQ(r.remaining(), 0);
}

TEST(ThriftCompact, RejectsHostileInput) {
  // A list claiming 2^40 elements with 3 bytes left must fail without allocating.
  std::string huge_list = Bytes({0xF5, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 1, 2, 3});
  ThriftReader r1(huge_list);
  EXPECT_FALSE(r1.ReadListHeader().ok());
  // A binary longer than the input.
  std::string long_binary = Bytes({0x10, 'a'});
  ThriftReader r2(long_binary);
  EXPECT_FALSE(r2.ReadBinary().ok());
  // Deeply nested structs hit the depth cap rather than the stack.
  std::string deep(10000, static_cast<char>(0x1C));
  ThriftReader r3(deep);
  Status st = r3.Skip(ThriftType::kStruct);
  EXPECT_FALSE(st.ok());
}

TEST(ThriftCompact, ParsesPageHeader) {
  // PageHeader{type=DATA_PAGE(0), uncompressed=10, compressed=8,
  //            data_page_header{num_values=3, encoding=PLAIN, def=RLE, rep=RLE}}
  std::string bytes = Bytes({0x15, 0x00, 0x15, 0x14, 0x15, 0x10, 0x2C, 0x15, 0x06, 0x15, 0x00, 0x15,
                             0x06, 0x15, 0x06, 0x00, 0x00, 0xFF});
  int64_t size = 0;
  auto header = ParsePageHeader(bytes, &size);
  ASSERT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(size, static_cast<int64_t>(bytes.size()) - 1);
  EXPECT_EQ(header->type, PageType::kDataPage);
  EXPECT_EQ(header->uncompressed_page_size, 10);
  EXPECT_EQ(header->compressed_page_size, 8);
  ASSERT_TRUE(header->data_page_header.has_value());
  EXPECT_EQ(header->data_page_header->num_values, 3);
  EXPECT_EQ(header->data_page_header->encoding, Encoding::kPlain);
  EXPECT_EQ(header->data_page_header->definition_level_encoding, Encoding::kRle);
}

}  // namespace
}  // namespace ballista::formats::parquet
