// The consumer side against producers written by hand in plain C style: malloc'd buffers and
// structures, custom release callbacks that count their calls. Also every structural defect the
// importer must reject.

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ballista/arrow/c_bridge.h"
#include "c_bridge_test_util.h"

namespace ballista::arrow {
namespace {

using testing::Texts;

// ---- A C producer: struct<ints: int32, strs: utf8>, every piece malloc'd. ----

struct Counters {
  int base = 0;
  int children = 0;
};

void* Copy(const void* bytes, size_t size) {
  void* p = std::malloc(size);
  std::memcpy(p, bytes, size);
  return p;
}

void ReleaseMallocedArray(ArrowArray* array) {
  for (int64_t i = 0; i < array->n_children; ++i) {
    ArrowArray* child = array->children[i];
    if (child->release != nullptr) child->release(child);
    std::free(child);
  }
  std::free(array->children);
  for (int64_t i = 0; i < array->n_buffers; ++i) std::free(const_cast<void*>(array->buffers[i]));
  std::free(array->buffers);
  // private_data points at the test's counters: children and base count separately.
  auto* counters = static_cast<Counters*>(array->private_data);
  if (array->n_children > 0) {
    ++counters->base;
  } else {
    ++counters->children;
  }
  array->release = nullptr;
}

ArrowArray* MallocChild(Counters* counters, int64_t length, int64_t offset, int64_t null_count,
                        std::vector<const void*> buffers) {
  auto* child = static_cast<ArrowArray*>(std::malloc(sizeof(ArrowArray)));
  child->length = length;
  child->offset = offset;
  child->null_count = null_count;
  child->n_buffers = static_cast<int64_t>(buffers.size());
  child->n_children = 0;
  child->buffers = static_cast<const void**>(Copy(buffers.data(), buffers.size() * sizeof(void*)));
  child->children = nullptr;
  child->dictionary = nullptr;
  child->release = &ReleaseMallocedArray;
  child->private_data = counters;
  return child;
}

/// Rows: (20, "x"), (NULL, "yy"), (40, ""). The ints child starts one slot into its buffers.
void ProduceStruct(Counters* counters, ArrowArray* out, const int32_t** ints_data) {
  const int32_t ints[] = {10, 20, 30, 40};
  const uint8_t ints_valid = 0b1011;  // slot 2 (row 1) is null
  const int32_t offsets[] = {0, 1, 3, 3};
  const char chars[] = "xyy";
  ArrowArray* ints_child =
      MallocChild(counters, 3, 1, -1, {Copy(&ints_valid, 1), Copy(ints, sizeof(ints))});
  *ints_data = static_cast<const int32_t*>(ints_child->buffers[1]);
  ArrowArray* strs_child =
      MallocChild(counters, 3, 0, 0, {nullptr, Copy(offsets, sizeof(offsets)), Copy(chars, 3)});
  out->length = 3;
  out->offset = 0;
  out->null_count = 0;
  out->n_buffers = 1;
  out->n_children = 2;
  out->buffers = static_cast<const void**>(std::malloc(sizeof(void*)));
  out->buffers[0] = nullptr;
  out->children = static_cast<ArrowArray**>(std::malloc(2 * sizeof(ArrowArray*)));
  out->children[0] = ints_child;
  out->children[1] = strs_child;
  out->dictionary = nullptr;
  out->release = &ReleaseMallocedArray;
  out->private_data = counters;
}

void ReleaseMallocedSchema(ArrowSchema* schema) {
  for (int64_t i = 0; i < schema->n_children; ++i) {
    ArrowSchema* child = schema->children[i];
    if (child->release != nullptr) child->release(child);
    std::free(child);
  }
  std::free(schema->children);
  ++*static_cast<int*>(schema->private_data);
  schema->release = nullptr;
}

void ProduceSchema(int* releases, ArrowSchema* out) {
  auto make = [releases](const char* format, const char* name, int64_t flags) {
    auto* s = static_cast<ArrowSchema*>(std::malloc(sizeof(ArrowSchema)));
    *s = ArrowSchema{format,  name, nullptr, flags, 0, nullptr, nullptr, &ReleaseMallocedSchema,
                     releases};
    return s;
  };
  *out = ArrowSchema{"+s", "", nullptr, 0, 2, nullptr, nullptr, &ReleaseMallocedSchema, releases};
  out->children = static_cast<ArrowSchema**>(std::malloc(2 * sizeof(ArrowSchema*)));
  out->children[0] = make("i", "ints", ARROW_FLAG_NULLABLE);
  out->children[1] = make("u", "strs", 0);
}

TEST(CBridgeForeign, HandWrittenProducerIsImportedZeroCopyAndReleasedOnce) {
  Counters counters;
  int schema_releases = 0;
  ArrowArray c_array;
  ArrowSchema c_schema;
  const int32_t* ints_data = nullptr;
  ProduceStruct(&counters, &c_array, &ints_data);
  ProduceSchema(&schema_releases, &c_schema);

  auto batch = ImportRecordBatch(&c_array, &c_schema);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(schema_releases, 3);  // base + 2 children, once each, done with the schema already
  EXPECT_EQ((*batch)->schema()->ToString(), "ints: int32\nstrs: utf8 not null");
  EXPECT_EQ(Texts(*(*batch)->column_data(0)), (std::vector<std::string>{"20", "NULL", "40"}));
  EXPECT_EQ(Texts(*(*batch)->column_data(1)), (std::vector<std::string>{"x", "yy", ""}));
  EXPECT_EQ((*batch)->column_data(0)->GetNullCount(), 1);  // null_count -1 was computed
  EXPECT_EQ((*batch)->column_data(0)->buffers[1]->data_as<int32_t>(), ints_data);  // zero-copy

  ArrayDataPtr kept = (*batch)->column_data(1);
  batch = Result<std::shared_ptr<RecordBatch>>(Status::Cancelled("drop the batch"));
  EXPECT_EQ(counters.base, 0) << "a column still refers to the producer's memory";
  EXPECT_EQ(Texts(*kept), (std::vector<std::string>{"x", "yy", ""}));
  kept.reset();
  EXPECT_EQ(counters.base, 1);
  EXPECT_EQ(counters.children, 2);  // released by the producer's base callback, not by us
}

// ---- Structural defects. ----

/// A hand-filled ArrowArray that points at caller-owned memory and counts its releases.
struct FakeArray {
  ArrowArray array;
  std::vector<const void*> buffers;
  std::vector<ArrowArray*> children;
  int releases = 0;

