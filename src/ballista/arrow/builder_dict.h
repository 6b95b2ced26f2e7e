#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ballista/arrow/builder_base.h"

namespace ballista::arrow {

/// Builds a Dictionary array from plain values: each distinct value is stored once (found through
/// a hash map of its bytes) and every slot gets the index of its value, in the index type of the
/// dictionary type. Supports value types with a byte representation: integers, floats, decimals,
/// temporal types, fixed-size binary, and all string and binary layouts. Single-threaded.
class DictionaryBuilder final : public ArrayBuilder {
 public:
  /// Unsupported for value types without a byte representation (null, bool, nested, dictionary).
  static Result<std::unique_ptr<DictionaryBuilder>> Make(DataTypePtr type,
                                                         MemoryPool* pool = DefaultMemoryPool());

  /// A value of a string/binary value type (any layout) or a fixed-size binary of the right
  /// width; for other fixed-width value types, exactly byte-width little-endian bytes.
  Status Append(std::string_view value);
  /// A value of an integer-stored value type (integers, dates, times, timestamps, durations,
  /// year-month intervals); InvalidArgument when it does not fit the width.
  Status AppendInt(int64_t value);
  /// A value of a floating-point value type.
  Status AppendDouble(double value);
  /// Every slot of `values` (an array of the value type), nulls included.
  Status AppendArray(const ArrayData& values);
  /// A null index.
  Status AppendNull() override;
  Status AppendNulls(int64_t count) override;
  /// Index 0 pointing at the value type's empty value (added to the dictionary if needed).
  Status AppendEmptyValue() override;
  /// Reserves indices.
  Status Reserve(int64_t additional) override { return indices_.Reserve(additional); }
  /// Buffers [validity, indices] with the dictionary of distinct values in first-seen order;
  /// the memo is cleared too.
  Result<std::shared_ptr<ArrayData>> Finish() override;
  /// Drops indices and the memo.
  void Reset() override;

  /// Distinct values seen so far.
  int64_t dictionary_length() const { return static_cast<int64_t>(order_.size()); }

 private:
  enum class Layout { kFixed, kOffsets32, kOffsets64, kView };
  DictionaryBuilder(DataTypePtr type, Layout layout, int value_width, MemoryPool* pool);
  Status AppendKey(std::string_view key);
  Result<std::shared_ptr<ArrayData>> FinishDictionary();

  Layout layout_;
  int value_width_;  // kFixed only
  int64_t max_index_;
  TypedBufferBuilder<int64_t> indices_;
  std::unordered_map<std::string, int64_t> memo_;
  std::vector<const std::string*> order_;  // keys of memo_ (node addresses are stable)
};

}  // namespace ballista::arrow
