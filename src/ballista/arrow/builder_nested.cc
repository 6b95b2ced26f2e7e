#include "ballista/arrow/builder_nested.h"

#include <limits>

#include "ballista/common/logging.h"

namespace ballista::arrow {

// ---- List / LargeList ----

template <TypeId kId>
BaseListBuilder<kId>::BaseListBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> value_builder,
                                      MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), offsets_(pool) {
  BALLISTA_CHECK(type_->id() == kId && value_builder != nullptr);
  children_.push_back(std::move(value_builder));
}

template <TypeId kId>
BaseListBuilder<kId>::BaseListBuilder(std::unique_ptr<ArrayBuilder> value_builder, MemoryPool* pool)
    : ArrayBuilder(
          kId == TypeId::kList ? List(value_builder->type()) : LargeList(value_builder->type()),
          pool),
      offsets_(pool) {
  children_.push_back(std::move(value_builder));
}

template <TypeId kId>
Status BaseListBuilder<kId>::AppendOffset() {
  const int64_t position = value_builder()->length();
  if (position > std::numeric_limits<offset_type>::max()) {
    return Status::ResourcesExhausted(type_->ToString() + " builder: " + std::to_string(position) +
                                      " child values exceed the offset range; use a large list");
  }
  return offsets_.Append(static_cast<offset_type>(position));
}

template <TypeId kId>
Status BaseListBuilder<kId>::Append(bool is_valid) {
  RETURN_NOT_OK(AppendOffset());
  ++length_;
  return validity_.Append(is_valid);
}

template <TypeId kId>
Status BaseListBuilder<kId>::AppendNulls(int64_t count) {
  for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(Append(false));
  return Status::OK();
}

template <TypeId kId>
Status BaseListBuilder<kId>::AppendEmptyValues(int64_t count) {
  for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(Append(true));
  return Status::OK();
}

template <TypeId kId>
Result<std::shared_ptr<ArrayData>> BaseListBuilder<kId>::Finish() {
  RETURN_NOT_OK(AppendOffset());
  const int64_t length = length_;
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
  ASSIGN_OR_RAISE(auto values, value_builder()->Finish());
  return ArrayData::Make(type_, length, {std::move(validity), std::move(offsets)},
                         {std::move(values)}, nulls);
}

template <TypeId kId>
void BaseListBuilder<kId>::Reset() {
  ArrayBuilder::Reset();
  offsets_.Reset();
}

template class BaseListBuilder<TypeId::kList>;
template class BaseListBuilder<TypeId::kLargeList>;

// ---- Map ----

MapBuilder::MapBuilder(DataTypePtr type, std::unique_ptr<ArrayBuilder> key_builder,
                       std::unique_ptr<ArrayBuilder> item_builder, MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), offsets_(pool) {
  BALLISTA_CHECK(type_->id() == TypeId::kMap && key_builder != nullptr && item_builder != nullptr);
  children_.push_back(std::move(key_builder));
  children_.push_back(std::move(item_builder));
}

Status MapBuilder::Append(bool is_valid) {
  const int64_t position = key_builder()->length();
  if (position > std::numeric_limits<int32_t>::max()) {
    return Status::ResourcesExhausted("map builder: " + std::to_string(position) +
                                      " entries exceed the int32 offset range");
  }
  RETURN_NOT_OK(offsets_.Append(static_cast<int32_t>(position)));
  ++length_;
  return validity_.Append(is_valid);
}

Status MapBuilder::AppendNulls(int64_t count) {
  for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(Append(false));
  return Status::OK();
}

Status MapBuilder::AppendEmptyValues(int64_t count) {
  for (int64_t i = 0; i < count; ++i) RETURN_NOT_OK(Append(true));
  return Status::OK();
}

Result<std::shared_ptr<ArrayData>> MapBuilder::Finish() {
  const int64_t entries = key_builder()->length();
  if (item_builder()->length() != entries) {
    return Status::InvalidArgument("map builder: " + std::to_string(entries) + " keys but " +
                                   std::to_string(item_builder()->length()) + " values");
  }
  if (key_builder()->null_count() > 0) {
    return Status::InvalidArgument("map builder: " + std::to_string(key_builder()->null_count()) +
                                   " null keys; map keys must not be null");
  }
  if (entries > std::numeric_limits<int32_t>::max()) {
    return Status::ResourcesExhausted("map builder: " + std::to_string(entries) +
                                      " entries exceed the int32 offset range");
  }
  RETURN_NOT_OK(offsets_.Append(static_cast<int32_t>(entries)));
  const int64_t length = length_;
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ASSIGN_OR_RAISE(auto offsets, offsets_.Finish());
  ASSIGN_OR_RAISE(auto keys, key_builder()->Finish());
  ASSIGN_OR_RAISE(auto items, item_builder()->Finish());
  const DataTypePtr& entries_type = type_->field(0)->type();
  auto entries_data =
      ArrayData::Make(entries_type, entries, {nullptr}, {std::move(keys), std::move(items)}, 0);
  return ArrayData::Make(type_, length, {std::move(validity), std::move(offsets)},
                         {std::move(entries_data)}, nulls);
}