  FakeArray(int64_t length, std::vector<const void*> bufs) : buffers(std::move(bufs)) {
    std::memset(&array, 0, sizeof(array));
    array.length = length;
    array.n_buffers = static_cast<int64_t>(buffers.size());
    array.buffers = buffers.data();
    array.release = &Release;
    array.private_data = this;
  }
  void AddChild(FakeArray* child) {
    children.push_back(&child->array);
    array.n_children = static_cast<int64_t>(children.size());
    array.children = children.data();
  }
  static void Release(ArrowArray* a) {
    ++static_cast<FakeArray*>(a->private_data)->releases;
    a->release = nullptr;
  }
};

void ExpectImportError(FakeArray* fake, const DataTypePtr& type, const std::string& fragment) {
  auto imported = ImportArray(&fake->array, type);
  ASSERT_FALSE(imported.ok()) << "expected an error mentioning: " << fragment;
  EXPECT_EQ(imported.status().code(), StatusCode::kInvalidArgument) << imported.status().ToString();
  EXPECT_NE(imported.status().message().find(fragment), std::string::npos)
      << imported.status().ToString();
  EXPECT_EQ(fake->releases, 1) << "a failed import still releases its input exactly once";
}

const int32_t kInts[] = {1, 2, 3, 4};
const int32_t kOffsets[] = {0, 2, 5};
const uint8_t kAllValid = 0xff;

TEST(CBridgeForeign, InvalidArraysAreRejectedWithClearMessages) {
  {
    FakeArray fake(2, {nullptr});
    ExpectImportError(&fake, Int32(), "int32 array has n_buffers 1, expected 2");
  }
  {
    FakeArray fake(2, {nullptr, kInts});
    FakeArray child(2, {nullptr, kInts});
    fake.AddChild(&child);
    ExpectImportError(&fake, Int32(), "int32 array has n_children 1, expected 0");
  }
  {
    FakeArray fake(2, {nullptr, kOffsets});
    ExpectImportError(&fake, List(Int32()), "n_children 0, expected 1");
  }
  {
    FakeArray fake(2, {nullptr, nullptr});
    ExpectImportError(&fake, Int32(), "array: buffer 1 is null but 8 bytes are needed");
  }
  {
    FakeArray fake(2, {nullptr, kInts});
    fake.array.null_count = 1;
    ExpectImportError(&fake, Int32(), "null_count is 1 but the validity buffer is null");
  }
  {
    FakeArray fake(-1, {nullptr, kInts});
    ExpectImportError(&fake, Int32(), "negative length -1");
  }
  {
    FakeArray fake(2, {nullptr, kInts});
    fake.array.null_count = 5;
    ExpectImportError(&fake, Int32(), "null_count 5 is outside [-1, length 2]");
  }
  {
    FakeArray fake(2, {nullptr, kInts});
    fake.array.n_buffers = 2;
    fake.array.buffers = nullptr;
    ExpectImportError(&fake, Int32(), "n_buffers is 2 but buffers is null");
  }
  {
    FakeArray fake(2, {nullptr, kInts});
    ExpectImportError(&fake, Dictionary(Int32(), Utf8()),
                      "dictionary-encoded array has a null dictionary");
  }
  {
    FakeArray fake(2, {nullptr, kInts});
    FakeArray values(1, {nullptr, kOffsets, "ab"});
    fake.array.dictionary = &values.array;
    ExpectImportError(&fake, Int32(), "int32 array must not have a dictionary");
  }
  {
    // Offsets that run backwards cannot size the data buffer.
    const int32_t backwards[] = {4, 5, 2};
    FakeArray fake(2, {nullptr, backwards, "hello"});
    ExpectImportError(&fake, Utf8(), "offsets run from 4 to 2");
  }
  {
    // A list whose last offset (5) reaches past its 4-value child.
    FakeArray fake(2, {nullptr, kOffsets});
    FakeArray child(4, {nullptr, kInts});
    fake.AddChild(&child);
    ExpectImportError(&fake, List(Int32()),
                      "array.children[0]: child has length 4 but the parent needs 5");
  }
  {
    FakeArray fake(1, {nullptr});
    FakeArray child(1, {nullptr, kInts});
    child.array.release = nullptr;  // moved away earlier
    fake.AddChild(&child);
    ExpectImportError(&fake, Struct({MakeField("a", Int32())}),
                      "array.children[0]: ArrowArray is released");
  }
  {
    // A view array without the trailing sizes buffer.
    alignas(8) uint8_t views[16] = {};
    FakeArray fake(1, {nullptr, views});
    ExpectImportError(&fake, Utf8View(), "n_buffers 2, expected at least 3");
  }
  {
    // A view array whose sizes buffer announces data that is missing.
    alignas(8) uint8_t views[16] = {};
    const int64_t sizes[] = {64};
    FakeArray fake(1, {nullptr, views, nullptr, sizes});
    ExpectImportError(&fake, Utf8View(), "buffer 2 is null but 64 bytes are needed");
  }
  {
    // An int32 buffer one byte off its natural alignment.
    alignas(8) static const uint8_t raw[16] = {};
    FakeArray fake(2, {nullptr, raw + 1});
    ExpectImportError(&fake, Int32(), "buffer 1 is not aligned to 4 bytes");
  }
  EXPECT_EQ(ImportArray(nullptr, Int32()).status().code(), StatusCode::kInvalidArgument);
}

TEST(CBridgeForeign, LenientWhereTheSpecificationAllows) {
  {
    // Empty arrays may leave their offsets and data null; a null bitmap means no nulls.
    FakeArray fake(0, {nullptr, nullptr, nullptr});
    auto imported = ImportArray(&fake.array, Utf8());
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    EXPECT_EQ((*imported)->length, 0);
    EXPECT_EQ(fake.releases, 1);
  }
  {
    // Null-count -1 with a validity bitmap: counted on demand.
    const uint8_t valid = 0b01;
    FakeArray fake(2, {&valid, kInts});
    fake.array.null_count = -1;
    auto imported = ImportArray(&fake.array, Int32());
    ASSERT_TRUE(imported.ok());
    EXPECT_EQ((*imported)->GetNullCount(), 1);
    EXPECT_EQ(Texts(**imported), (std::vector<std::string>{"1", "NULL"}));
  }
  {
    // The null type has no buffers at all.
    FakeArray fake(3, {});
    auto imported = ImportArray(&fake.array, Null());
    ASSERT_TRUE(imported.ok());
    EXPECT_EQ((*imported)->GetNullCount(), 3);
  }
  {
    // A validity bitmap with an offset: bits are read from offset + i.
    FakeArray fake(3, {&kAllValid, kInts});
    fake.array.offset = 1;
    auto imported = ImportArray(&fake.array, Int32());
    ASSERT_TRUE(imported.ok());
    EXPECT_EQ(Texts(**imported), (std::vector<std::string>{"2", "3", "4"}));
  }
}

TEST(CBridgeForeign, SchemaFailureStillReleasesTheArray) {
  FakeArray fake(2, {nullptr, kInts});
  ArrowSchema bad;
  std::memset(&bad, 0, sizeof(bad));
  bad.format = "+ud:1";
  int schema_releases = 0;
  bad.private_data = &schema_releases;
  bad.release = [](ArrowSchema* s) {
    ++*static_cast<int*>(s->private_data);
    s->release = nullptr;
  };
  auto imported = ImportArray(&fake.array, &bad);
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(fake.releases, 1);
  EXPECT_EQ(schema_releases, 1);
}

}  // namespace
}  // namespace ballista::arrow
