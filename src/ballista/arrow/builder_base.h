#pragma once

#include <memory>
#include <vector>

#include "ballista/arrow/array_data.h"
#include "ballista/arrow/buffer_builder.h"
#include "ballista/arrow/type.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"

namespace ballista::arrow {

/// Builds one array slot by slot. Typed subclasses add non-virtual Append methods for their
/// values (the hot path); the virtual methods here are what generic code (JSON readers, nested
/// builders, null filling) needs. Buffers come from the MemoryPool given at construction, which
/// must outlive the builder. Finish hands the array over and leaves the builder empty and
/// reusable. Single-threaded: one builder belongs to one thread at a time.
class ArrayBuilder {
 public:
  ArrayBuilder(DataTypePtr type, MemoryPool* pool)
      : type_(std::move(type)), pool_(pool), validity_(pool) {}
  /// Releases the buffers not yet finished.
  virtual ~ArrayBuilder() = default;
  ArrayBuilder(const ArrayBuilder&) = delete;
  ArrayBuilder& operator=(const ArrayBuilder&) = delete;

  const DataTypePtr& type() const { return type_; }
  MemoryPool* pool() const { return pool_; }
  /// Slots appended since construction or the last Finish.
  int64_t length() const { return length_; }
  int64_t null_count() const { return validity_.null_count(); }

  /// Appends one null slot (nested builders also give their children what the layout needs).
  virtual Status AppendNull() = 0;
  /// Appends `count` null slots.
  virtual Status AppendNulls(int64_t count);
  /// Appends one valid slot holding the type's empty value (0, "", an empty list, a struct of
  /// empty values). Used to fill child slots under a null parent.
  virtual Status AppendEmptyValue() = 0;
  /// Appends `count` empty values.
  virtual Status AppendEmptyValues(int64_t count);
  /// Makes room for `additional` more slots (of this builder, not of its children) so that the
  /// next appends do not reallocate.
  virtual Status Reserve(int64_t additional) { return Status::OK(); }
  /// The array built so far; the builder is then empty and can be reused. Errors (a struct
  /// child of the wrong length, too many dictionary values for the index type) leave the builder
  /// in an unspecified state that Reset clears.
  virtual Result<std::shared_ptr<ArrayData>> Finish() = 0;
  /// Drops everything appended.
  virtual void Reset();

  /// Child builders of nested types (list values, struct fields, map keys and items).
  int num_children() const { return static_cast<int>(children_.size()); }
  ArrayBuilder* child(int i) const { return children_[static_cast<size_t>(i)].get(); }

 protected:
  /// Takes the validity bitmap (null when there were no nulls) and resets the counters.
  Result<std::shared_ptr<Buffer>> FinishValidity() {
    length_ = 0;
    return validity_.Finish();
  }

  DataTypePtr type_;
  MemoryPool* pool_;
  int64_t length_ = 0;
  ValidityBuilder validity_;
  std::vector<std::unique_ptr<ArrayBuilder>> children_;
};

/// Builds a builder for any type in type.h, with child builders for nested types.
Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(DataTypePtr type,
                                                  MemoryPool* pool = DefaultMemoryPool());

}  // namespace ballista::arrow
