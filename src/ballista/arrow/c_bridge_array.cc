// Array halves of the C data interface bridge: zero-copy export of ArrayData and RecordBatch, and
// validated zero-copy import of foreign ArrowArray structures.

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "ballista/arrow/bit_util.h"
#include "ballista/arrow/c_bridge.h"
#include "ballista/arrow/c_bridge_internal.h"

namespace ballista::arrow {

namespace {

/// Buffers an ArrayData of this type has, or -1 for view types (two plus the variadic buffers).
int ExpectedBuffers(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull: return 0;
    case TypeId::kUtf8:
    case TypeId::kLargeUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeBinary: return 3;
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: return -1;
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kMap:
    case TypeId::kDictionary: return 2;
    case TypeId::kFixedSizeList:
    case TypeId::kStruct: return 1;
    default: return 2;  // every remaining id is fixed-width: validity + values
  }
}

/// Child arrays an array of this type has.
int ExpectedChildren(const DataType& type) {
  switch (type.id()) {
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kFixedSizeList:
    case TypeId::kMap: return 1;
    case TypeId::kStruct: return type.num_fields();
    default: return 0;
  }
}

/// The type the child array of a list-like or struct type has.
const DataTypePtr& ChildType(const DataType& type, int i) { return type.field(i)->type(); }

// ---- Export ----

/// Owns what an exported ArrowArray points to, and keeps the exported ArrayData (and so all of
/// its buffers) alive. Children and dictionary are released by the destructor, which serves both
/// the release callback and the clean-up of a failed export.
struct ExportedArray {
  std::shared_ptr<ArrayData> data;
  std::vector<const void*> buffers;
  std::vector<int64_t> variadic_sizes;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
  std::unique_ptr<ArrowArray> dictionary;

  ~ExportedArray() {
    for (ArrowArray& child : children) {
      if (child.release != nullptr) child.release(&child);
    }
    if (dictionary != nullptr && dictionary->release != nullptr)
      dictionary->release(dictionary.get());
  }
};

void ReleaseExportedArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  std::unique_ptr<ExportedArray> owned(static_cast<ExportedArray*>(array->private_data));
  owned.reset();
  array->private_data = nullptr;
  array->release = nullptr;
}

