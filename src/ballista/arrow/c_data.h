#pragma once

// The Arrow C data interface and C stream interface ABI, written from the Arrow specification
// ("The Arrow C data interface", "The Arrow C stream interface"). The guards are the canonical
// ones so that a translation unit which also includes another project's copy of these
// definitions sees each struct exactly once. Do not add members: the layout is a frozen ABI.

#include <stdint.h>  // NOLINT(modernize-deprecated-headers): plain C types are part of the ABI

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

/// ArrowSchema.flags bit: the dictionary index order is meaningful.
#define ARROW_FLAG_DICTIONARY_ORDERED 1
/// ArrowSchema.flags bit: the field may hold nulls.
#define ARROW_FLAG_NULLABLE 2
/// ArrowSchema.flags bit: keys within each map value are sorted.
#define ARROW_FLAG_MAP_KEYS_SORTED 4

/// Describes a type (and, for fields, a name, nullability and metadata). `format` is mandatory;
/// nested types describe their children in `children`; a dictionary-encoded type has the index
/// format here and the value type in `dictionary`. Every pointed-to member is owned by the
/// producer and freed by `release`, which also releases children and dictionary and then sets
/// `release` to NULL (the "released" mark). Not thread-safe: one owner at a time.
struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

/// Describes the data of one array: `length` items starting `offset` items into `buffers`
/// (laid out per the columnar format), `null_count` (-1 when unknown), the children of nested
/// types and the values of a dictionary. Ownership rules are those of ArrowSchema: the consumer
/// calls `release` on the base structure only, once; the producer frees everything from it.
struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

/// A pull-style stream of arrays sharing one schema. `get_schema` and `get_next` return 0 or an
/// errno-style code (EINVAL, ENOMEM, EIO, ...); `get_next` marks `out` released at the end of the
/// stream. `get_last_error` describes the last failed call (valid until the next callback).
/// Results are released independently of the stream. Not thread-safe: calls must be serialized.
struct ArrowArrayStream {
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);
  void (*release)(struct ArrowArrayStream*);
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

#ifdef __cplusplus
}
#endif
