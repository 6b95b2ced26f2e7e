#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "ballista/arrow/c_bridge.h"
#include "ballista/arrow/record_batch_reader.h"
#include "c_bridge_test_util.h"

namespace ballista::arrow {
namespace {

using testing::Primitive;
using testing::Strings;
using testing::Texts;

SchemaPtr TestSchema() {
  return MakeSchema({MakeField("n", Int32()), MakeField("s", Utf8())}, {{"stream", "yes"}});
}

RecordBatchPtr TestBatch(int32_t first, std::vector<std::optional<std::string>> strings) {
  std::vector<std::optional<int32_t>> ints;
  for (size_t i = 0; i < strings.size(); ++i) ints.push_back(first + static_cast<int32_t>(i));
  return std::make_shared<RecordBatch>(
      TestSchema(), static_cast<int64_t>(strings.size()),
      std::vector<ArrayDataPtr>{Primitive<int32_t>(Int32(), ints), Strings(Utf8(), strings)});
}

/// Yields one batch, then fails: the error must travel through get_last_error.
class FailingReader final : public RecordBatchReader {
 public:
  SchemaPtr schema() const override { return TestSchema(); }
  Result<RecordBatchPtr> Next() override {
    if (calls_++ == 0) return TestBatch(1, {"ok"});
    return Status::IOError("disk on fire while reading part-0002.parquet");
  }

 private:
  int calls_ = 0;
};

TEST(CBridgeStream, RoundTripThroughTheCStream) {
  auto source =
      MakeVectorReader(TestSchema(), {TestBatch(1, {"a", std::nullopt}), TestBatch(10, {"b"})});
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchReader(source, &stream).ok());
  auto reader = ImportRecordBatchReader(&stream);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ(stream.release, nullptr);  // moved into the reader
  EXPECT_TRUE((*reader)->schema()->Equals(*TestSchema(), /*check_metadata=*/true));

  auto batches = (*reader)->ReadAll();
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  ASSERT_EQ(batches->size(), 2u);
  EXPECT_EQ(Texts(*(*batches)[0]->column_data(0)), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(Texts(*(*batches)[0]->column_data(1)), (std::vector<std::string>{"a", "NULL"}));
  EXPECT_EQ(Texts(*(*batches)[1]->column_data(1)), (std::vector<std::string>{"b"}));
  // The end stays the end.
  auto after = (*reader)->Next();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, nullptr);
}

TEST(CBridgeStream, RawCallbacksFollowTheSpecification) {
  auto source = MakeVectorReader(TestSchema(), {TestBatch(1, {"x"})});
  long uses = source.use_count();
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchReader(source, &stream).ok());
  EXPECT_GT(source.use_count(), uses);

  ArrowSchema schema;
  ASSERT_EQ(stream.get_schema(&stream, &schema), 0);
  EXPECT_STREQ(schema.format, "+s");
  EXPECT_EQ(schema.n_children, 2);
  schema.release(&schema);

  ArrowArray array;
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  ASSERT_NE(array.release, nullptr);
  EXPECT_EQ(array.length, 1);
  array.release(&array);

  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  EXPECT_EQ(array.release, nullptr);  // end of stream: a released array

  stream.release(&stream);
  EXPECT_EQ(stream.release, nullptr);
  EXPECT_EQ(source.use_count(), uses);  // the stream's reference is gone
}

TEST(CBridgeStream, ErrorMidStreamReachesGetLastError) {
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchReader(std::make_shared<FailingReader>(), &stream).ok());
  ArrowArray array;
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  array.release(&array);
  EXPECT_EQ(stream.get_next(&stream, &array), EIO);
  const char* message = stream.get_last_error(&stream);
  ASSERT_NE(message, nullptr);
  EXPECT_STREQ(message, "IO error: disk on fire while reading part-0002.parquet");
  stream.release(&stream);
}

TEST(CBridgeStream, ErrorMidStreamComesThroughTheImportedReader) {
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchReader(std::make_shared<FailingReader>(), &stream).ok());
  auto reader = ImportRecordBatchReader(&stream);
  ASSERT_TRUE(reader.ok());
  auto first = (*reader)->Next();
  ASSERT_TRUE(first.ok());
  ASSERT_NE(*first, nullptr);
  EXPECT_EQ(Texts(*(*first)->column_data(1)), (std::vector<std::string>{"ok"}));
  auto second = (*reader)->Next();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kIOError);
  EXPECT_NE(second.status().message().find("C stream get_next failed"), std::string::npos);
  EXPECT_NE(second.status().message().find("disk on fire while reading part-0002.parquet"),
            std::string::npos)
      << second.status().ToString();
}

/// A foreign stream written by hand whose get_schema fails with EINVAL.
struct BrokenStream {
  static int GetSchema(ArrowArrayStream*, ArrowSchema*) { return EINVAL; }
  static int GetNext(ArrowArrayStream*, ArrowArray*) { return EIO; }
  static const char* LastError(ArrowArrayStream*) { return "schema unavailable: table dropped"; }
  static void Release(ArrowArrayStream* s) {
    ++*static_cast<int*>(s->private_data);
    s->release = nullptr;
  }
};

TEST(CBridgeStream, ForeignStreamFailureAndRelease) {
  int releases = 0;
  ArrowArrayStream stream{&BrokenStream::GetSchema, &BrokenStream::GetNext,
                          &BrokenStream::LastError, &BrokenStream::Release, &releases};
  auto reader = ImportRecordBatchReader(&stream);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(reader.status().message().find("C stream get_schema failed"), std::string::npos);
  EXPECT_NE(reader.status().message().find("schema unavailable: table dropped"), std::string::npos);
  EXPECT_EQ(releases, 1);
  EXPECT_EQ(stream.release, nullptr);

  EXPECT_EQ(ImportRecordBatchReader(nullptr).status().code(), StatusCode::kInvalidArgument);
  auto released = ImportRecordBatchReader(&stream);
  ASSERT_FALSE(released.ok());
  EXPECT_NE(released.status().message().find("already released"), std::string::npos);
  EXPECT_EQ(ExportRecordBatchReader(nullptr, &stream).code(), StatusCode::kInvalidArgument);
}

TEST(CBridgeStream, BatchNotMatchingTheSchemaIsReportedWithItsNumber) {
  // The producer announces (n: int32, s: utf8) but its second batch has a different shape.
  auto other =
      std::make_shared<RecordBatch>(MakeSchema({MakeField("n", Int64())}), 1,
                                    std::vector<ArrayDataPtr>{Primitive<int64_t>(Int64(), {7})});
  auto source = MakeVectorReader(TestSchema(), {TestBatch(1, {"a"}), other});
  ArrowArrayStream stream;
  ASSERT_TRUE(ExportRecordBatchReader(source, &stream).ok());
  auto reader = ImportRecordBatchReader(&stream);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->Next().ok());
  auto bad = (*reader)->Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("C stream batch 1"), std::string::npos)
      << bad.status().ToString();
  EXPECT_NE(bad.status().message().find("n_children 1, expected 2"), std::string::npos)
      << bad.status().ToString();
}

}  // namespace
}  // namespace ballista::arrow