Status FillArray(const std::shared_ptr<ArrayData>& data, const std::string& path, ArrowArray* out) {
  if (data == nullptr) return Status::InvalidArgument(path + ": ArrayData is null");
  if (data->type == nullptr) return Status::InvalidArgument(path + ": ArrayData has no type");
  const DataType& type = *data->type;
  int expected_buffers = ExpectedBuffers(type);
  size_t n_buffers = data->buffers.size();
  bool is_view = expected_buffers < 0;
  if (type.id() == TypeId::kNull) {
    n_buffers = 0;  // the C interface gives the null type no buffers, whatever the producer kept
  } else if (is_view ? n_buffers < 2 : n_buffers != static_cast<size_t>(expected_buffers)) {
    return Status::InvalidArgument(path + ": " + type.ToString() + " array has " +
                                   std::to_string(n_buffers) + " buffers, expected " +
                                   (is_view ? "at least 2" : std::to_string(expected_buffers)));
  }
  if (data->child_data.size() != static_cast<size_t>(ExpectedChildren(type))) {
    return Status::InvalidArgument(path + ": " + type.ToString() + " array has " +
                                   std::to_string(data->child_data.size()) +
                                   " children, expected " + std::to_string(ExpectedChildren(type)));
  }
  if ((type.id() == TypeId::kDictionary) != (data->dictionary != nullptr)) {
    return Status::InvalidArgument(path + ": " + type.ToString() +
                                   (data->dictionary == nullptr
                                        ? " array lacks its dictionary"
                                        : " array must not have a dictionary"));
  }

  auto owned = std::make_unique<ExportedArray>();
  owned->data = data;
  owned->buffers.reserve(n_buffers + (is_view ? 1 : 0));
  for (size_t i = 0; i < n_buffers; ++i) {
    const auto& buffer = data->buffers[i];
    owned->buffers.push_back(buffer == nullptr ? nullptr : buffer->data());
  }
  if (is_view) {
    // The C interface appends the byte size of every variadic data buffer (they cannot be
    // derived from the views alone).
    for (size_t i = 2; i < n_buffers; ++i) {
      const auto& buffer = data->buffers[i];
      owned->variadic_sizes.push_back(buffer == nullptr ? 0 : buffer->size());
    }
    owned->buffers.push_back(owned->variadic_sizes.data());
  }
  size_t n_children = data->child_data.size();
  owned->children.resize(n_children);  // value-initialized: zeroed, i.e. released
  for (size_t i = 0; i < n_children; ++i) {
    RETURN_NOT_OK(FillArray(data->child_data[i], path + ".children[" + std::to_string(i) + "]",
                            &owned->children[i]));
  }
  owned->child_pointers.resize(n_children);
  for (size_t i = 0; i < n_children; ++i) owned->child_pointers[i] = &owned->children[i];
  if (data->dictionary != nullptr) {
    owned->dictionary = std::make_unique<ArrowArray>();
    std::memset(owned->dictionary.get(), 0, sizeof(ArrowArray));
    RETURN_NOT_OK(FillArray(data->dictionary, path + ".dictionary", owned->dictionary.get()));
  }

  out->length = data->length;
  out->null_count = type.id() == TypeId::kNull ? data->length : data->GetNullCount();
  out->offset = data->offset;
  out->n_buffers = static_cast<int64_t>(owned->buffers.size());
  out->n_children = static_cast<int64_t>(n_children);
  out->buffers = owned->buffers.empty() ? nullptr : owned->buffers.data();
  out->children = n_children == 0 ? nullptr : owned->child_pointers.data();
  out->dictionary = owned->dictionary.get();
  out->release = &ReleaseExportedArray;
  out->private_data = owned.release();
  return Status::OK();
}

// ---- Import ----

/// Owns the moved base ArrowArray of one import; every imported Buffer holds a reference, so the
/// producer's release callback runs when the last of them is gone.
struct ImportedArray {
  ArrowArray array;
  ~ImportedArray() {
    if (array.release != nullptr) array.release(&array);
  }
};

/// Stands in for absent buffers whose size is zero (and for the single zero offset of an empty
/// offsets buffer), so that imported arrays never expose a null data pointer where one is needed.
alignas(64) const uint8_t kZeroBytes[64] = {};

constexpr int kMaxImportDepth = 64;

/// Imports one level of a foreign array tree. Every Buffer shares `owner`.
class ArrayImporter {
 public:
  explicit ArrayImporter(std::shared_ptr<const void> owner) : owner_(std::move(owner)) {}

  Result<std::shared_ptr<ArrayData>> Import(const ArrowArray* c, const DataTypePtr& type,
                                            const std::string& path, int depth);

 private:
  Status CheckStructure(const ArrowArray* c, const DataType& type, const std::string& path,
                        int depth) const;

  /// Wraps buffer `i` of `c`, which must hold `size` bytes aligned to `alignment`.
  Result<std::shared_ptr<Buffer>> Wrap(const ArrowArray* c, int64_t i, int64_t size, int alignment,
                                       const std::string& path) const;

  /// Wraps an offsets buffer and reads the first and last offset of the array's window.
  template <typename Offset>
  Result<std::shared_ptr<Buffer>> WrapOffsets(const ArrowArray* c, int64_t i,
                                              const std::string& path, int64_t* first,
                                              int64_t* last) const;

  std::shared_ptr<const void> owner_;
};

