#include "ballista/arrow/ipc/dictionary_memo.h"

#include <string>

namespace ballista::arrow::ipc {

namespace {

/// Schemas are already depth-checked when read; this only protects hand-built ones.
constexpr int kMaxWalkDepth = 1024;

int64_t CountIn(const DataType& type, int depth) {
  if (depth > kMaxWalkDepth) return 0;
  int64_t count = 0;
  const DataType* walk = &type;
  if (type.id() == TypeId::kDictionary) {
    ++count;
    walk = type.value_type().get();
  }
  for (const auto& child : walk->fields()) count += CountIn(*child->type(), depth + 1);
  return count;
}

}  // namespace

int64_t DictionaryMemo::CountDictionaryFields(const Schema& schema) {
  int64_t count = 0;
  for (const auto& field : schema.fields()) count += CountIn(*field->type(), 0);
  return count;
}

Status DictionaryMemo::Walk(const DataTypePtr& type_ptr, std::vector<int64_t>* context,
                            const std::vector<int64_t>& preorder_ids, size_t* cursor, int depth) {
  const DataType& type = *type_ptr;
  if (depth > kMaxWalkDepth) {
    return Status::InvalidArgument("IPC: schema nesting deeper than " +
                                   std::to_string(kMaxWalkDepth) + " levels");
  }
  if (type.id() != TypeId::kDictionary) {
    for (const auto& child : type.fields()) {
      RETURN_NOT_OK(Walk(child->type(), context, preorder_ids, cursor, depth + 1));
    }
    return Status::OK();
  }
  if (*cursor >= preorder_ids.size()) {
    return Status::InvalidData("IPC: schema has more dictionary-encoded fields than dictionary ids");
  }
  int64_t id = preorder_ids[(*cursor)++];
  context->push_back(id);
  const DataType& value_type = *type.value_type();
  if (value_type.id() == TypeId::kDictionary) {
    return Status::Unsupported("IPC: a dictionary whose values are dictionary-encoded themselves (" +
                               type.ToString() + ") cannot be represented");
  }
  std::vector<int64_t> nested;
  for (const auto& child : value_type.fields()) {
    RETURN_NOT_OK(Walk(child->type(), &nested, preorder_ids, cursor, depth + 1));
  }
  auto found = entries_.find(id);
  if (found == entries_.end()) {
    entries_.emplace(id, Entry{type_ptr, std::move(nested), nullptr});
    return Status::OK();
  }
  // A shared id: every user must agree on what the dictionary holds.
  if (!found->second.type->value_type()->Equals(value_type) || found->second.nested_ids != nested) {
    return Status::InvalidData("IPC: dictionary id " + std::to_string(id) +
                               " is used by fields with different value types (" +
                               found->second.type->value_type()->ToString() + " and " +
                               value_type.ToString() + ")");
  }
  return Status::OK();
}

Result<DictionaryMemo> DictionaryMemo::Make(const Schema& schema,
                                            const std::vector<int64_t>& preorder_ids) {
  DictionaryMemo memo;
  size_t cursor = 0;
  for (const auto& field : schema.fields()) {
    RETURN_NOT_OK(memo.Walk(field->type(), &memo.column_ids_, preorder_ids, &cursor, 0));
  }
  if (cursor != preorder_ids.size()) {
    return Status::InvalidData("IPC: " + std::to_string(preorder_ids.size()) +
                               " dictionary ids given for " + std::to_string(cursor) +
                               " dictionary-encoded fields");
  }
  return memo;
}

Result<DictionaryMemo> DictionaryMemo::MakeSequential(const Schema& schema) {
  std::vector<int64_t> ids(static_cast<size_t>(CountDictionaryFields(schema)));
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int64_t>(i);
  return Make(schema, ids);
}

Result<DictionaryMemo::Entry*> DictionaryMemo::Find(int64_t id) {
  auto found = entries_.find(id);
  if (found == entries_.end()) {
    return Status::InvalidData("IPC: dictionary id " + std::to_string(id) +
                               " does not belong to any field of the schema");
  }
  return &found->second;
}

Result<const DictionaryMemo::Entry*> DictionaryMemo::Find(int64_t id) const {
  auto found = entries_.find(id);
  if (found == entries_.end()) {
    return Status::InvalidData("IPC: dictionary id " + std::to_string(id) +
                               " does not belong to any field of the schema");
  }
  return static_cast<const Entry*>(&found->second);
}

}  // namespace ballista::arrow::ipc
