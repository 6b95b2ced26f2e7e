#include "ballista/arrow/c_bridge.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ballista/arrow/array_from_json.h"
#include "c_bridge_test_util.h"

namespace ballista::arrow {
namespace {

using testing::Bools;
using testing::BufferOf;
using testing::ExpectSameValues;
using testing::ListOf;
using testing::Primitive;
using testing::Strings;
using testing::StructOf;
using testing::Texts;
using testing::Views;

// ---------------------------------------------------------------------------------------------
// Format strings and schema structures, checked against the strings of the specification.

std::string FormatOf(const DataTypePtr& type) {
  ArrowSchema schema;
  Status st = ExportType(*type, &schema);
  EXPECT_TRUE(st.ok()) << st.ToString();
  std::string format = schema.format;
  schema.release(&schema);
  return format;
}

TEST(CBridgeFormat, PrimitiveAndTemporalFormatStrings) {
  EXPECT_EQ(FormatOf(Null()), "n");
  EXPECT_EQ(FormatOf(Boolean()), "b");
  EXPECT_EQ(FormatOf(Int8()), "c");
  EXPECT_EQ(FormatOf(UInt8()), "C");
  EXPECT_EQ(FormatOf(Int16()), "s");
  EXPECT_EQ(FormatOf(UInt16()), "S");
  EXPECT_EQ(FormatOf(Int32()), "i");
  EXPECT_EQ(FormatOf(UInt32()), "I");
  EXPECT_EQ(FormatOf(Int64()), "l");
  EXPECT_EQ(FormatOf(UInt64()), "L");
  EXPECT_EQ(FormatOf(Float16()), "e");
  EXPECT_EQ(FormatOf(Float32()), "f");
  EXPECT_EQ(FormatOf(Float64()), "g");
  EXPECT_EQ(FormatOf(Decimal128(15, 2)), "d:15,2");
  EXPECT_EQ(FormatOf(Decimal32(7, 3)), "d:7,3,32");
  EXPECT_EQ(FormatOf(Decimal64(18, 0)), "d:18,0,64");
  EXPECT_EQ(FormatOf(Decimal256(60, 10)), "d:60,10,256");
  EXPECT_EQ(FormatOf(Utf8()), "u");
  EXPECT_EQ(FormatOf(LargeUtf8()), "U");
  EXPECT_EQ(FormatOf(Utf8View()), "vu");
  EXPECT_EQ(FormatOf(Binary()), "z");
  EXPECT_EQ(FormatOf(LargeBinary()), "Z");
  EXPECT_EQ(FormatOf(BinaryView()), "vz");
  EXPECT_EQ(FormatOf(FixedSizeBinary(42)), "w:42");
  EXPECT_EQ(FormatOf(Date32()), "tdD");
  EXPECT_EQ(FormatOf(Date64()), "tdm");
  EXPECT_EQ(FormatOf(Time32(TimeUnit::kSecond)), "tts");
  EXPECT_EQ(FormatOf(Time32(TimeUnit::kMilli)), "ttm");
  EXPECT_EQ(FormatOf(Time64(TimeUnit::kMicro)), "ttu");
  EXPECT_EQ(FormatOf(Time64(TimeUnit::kNano)), "ttn");
  EXPECT_EQ(FormatOf(Timestamp(TimeUnit::kMicro, "UTC")), "tsu:UTC");
  EXPECT_EQ(FormatOf(Timestamp(TimeUnit::kSecond)), "tss:");
  EXPECT_EQ(FormatOf(Timestamp(TimeUnit::kMilli, "+05:30")), "tsm:+05:30");
  EXPECT_EQ(FormatOf(Timestamp(TimeUnit::kNano, "Europe/Paris")), "tsn:Europe/Paris");
  EXPECT_EQ(FormatOf(Duration(TimeUnit::kSecond)), "tDs");
  EXPECT_EQ(FormatOf(Duration(TimeUnit::kMilli)), "tDm");
  EXPECT_EQ(FormatOf(Duration(TimeUnit::kMicro)), "tDu");
  EXPECT_EQ(FormatOf(Duration(TimeUnit::kNano)), "tDn");
  EXPECT_EQ(FormatOf(IntervalYearMonth()), "tiM");
  EXPECT_EQ(FormatOf(IntervalDayTime()), "tiD");
  EXPECT_EQ(FormatOf(IntervalMonthDayNano()), "tin");
  EXPECT_EQ(FormatOf(List(Int32())), "+l");
  EXPECT_EQ(FormatOf(LargeList(Int32())), "+L");
  EXPECT_EQ(FormatOf(FixedSizeList(Int32(), 123)), "+w:123");
  EXPECT_EQ(FormatOf(Struct({MakeField("a", Int32())})), "+s");
  EXPECT_EQ(FormatOf(Map(Utf8(), Float64())), "+m");
  EXPECT_EQ(FormatOf(Dictionary(Int16(), Decimal128(12, 5))), "s");
}

TEST(CBridgeFormat, MapExportsEntriesKeyAndValueChildren) {
  ArrowSchema schema;
  ASSERT_TRUE(ExportType(*Map(Utf8(), Float64(), /*keys_sorted=*/true), &schema).ok());
  EXPECT_STREQ(schema.format, "+m");
  EXPECT_EQ(schema.flags, ARROW_FLAG_NULLABLE | ARROW_FLAG_MAP_KEYS_SORTED);
  ASSERT_EQ(schema.n_children, 1);
  const ArrowSchema* entries = schema.children[0];
  EXPECT_STREQ(entries->name, "entries");
  EXPECT_STREQ(entries->format, "+s");
  EXPECT_EQ(entries->flags, 0);  // entries are never null
  ASSERT_EQ(entries->n_children, 2);
  EXPECT_STREQ(entries->children[0]->name, "key");
  EXPECT_STREQ(entries->children[0]->format, "u");
  EXPECT_EQ(entries->children[0]->flags, 0);
  EXPECT_STREQ(entries->children[1]->name, "value");
  EXPECT_STREQ(entries->children[1]->format, "g");
  EXPECT_EQ(entries->children[1]->flags, ARROW_FLAG_NULLABLE);
  EXPECT_EQ(schema.dictionary, nullptr);
  schema.release(&schema);
  EXPECT_EQ(schema.release, nullptr);
}

TEST(CBridgeFormat, DictionaryExportsIndexFormatAndValueSchema) {
  ArrowSchema schema;
  ASSERT_TRUE(
      ExportField(*MakeField("d", Dictionary(Int16(), Decimal128(12, 5), /*ordered=*/true), false),
                  &schema)
          .ok());
  EXPECT_STREQ(schema.format, "s");
  EXPECT_STREQ(schema.name, "d");
  EXPECT_EQ(schema.flags, ARROW_FLAG_DICTIONARY_ORDERED);  // not nullable, ordered
  ASSERT_NE(schema.dictionary, nullptr);
  EXPECT_STREQ(schema.dictionary->format, "d:12,5");
  EXPECT_EQ(schema.n_children, 0);
  schema.release(&schema);
}

TEST(CBridgeFormat, StructListAndMetadataEncoding) {
  auto list_field =
      MakeField("floats", List(MakeField("item", Float32(), false)), true, {{"key1", "value1"}});
  auto schema_in =
      MakeSchema({MakeField("ints", Int32(), false), list_field}, {{"origin", "test"}});
  ArrowSchema schema;
  ASSERT_TRUE(ExportSchema(*schema_in, &schema).ok());
  EXPECT_STREQ(schema.format, "+s");
  EXPECT_EQ(schema.flags, 0);
  ASSERT_EQ(schema.n_children, 2);
  EXPECT_STREQ(schema.children[0]->name, "ints");
  EXPECT_STREQ(schema.children[0]->format, "i");
  EXPECT_EQ(schema.children[0]->metadata, nullptr);  // absent metadata is NULL, not empty
  EXPECT_STREQ(schema.children[1]->format, "+l");
  EXPECT_STREQ(schema.children[1]->children[0]->format, "f");
  EXPECT_EQ(schema.children[1]->children[0]->flags, 0);
  // The specification's own example: [('key1', 'value1')] on a little-endian machine.
  const char kExpected[] = "\x01\x00\x00\x00\x04\x00\x00\x00key1\x06\x00\x00\x00value1";
  ASSERT_NE(schema.children[1]->metadata, nullptr);
  EXPECT_EQ(std::memcmp(schema.children[1]->metadata, kExpected, sizeof(kExpected) - 1), 0);
  const char kSchemaMetadata[] = "\x01\x00\x00\x00\x06\x00\x00\x00origin\x04\x00\x00\x00test";
  EXPECT_EQ(std::memcmp(schema.metadata, kSchemaMetadata, sizeof(kSchemaMetadata) - 1), 0);

  auto imported = ImportSchema(&schema);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(schema.release, nullptr);  // consumed
  EXPECT_TRUE((*imported)->Equals(*schema_in, /*check_metadata=*/true)) << (*imported)->ToString();
  EXPECT_EQ((*imported)->field(1)->metadata(), (KeyValueMetadata{{"key1", "value1"}}));
  EXPECT_EQ((*imported)->metadata(), (KeyValueMetadata{{"origin", "test"}}));
}

TEST(CBridgeFormat, EveryTypeRoundTrips) {
  std::vector<DataTypePtr> types = {
      Null(),
      Boolean(),
      Int8(),
      Int16(),
      Int32(),
      Int64(),
      UInt8(),
      UInt16(),
      UInt32(),
      UInt64(),
      Float16(),
      Float32(),
      Float64(),
      Decimal32(9, 2),
      Decimal64(18, -2),
      Decimal128(38, 10),
      Decimal256(76, 3),
      Utf8(),
      LargeUtf8(),
      Utf8View(),
      Binary(),
      LargeBinary(),
      BinaryView(),
      FixedSizeBinary(0),
      FixedSizeBinary(16),
      Date32(),
      Date64(),
      Time32(TimeUnit::kSecond),
      Time32(TimeUnit::kMilli),
      Time64(TimeUnit::kMicro),
      Time64(TimeUnit::kNano),
      Timestamp(TimeUnit::kSecond),
      Timestamp(TimeUnit::kNano, "America/New_York"),
      Duration(TimeUnit::kMicro),
      IntervalYearMonth(),
      IntervalDayTime(),
      IntervalMonthDayNano(),
      List(Int32()),
      LargeList(MakeField("element", Utf8(), false)),
      FixedSizeList(Float64(), 3),
      Struct({MakeField("a", Int8()),
              MakeField("b", List(Struct({MakeField("c", Date32(), false)})))}),
      Struct({}),
      Map(Utf8(), List(Int64())),
      Map(Int32(), Utf8(), true),
      Dictionary(Int32(), Utf8()),
      Dictionary(UInt8(), List(Utf8View()), true),
      List(Dictionary(Int64(), LargeBinary()))};
  for (const auto& type : types) {
    ArrowSchema schema;
    ASSERT_TRUE(ExportType(*type, &schema).ok()) << type->ToString();
    auto imported = ImportType(&schema);
    ASSERT_TRUE(imported.ok()) << type->ToString() << ": " << imported.status().ToString();
    EXPECT_TRUE((*imported)->Equals(*type))
        << type->ToString() << " came back as " << (*imported)->ToString();
    EXPECT_EQ(schema.release, nullptr);
  }
}

// ---------------------------------------------------------------------------------------------
// Schemas written by hand, as a foreign producer would, including invalid ones.

/// A one-level schema over static strings; counts its releases.
struct HandSchema {
  ArrowSchema schema;
  std::vector<ArrowSchema*> children;
  int releases = 0;

