#pragma once

#include <memory>
#include <vector>

#include "ballista/arrow/builder_base.h"
#include "ballista/arrow/type_traits.h"

namespace ballista::arrow {

/// Builds List/LargeList: Append starts a list, then its values go to value_builder(); the list
/// ends where the next one starts. Single-threaded.
template <TypeId kId>
class BaseListBuilder final : public ArrayBuilder {
 public:
  using offset_type = OffsetCTypeT<kId>;

  /// `type` is the list type; `value_builder` builds its item type.
  BaseListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                  MemoryPool* pool = DefaultMemoryPool());
  /// A list of nullable "item" of the value builder's type.
  explicit BaseListBuilder(std::unique_ptr<ArrayBuilder> value_builder,
                           MemoryPool* pool = DefaultMemoryPool());

  /// Starts a new list (valid or null); append its values to value_builder() afterwards.
  Status Append(bool is_valid = true);
  /// A null, empty list.
  Status AppendNull() override { return Append(false); }
  Status AppendNulls(int64_t count) override;
  /// An empty list.
  Status AppendEmptyValue() override { return Append(true); }
  Status AppendEmptyValues(int64_t count) override;
  /// Reserves offsets.
  Status Reserve(int64_t additional) override { return offsets_.Reserve(additional + 1); }
  /// Buffers [validity, offsets], child = the values built.
  Result<std::shared_ptr<ArrayData>> Finish() override;
  /// Drops offsets and values too.
  void Reset() override;

  ArrayBuilder* value_builder() const { return children_[0].get(); }

 private:
  Status AppendOffset();

  TypedBufferBuilder<offset_type> offsets_;
};

using ListBuilder = BaseListBuilder<TypeId::kList>;
using LargeListBuilder = BaseListBuilder<TypeId::kLargeList>;

/// Builds Map: Append starts a map, then append each entry's key to key_builder() and its value
/// to item_builder(). Keys must not be null. Single-threaded.
class MapBuilder final : public ArrayBuilder {
 public:
  /// `type` is the map type; the builders build its key and value types.
  MapBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> key_builder,
             std::unique_ptr<ArrayBuilder> item_builder, MemoryPool* pool = DefaultMemoryPool());

  /// Starts a new map (valid or null).
  Status Append(bool is_valid = true);
  /// A null, empty map.
  Status AppendNull() override { return Append(false); }
  Status AppendNulls(int64_t count) override;
  /// An empty map.
  Status AppendEmptyValue() override { return Append(true); }
  Status AppendEmptyValues(int64_t count) override;
  /// Reserves offsets.
  Status Reserve(int64_t additional) override { return offsets_.Reserve(additional + 1); }
  /// Buffers [validity, offsets], child = the entries struct. InvalidArgument when keys and
  /// items differ in number or a key is null.
  Result<std::shared_ptr<ArrayData>> Finish() override;
  /// Drops offsets, keys and items too.
  void Reset() override;

  ArrayBuilder* key_builder() const { return children_[0].get(); }
  ArrayBuilder* item_builder() const { return children_[1].get(); }

 private:
  TypedBufferBuilder<int32_t> offsets_;
};

/// Builds FixedSizeList: Append marks a list, then exactly list_size() values go to
/// value_builder(). A null list fills its child slots with empty values. Single-threaded.
class FixedSizeListBuilder final : public ArrayBuilder {
 public:
  /// `type` is the fixed-size list type; `value_builder` builds its item type.
  FixedSizeListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                       MemoryPool* pool = DefaultMemoryPool());

  int32_t list_size() const { return list_size_; }
  /// Marks one list whose values the caller appends to value_builder().
  Status Append();
  /// A null list (list_size() empty child values are appended for it).
  Status AppendNull() override;
  Status AppendNulls(int64_t count) override;
  /// A valid list of list_size() empty values.
  Status AppendEmptyValue() override;
  Status AppendEmptyValues(int64_t count) override;
  /// Buffers [validity], child = the values. InvalidArgument when the value count is not
  /// length() * list_size().
  Result<std::shared_ptr<ArrayData>> Finish() override;

  ArrayBuilder* value_builder() const { return children_[0].get(); }

 private:
  int32_t list_size_;
};

/// Builds Struct: Append marks a slot valid or null; the caller appends one value to every
/// field_builder(i) for it. AppendNull does both (empty values go to the fields).
/// Single-threaded.
class StructBuilder final : public ArrayBuilder {
 public:
  /// `type` is the struct type; one builder per field, in order.
  StructBuilder(DataTypePtr type, std::vector<std::unique_ptr<ArrayBuilder>> field_builders,
                MemoryPool* pool = DefaultMemoryPool());

  /// Marks one slot; the field values are appended by the caller.
  Status Append(bool is_valid = true);
  /// A null slot, with an empty value appended to every field.
  Status AppendNull() override;
  Status AppendNulls(int64_t count) override;
  /// A valid slot of empty field values.
  Status AppendEmptyValue() override;
  Status AppendEmptyValues(int64_t count) override;
  /// Buffers [validity], children = the fields. InvalidArgument when a field has a different
  /// number of values than the struct has slots.
  Result<std::shared_ptr<ArrayData>> Finish() override;

  int num_fields() const { return num_children(); }
  ArrayBuilder* field_builder(int i) const { return child(i); }
};

}  // namespace ballista::arrow
