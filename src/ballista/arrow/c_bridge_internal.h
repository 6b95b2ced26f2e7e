#pragma once

// Pieces shared by the c_bridge*.cc files; not part of the public API.

#include <string_view>

#include "ballista/arrow/c_data.h"
#include "ballista/common/status.h"

namespace ballista::arrow::internal {

/// Takes over a consumer-side ArrowSchema: the source is moved (marked released without calling
/// its callback) and the copy is released when the guard goes out of scope. Single-threaded.
class SchemaGuard {
 public:
  /// `source` may be null (the guard then holds a released structure).
  explicit SchemaGuard(ArrowSchema* source);
  ~SchemaGuard();
  SchemaGuard(const SchemaGuard&) = delete;
  SchemaGuard& operator=(const SchemaGuard&) = delete;

  /// The moved structure, valid until the guard is destroyed.
  const ArrowSchema* get() const { return &schema_; }

 private:
  ArrowSchema schema_;
};

/// InvalidArgument naming `what` when `schema` is null or already released.
Status CheckSchemaInput(const ArrowSchema* schema, std::string_view what);

}  // namespace ballista::arrow::internal
