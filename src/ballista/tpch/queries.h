#pragma once

#include <string_view>

#include "ballista/common/result.h"

namespace ballista::tpch {

/// The text of TPC-H query `number` (1..22): bench/tpch/queries/q<N>.sql, compiled in. These are
/// the specification's queries with its query-validation parameters; Q15's view is a WITH query.
/// InvalidArgument for a number outside 1..22.
Result<std::string_view> TpchQuery(int number);

}  // namespace ballista::tpch
