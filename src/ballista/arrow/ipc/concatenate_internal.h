#pragma once

#include "ballista/arrow/array_data.h"
#include "ballista/common/memory_pool.h"
#include "ballista/common/result.h"

namespace ballista::arrow::ipc::internal {

/// Appends `b` after `a` (same type) into new buffers: what a delta dictionary batch asks of the
/// reader. Views keep pointing into the variadic buffers of both inputs. Dictionary-encoded
/// children must share their dictionary. Thread-safe (pure).
Result<ArrayDataPtr> ConcatenateTwo(const ArrayData& a, const ArrayData& b, MemoryPool* pool);

}  // namespace ballista::arrow::ipc::internal