  explicit HandSchema(const char* format, const char* name = "",
                      int64_t flags = ARROW_FLAG_NULLABLE) {
    std::memset(&schema, 0, sizeof(schema));
    schema.format = format;
    schema.name = name;
    schema.flags = flags;
    schema.release = &Release;
    schema.private_data = this;
  }
  void AddChild(HandSchema* child) {
    children.push_back(&child->schema);
    schema.n_children = static_cast<int64_t>(children.size());
    schema.children = children.data();
  }
  static void Release(ArrowSchema* s) {
    ++static_cast<HandSchema*>(s->private_data)->releases;
    s->release = nullptr;
  }
};

TEST(CBridgeImportSchema, ForeignFormatsAndFlags) {
  {
    HandSchema s("d:10,2,128");
    auto type = ImportType(&s.schema);
    ASSERT_TRUE(type.ok()) << type.status().ToString();
    EXPECT_TRUE((*type)->Equals(*Decimal128(10, 2)));
    EXPECT_EQ(s.releases, 1);  // consumed: released exactly once
  }
  {
    HandSchema s("tsn:Europe/Paris", "when", 0);
    auto field = ImportField(&s.schema);
    ASSERT_TRUE(field.ok());
    EXPECT_EQ((*field)->name(), "when");
    EXPECT_FALSE((*field)->nullable());
    EXPECT_TRUE((*field)->type()->Equals(*Timestamp(TimeUnit::kNano, "Europe/Paris")));
    EXPECT_EQ(s.releases, 1);
  }
  {
    // Some producers leave the nullable flag on map entries and keys; the map is still valid.
    HandSchema map("+m");
    HandSchema entries("+s", "entries");
    HandSchema key("u", "key");
    HandSchema value("i", "value");
    entries.AddChild(&key);
    entries.AddChild(&value);
    map.AddChild(&entries);
    map.schema.flags |= ARROW_FLAG_MAP_KEYS_SORTED;
    auto type = ImportType(&map.schema);
    ASSERT_TRUE(type.ok()) << type.status().ToString();
    EXPECT_TRUE((*type)->Equals(*Map(Utf8(), Int32(), true))) << (*type)->ToString();
    EXPECT_EQ(map.releases, 1);
    EXPECT_EQ(key.releases, 0);  // children belong to the producer's base release
  }
}

void ExpectSchemaError(HandSchema* s, StatusCode code, const std::string& fragment) {
  auto type = ImportType(&s->schema);
  ASSERT_FALSE(type.ok()) << "format " << s->schema.format;
  EXPECT_EQ(type.status().code(), code) << type.status().ToString();
  EXPECT_NE(type.status().message().find(fragment), std::string::npos) << type.status().ToString();
  EXPECT_EQ(s->releases, 1) << "an import consumes its input even when it fails";
}

TEST(CBridgeImportSchema, InvalidFormatStringsAreRejected) {
  struct Case {
    const char* format;
    StatusCode code;
    const char* fragment;
  };
  const Case cases[] = {
      {"", StatusCode::kInvalidArgument, "unknown or malformed format string ''"},
      {"q", StatusCode::kInvalidArgument, "unknown or malformed format string 'q'"},
      {"ii", StatusCode::kInvalidArgument, "'ii'"},
      {"d:abc", StatusCode::kInvalidArgument, "malformed decimal format string 'd:abc'"},
      {"d:10", StatusCode::kInvalidArgument, "expected 'd:precision,scale[,bitwidth]'"},
      {"d:10,2,100", StatusCode::kInvalidArgument, "decimal bit width 100"},
      {"d:50,2", StatusCode::kInvalidArgument, "precision must be between 1 and 38"},
      {"w:", StatusCode::kInvalidArgument, "malformed width in format string 'w:'"},
      {"w:-3", StatusCode::kInvalidArgument, "malformed width"},
      {"tsx:UTC", StatusCode::kInvalidArgument, "unknown time unit 'x'"},
      {"tsu", StatusCode::kInvalidArgument, "lacks the ':'"},
      {"tts ", StatusCode::kInvalidArgument, "'tts '"},
      {"ttm", StatusCode::kOk, ""},
      {"+l", StatusCode::kInvalidArgument, "needs 1 child schema(s), got 0"},
      {"+w:x", StatusCode::kInvalidArgument, "needs 1 child"},
      {"+ud:0,1", StatusCode::kUnsupported, "union format string '+ud:0,1'"},
      {"+us:4,5", StatusCode::kUnsupported, "union"},
      {"+r", StatusCode::kUnsupported, "run-end encoded"},
      {"+vl", StatusCode::kUnsupported, "list-view format string '+vl'"},
  };
  for (const Case& c : cases) {
    HandSchema s(c.format);
    if (c.code == StatusCode::kOk) {
      EXPECT_TRUE(ImportType(&s.schema).ok());
      continue;
    }
    ExpectSchemaError(&s, c.code, c.fragment);
  }
}

TEST(CBridgeImportSchema, InvalidStructuresAreRejected) {
  EXPECT_EQ(ImportType(nullptr).status().code(), StatusCode::kInvalidArgument);
  {
    HandSchema s("i");
    s.schema.release = nullptr;
    auto type = ImportType(&s.schema);
    ASSERT_FALSE(type.ok());
    EXPECT_NE(type.status().message().find("already released"), std::string::npos);
  }
  {
    HandSchema s("i");
    s.schema.format = nullptr;
    ExpectSchemaError(&s, StatusCode::kInvalidArgument, "format is null");
  }
  {
    HandSchema s("+s");
    s.schema.n_children = 2;  // but children stays null
    ExpectSchemaError(&s, StatusCode::kInvalidArgument, "n_children is 2 but children is null");
  }
  {
    HandSchema s("+s");
    ArrowSchema* missing[1] = {nullptr};
    s.schema.n_children = 1;
    s.schema.children = missing;
    ExpectSchemaError(&s, StatusCode::kInvalidArgument,
                      "schema.children[0]: ArrowSchema pointer is null");
  }
  {
    HandSchema s("i");
    HandSchema child("i");
    s.AddChild(&child);
    ExpectSchemaError(&s, StatusCode::kInvalidArgument, "needs 0 child schema(s), got 1");
  }
  {
    HandSchema s("u");  // a dictionary index must be an integer
    HandSchema values("u");
    s.schema.dictionary = &values.schema;
    ExpectSchemaError(&s, StatusCode::kInvalidArgument, "dictionary index type must be an integer");
  }
  {
    HandSchema s("i");
    const char metadata[] = "\xff\xff\xff\xff";  // count -1
    s.schema.metadata = metadata;
    ExpectSchemaError(&s, StatusCode::kInvalidArgument, "negative entry count");
  }
  {
    HandSchema s("i");
    auto schema = ImportSchema(&s.schema);
    ASSERT_FALSE(schema.ok());
    EXPECT_NE(schema.status().message().find("format '+s'"), std::string::npos);
    EXPECT_EQ(s.releases, 1);
  }
  {
    // A self-referencing child must end in an error, not a stack overflow.
    HandSchema s("+l");
    HandSchema loop("+l");
    loop.AddChild(&loop);
    s.AddChild(&loop);
    auto type = ImportType(&s.schema);
    ASSERT_FALSE(type.ok());
    EXPECT_NE(type.status().message().find("nesting deeper than"), std::string::npos);
  }
}

// ---------------------------------------------------------------------------------------------
// Array round trips.

/// Exports `data` with its type and imports it back; both structures must end up released.
std::shared_ptr<ArrayData> RoundTrip(const std::shared_ptr<ArrayData>& data) {
  ArrowArray c_array;
  ArrowSchema c_schema;
  Status st = ExportArray(data, &c_array, &c_schema);
  EXPECT_TRUE(st.ok()) << st.ToString();
  if (!st.ok()) return nullptr;
  auto imported = ImportArray(&c_array, &c_schema);
  EXPECT_EQ(c_array.release, nullptr);
  EXPECT_EQ(c_schema.release, nullptr);
  EXPECT_TRUE(imported.ok()) << data->type->ToString() << ": " << imported.status().ToString();
  return imported.ok() ? *imported : nullptr;
}

struct DayTime {
  int32_t days;
  int32_t millis;
};
struct MonthDayNano {
  int32_t months;
  int32_t days;
  int64_t nanos;
};

std::shared_ptr<ArrayData> DictionaryOf(DataTypePtr type,
                                        const std::vector<std::optional<int16_t>>& indices,
                                        std::shared_ptr<ArrayData> dictionary) {
  auto data = Primitive<int16_t>(std::move(type), indices);
  data->dictionary = std::move(dictionary);
  return data;
}

TEST(CBridgeArray, EveryTypeRoundTripsZeroCopy) {
  using std::nullopt;
  auto ints = Primitive<int32_t>(Int32(), {1, 2, 3, nullopt, 5});
  auto entries_type = Map(Utf8(), Float64())->field(0)->type();
  auto entries =
      StructOf(entries_type, 3, {},
               {Strings(Utf8(), {"a", "b", "c"}), Primitive<double>(Float64(), {1.5, nullopt, 3})});
  std::vector<std::shared_ptr<ArrayData>> arrays = {
      ArrayData::Make(Null(), 3, {}, 3),
      Bools({true, nullopt, false}),
      Primitive<int8_t>(Int8(), {-128, nullopt, 127}),
      Primitive<int16_t>(Int16(), {-1, 2}),
      ints,
      Primitive<int64_t>(Int64(), {INT64_MIN, nullopt}),
      Primitive<uint8_t>(UInt8(), {255, 0}),
      Primitive<uint16_t>(UInt16(), {65535, nullopt}),
      Primitive<uint32_t>(UInt32(), {4000000000u}),
      Primitive<uint64_t>(UInt64(), {UINT64_MAX, nullopt}),
      Primitive<uint16_t>(Float16(), {0x3c00, nullopt, 0xc000}),
      Primitive<float>(Float32(), {1.5f, nullopt}),
      Primitive<double>(Float64(), {-0.25, nullopt, 1e300}),
      Primitive<int32_t>(Decimal32(9, 2), {1230, nullopt, -5}),
      Primitive<int64_t>(Decimal64(18, 3), {123456789012345, nullopt}),
      Primitive<__int128>(Decimal128(38, 2), {static_cast<__int128>(1) << 100, -1230, nullopt}),
      Primitive<Decimal256Value>(Decimal256(76, 2), {Decimal256Value::FromInt128(-12345), nullopt}),
      Strings(Utf8(), {"hello", nullopt, "", "wörld"}),
      Strings(LargeUtf8(), {"large", nullopt}),
      Strings(Binary(), {std::string("\x00\x01", 2), nullopt}),
      Strings(LargeBinary(), {"bin"}),
      Views(Utf8View(),
            {"short", "a string longer than twelve", nullopt, "another long string here", ""}),
      Views(BinaryView(), {"tiny", nullopt, "binary data longer than 12"}),
      ArrayData::Make(FixedSizeBinary(3), 2, {nullptr, Buffer::CopyOf("abcdef")}),
      Primitive<int32_t>(Date32(), {19753, nullopt}),
      Primitive<int64_t>(Date64(), {1706659200000LL}),
      Primitive<int32_t>(Time32(TimeUnit::kSecond), {45296}),
      Primitive<int32_t>(Time32(TimeUnit::kMilli), {45296500, nullopt}),
      Primitive<int64_t>(Time64(TimeUnit::kMicro), {45296000001LL}),
      Primitive<int64_t>(Time64(TimeUnit::kNano), {1}),
      Primitive<int64_t>(Timestamp(TimeUnit::kMicro, "UTC"), {1706704496500000LL, nullopt}),
      Primitive<int64_t>(Duration(TimeUnit::kMilli), {1500}),
      Primitive<int32_t>(IntervalYearMonth(), {14, nullopt}),
      Primitive<DayTime>(IntervalDayTime(), {DayTime{3, 1500}}),
      Primitive<MonthDayNano>(IntervalMonthDayNano(), {MonthDayNano{1, 2, 3000000000LL}, nullopt}),
      ListOf(List(Int32()), {0, 2, 2, 5}, {true, false, true}, ints),
      ListOf(LargeList(Utf8()), {0, 1, 3}, {}, Strings(Utf8(), {"x", "y", nullopt})),
      ArrayData::Make(FixedSizeList(Int32(), 2), 2, {testing::BitmapOf({true, false})},
                      {Primitive<int32_t>(Int32(), {1, 2, 3, 4})}),
      StructOf(Struct({MakeField("i", Int32()), MakeField("s", Utf8())}), 5,
               {true, true, false, true, true}, {ints, Strings(Utf8(), {"a", "b", "c", "d", "e"})}),
      ListOf(Map(Utf8(), Float64()), {0, 2, 3}, {true, true}, entries),
      DictionaryOf(Dictionary(Int16(), Utf8()), {1, 0, nullopt, 1}, Strings(Utf8(), {"lo", "hi"})),
  };
  for (const auto& data : arrays) {
    SCOPED_TRACE(data->type->ToString());
    auto back = RoundTrip(data);
    ASSERT_NE(back, nullptr);
    ExpectSameValues(*data, *back);
    // Zero-copy: the imported buffers are the exported memory itself.
    ASSERT_EQ(back->buffers.size(), data->buffers.size());
    for (size_t i = 0; i < data->buffers.size(); ++i) {
      if (data->buffers[i] != nullptr && data->buffers[i]->size() > 0) {
        EXPECT_EQ(back->buffers[i]->data(), data->buffers[i]->data()) << "buffer " << i;
      }
    }
  }
}

TEST(CBridgeArray, ImportedValuesReadAsWrittenByHand) {
  using std::nullopt;
  auto ints = Primitive<int32_t>(Int32(), {1, 2, 3, nullopt, 5});
  auto list = RoundTrip(ListOf(List(Int32()), {0, 2, 2, 5}, {true, false, true}, ints));
  EXPECT_EQ(Texts(*list), (std::vector<std::string>{"[1, 2]", "NULL", "[3, null, 5]"}));

  auto entries_type = Map(Utf8(), Float64())->field(0)->type();
  auto entries =
      StructOf(entries_type, 3, {},
               {Strings(Utf8(), {"a", "b", "c"}), Primitive<double>(Float64(), {1.5, nullopt, 3})});
  auto map = RoundTrip(ListOf(Map(Utf8(), Float64()), {0, 2, 3}, {true, true}, entries));
  EXPECT_EQ(Texts(*map), (std::vector<std::string>{"{a: 1.5, b: null}", "{c: 3.0}"}));

  auto views = RoundTrip(Views(Utf8View(), {"short", "a string longer than twelve", nullopt}));
  EXPECT_EQ(Texts(*views),
            (std::vector<std::string>{"short", "a string longer than twelve", "NULL"}));
  // Validity, views and the two variadic data buffers; the sizes buffer is not kept.
  EXPECT_EQ(views->buffers.size(), 4u);
  EXPECT_EQ(views->buffers[2]->size(), 0);
  EXPECT_EQ(views->buffers[3]->size(), 27);  // slot 1's long string

  auto dict = RoundTrip(
      DictionaryOf(Dictionary(Int16(), Utf8()), {1, 0, nullopt, 1}, Strings(Utf8(), {"lo", "hi"})));
  EXPECT_EQ(Texts(*dict), (std::vector<std::string>{"hi", "lo", "NULL", "hi"}));

  auto decimals = RoundTrip(Primitive<__int128>(Decimal128(15, 2), {1230, -5, nullopt}));
  EXPECT_EQ(Texts(*decimals), (std::vector<std::string>{"12.30", "-0.05", "NULL"}));

  auto timestamps =
      RoundTrip(Primitive<int64_t>(Timestamp(TimeUnit::kMicro, "UTC"), {1706704496500000LL}));
  EXPECT_EQ(Texts(*timestamps), (std::vector<std::string>{"2024-01-31T12:34:56.500Z"}));
}

TEST(CBridgeArray, DeeplyNestedArrayFromJsonRoundTrips) {
  auto type = List(Struct({MakeField("a", Int32()), MakeField("m", Map(Utf8(), List(Utf8View()))),
                           MakeField("d", Dictionary(Int8(), Utf8())),
                           MakeField("f", FixedSizeList(Decimal128(10, 2), 2))}));
  auto data = ArrayFromJson(type, R"([
    [{"a": 1, "m": [["k", ["a string longer than twelve", null]]], "d": "x", "f": ["1.25", null]}],
    null,
    [],
    [{"a": null, "m": null, "d": null, "f": null}, {"a": 3, "m": [], "d": "y", "f": ["0.01", "-2"]}]
  ])");
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  for (const auto& input : {*data, (*data)->Slice(1, 3)}) {
    auto back = RoundTrip(input);
    ASSERT_NE(back, nullptr);
    ExpectSameValues(*input, *back);
  }
  EXPECT_EQ(Texts(*RoundTrip((*data)->Slice(3, 1))),
            (std::vector<std::string>{
                "[{a: null, m: null, d: null, f: null}, {a: 3, m: {}, d: y, f: [0.01, -2.00]}]"}));
}

TEST(CBridgeArray, SlicedArraysKeepTheirOffset) {
  using std::nullopt;
  auto strings = Strings(Utf8(), {"a", "bb", nullopt, "dddd", "e"});
  auto sliced = strings->Slice(1, 3);
  auto back = RoundTrip(sliced);
  EXPECT_EQ(back->offset, 1);
  EXPECT_EQ(back->length, 3);
  EXPECT_EQ(back->GetNullCount(), 1);
  EXPECT_EQ(Texts(*back), (std::vector<std::string>{"bb", "NULL", "dddd"}));

  // A sliced struct: children are addressed through the parent's offset.
  auto ints = Primitive<int32_t>(Int32(), {10, 20, 30, 40});
  auto structs = StructOf(Struct({MakeField("v", Int32())}), 4, {true, false, true, true}, {ints});
  auto struct_back = RoundTrip(structs->Slice(2, 2));
  EXPECT_EQ(Texts(*struct_back), (std::vector<std::string>{"{v: 30}", "{v: 40}"}));

  // A sliced list whose first offset is not zero.
  auto list = ListOf(List(Int32()), {0, 1, 3, 4}, {}, ints);
  EXPECT_EQ(Texts(*RoundTrip(list->Slice(1, 2))), (std::vector<std::string>{"[20, 30]", "[40]"}));

  // Sliced views, dictionaries and booleans.
  auto views = Views(BinaryView(), {"0123456789abcdef", "x", "fedcba9876543210"});
  // Binary is shown as hex: "fedcba9876543210".
  EXPECT_EQ(Texts(*RoundTrip(views->Slice(2, 1))),
            (std::vector<std::string>{"66656463626139383736353433323130"}));
  auto bools = Bools({true, false, nullopt, true, true, false, true, false, false, true});
  EXPECT_EQ(Texts(*RoundTrip(bools->Slice(7, 3))),
            (std::vector<std::string>{"false", "false", "true"}));
}

void CountingArrayRelease(ArrowArray* array);
int g_array_releases = 0;
void (*g_inner_array_release)(ArrowArray*) = nullptr;
void CountingArrayRelease(ArrowArray* array) {
  ++g_array_releases;
  array->release = g_inner_array_release;
  g_inner_array_release(array);
}

TEST(CBridgeArray, ReleaseRunsExactlyOnceWhenTheLastImportedBufferDies) {
  auto data = Strings(Utf8(), {"x", "y"});
  long uses_before = data.use_count();
  ArrowArray c_array;
  ASSERT_TRUE(ExportArray(data, &c_array).ok());
  EXPECT_GT(data.use_count(), uses_before);  // private_data keeps the array alive
  g_array_releases = 0;
  g_inner_array_release = c_array.release;
  c_array.release = &CountingArrayRelease;

  auto imported = ImportArray(&c_array, Utf8());
  ASSERT_TRUE(imported.ok());
  EXPECT_EQ(c_array.release, nullptr);  // moved
  std::shared_ptr<Buffer> chars = (*imported)->buffers[2];
  imported = Result<std::shared_ptr<ArrayData>>(Status::Cancelled("drop"));
  EXPECT_EQ(g_array_releases, 0) << "one buffer is still referenced";
  EXPECT_EQ(chars->view(), "xy");
  chars.reset();
  EXPECT_EQ(g_array_releases, 1);
  EXPECT_EQ(data.use_count(), uses_before);  // the export's reference is gone
}

TEST(CBridgeArray, ExportedStructureReleasesChildrenAndDictionary) {
  auto dict = DictionaryOf(Dictionary(Int16(), Utf8()), {0}, Strings(Utf8(), {"v"}));
  auto values = dict->dictionary;
  long dict_uses = values.use_count();
  auto list = ListOf(List(Dictionary(Int16(), Utf8())), {0, 1}, {}, dict);
  ArrowArray c_array;
  ASSERT_TRUE(ExportArray(list, &c_array).ok());
  EXPECT_EQ(c_array.n_children, 1);
  EXPECT_EQ(c_array.n_buffers, 2);
  EXPECT_EQ(c_array.null_count, 0);
  ASSERT_NE(c_array.children[0]->dictionary, nullptr);
  EXPECT_EQ(c_array.children[0]->dictionary->n_buffers, 3);
  EXPECT_GT(values.use_count(), dict_uses);
  c_array.release(&c_array);
  EXPECT_EQ(c_array.release, nullptr);
  EXPECT_EQ(values.use_count(), dict_uses);
}

TEST(CBridgeArray, ViewExportAppendsVariadicSizes) {
  auto views = Views(Utf8View(), {"a string longer than twelve", "tiny", "second buffer string"});
  ArrowArray c_array;
  ASSERT_TRUE(ExportArray(views, &c_array).ok());
  ASSERT_EQ(c_array.n_buffers, 5);  // validity, views, 2 data buffers, sizes
  const auto* sizes = static_cast<const int64_t*>(c_array.buffers[4]);
  EXPECT_EQ(sizes[0], 47);  // slots 0 and 2 (27 + 20 bytes) share data buffer 0
  EXPECT_EQ(sizes[1], 0);
  c_array.release(&c_array);
}

TEST(CBridgeArray, ExportRejectsInconsistentArrayData) {
  ArrowArray c_array;
  std::memset(&c_array, 0, sizeof(c_array));
  auto missing_values = ArrayData::Make(Int32(), 2, {nullptr});
  Status st = ExportArray(missing_values, &c_array);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("int32 array has 1 buffers, expected 2"), std::string::npos)
      << st.ToString();
  EXPECT_EQ(c_array.release, nullptr);  // untouched on failure