Status ArrayImporter::CheckStructure(const ArrowArray* c, const DataType& type,
                                     const std::string& path, int depth) const {
  if (depth > kMaxImportDepth) {
    return Status::InvalidArgument(path + ": array nesting deeper than " +
                                   std::to_string(kMaxImportDepth) + " levels");
  }
  if (c == nullptr) return Status::InvalidArgument(path + ": ArrowArray pointer is null");
  if (c->release == nullptr) return Status::InvalidArgument(path + ": ArrowArray is released");
  if (c->length < 0 || c->offset < 0) {
    return Status::InvalidArgument(path + ": negative length " + std::to_string(c->length) +
                                   " or offset " + std::to_string(c->offset));
  }
  // Keeps every size computed below (at most 32 bytes per value, plus one) free of overflow.
  constexpr int64_t kMaxSlots = std::numeric_limits<int64_t>::max() / 64;
  if (c->length > kMaxSlots || c->offset > kMaxSlots - c->length) {
    return Status::InvalidArgument(path + ": length " + std::to_string(c->length) +
                                   " plus offset " + std::to_string(c->offset) + " is too large");
  }
  if (c->null_count < -1 || c->null_count > c->length) {
    return Status::InvalidArgument(path + ": null_count " + std::to_string(c->null_count) +
                                   " is outside [-1, length " + std::to_string(c->length) + "]");
  }
  int expected = ExpectedBuffers(type);
  bool buffers_ok = expected < 0 ? c->n_buffers >= 3 : c->n_buffers == expected;
  if (!buffers_ok) {
    return Status::InvalidArgument(
        path + ": " + type.ToString() + " array has n_buffers " + std::to_string(c->n_buffers) +
        ", expected " +
        (expected < 0 ? "at least 3 (validity, views, ..., sizes)" : std::to_string(expected)));
  }
  if (c->n_buffers > 0 && c->buffers == nullptr) {
    return Status::InvalidArgument(path + ": n_buffers is " + std::to_string(c->n_buffers) +
                                   " but buffers is null");
  }
  if (c->n_children != ExpectedChildren(type)) {
    return Status::InvalidArgument(path + ": " + type.ToString() + " array has n_children " +
                                   std::to_string(c->n_children) + ", expected " +
                                   std::to_string(ExpectedChildren(type)));
  }
  if (c->n_children > 0 && c->children == nullptr) {
    return Status::InvalidArgument(path + ": n_children is " + std::to_string(c->n_children) +
                                   " but children is null");
  }
  bool is_dictionary = type.id() == TypeId::kDictionary;
  if (is_dictionary && c->dictionary == nullptr) {
    return Status::InvalidArgument(path + ": dictionary-encoded array has a null dictionary");
  }
  if (!is_dictionary && c->dictionary != nullptr) {
    return Status::InvalidArgument(path + ": " + type.ToString() +
                                   " array must not have a dictionary");
  }
  return Status::OK();
}

Result<std::shared_ptr<Buffer>> ArrayImporter::Wrap(const ArrowArray* c, int64_t i, int64_t size,
                                                    int alignment, const std::string& path) const {
  const auto* ptr = static_cast<const uint8_t*>(c->buffers[i]);
  if (ptr == nullptr) {
    if (size > 0) {
      return Status::InvalidArgument(path + ": buffer " + std::to_string(i) + " is null but " +
                                     std::to_string(size) + " bytes are needed");
    }
    return std::make_shared<Buffer>(kZeroBytes, 0);
  }
  if (alignment > 1 && reinterpret_cast<uintptr_t>(ptr) % static_cast<uintptr_t>(alignment) != 0) {
    return Status::InvalidArgument(path + ": buffer " + std::to_string(i) + " is not aligned to " +
                                   std::to_string(alignment) + " bytes");
  }
  return std::make_shared<Buffer>(ptr, size, owner_);
}

