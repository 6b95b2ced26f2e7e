#pragma once

// All array builders. ArrayBuilder and MakeBuilder live in builder_base.h; typed builders in
// builder_primitive.h (null, boolean, numeric/temporal, decimal, fixed-size binary),
// builder_binary.h (strings, binaries, views), builder_nested.h (lists, maps, structs) and
// builder_dict.h (dictionaries).

#include "ballista/arrow/builder_base.h"       // IWYU pragma: export
#include "ballista/arrow/builder_binary.h"     // IWYU pragma: export
#include "ballista/arrow/builder_dict.h"       // IWYU pragma: export
#include "ballista/arrow/builder_nested.h"     // IWYU pragma: export
#include "ballista/arrow/builder_primitive.h"  // IWYU pragma: export