  auto no_dictionary = Primitive<int16_t>(Dictionary(Int16(), Utf8()), {0});
  st = ExportArray(no_dictionary, &c_array);
  EXPECT_NE(st.message().find("lacks its dictionary"), std::string::npos) << st.ToString();

  auto bad_child = ListOf(List(Int32()), {0, 1}, {}, ArrayData::Make(Int32(), 1, {}));
  ArrowSchema c_schema;
  std::memset(&c_schema, 0, sizeof(c_schema));
  st = ExportArray(bad_child, &c_array, &c_schema);
  EXPECT_NE(st.message().find("array.children[0]"), std::string::npos) << st.ToString();
  EXPECT_EQ(c_schema.release, nullptr);  // the schema half is not leaked either
  EXPECT_EQ(ExportArray(nullptr, &c_array).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ExportArray(missing_values, nullptr).code(), StatusCode::kInvalidArgument);
}

TEST(CBridgeRecordBatch, RoundTripWithSchemaAndSlices) {
  using std::nullopt;
  auto schema = MakeSchema({MakeField("id", Int64(), false), MakeField("name", Utf8())},
                           {{"source", "unit"}});
  auto batch = std::make_shared<RecordBatch>(
      schema, 4,
      std::vector<ArrayDataPtr>{Primitive<int64_t>(Int64(), {1, 2, 3, 4}),
                                Strings(Utf8(), {"a", nullopt, "c", "d"})});
  for (const auto& input : {batch, batch->Slice(1, 2)}) {
    ArrowArray c_array;
    ArrowSchema c_schema;
    ASSERT_TRUE(ExportRecordBatch(*input, &c_array, &c_schema).ok());
    EXPECT_STREQ(c_schema.format, "+s");
    EXPECT_EQ(c_array.n_children, 2);
    EXPECT_EQ(c_array.null_count, 0);
    auto back = ImportRecordBatch(&c_array, &c_schema);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_TRUE((*back)->schema()->Equals(*schema, true));
    ASSERT_EQ((*back)->num_rows(), input->num_rows());
    for (int c = 0; c < 2; ++c) ExpectSameValues(*input->column_data(c), *(*back)->column_data(c));
  }
  EXPECT_EQ(Texts(*batch->Slice(1, 2)->column_data(1)), (std::vector<std::string>{"NULL", "c"}));
}

TEST(CBridgeRecordBatch, StructWithNullRowsIsNotABatch) {
  auto type = Struct({MakeField("v", Int32())});
  auto structs = StructOf(type, 2, {true, false}, {Primitive<int32_t>(Int32(), {1, 2})});
  ArrowArray c_array;
  ASSERT_TRUE(ExportArray(structs, &c_array).ok());
  auto batch = ImportRecordBatch(&c_array, MakeSchema(type->fields()));
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.status().message().find("1 null rows"), std::string::npos)
      << batch.status().ToString();
  EXPECT_EQ(c_array.release, nullptr);
}

}  // namespace
}  // namespace ballista::arrow