template <typename Offset>
Result<std::shared_ptr<Buffer>> ArrayImporter::WrapOffsets(const ArrowArray* c, int64_t i,
                                                           const std::string& path, int64_t* first,
                                                           int64_t* last) const {
  int64_t slots = c->offset + c->length;
  if (c->buffers[i] == nullptr && slots == 0) {
    // An empty array may omit its offsets; stand in a single zero offset.
    *first = *last = 0;
    return std::make_shared<Buffer>(kZeroBytes, static_cast<int64_t>(sizeof(Offset)));
  }
  ASSIGN_OR_RAISE(auto buffer, Wrap(c, i, (slots + 1) * static_cast<int64_t>(sizeof(Offset)),
                                    sizeof(Offset), path));
  Offset lo;
  Offset hi;
  std::memcpy(&lo, buffer->data() + c->offset * static_cast<int64_t>(sizeof(Offset)),
              sizeof(Offset));
  std::memcpy(&hi, buffer->data() + slots * static_cast<int64_t>(sizeof(Offset)), sizeof(Offset));
  if (lo < 0 || hi < lo) {
    return Status::InvalidArgument(path + ": offsets run from " + std::to_string(lo) + " to " +
                                   std::to_string(hi) +
                                   " (must be non-negative and non-decreasing)");
  }
  *first = lo;
  *last = hi;
  return buffer;
}