void MapBuilder::Reset() {
  ArrayBuilder::Reset();
  offsets_.Reset();
}

// ---- FixedSizeList ----

FixedSizeListBuilder::FixedSizeListBuilder(DataTypePtr type,
                                           std::unique_ptr<ArrayBuilder> value_builder,
                                           MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool), list_size_(type_->fixed_size()) {
  BALLISTA_CHECK(type_->id() == TypeId::kFixedSizeList && value_builder != nullptr);
  children_.push_back(std::move(value_builder));
}

Status FixedSizeListBuilder::Append() {
  ++length_;
  return validity_.AppendValid();
}

Status FixedSizeListBuilder::AppendNull() {
  RETURN_NOT_OK(value_builder()->AppendEmptyValues(list_size_));
  ++length_;
  return validity_.AppendNull();
}

Status FixedSizeListBuilder::AppendNulls(int64_t count) {
  RETURN_NOT_OK(value_builder()->AppendEmptyValues(count * list_size_));
  length_ += count;
  return validity_.AppendNulls(count);
}

Status FixedSizeListBuilder::AppendEmptyValue() {
  RETURN_NOT_OK(value_builder()->AppendEmptyValues(list_size_));
  ++length_;
  return validity_.AppendValid();
}

Status FixedSizeListBuilder::AppendEmptyValues(int64_t count) {
  RETURN_NOT_OK(value_builder()->AppendEmptyValues(count * list_size_));
  length_ += count;
  return validity_.AppendValid(count);
}

Result<std::shared_ptr<ArrayData>> FixedSizeListBuilder::Finish() {
  const int64_t expected = length_ * list_size_;
  if (value_builder()->length() != expected) {
    return Status::InvalidArgument(
        type_->ToString() + " builder: " + std::to_string(value_builder()->length()) +
        " values for " + std::to_string(length_) + " lists of " + std::to_string(list_size_) +
        " (expected " + std::to_string(expected) + ")");
  }
  const int64_t length = length_;
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  ASSIGN_OR_RAISE(auto values, value_builder()->Finish());
  return ArrayData::Make(type_, length, {std::move(validity)}, {std::move(values)}, nulls);
}

// ---- Struct ----

StructBuilder::StructBuilder(DataTypePtr type,
                             std::vector<std::unique_ptr<ArrayBuilder>> field_builders,
                             MemoryPool* pool)
    : ArrayBuilder(std::move(type), pool) {
  BALLISTA_CHECK(type_->id() == TypeId::kStruct &&
                 static_cast<int>(field_builders.size()) == type_->num_fields());
  children_ = std::move(field_builders);
}

Status StructBuilder::Append(bool is_valid) {
  ++length_;
  return validity_.Append(is_valid);
}

Status StructBuilder::AppendNull() {
  for (auto& field : children_) RETURN_NOT_OK(field->AppendEmptyValue());
  ++length_;
  return validity_.AppendNull();
}

Status StructBuilder::AppendNulls(int64_t count) {
  for (auto& field : children_) RETURN_NOT_OK(field->AppendEmptyValues(count));
  length_ += count;
  return validity_.AppendNulls(count);
}

Status StructBuilder::AppendEmptyValue() {
  for (auto& field : children_) RETURN_NOT_OK(field->AppendEmptyValue());
  ++length_;
  return validity_.AppendValid();
}

Status StructBuilder::AppendEmptyValues(int64_t count) {
  for (auto& field : children_) RETURN_NOT_OK(field->AppendEmptyValues(count));
  length_ += count;
  return validity_.AppendValid(count);
}

Result<std::shared_ptr<ArrayData>> StructBuilder::Finish() {
  for (int i = 0; i < num_children(); ++i) {
    if (child(i)->length() != length_) {
      return Status::InvalidArgument("struct builder: field \"" + type_->field(i)->name() +
                                     "\" has " + std::to_string(child(i)->length()) +
                                     " values but the struct has " + std::to_string(length_) +
                                     " slots");
    }
  }
  const int64_t length = length_;
  const int64_t nulls = validity_.null_count();
  ASSIGN_OR_RAISE(auto validity, FinishValidity());
  std::vector<std::shared_ptr<ArrayData>> fields;
  for (auto& field : children_) {
    ASSIGN_OR_RAISE(auto data, field->Finish());
    fields.push_back(std::move(data));
  }
  return ArrayData::Make(type_, length, {std::move(validity)}, std::move(fields), nulls);
}

}  // namespace ballista::arrow
