#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/type.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc {

/// Where the dictionary-encoded fields of a schema are and which dictionary values are current.
///
/// In the IPC format a dictionary-encoded field carries a numeric id; dictionaries travel in
/// their own messages and record batches hold only indices. Ids are met in a pre-order walk of
/// the schema. A dictionary's values may themselves contain dictionary-encoded fields (nested
/// dictionaries), and one id may be shared by several fields. This class keeps, per id, the
/// dictionary type, the ids nested in its values, and the latest values. Not thread-safe.
class DictionaryMemo {
 public:
  struct Entry {
    /// The Dictionary type (index + value type) of the field(s) using this id.
    DataTypePtr type;
    /// Ids of dictionary-encoded fields inside the value type, in pre-order; a dictionary batch
    /// for this id is decoded against them.
    std::vector<int64_t> nested_ids;
    /// Current values (type = value type), or null before the first dictionary batch.
    ArrayDataPtr values;
  };

  /// Builds the memo for `schema`, taking the id of each dictionary-encoded field, in pre-order,
  /// from `preorder_ids`. InvalidData when the count differs or when two fields share an id but
  /// not a value type (input read from a file).
  static Result<DictionaryMemo> Make(const Schema& schema, const std::vector<int64_t>& preorder_ids);

  /// Builds the memo for `schema` assigning ids 0, 1, 2, ... in pre-order (what writers do).
  static Result<DictionaryMemo> MakeSequential(const Schema& schema);

  /// Number of dictionary-encoded fields in `schema`, nested ones included (pre-order count).
  static int64_t CountDictionaryFields(const Schema& schema);

  /// Ids of the dictionary-encoded fields met while walking the record batch columns, in
  /// pre-order, not looking inside dictionary values.
  const std::vector<int64_t>& column_ids() const { return column_ids_; }

  /// The entry for `id`; InvalidData naming the id when the schema has no such field.
  Result<Entry*> Find(int64_t id);
  Result<const Entry*> Find(int64_t id) const;

  /// Number of distinct ids.
  int64_t num_ids() const { return static_cast<int64_t>(entries_.size()); }
  /// All entries keyed by id (ascending).
  const std::map<int64_t, Entry>& entries() const { return entries_; }

 private:
  Status Walk(const DataTypePtr& type, std::vector<int64_t>* context,
              const std::vector<int64_t>& preorder_ids, size_t* cursor, int depth);

  std::vector<int64_t> column_ids_;
  std::map<int64_t, Entry> entries_;
};

}  // namespace ballista::arrow::ipc