Result<std::shared_ptr<ArrayData>> ArrayImporter::Import(const ArrowArray* c,
                                                         const DataTypePtr& type,
                                                         const std::string& path, int depth) {
  RETURN_NOT_OK(CheckStructure(c, *type, path, depth));
  int64_t slots = c->offset + c->length;
  auto data = std::make_shared<ArrayData>();
  data->type = type;
  data->length = c->length;
  data->offset = c->offset;
  if (type->id() == TypeId::kNull) {
    data->null_count.store(c->length);
    return data;
  }
  // Validity: a null bitmap means "no nulls", which must agree with null_count.
  std::shared_ptr<Buffer> validity;
  if (c->buffers[0] != nullptr) {
    ASSIGN_OR_RAISE(validity, Wrap(c, 0, bit_util::BytesForBits(slots), 1, path));
    data->null_count.store(c->null_count);
  } else if (c->null_count > 0) {
    return Status::InvalidArgument(path + ": null_count is " + std::to_string(c->null_count) +
                                   " but the validity buffer is null");
  } else {
    data->null_count.store(0);
  }
  data->buffers.push_back(std::move(validity));

  auto child_path = [&path](int64_t i) { return path + ".children[" + std::to_string(i) + "]"; };
  auto check_child_length = [&](const ArrayData& child, int64_t needed, int64_t i) -> Status {
    if (child.length >= needed) return Status::OK();
    return Status::InvalidArgument(child_path(i) + ": child has length " +
                                   std::to_string(child.length) + " but the parent needs " +
                                   std::to_string(needed) + " values");
  };

  switch (type->id()) {
    case TypeId::kUtf8:
    case TypeId::kBinary:
    case TypeId::kLargeUtf8:
    case TypeId::kLargeBinary: {
      bool large = type->id() == TypeId::kLargeUtf8 || type->id() == TypeId::kLargeBinary;
      int64_t first = 0;
      int64_t last = 0;
      std::shared_ptr<Buffer> offsets;
      if (large) {
        ASSIGN_OR_RAISE(offsets, WrapOffsets<int64_t>(c, 1, path, &first, &last));
      } else {
        ASSIGN_OR_RAISE(offsets, WrapOffsets<int32_t>(c, 1, path, &first, &last));
      }
      ASSIGN_OR_RAISE(auto values, Wrap(c, 2, last, 1, path));
      data->buffers.push_back(std::move(offsets));
      data->buffers.push_back(std::move(values));
      return data;
    }
    case TypeId::kUtf8View:
    case TypeId::kBinaryView: {
      ASSIGN_OR_RAISE(auto views, Wrap(c, 1, slots * 16, 4, path));
      data->buffers.push_back(std::move(views));
      int64_t n_variadic = c->n_buffers - 3;
      int64_t sizes_index = c->n_buffers - 1;
      ASSIGN_OR_RAISE(auto sizes, Wrap(c, sizes_index, n_variadic * 8, 8, path));
      for (int64_t i = 0; i < n_variadic; ++i) {
        int64_t size;
        std::memcpy(&size, sizes->data() + i * 8, sizeof(size));
        if (size < 0) {
          return Status::InvalidArgument(path + ": variadic buffer " + std::to_string(i) +
                                         " has negative size " + std::to_string(size));
        }
        ASSIGN_OR_RAISE(auto variadic, Wrap(c, 2 + i, size, 1, path));
        data->buffers.push_back(std::move(variadic));
      }
      return data;
    }
    case TypeId::kList:
    case TypeId::kLargeList:
    case TypeId::kMap: {
      int64_t first = 0;
      int64_t last = 0;
      std::shared_ptr<Buffer> offsets;
      if (type->id() == TypeId::kLargeList) {
        ASSIGN_OR_RAISE(offsets, WrapOffsets<int64_t>(c, 1, path, &first, &last));
      } else {
        ASSIGN_OR_RAISE(offsets, WrapOffsets<int32_t>(c, 1, path, &first, &last));
      }
      data->buffers.push_back(std::move(offsets));
      ASSIGN_OR_RAISE(auto child,
                      Import(c->children[0], ChildType(*type, 0), child_path(0), depth + 1));
      RETURN_NOT_OK(check_child_length(*child, last, 0));
      data->child_data.push_back(std::move(child));
      return data;
    }
    case TypeId::kFixedSizeList: {
      ASSIGN_OR_RAISE(auto child,
                      Import(c->children[0], ChildType(*type, 0), child_path(0), depth + 1));
      RETURN_NOT_OK(check_child_length(*child, slots * type->fixed_size(), 0));
      data->child_data.push_back(std::move(child));
      return data;
    }
    case TypeId::kStruct: {
      for (int i = 0; i < type->num_fields(); ++i) {
        ASSIGN_OR_RAISE(auto child,
                        Import(c->children[i], ChildType(*type, i), child_path(i), depth + 1));
        RETURN_NOT_OK(check_child_length(*child, slots, i));
        data->child_data.push_back(std::move(child));
      }
      return data;
    }
    case TypeId::kDictionary: {
      int width = type->index_type()->byte_width();
      ASSIGN_OR_RAISE(auto indices, Wrap(c, 1, slots * width, width, path));
      data->buffers.push_back(std::move(indices));
      ASSIGN_OR_RAISE(data->dictionary,
                      Import(c->dictionary, type->value_type(), path + ".dictionary", depth + 1));
      return data;
    }
    default: {
      // Fixed-width values. Wider than 8 bytes needs only 8-byte alignment (what malloc gives).
      int64_t size =
          type->id() == TypeId::kBool ? bit_util::BytesForBits(slots) : slots * type->byte_width();
      int alignment = type->id() == TypeId::kBool ? 1 : std::min(type->byte_width(), 8);
      if (type->id() == TypeId::kFixedSizeBinary) alignment = 1;
      ASSIGN_OR_RAISE(auto values, Wrap(c, 1, size, std::max(alignment, 1), path));
      data->buffers.push_back(std::move(values));
      return data;
    }
  }
}

/// Moves `source` into a shared owner (marking it released) for the duration of an import.
std::shared_ptr<ImportedArray> TakeArray(ArrowArray* source) {
  auto owner = std::make_shared<ImportedArray>();
  owner->array = *source;
  source->release = nullptr;
  return owner;
}

Status CheckArrayInput(const ArrowArray* array, std::string_view what) {
  if (array == nullptr)
    return Status::InvalidArgument(std::string(what) + ": ArrowArray pointer is null");
  if (array->release == nullptr) {
    return Status::InvalidArgument(std::string(what) + ": ArrowArray is already released");
  }
  return Status::OK();
}

/// Releases `array` unless it is null or released: imports consume their input on every path.
void Discard(ArrowArray* array) {
  if (array != nullptr && array->release != nullptr) array->release(array);
}

}  // namespace

Status ExportArray(const std::shared_ptr<ArrayData>& data, ArrowArray* out,
                   ArrowSchema* out_schema) {
  if (out == nullptr) return Status::InvalidArgument("ExportArray: output ArrowArray is null");
  if (data == nullptr || data->type == nullptr) {
    return Status::InvalidArgument("ExportArray: array (or its type) is null");
  }
  ArrowSchema schema;
  std::memset(&schema, 0, sizeof(schema));
  if (out_schema != nullptr) RETURN_NOT_OK(ExportType(*data->type, &schema));
  ArrowArray array;
  std::memset(&array, 0, sizeof(array));
  Status st = FillArray(data, "array", &array);
  if (!st.ok()) {
    if (schema.release != nullptr) schema.release(&schema);
    return st;
  }
  *out = array;
  if (out_schema != nullptr) *out_schema = schema;
  return Status::OK();
}

Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out, ArrowSchema* out_schema) {
  if (out == nullptr)
    return Status::InvalidArgument("ExportRecordBatch: output ArrowArray is null");
  auto as_struct = ArrayData::Make(Struct(batch.schema()->fields()), batch.num_rows(), {nullptr},
                                   batch.columns(), /*null_count=*/0);
  ArrowSchema schema;
  std::memset(&schema, 0, sizeof(schema));
  if (out_schema != nullptr) RETURN_NOT_OK(ExportSchema(*batch.schema(), &schema));
  ArrowArray array;
  std::memset(&array, 0, sizeof(array));
  Status st = FillArray(as_struct, "record batch", &array);
  if (!st.ok()) {
    if (schema.release != nullptr) schema.release(&schema);
    return st;
  }
  *out = array;
  if (out_schema != nullptr) *out_schema = schema;
  return Status::OK();
}

Result<std::shared_ptr<ArrayData>> ImportArray(ArrowArray* array, const DataTypePtr& type) {
  RETURN_NOT_OK(CheckArrayInput(array, "ImportArray"));
  auto owner = TakeArray(array);
  if (type == nullptr) return Status::InvalidArgument("ImportArray: type is null");
  ArrayImporter importer(owner);
  return importer.Import(&owner->array, type, "array", 0);
}

Result<std::shared_ptr<ArrayData>> ImportArray(ArrowArray* array, ArrowSchema* schema) {
  auto type = ImportType(schema);
  if (!type.ok()) {
    Discard(array);
    return type.status();
  }
  return ImportArray(array, *type);
}

Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array, SchemaPtr schema) {
  RETURN_NOT_OK(CheckArrayInput(array, "ImportRecordBatch"));
  if (schema == nullptr) {
    Discard(array);
    return Status::InvalidArgument("ImportRecordBatch: schema is null");
  }
  ASSIGN_OR_RAISE(auto data, ImportArray(array, Struct(schema->fields())));
  if (data->GetNullCount() != 0) {
    return Status::InvalidArgument("ImportRecordBatch: the struct array has " +
                                   std::to_string(data->GetNullCount()) +
                                   " null rows; a record batch cannot have null rows");
  }
  std::vector<ArrayDataPtr> columns;
  columns.reserve(data->child_data.size());
  for (const auto& child : data->child_data) {
    // Struct children are addressed through the parent's offset; a column stands on its own.
    bool whole = data->offset == 0 && child->length == data->length;
    columns.push_back(whole ? child : child->Slice(data->offset, data->length));
  }
  auto made = RecordBatch::Make(std::move(schema), data->length, std::move(columns));
  if (!made.ok()) return made.status().WithContext("ImportRecordBatch");
  return made;
}

Result<std::shared_ptr<RecordBatch>> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema) {
  auto imported = ImportSchema(schema);
  if (!imported.ok()) {
    Discard(array);
    return imported.status();
  }
  return ImportRecordBatch(array, std::move(imported).MoveValueUnsafe());
}

}  // namespace ballista::arrow
